"""The reveal after a game: its plan and pacing, the facts of the game, and its pictures —
the building blocks the reveal's scenes use. Nothing here imports ``game.ui.scenes``."""
