"""Chess notation in the visitor's language: shown with their piece letters, typed with them
(or in English), and checked in every string table."""

from __future__ import annotations

import chess
import pytest

from game.content.notation import (
    NotationError,
    PieceLetters,
    localize_san,
    parse_move,
    piece_letters,
)
from game.content.strings import Strings
from tests.content.conftest import ASSETS

GERMAN, FRENCH = PieceLetters("KDTLS"), PieceLetters("RDTFC")


@pytest.mark.parametrize(("san", "letters", "shown"), [
    ("Nf3", GERMAN, "Sf3"), ("Bxc6+", GERMAN, "Lxc6+"), ("Qd1", GERMAN, "Dd1"),
    ("Rxe8#", GERMAN, "Txe8#"), ("exd8=Q", GERMAN, "exd8=D"), ("O-O-O", GERMAN, "O-O-O"),
    ("Kf1", FRENCH, "Rf1"), ("Rf1", FRENCH, "Tf1"), ("Nbd2", FRENCH, "Cbd2"),
    ("Bb5", FRENCH, "Fb5"), ("e4", FRENCH, "e4"), ("Nf3", PieceLetters(), "Nf3"),
])
def test_san_is_shown_with_the_visitors_letters(san: str, letters: PieceLetters,
                                                shown: str) -> None:
    assert localize_san(san, letters) == shown


def test_a_move_typed_in_german_or_french_is_played() -> None:
    board = chess.Board()
    for move in ("e4", "e5", "Nf3", "Nc6"):
        board.push_san(move)
    assert parse_move(board, "Lc4", GERMAN) == chess.Move.from_uci("f1c4")
    assert parse_move(board, "Fc4", FRENCH) == chess.Move.from_uci("f1c4")
    assert parse_move(board, "Sg5", GERMAN) == chess.Move.from_uci("f3g5")
    assert parse_move(board, "Bc4", GERMAN) == chess.Move.from_uci("f1c4")  # English works too
    board.push_san("Bc4")
    board.push_san("Nf6")
    assert parse_move(board, "0-0", GERMAN) == chess.Move.from_uci("e1g1")


def test_a_french_r_is_the_king_and_an_english_one_the_rook() -> None:
    board = chess.Board("4k3/8/8/8/8/8/8/R3K3 w - - 0 1")
    assert parse_move(board, "Rd1", FRENCH) == chess.Move.from_uci("e1d1")  # the king
    assert parse_move(board, "Ra2", FRENCH) == chess.Move.from_uci("a1a2")  # only a rook can
    with pytest.raises(ValueError):
        parse_move(board, "Lf4", GERMAN)


def test_promotion_is_typed_with_the_visitors_letter() -> None:
    board = chess.Board("8/4P3/8/8/8/8/k7/4K3 w - - 0 1")
    assert parse_move(board, "e8=D", GERMAN) == chess.Move.from_uci("e7e8q")
    assert parse_move(board, "e8=C", FRENCH) == chess.Move.from_uci("e7e8n")


@pytest.mark.parametrize("bad", ["KDTL", "KDTLL", "kdtls", "KDTLO"])
def test_letters_must_be_five_different_capitals(bad: str) -> None:
    with pytest.raises(NotationError):
        PieceLetters(bad)


def test_every_language_names_its_letters() -> None:
    strings = Strings.from_folder(ASSETS / "i18n")
    expected = {"en": "KQRBN", "de": "KDTLS", "fr": "RDTFC"}
    for language in strings.languages:
        strings.language = language.code
        assert piece_letters(strings).letters == expected[language.code]
