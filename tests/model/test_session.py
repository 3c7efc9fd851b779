"""The game session: every python-chess ending, claims, resignations and takebacks."""

from __future__ import annotations

import chess
import pytest

from game.model.records import MoveAuthor
from game.model.session import DrawClaim, GameError, GameSession, Termination


def play(session: GameSession, *sans: str) -> None:
    for san in sans:
        move = session.board().parse_san(san)
        author = MoveAuthor.VISITOR if session.is_visitor_turn else MoveAuthor.ENGINE
        session.apply(move, author)


def test_checkmate_ends_the_game_with_a_winner() -> None:
    session = GameSession(visitor_color=chess.WHITE)
    play(session, "f3", "e5", "g4", "Qh4#")
    assert session.ending is not None
    assert session.ending.termination is Termination.CHECKMATE
    assert session.ending.winner == chess.BLACK
    assert session.ending.result == "0-1"
    assert not session.is_visitor_turn and not session.is_turk_turn
    assert session.legal_moves_from(chess.E2) == []


def test_stalemate_is_a_draw() -> None:
    session = GameSession(visitor_color=chess.WHITE, start_fen="7k/8/6K1/8/8/8/8/5Q2 w - - 0 1")
    play(session, "Qf7")
    assert session.ending is not None
    assert session.ending.termination is Termination.STALEMATE
    assert session.ending.result == "1/2-1/2"


def test_insufficient_material_ends_at_once() -> None:
    session = GameSession(visitor_color=chess.WHITE, start_fen="8/8/8/8/3r4/4K3/8/7k w - - 0 1")
    play(session, "Kxd4")
    assert session.ending is not None
    assert session.ending.termination is Termination.INSUFFICIENT_MATERIAL


def test_seventyfive_move_rule_ends_the_game() -> None:
    session = GameSession(visitor_color=chess.WHITE,
                          start_fen="8/8/8/4k3/8/4K3/8/R7 w - - 149 100")
    play(session, "Ra2")
    assert session.ending is not None
    assert session.ending.termination is Termination.SEVENTYFIVE_MOVES


def test_fifty_move_rule_is_a_claim_not_an_ending() -> None:
    session = GameSession(visitor_color=chess.WHITE,
                          start_fen="8/8/8/4k3/8/4K3/8/R7 w - - 99 60")
    play(session, "Ra2")
    assert session.ending is None
    play(session, "Kd5")
    assert DrawClaim.FIFTY_MOVES in session.draw_claims()
    ending = session.claim_draw(DrawClaim.FIFTY_MOVES)
    assert ending.termination is Termination.FIFTY_MOVES and ending.winner is None


def shuffle_knights(session: GameSession, times: int) -> None:
    for _ in range(times):
        play(session, "Nf3", "Nf6", "Ng1", "Ng8")


def test_threefold_repetition_may_be_claimed_and_fivefold_ends_the_game() -> None:
    session = GameSession(visitor_color=chess.WHITE)
    assert session.draw_claims() == []
    with pytest.raises(GameError):
        session.claim_draw(DrawClaim.THREEFOLD_REPETITION)
    shuffle_knights(session, 2)
    assert DrawClaim.THREEFOLD_REPETITION in session.draw_claims()
    assert session.ending is None
    shuffle_knights(session, 2)
    assert session.ending is not None
    assert session.ending.termination is Termination.FIVEFOLD_REPETITION


def test_claiming_threefold_ends_the_game_as_a_draw() -> None:
    session = GameSession(visitor_color=chess.WHITE)
    shuffle_knights(session, 2)
    ending = session.claim_draw(DrawClaim.THREEFOLD_REPETITION)
    assert ending.termination is Termination.THREEFOLD_REPETITION
    assert ending.result == "1/2-1/2"
    assert ending.termination.is_claim


def test_resignation_gives_the_game_to_the_other_side() -> None:
    session = GameSession(visitor_color=chess.BLACK)
    ending = session.resign(chess.BLACK)
    assert ending.winner == chess.WHITE and ending.result == "1-0"
    with pytest.raises(GameError):
        session.resign(chess.WHITE)
    with pytest.raises(GameError):
        session.apply(chess.Move.from_uci("e2e4"), MoveAuthor.ENGINE)


def test_abandoned_game_has_no_result() -> None:
    session = GameSession(visitor_color=chess.WHITE)
    assert session.abandon().result == "*"


def test_illegal_move_is_refused_and_nothing_changes() -> None:
    session = GameSession(visitor_color=chess.WHITE)
    with pytest.raises(chess.IllegalMoveError):
        session.apply(chess.Move.from_uci("e2e5"), MoveAuthor.VISITOR)
    assert session.ply == 0 and session.records == ()


def test_take_back_removes_the_visitors_move_and_the_reply() -> None:
    session = GameSession(visitor_color=chess.WHITE)
    assert not session.can_take_back()
    play(session, "e4", "e5")
    assert session.can_take_back()
    assert session.take_back() == 2
    assert session.ply == 0
    assert session.position.fen == chess.Board().fen()
    play(session, "d4")
    assert session.take_back() == 1  # the Turk had not answered yet
    assert session.position.last_move is None


def test_records_keep_the_true_author_and_snapshots_do_not_change() -> None:
    session = GameSession(visitor_color=chess.BLACK)
    before = session.position
    session.apply(chess.Move.from_uci("e2e4"), MoveAuthor.OPERATOR, detail="Ada")
    assert before.ply == 0 and before.last_move is None
    record = session.records[0]
    assert record.author is MoveAuthor.OPERATOR and record.san == "e4"
    assert record.detail == "Ada" and record.ply == 0
    assert session.position.sans == ("e4",)


def test_check_square_is_the_checked_kings() -> None:
    session = GameSession(visitor_color=chess.WHITE)
    play(session, "e4", "f6", "Qh5+")
    assert session.position.check_square == chess.E8


def test_a_finished_start_position_is_over_at_once() -> None:
    mate = "rnb1kbnr/pppp1ppp/8/4p3/6Pq/5P2/PPPPP2P/RNBQKBNR w KQkq - 1 3"
    session = GameSession(visitor_color=chess.WHITE, start_fen=mate)
    assert session.ending is not None and session.ending.termination is Termination.CHECKMATE


def test_invalid_start_position_is_refused() -> None:
    with pytest.raises(ValueError, match="not a legal position"):
        GameSession(visitor_color=chess.WHITE, start_fen="8/8/8/8/8/8/8/8 w - - 0 1")


def test_pawn_and_move_odds_start_position() -> None:
    odds = "rnbqkbnr/ppppp1pp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1"
    session = GameSession(visitor_color=chess.WHITE, start_fen=odds)
    assert session.is_visitor_turn
    assert len(session.position.piece_map) == 31
