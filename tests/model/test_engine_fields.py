"""Which engine made a move, as typed fields: written into the PGN, read by the reveal."""

from __future__ import annotations

import io

import chess
import chess.pgn

from game.model.pgn import session_to_pgn
from game.model.records import MoveAuthor
from game.model.reveal import TurkMode, build_facts
from game.model.session import GameSession


def played() -> GameSession:
    """Visitor e4; the book's e5; visitor Nf3; the engine's Nc6 (a name with "level" in it)."""
    session = GameSession(visitor_color=chess.WHITE)
    session.apply(chess.Move.from_uci("e2e4"), MoveAuthor.VISITOR)
    session.apply(chess.Move.from_uci("e7e5"), MoveAuthor.BOOK)
    session.apply(chess.Move.from_uci("g1f3"), MoveAuthor.VISITOR)
    session.apply(chess.Move.from_uci("b8c6"), MoveAuthor.ENGINE,
                  engine_name="Sea level 2", level=3)
    return session


def test_the_record_keeps_the_engine_and_level_as_fields() -> None:
    record = played().records[3]
    assert (record.engine_name, record.level, record.detail) == ("Sea level 2", 3, "")
    assert played().records[1].engine_name == "" and played().records[1].level is None


def test_the_pgn_comment_names_the_engine_and_its_level() -> None:
    game = chess.pgn.read_game(io.StringIO(session_to_pgn(played())))
    assert game is not None
    comments = [node.comment for node in game.mainline()]
    assert comments[1] == "author: book"
    assert comments[3] == "author: engine (Sea level 2 level 3)"


def test_the_reveal_takes_the_engine_name_from_the_records_whole() -> None:
    session = played()
    facts = build_facts(session.records, game_id="g", start_fen=session.start_fen,
                        visitor_color=chess.WHITE, mode=TurkMode.ENGINE)
    assert facts.engine_name == "Sea level 2"  # not split at " level "
    named = build_facts(session.records, game_id="g", start_fen=session.start_fen,
                        visitor_color=chess.WHITE, mode=TurkMode.ENGINE,
                        engine_name="Stockfish 17")
    assert named.engine_name == "Stockfish 17"  # what the crew knows comes first
