"""Games as PGN: what is written, and clear errors for files that cannot be continued."""

from __future__ import annotations

from pathlib import Path

import chess
import chess.pgn
import pytest

from game.model.pgn import PgnError, load_pgn_file, read_pgn, session_to_pgn
from game.model.records import MoveAuthor
from game.model.session import GameSession


def sample_session() -> GameSession:
    session = GameSession(visitor_color=chess.BLACK)
    authors = [MoveAuthor.BOOK, MoveAuthor.VISITOR, MoveAuthor.OPERATOR, MoveAuthor.VISITOR,
               MoveAuthor.ENGINE_STANDIN]
    for uci, author in zip(["e2e4", "e7e5", "g1f3", "b8c6", "f1c4"], authors, strict=True):
        session.apply(chess.Move.from_uci(uci), author)
    return session


def test_written_pgn_has_standard_headers_and_author_comments() -> None:
    text = session_to_pgn(sample_session())
    game = chess.pgn.read_game(__import__("io").StringIO(text))
    assert game is not None
    for tag in ("Event", "Site", "Date", "Round", "White", "Black", "Result"):
        assert tag in game.headers
    assert game.headers["Result"] == "*"
    assert game.headers["White"].startswith("The Turk")
    comments = [node.comment for node in game.mainline()]
    assert comments[0] == "author: book"
    assert comments[1] == ""  # the visitor's moves carry no comment
    assert comments[2] == "author: operator"
    assert comments[4] == "author: engine_standin"


def test_round_trip_restores_moves_colour_and_authors() -> None:
    original = sample_session()
    restored = read_pgn(session_to_pgn(original))
    assert restored.visitor_color == chess.BLACK
    assert [r.uci for r in restored.records] == [r.uci for r in original.records]
    assert [r.author for r in restored.records] == [r.author for r in original.records]


def test_finished_game_records_result_and_termination() -> None:
    session = GameSession(visitor_color=chess.WHITE)
    for san in ("f3", "e5", "g4", "Qh4#"):
        session.apply(session.board().parse_san(san), MoveAuthor.VISITOR)
    text = session_to_pgn(session)
    assert '[Result "0-1"]' in text
    assert '[Termination "checkmate"]' in text


def test_set_up_position_is_written_with_fen_tags() -> None:
    fen = "rnbqkbnr/ppppp1pp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1"
    session = GameSession(visitor_color=chess.WHITE, start_fen=fen)
    text = session_to_pgn(session)
    assert '[SetUp "1"]' in text and f'[FEN "{fen}"]' in text
    assert read_pgn(text).start_fen == fen


def test_pgn_without_authors_credits_sides_by_colour() -> None:
    session = read_pgn('[White "Visitor"]\n[Black "The Turk (automaton)"]\n\n1. e4 e5 *\n')
    assert [r.author for r in session.records] == [MoveAuthor.VISITOR, MoveAuthor.ENGINE]
    assert session.visitor_color == chess.WHITE


@pytest.mark.parametrize(("text", "message"), [
    ("", "no game found"),
    ("this is not a chess game at all", "no game found"),
    ('[Event "x"]\n\n1. e4 e5 2. Ke3 *\n', "illegal san"),
    ('[Event "x"]\n\n1. e4 Nf9 *\n', "Nf9"),
])
def test_malformed_pgn_gets_a_clear_error(text: str, message: str) -> None:
    with pytest.raises(PgnError, match=message):
        read_pgn(text, source="game.pgn")


def test_bad_fen_tag_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.pgn"
    path.write_text('[SetUp "1"]\n[FEN "not a fen"]\n\n*\n')
    with pytest.raises(PgnError, match=r"bad\.pgn"):
        load_pgn_file(path)


def test_missing_and_binary_files_are_reported(tmp_path: Path) -> None:
    with pytest.raises(PgnError, match="cannot read"):
        load_pgn_file(tmp_path / "absent.pgn")
    binary = tmp_path / "image.pgn"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00")
    with pytest.raises(PgnError):
        load_pgn_file(binary)
