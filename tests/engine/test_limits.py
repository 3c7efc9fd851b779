"""Reading `go` and sharing out the clock."""

from __future__ import annotations

from game.engine.limits import GoLimits, budget_for, parse_go


def test_parse_go_reads_every_limit() -> None:
    text = ("wtime 60000 btime 50000 winc 1000 binc 900 movestogo 20 depth 9 nodes 5000 "
            "mate 3 movetime 700")
    limits, warnings = parse_go(text.split(" "))
    assert warnings == []
    assert (limits.wtime, limits.btime, limits.winc, limits.binc, limits.movestogo) == (
        60000, 50000, 1000, 900, 20)
    assert (limits.depth, limits.nodes, limits.mate, limits.movetime) == (9, 5000, 3, 700)


def test_parse_go_keeps_what_it_can_and_warns_about_the_rest() -> None:
    text = "wtime abc btime 1000 sideways searchmoves e2e4 d2d4 depth"
    limits, warnings = parse_go(text.split(" "))
    assert limits.btime == 1000 and limits.wtime is None
    assert limits.searchmoves == ("e2e4", "d2d4")
    assert len(warnings) == 3


def test_flags_and_analysis() -> None:
    assert parse_go(["infinite"])[0].is_analysis
    assert parse_go(["ponder", "wtime", "100"])[0].ponder
    assert not parse_go(["movetime", "100"])[0].is_analysis


def test_movetime_keeps_the_overhead_back() -> None:
    budget = budget_for(GoLimits(movetime=1000), white_to_move=True, overhead_ms=30)
    assert budget.soft == budget.hard
    assert budget.hard is not None and 0.9 < budget.hard <= 0.97


def test_clock_budget_is_a_small_share_and_never_the_whole_clock() -> None:
    for remaining in (60_000, 5_000, 1_000, 200, 40, 5):
        budget = budget_for(GoLimits(wtime=remaining, btime=remaining, winc=10, binc=10),
                            white_to_move=True, overhead_ms=30, ply=60)
        assert budget.soft is not None and budget.hard is not None
        assert budget.soft <= budget.hard
        assert budget.hard < max(0.012, remaining / 1000 * 0.5)


def test_movestogo_one_may_use_most_of_the_clock() -> None:
    budget = budget_for(GoLimits(btime=2000, movestogo=1), white_to_move=False, overhead_ms=0)
    assert budget.hard is not None and 1.0 < budget.hard < 2.0


def test_infinite_and_ponder_have_no_budget() -> None:
    assert budget_for(GoLimits(infinite=True), white_to_move=True, overhead_ms=0).hard is None
    assert budget_for(GoLimits(ponder=True, wtime=100), white_to_move=True,
                      overhead_ms=0).soft is None
