"""Visit-sized games: how each format starts, what its record says, and the time cap's verdict."""

from __future__ import annotations

import chess
import pytest

from game.model.formats import (
    ENDGAMES,
    ODDS_FEN,
    VisitFormat,
    adjudicate,
    endgame_named,
    plan_visit,
)
from game.model.pgn import session_to_pgn
from game.model.records import MoveAuthor
from game.model.session import GameSession, Termination


def test_full_game_starts_from_the_start_with_the_chosen_side() -> None:
    plan = plan_visit(VisitFormat.FULL, visitor_color=chess.BLACK, time_cap_s=600)
    assert plan.start_fen == chess.STARTING_FEN and plan.visitor_color == chess.BLACK
    assert plan.headers == {"VisitFormat": "full", "TimeCap": "600"}


def test_pawn_and_move_takes_the_turks_f_pawn_and_the_visitor_moves_first() -> None:
    plan = plan_visit(VisitFormat.ODDS, visitor_color=chess.BLACK, time_cap_s=None)
    board = chess.Board(plan.start_fen)
    assert plan.start_fen == ODDS_FEN and plan.visitor_color == chess.WHITE
    assert board.turn == chess.WHITE and board.piece_at(chess.F7) is None
    assert len(board.pieces(chess.PAWN, chess.BLACK)) == 7
    assert "TimeCap" not in plan.headers


@pytest.mark.parametrize("endgame", ENDGAMES, ids=lambda e: e.key)
def test_every_set_endgame_is_legal_short_and_white_is_ahead(endgame: object) -> None:
    assert hasattr(endgame, "fen")
    board = chess.Board(endgame.fen)
    assert board.status() == chess.STATUS_VALID and board.turn == chess.WHITE
    assert len(board.piece_map()) <= 5 and not board.is_game_over()
    assert adjudicate(board, eval_cp=None).material > 0


def test_the_visitor_chooses_the_side_of_an_endgame() -> None:
    plan = plan_visit(VisitFormat.ENDGAME, visitor_color=chess.BLACK, time_cap_s=300,
                      endgame="rook")
    assert plan.start_fen == endgame_named("rook").fen and plan.visitor_color == chess.BLACK
    assert plan.headers["Endgame"] == "rook"
    with pytest.raises(KeyError, match="queen, rook"):
        plan_visit(VisitFormat.ENDGAME, visitor_color=chess.WHITE, time_cap_s=None,
                   endgame="bishops")


def test_the_format_is_written_to_the_pgn() -> None:
    plan = plan_visit(VisitFormat.ENDGAME, visitor_color=chess.WHITE, time_cap_s=300,
                      endgame="queen")
    session = GameSession(visitor_color=plan.visitor_color, start_fen=plan.start_fen,
                          headers=plan.headers)
    session.apply(chess.Move.from_uci("d1d7"), MoveAuthor.VISITOR)
    session.adjudicate(chess.WHITE)
    text = session_to_pgn(session)
    for header in ('[VisitFormat "endgame"]', '[Endgame "queen"]', '[TimeCap "300"]',
                   '[Termination "adjudication"]', '[Result "1-0"]', '[SetUp "1"]'):
        assert header in text
    assert session.ending is not None
    assert session.ending.termination is Termination.ADJUDICATED


def test_adjudication_uses_the_evaluation_the_same_way_for_both_sides() -> None:
    board = chess.Board()
    assert adjudicate(board, eval_cp=199).winner is None
    assert adjudicate(board, eval_cp=200).winner == chess.WHITE
    assert adjudicate(board, eval_cp=-200).winner == chess.BLACK
    assert adjudicate(board, eval_cp=-199).winner is None
    assert adjudicate(board, eval_cp=30).basis == "evaluation"


def test_without_an_evaluation_material_decides() -> None:
    up_a_knight = chess.Board("4k3/p7/8/8/8/8/P7/1N2K3 w - - 0 1")
    up_two_pawns = chess.Board("4k3/8/8/8/8/8/PP6/4K3 w - - 0 1")
    assert adjudicate(up_a_knight, eval_cp=None).winner == chess.WHITE
    assert adjudicate(up_a_knight.mirror(), eval_cp=None).winner == chess.BLACK
    assert adjudicate(up_two_pawns, eval_cp=None).winner is None
    assert adjudicate(up_two_pawns, eval_cp=None).basis == "material"


def test_a_position_the_rules_decide_is_decided_by_the_rules() -> None:
    mate = chess.Board("rnb1kbnr/pppp1ppp/8/4p3/6Pq/5P2/PPPPP2P/RNBQKBNR w KQkq - 1 3")
    assert adjudicate(mate, eval_cp=900).winner == chess.BLACK
    assert adjudicate(chess.Board("4k3/8/8/8/8/8/8/4K3 w - - 0 1"), eval_cp=None).winner is None
