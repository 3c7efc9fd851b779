"""Data files of the game (art, fonts, sounds, strings, books): no code lives here."""
