"""The screens and overlays of the game, one scene per module."""
