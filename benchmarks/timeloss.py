"""No time losses: many fast games at 1 s + 0.01 s a side, clocks kept by this script.

The built-in engine (level 8) plays Stockfish when it is installed, otherwise itself. The
clock of each side is charged with the wall time from sending ``go`` to reading
``bestmove`` — stricter than a GUI, which does not count its own overhead — and a side
whose clock falls below zero loses on time. Games run to their natural end (no
adjudication except the 300-ply limit), so the engine also meets long endings with
almost no time left.

Prints each game as it finishes, then: games, time forfeits by the Turk, the least time
the Turk had left after a move, and its longest single move.

Usage: python benchmarks/timeloss.py [--games 200] [--base 1.0] [--inc 0.01]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from _match import TURK_COMMAND, Player, read_log, run_match, stockfish_path  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=200)
    parser.add_argument("--base", type=float, default=1.0)
    parser.add_argument("--inc", type=float, default=0.01)
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "timeloss")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    clock = (args.base, args.inc)
    turk = Player("turk", TURK_COMMAND, {}, movetime=None, clock=clock)
    path = stockfish_path()
    other = (Player("stockfish", (path,), {}, movetime=None, clock=clock) if path
             else Player("turk-b", TURK_COMMAND, {}, movetime=None, clock=clock))
    log = args.out / f"{turk.name}-vs-{other.name}-{args.base:g}+{args.inc:g}.jsonl"
    run_match(turk, other, args.games, log, adjudicate=False)
    records = read_log(log)
    forfeits = [r for r in records if r.reason == "time forfeit"
                and (r.result == "0-1") == (r.white == "turk")]
    all_forfeits = [r for r in records if r.reason == "time forfeit"]
    longest = max(r.longest_move["turk"] for r in records)
    least = min(r.least_clock.get("turk", args.base) for r in records)
    print(f"games={len(records)} turk_time_losses={len(forfeits)} "
          f"opponent_time_losses={len(all_forfeits) - len(forfeits)} "
          f"turk_least_clock={least:.3f}s turk_longest_move={longest:.3f}s")
    return 0 if not forfeits else 1


if __name__ == "__main__":
    raise SystemExit(main())
