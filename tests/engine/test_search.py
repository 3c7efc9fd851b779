"""The search finds what it must: mates, winning captures, draws by repetition."""

from __future__ import annotations

import chess
import pytest

from game.engine.control import SearchControl, SearchInfo
from game.engine.limits import GoLimits, TimeBudget
from game.engine.searcher import Searcher, mate_in
from game.engine.skill import skill_for_level


def search(fen: str, *, moves: tuple[str, ...] = (), depth: int = 6,
           multipv: int = 1) -> tuple[str | None, list[SearchInfo]]:
    board = chess.Board(fen)
    for uci in moves:
        board.push_uci(uci)
    infos: list[SearchInfo] = []
    result = Searcher().search(board, limits=GoLimits(depth=depth),
                               control=SearchControl(TimeBudget(None, None)),
                               skill=skill_for_level(8), multipv=multipv, report=infos.append)
    return result.best, infos


def test_mate_in_two_is_found_and_reported_as_mate() -> None:
    best, infos = search("r1bqkb1r/pppp1ppp/2n2n2/4p2Q/2B1P3/8/PPPP1PPP/RNB1K1NR w KQkq - 4 4",
                         depth=4)
    assert best == "h5f7"
    assert infos[-1].mate == 1


def test_a_back_rank_mate_in_two() -> None:
    best, infos = search("6k1/5ppp/8/8/8/8/1Q3PPP/1R4K1 w - - 0 1", depth=5)
    assert infos[-1].mate is not None and infos[-1].mate <= 2
    assert best in {"b2b8", "b1b8"}


def test_wins_a_hanging_queen() -> None:
    best, _ = search("rnb1kbnr/pppp1ppp/8/4p3/4P2q/5N2/PPPP1PPP/RNBQKB1R w KQkq - 2 3", depth=3)
    assert best == "f3h4"


def test_knight_fork_wins_material() -> None:
    best, infos = search("q3k3/8/8/3N4/8/8/4P3/4K3 w - - 0 1", depth=4)
    assert best == "d5c7"
    assert infos[-1].score_cp is not None and infos[-1].score_cp > 0


def test_a_repetition_counts_as_a_draw() -> None:
    # Both sides shuffle knights; after ...Ng8 the position would be on the board for the
    # third time, so that move scores exactly zero.
    board = chess.Board()
    for uci in ("g1f3", "g8f6", "f3g1", "f6g8", "g1f3", "g8f6", "f3g1"):
        board.push_uci(uci)
    infos: list[SearchInfo] = []
    Searcher().search(board, limits=GoLimits(depth=3, searchmoves=("f6g8",)),
                      control=SearchControl(TimeBudget(None, None)), skill=skill_for_level(8),
                      multipv=1, report=infos.append)
    assert infos[-1].pv[0] == "f6g8"
    assert infos[-1].score_cp == 0


def test_stalemate_is_a_draw_and_checkmate_is_reported() -> None:
    best, _ = search("7k/5Q2/6K1/8/8/8/8/8 b - - 0 1")
    assert best is None  # no legal move: bestmove 0000


def test_multipv_lines_are_sorted_and_distinct() -> None:
    _, infos = search(chess.STARTING_FEN, depth=3, multipv=4)
    last = [i for i in infos if i.depth == 3]
    assert [i.multipv for i in last] == [1, 2, 3, 4]
    assert len({i.pv[0] for i in last}) == 4
    scores = [i.score_cp for i in last]
    assert scores == sorted(scores, reverse=True)  # type: ignore[type-var]


@pytest.mark.parametrize(("score", "moves"), [(29999, 1), (29997, 2), (-29998, -1),
                                              (-29996, -2), (150, None)])
def test_mate_scores_convert_to_moves(score: int, moves: int | None) -> None:
    assert mate_in(score) == moves


def test_node_limit_and_depth_limit_are_respected() -> None:
    board = chess.Board()
    infos: list[SearchInfo] = []
    Searcher().search(board, limits=GoLimits(nodes=1500),
                      control=SearchControl(TimeBudget(None, None)), skill=skill_for_level(8),
                      multipv=1, report=infos.append)
    assert infos and infos[-1].nodes <= 1500 + 200
