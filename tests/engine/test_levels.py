"""Weak levels err like people: they recapture and save their queen, but miss tactics."""

from __future__ import annotations

import json
import random
from pathlib import Path

import chess
import pytest

from game.engine.control import SearchControl
from game.engine.limits import GoLimits, TimeBudget
from game.engine.searcher import Searcher
from game.engine.skill import choose, level_for_elo, overlooked_squares, skill_for_level

DATA = Path(__file__).resolve().parent.parent / "data"


def play(searcher: Searcher, board: chess.Board, level: int, **limits: int) -> chess.Move:
    go = GoLimits(**limits) if limits else GoLimits(movetime=1000)
    budget = TimeBudget(None, None) if limits else TimeBudget(1.0, 1.0)
    result = searcher.search(board, limits=go, control=SearchControl(budget),
                             skill=skill_for_level(level), multipv=1, report=lambda _: None)
    assert result.best is not None
    return chess.Move.from_uci(result.best)


def human_positions() -> list[tuple[chess.Board, set[str], str]]:
    found = []
    for line in (DATA / "human.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        board = chess.Board(record["fen_before"])
        board.push_uci(record["last"])
        found.append((board, set(record["right"]), record["kind"]))
    return found


def tactics(limit: int) -> list[tuple[chess.Board, set[chess.Move]]]:
    found = []
    for line in (DATA / "tactics.epd").read_text(encoding="utf-8").splitlines()[:limit]:
        board, ops = chess.Board.from_epd(line)
        best = ops["bm"]
        assert isinstance(best, list)
        found.append((board, set(best)))
    return found


@pytest.mark.slow
def test_level_one_recaptures_and_rescues_its_queen_and_rooks() -> None:
    searcher = Searcher(rng=random.Random(6))
    positions = human_positions()
    assert len(positions) >= 100
    # "right": a recapture (or a move of the attacked piece, or taking its attacker) that
    # Stockfish rates within 1.5 pawns of its best move; see tools/make_tactics.py.
    right = sum(play(searcher, board, 1).uci() in good for board, good, _ in positions)
    assert right >= 0.9 * len(positions), f"{right}/{len(positions)}"


@pytest.mark.slow
def test_level_eight_solves_more_tactics_than_level_one() -> None:
    positions = tactics(24)
    weak = Searcher(rng=random.Random(7))
    strong = Searcher()
    weak_solved = sum(play(weak, board, 1) in best for board, best in positions)
    strong_solved = sum(play(strong, board, 8, nodes=12_000) in best for board, best in positions)
    assert strong_solved >= 2 * weak_solved
    assert strong_solved >= len(positions) // 2


def test_every_level_plays_legal_moves_quickly_enough() -> None:
    board = chess.Board("r1bqkbnr/pppp1ppp/2n5/4p3/4P3/5N2/PPPP1PPP/RNBQKB1R w KQkq - 2 3")
    searcher = Searcher(rng=random.Random(1))
    for level in range(1, 8):
        assert play(searcher, board, level, nodes=3000) in board.legal_moves


def test_overlooked_pieces_never_include_the_obvious_ones() -> None:
    board = chess.Board()
    for san in ["e4", "e5", "Nf3", "Nc6", "Bb5", "a6", "Bxc6"]:
        board.push_san(san)
    rng = random.Random(3)
    skill = skill_for_level(1)
    for _ in range(200):
        blind = overlooked_squares(board, skill, rng)
        assert not blind & chess.BB_SQUARES[chess.C6]  # the piece that just moved
        assert not blind & (chess.BB_SQUARES[chess.D7] | chess.BB_SQUARES[chess.B7])  # takers
        assert not blind & board.kings
    assert overlooked_squares(board, skill_for_level(8), rng) == 0


def test_even_level_one_always_sees_what_simply_hangs() -> None:
    # White: the knight on c3 can take the loose rook on d5; the pawn on e4 can take the
    # defended knight on f5 (worth more than a pawn); the bishop on g2 can take the pawn
    # on b7, which is defended and worth less, so it may be overlooked.
    board = chess.Board("k7/1p6/8/3r1n2/4P3/2N5/6B1/K5R1 w - - 0 1")  # no last move
    rng = random.Random(4)
    skill = skill_for_level(1)
    takers = chess.BB_SQUARES[chess.C3] | chess.BB_SQUARES[chess.E4]
    missed_bishop = 0
    for _ in range(300):
        blind = overlooked_squares(board, skill, rng)
        assert not blind & takers
        missed_bishop += bool(blind & chess.BB_SQUARES[chess.G2])
    assert missed_bishop > 0  # pieces that win nothing are still overlooked sometimes
    move = play(Searcher(rng=random.Random(5)), board, 1)
    assert move == chess.Move.from_uci("c3d5")


def test_choice_stays_within_the_margin_and_full_strength_is_deterministic() -> None:
    rng = random.Random(9)
    scored = [(100, "best"), (95, "close"), (-400, "blunder")]
    picks = {choose(scored, skill_for_level(1), rng) for _ in range(300)}
    assert picks == {"best", "close"}
    assert choose(scored, skill_for_level(8), rng) == "best"
    with pytest.raises(ValueError, match="no moves"):
        choose([], skill_for_level(1), rng)


def test_uci_elo_maps_to_the_nearest_level() -> None:
    assert level_for_elo(0) == 1
    assert level_for_elo(5000) == 8
    levels = [level_for_elo(elo) for elo in range(0, 3000, 50)]
    assert levels == sorted(levels)


def test_choice_copes_with_unsorted_scores() -> None:
    rng = random.Random(2)
    scored = [(-500, "stale"), (30_000, "mate"), (20, "quiet")]
    assert {choose(scored, skill_for_level(1), rng) for _ in range(50)} == {"mate"}
