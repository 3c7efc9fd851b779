"""Chess notation in the visitor's language: the piece letters of algebraic notation.

Owns: ``PieceLetters`` (the letters a language writes for king, queen, rook, bishop and knight
— English K Q R B N, German K D T L S, French R D T F C), ``localize_san`` (python-chess's
SAN with the visitor's letters, for the screen) and ``parse_move`` (a move typed in the
visitor's notation or in English SAN). Rules and SAN stay python-chess's; only the letters
change, at the edge. Files (PGN) keep English SAN.

Must not import: pygame or anything above ``game.content`` (it is part of the pure core).
"""

from __future__ import annotations

from dataclasses import dataclass

import chess

from game.content.strings import Strings

ENGLISH = "KQRBN"
"""King, queen, rook, bishop, knight: the order every language's letters are given in."""
CASTLING_ZEROS = str.maketrans("0", "O")


class NotationError(ValueError):
    """A language's piece letters are not five different capital letters."""


@dataclass(frozen=True)
class PieceLetters:
    """The five piece letters of one language, in the order of ``ENGLISH``."""

    letters: str = ENGLISH

    def __post_init__(self) -> None:
        letters = self.letters
        if (len(letters) != 5 or len(set(letters)) != 5
                or not all(c.isalpha() and c.isupper() for c in letters) or "O" in letters):
            raise NotationError(f"piece letters {letters!r}: give five different capital "
                                "letters (king, queen, rook, bishop, knight), none of them O")

    @classmethod
    def parse(cls, text: str) -> PieceLetters:
        """From a string table's ``"K D T L S"`` (spaces allowed).

        :raises NotationError: if it is not five different capital letters.
        """
        return cls("".join(text.split()))

    @property
    def is_english(self) -> bool:
        return self.letters == ENGLISH


def piece_letters(strings: Strings) -> PieceLetters:
    """The piece letters of the strings' current language (``board.notation.letters``).

    :raises NotationError: if the table's letters are not five different capitals.
    """
    return PieceLetters.parse(strings.get("board.notation.letters"))


def localize_san(san: str, letters: PieceLetters) -> str:
    """``san`` with the piece letters of ``letters`` (``Nf3`` → ``Sf3`` in German)."""
    if letters.is_english:
        return san
    return san.translate(str.maketrans(ENGLISH, letters.letters))


def parse_move(board: chess.Board, text: str, letters: PieceLetters) -> chess.Move:
    """The legal move ``text`` names, read in the visitor's notation first and then as English
    SAN (a French ``R`` is a king, an English one a rook: the visitor's language wins).
    Castling may be typed with zeros (``0-0``).

    :raises ValueError: if ``text`` names no legal move either way.
    """
    typed = text.strip().translate(CASTLING_ZEROS) if text.strip().startswith("0") \
        else text.strip()
    readings = [typed.translate(str.maketrans(letters.letters, ENGLISH))]
    if not letters.is_english:
        readings.append(typed)
    error: ValueError | None = None
    for reading in readings:
        try:
            return board.parse_san(reading)
        except ValueError as exc:
            error = error or exc
    assert error is not None
    raise error
