"""The kiosk's attract loop: the Turk performs by itself until a visitor touches the screen."""
