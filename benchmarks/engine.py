"""Engine benchmark: speed, depth in one second, tactics solved, stop latency, levels.

Runs the built-in engine as a UCI process (as the game does) and prints:

* nodes per second and depth reached in one second on a set of middlegame positions
  (medians);
* how fast ``stop`` is answered during an infinite search (median and worst, in ms);
* with ``--levels`` (or ``--level N``, repeatable): for each level, the share of
  ``tests/data/tactics.epd`` it solves — split by the label each position got when it was
  made (``kind``: ``tools/make_tactics.py`` labels a best move "free" when it wins material by
  its own static exchange evaluation and Stockfish's line keeps it, apart from any rule of
  the engine's): free material (weak levels should find these) and tactics proper (quiet
  moves, checks, sacrifices, even exchanges: weak levels should mostly miss them) — and the
  share of ``tests/data/human.jsonl`` (recapture / save the queen or rook) it gets right;
* last line, exactly: ``nps=X depth_at_1s=X tactics_solved=N/M`` (level 8, 1 s a move).

Usage: python benchmarks/engine.py [--levels | --level N ...] [--movetime 1.0] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import chess
import chess.engine

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
COMMAND = [sys.executable, "-m", "game.engine"]

BENCH_FENS = [
    "r1bqkbnr/pppp1ppp/2n5/4p3/4P3/5N2/PPPP1PPP/RNBQKB1R w KQkq - 2 3",
    "r4rk1/1pp1qppp/p1np1n2/2b1p1B1/2B1P1b1/P1NP1N2/1PP1QPPP/R4RK1 w - - 0 10",
    "r1bq1rk1/pp2bppp/2n1pn2/3p4/2PP4/2N1PN2/PP3PPP/R2QKB1R w KQ - 0 8",
    "2r2rk1/pp1bqppp/2n1pn2/3p4/3P4/2PBPN2/P2N1PPP/R2Q1RK1 w - - 0 12",
    "r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1",
    "4rrk1/pp1n3p/3q2pQ/2p1pb2/2PP4/2P3N1/P2B2PP/4RRK1 b - - 7 19",
    "r3r1k1/2p2ppp/p1p1bn2/8/1q2P3/2NPQN2/PPP3PP/R4RK1 b - - 2 15",
    "r2q1rk1/pb1nbppp/1p2pn2/2p5/2PP4/1PN1PN2/PB2BPPP/R2Q1RK1 w - - 0 10",
    "6k1/6p1/6Pp/ppp5/3pn2P/1P3K2/1PP2P2/3N4 b - - 0 1",
    "8/2p5/3p4/KP5r/1R3p1k/8/4P1P1/8 w - - 0 1",
]


def open_engine(level: int = 8) -> chess.engine.SimpleEngine:
    engine = chess.engine.SimpleEngine.popen_uci(COMMAND, timeout=60)
    engine.configure({"OwnBook": False, "Skill Level": level})
    return engine


def speed(engine: chess.engine.SimpleEngine, movetime: float) -> tuple[int, int]:
    """Median nodes per second and median depth finished within ``movetime``."""
    rates, depths = [], []
    for fen in BENCH_FENS:
        engine.protocol.send_line("ucinewgame")
        info = engine.analyse(chess.Board(fen), chess.engine.Limit(time=movetime))
        rates.append(int(info.get("nps", 0)))
        depths.append(int(info.get("depth", 0)))
    return int(statistics.median(rates)), int(statistics.median(depths))


def stop_latency(trials: int, rng: random.Random) -> list[float]:
    """Milliseconds from sending ``stop`` to reading ``bestmove``, during ``go infinite``."""
    process = subprocess.Popen(COMMAND, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True, bufsize=1)
    assert process.stdin is not None and process.stdout is not None
    results = []
    try:
        for index in range(trials):
            fen = BENCH_FENS[index % len(BENCH_FENS)]
            process.stdin.write(f"position fen {fen}\ngo infinite\n")
            process.stdin.flush()
            time.sleep(rng.uniform(0.2, 0.8))
            sent = time.perf_counter()
            process.stdin.write("stop\n")
            process.stdin.flush()
            while not process.stdout.readline().startswith("bestmove"):
                pass
            results.append((time.perf_counter() - sent) * 1000)
    finally:
        process.stdin.write("quit\n")
        process.stdin.flush()
        process.wait(timeout=10)
    return results


def read_tactics(limit: int | None) -> list[tuple[chess.Board, set[chess.Move], bool]]:
    """The tactical test set: (position, best moves, whether the best move simply wins
    material, as labelled when the set was made).

    :raises SystemExit: if a position has no label (made before labels existed).
    """
    found = []
    path = DATA / "tactics.epd"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        board, ops = chess.Board.from_epd(line)
        best = ops.get("bm", [])
        moves = list(best) if isinstance(best, list) else []
        kind = ops.get("kind")
        if kind not in ("free", "tactic"):
            raise SystemExit(f"{path}:{number}: no kind \"free\"/\"tactic\" label; label the "
                             "file with: python tools/make_tactics.py --relabel (needs Stockfish)")
        found.append((board, set(moves), kind == "free"))
    return found[:limit]


def read_human(limit: int | None) -> list[dict[str, object]]:
    """Recapture / rescue positions with the opponent's last move."""
    lines = (DATA / "human.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()][:limit]


def solved(engine: chess.engine.SimpleEngine, positions: list[tuple[
        chess.Board, set[chess.Move], bool]], movetime: float) -> list[bool]:
    """Whether the engine plays a best move, position by position."""
    found = []
    for board, best, _ in positions:
        engine.protocol.send_line("ucinewgame")
        found.append(engine.play(board, chess.engine.Limit(time=movetime)).move in best)
    return found


def solve_tactics(engine: chess.engine.SimpleEngine, positions: list[tuple[
        chess.Board, set[chess.Move], bool]], movetime: float) -> tuple[int, int]:
    """How many it solves: (free material taken, tactics proper)."""
    flags = solved(engine, positions, movetime)
    free = sum(hit for hit, (_, _, is_free) in zip(flags, positions, strict=True) if is_free)
    return free, sum(flags) - free


def human_accuracy(engine: chess.engine.SimpleEngine, records: list[dict[str, object]],
                   movetime: float) -> int:
    right = 0
    for record in records:
        board = chess.Board(str(record["fen_before"]))
        board.push_uci(str(record["last"]))
        engine.protocol.send_line("ucinewgame")
        move = engine.play(board, chess.engine.Limit(time=movetime)).move
        right += move is not None and move.uci() in record["right"]  # type: ignore[operator]
    return right


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--movetime", type=float, default=1.0)
    parser.add_argument("--levels", action="store_true", help="also measure levels 1-7")
    parser.add_argument("--level", type=int, action="append", default=[],
                        help="measure this level (repeatable; level 8 also gives the speed)")
    parser.add_argument("--limit", type=int, default=None, help="use only N test positions")
    parser.add_argument("--stops", type=int, default=20)
    args = parser.parse_args(argv)
    rng = random.Random(1770)
    tactics = read_tactics(args.limit)
    humans = read_human(args.limit)
    latencies = stop_latency(args.stops, rng)
    print(f"stop latency: median {statistics.median(latencies):.1f} ms, "
          f"worst {max(latencies):.1f} ms over {len(latencies)} stops")
    levels = range(1, 9) if args.levels else sorted(set(args.level) | {8})
    solved_top = nps = depth = 0
    for level in levels:
        engine = open_engine(level)
        try:
            if level == 8:
                nps, depth = speed(engine, args.movetime)
                print(f"speed: median {nps} nps, median depth {depth} in {args.movetime:g} s")
            free, proper = solve_tactics(engine, tactics, args.movetime)
            right = human_accuracy(engine, humans, args.movetime)
        finally:
            engine.quit()
        solved_top = free + proper
        frees = sum(is_free for _, _, is_free in tactics)
        print(f"level {level}: tactics {solved_top}/{len(tactics)} "
              f"({100 * solved_top / max(1, len(tactics)):.0f}%: free material {free}/{frees}, "
              f"tactics proper {proper}/{len(tactics) - frees}), recapture/rescue "
              f"{right}/{len(humans)} ({100 * right / max(1, len(humans)):.0f}%)", flush=True)
    print(f"nps={nps} depth_at_1s={depth} tactics_solved={solved_top}/{len(tactics)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
