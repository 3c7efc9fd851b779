"""The reveal after a game: its plan and pacing, the facts of the game, and its pictures."""
