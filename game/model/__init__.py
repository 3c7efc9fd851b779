"""The pure core of a game: positions, who made each move, endings, pacing, PGN.

Imports only ``chess`` and the standard library (checked by import-linter).
"""
