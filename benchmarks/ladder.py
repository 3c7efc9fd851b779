"""The level ladder: each level against the one below, and the top level against Stockfish.

Every match is colour-balanced over the opening lines in tests/data/match_openings.txt and
logged game by game (JSON lines under --out), so it can be stopped and resumed. Each result
is printed with its score and an Elo difference with a 95 % error bar; the ladder table
then chains the differences down from the top level's rating against Stockfish.

The built-in engine plays each level exactly as the game sets it up (``plan_for_level``:
``Skill Level`` and the kiosk's time per move). Stockfish plays with
``UCI_LimitStrength=true`` and ``UCI_Elo`` at one second a move.

Usage:
    python benchmarks/ladder.py --ladder --games 40            # levels 2-8 vs the one below
    python benchmarks/ladder.py --stockfish 1600 1800 --games 60
    python benchmarks/ladder.py --pairs 7 --games 40           # only level 7 vs level 6
Run long matches with ``nice -n 10`` and in the background; progress goes to stdout.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _match import (  # noqa: E402
    TURK_COMMAND,
    Estimate,
    Player,
    estimate,
    read_log,
    run_match,
    stockfish_path,
)

from game import __version__  # noqa: E402
from game.opponents.levels import plan_for_level  # noqa: E402

ENGINE_NAME = f"The Turk {__version__}"


def turk(level: int) -> Player:
    """The built-in engine as the game plays ``level``."""
    plan = plan_for_level(level, engine_name=ENGINE_NAME, engine_options=["Skill Level"])
    return Player(f"turk{level}", TURK_COMMAND, dict(plan.options),
                  movetime=plan.limit.time or 1.0)


def stockfish(elo: int, movetime: float) -> Player:
    """Stockfish limited to ``elo``.

    :raises SystemExit: if Stockfish is not installed.
    """
    path = stockfish_path()
    if path is None:
        raise SystemExit("Stockfish is not installed: skipping the Stockfish matches")
    return Player(f"sf{elo}", (path,), {"UCI_LimitStrength": True, "UCI_Elo": elo},
                  movetime=movetime)


def match(a: Player, b: Player, games: int, out: Path) -> Estimate:
    """Play (or resume) ``a`` against ``b``; the estimate is from ``a``'s side."""
    log = out / f"{a.name}-vs-{b.name}.jsonl"
    records = run_match(a, b, games, log)
    result = estimate(r.score_for(a.name) for r in records)
    print(f"RESULT {a.name} vs {b.name}: {result.text()}", flush=True)
    return result


def anchored_rating(anchors: dict[int, Estimate]) -> tuple[float, float] | None:
    """Level 8's rating from its matches against Stockfish at several ``UCI_Elo`` values:
    each match's rating, weighted by the inverse square of its error bar (a match scored
    0 % or 100 % has no finite estimate and is left out), and the combined 95 % error."""
    usable = [(elo + result.elo, result.error) for elo, result in anchors.items()
              if 0 < result.score < 1 and result.error > 0]
    if not usable:
        return None
    weights = [1 / error ** 2 for _, error in usable]
    rating = sum(w * r for w, (r, _) in zip(weights, usable, strict=True)) / sum(weights)
    return rating, sum(weights) ** -0.5


def ladder_table(results: dict[int, Estimate], top_rating: float | None) -> None:
    """Print each level's score against the one below and its chained rating."""
    rating = top_rating
    print("\nlevel | vs level below            | Elo diff      | rating")
    for level in range(8, 0, -1):
        result = results.get(level)
        text = (f"{100 * result.score:5.1f}% ({result.games} games)" if result
                else "-".ljust(20))
        diff = f"{result.elo:+5.0f} ± {result.error:3.0f}" if result else "-".ljust(12)
        shown = f"{rating:.0f}" if rating is not None else "?"
        print(f"{level:5} | {text:25} | {diff:13} | {shown}")
        if rating is not None and result is not None:
            rating -= result.elo
        elif result is None:
            rating = None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ladder", action="store_true", help="levels 2-8 vs the one below")
    parser.add_argument("--pairs", type=int, nargs="*", default=[],
                        help="upper levels of the pairs to play (e.g. 7 8)")
    parser.add_argument("--stockfish", type=int, nargs="*", default=[],
                        help="UCI_Elo values for level 8 vs Stockfish")
    parser.add_argument("--games", type=int, default=40)
    parser.add_argument("--movetime", type=float, default=1.0)
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "ladder")
    parser.add_argument("--table", action="store_true",
                        help="only print the table from the logs so far")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    pairs = list(range(2, 9)) if args.ladder else args.pairs
    results: dict[int, Estimate] = {}
    if not args.table:
        for elo in args.stockfish:
            match(turk(8), stockfish(elo, args.movetime), args.games, args.out)
        for level in pairs:
            results[level] = match(turk(level), turk(level - 1), args.games, args.out)
    for level in range(2, 9):
        records = read_log(args.out / f"turk{level}-vs-turk{level - 1}.jsonl")
        if records:
            results[level] = estimate(r.score_for(f"turk{level}") for r in records)
    anchors: dict[int, Estimate] = {}
    for log in sorted(args.out.glob("turk8-vs-sf*.jsonl")):
        elo = int(log.stem.split("-vs-sf")[1])
        anchors[elo] = result = estimate(r.score_for("turk8") for r in read_log(log))
        print(f"level 8 vs Stockfish UCI_Elo {elo}: {result.text()} "
              f"-> rating {elo + result.elo:.0f}")
    top = anchored_rating(anchors)
    if top is not None:
        print(f"level 8 rating, all Stockfish matches together: {top[0]:.0f} ± {top[1]:.0f}")
    ladder_table(results, top[0] if top else None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
