"""The hidden operator's side of the game: the console inside the cabinet, and the kiosk's glue
between the play screen and the operator link."""
