"""Opening names for the reveal, and the book built from the same lines."""

from __future__ import annotations

import chess
import chess.polyglot
import pytest

from game.content.openings import OpeningsError, identify_opening, load_table, parse_table
from game.engine.book import shipped_book_path


def moves(sans: str, board: chess.Board | None = None) -> list[chess.Move]:
    board = board or chess.Board()
    found = []
    for san in sans.split():
        move = board.parse_san(san)
        found.append(move)
        board.push(move)
    return found


@pytest.mark.parametrize(("game", "name"), [
    ("e4 e5 Nf3 d6 d4 Nf6", "Philidor's Defence"),
    ("e4 e5 Nf3 Nc6 Bc4 Bc5 c3", "Giuoco Piano"),
    ("e4 e5 f4 exf4 Nf3 g5 Bc4", "King's Gambit"),
    ("e4 e5 f4 exf4 Nf3 g5 h4 g4 Ng5 h6", "Allgaier Gambit"),
    ("e4 e5 Nf3 Nc6 Bb5 a6 Ba4", "Ruy Lopez"),
    ("e4 e6 d4 d5", "French Defence"),
    ("c4 d5 d4 e6", "Queen's Gambit"),  # reached by another move order
])
def test_the_longest_named_line_is_found(game: str, name: str) -> None:
    opening = identify_opening(moves(game))
    assert opening is not None
    assert opening.name == name
    assert opening.people and opening.era and opening.source_ids


def test_unknown_openings_have_no_name() -> None:
    assert identify_opening(moves("a3 a6 h3")) is None


def test_names_exist_in_every_language_and_sources_resolve() -> None:
    table = load_table()
    for opening in table.openings:
        for language in ("en", "de", "fr"):
            assert opening.name_in(language)
        for source in opening.source_ids:
            assert table.sources[source].url.startswith("http")


def test_turk_era_openings_are_named_after_their_people() -> None:
    people = {p for o in load_table().openings for p in o.people}
    for person in ("François-André Danican Philidor", "Ruy López de Segura",
                   "Johann Baptist Allgaier", "William Lewis", "Gioachino Greco"):
        assert person in people


def test_illegal_moves_in_the_game_are_refused() -> None:
    with pytest.raises(ValueError, match="illegal"):
        identify_opening([chess.Move.from_uci("e2e5")])


def test_malformed_openings_files_are_refused() -> None:
    with pytest.raises(OpeningsError, match=r"illegal|invalid"):
        parse_table({"line": [{"moves": "e4 e4", "weight": 1}]})
    with pytest.raises(OpeningsError, match="sources"):
        parse_table({"opening": [{"moves": "e4", "names": {"en": "x"}, "sources": ["nope"]}]})


def test_shipped_book_holds_every_weighted_line() -> None:
    path = shipped_book_path()
    assert path is not None
    with chess.polyglot.open_reader(path) as reader:
        for line in load_table().lines:
            board = chess.Board()
            for move in moves(" ".join(line.moves)):
                assert move in {e.move for e in reader.find_all(board)}, board.fen()
                board.push(move)


def test_unplayed_lines_stay_out_of_the_book() -> None:
    path = shipped_book_path()
    assert path is not None
    board = chess.Board()
    for move in moves("e4 e5 Nf3 d6 d4"):
        board.push(move)
    with chess.polyglot.open_reader(path) as reader:
        assert chess.Move.from_uci("f7f5") not in {e.move for e in reader.find_all(board)}
