"""The opening book: any Polyglot ``.bin`` file, read with ``chess.polyglot``.

Owns: finding the book shipped with the game, opening the file named by ``BookFile``, and
picking a weighted move for a position.

Must not import: anything but ``chess`` and the standard library.
"""

from __future__ import annotations

import importlib.resources
import random
from pathlib import Path

import chess
import chess.polyglot

DEFAULT_BOOK = "<default>"
"""``BookFile`` value that stands for the book shipped with the game."""

SHIPPED_BOOK = "turk.bin"


def shipped_book_path() -> Path | None:
    """Where the game's own book lies on disk, or None if it is not installed."""
    try:
        resource = importlib.resources.files("game.assets") / "books" / SHIPPED_BOOK
    except ModuleNotFoundError:
        return None
    path = Path(str(resource))
    return path if path.is_file() else None


class Book:
    """An open Polyglot book that can be swapped for another file at any time."""

    def __init__(self, rng: random.Random | None = None) -> None:
        self._name: str | None = None
        self._reader: chess.polyglot.MemoryMappedReader | None = None
        self._rng = rng or random.Random()

    def open(self, name: str) -> str | None:
        """Use the book named ``name`` (a path, or ``<default>``); return a problem or None.

        Opening the same name again does nothing, so this is cheap to call before each move.
        A file that cannot be read leaves the engine without a book, not without a move.
        """
        if name == self._name:
            return None
        self.close()
        self._name = name
        path = shipped_book_path() if name == DEFAULT_BOOK else Path(name).expanduser()
        if path is None:
            return "the shipped book is not installed"
        try:
            self._reader = chess.polyglot.open_reader(path)
        except (OSError, ValueError) as error:
            return f"cannot open '{path}': {error.__class__.__name__}"
        return None

    def close(self) -> None:
        """Release the open file, if any."""
        if self._reader is not None:
            self._reader.close()
        self._reader = None
        self._name = None

    def pick(self, board: chess.Board) -> chess.Move | None:
        """A book move for ``board``, chosen by weight; None when the book has none."""
        if self._reader is None:
            return None
        try:
            entry = self._reader.weighted_choice(board, random=self._rng)
        except (IndexError, ValueError, OSError):
            return None
        return entry.move if entry.move in board.legal_moves else None
