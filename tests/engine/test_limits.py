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


def test_a_whole_bullet_game_never_runs_out_of_clock() -> None:
    """Charge each move its whole ceiling plus a real engine's fixed cost (a few
    milliseconds), give back the increment, for a long game: the clock never falls, and
    the engine keeps a reserve against a busy machine."""
    for base, inc, plies in ((1_000, 10, 400), (1_000, 5, 400), (3_000, 5, 400),
                             (60_000, 1_000, 400), (10_000, 0, 160)):
        clock, least = base / 1000, base / 1000
        for ply in range(0, plies, 2):
            ms = round(clock * 1000)
            budget = budget_for(GoLimits(wtime=ms, btime=ms, winc=inc, binc=inc),
                                white_to_move=True, overhead_ms=20, ply=ply)
            assert budget.hard is not None
            clock += inc / 1000 - budget.hard - 0.004
            least = min(least, clock)
        assert least > 0.1, (base, inc)


def test_the_overhead_is_kept_back_for_every_move_to_come() -> None:
    early = budget_for(GoLimits(wtime=1_000, btime=1_000, winc=10, binc=10),
                       white_to_move=True, overhead_ms=20, ply=0)
    assert early.soft is not None and 0.005 < early.soft < 0.03
    low = budget_for(GoLimits(wtime=300, btime=300, winc=10, binc=10),
                     white_to_move=True, overhead_ms=20, ply=80)
    assert low == budget_for(GoLimits(wtime=5, btime=5), white_to_move=True, overhead_ms=20)
    assert low.hard == 0.001  # nothing to share: answer at once and live on the increment
    rapid = budget_for(GoLimits(wtime=300_000, btime=300_000, winc=3_000, binc=3_000),
                       white_to_move=True, overhead_ms=20, ply=20)
    assert rapid.soft is not None and 8 < rapid.soft < 15
