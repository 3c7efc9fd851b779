"""The move journal's two costs: what a frame pays to write a move down, and how long the worker
takes until it is flushed to the disk (safe from a power cut).

A scripted game runs through the real ``Match`` with a real ``JournalStore`` in a folder on the
disk the game would use (``--dir``, default a temporary folder beside the data): the visitor and
the Turk (random legal moves, answered at once) play ``--moves`` moves, with a new game when one
ends. "Write" is the time ``Match.play_visitor_move`` spends in ``GameJournal.moved`` (on the
frame's thread: a line handed to the system); "flush" is from that moment until the store says
its ticket is durable (the worker's ``fsync``), polled every 0.2 ms. The Turk's hand takes a
second or more to show a move, so a flush must stay far below that.

Usage: ``nice -n 10 python benchmarks/journal.py [--moves 400] [--dir DIR]``. The last line is
exactly ``journal_write_p50_us=X journal_write_p99_us=X flush_p50_ms=X flush_p99_ms=X
flush_max_ms=X lines=N``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import chess

from game.journal_store import GameJournal, JournalStore
from game.match import GameSetup, Match
from game.model.pacing import Pacing
from game.model.records import MoveAuthor, MoveRecord
from game.model.session import GameSession
from game.opponents.random_moves import RandomOpponent
from game.storage import GameArchive


class Timed:
    """Wraps a game's journal: times each ``moved`` and keeps its ticket."""

    def __init__(self, journal: GameJournal) -> None:
        self.journal = journal
        self.writes: list[float] = []
        self.tickets: list[tuple[int, float]] = []

    def moved(self, record: MoveRecord, *, lever_s: float) -> int:
        started = time.perf_counter()
        ticket = self.journal.moved(record, lever_s=lever_s)
        done = time.perf_counter()
        self.writes.append(done - started)
        self.tickets.append((ticket, done))
        return ticket

    def __getattr__(self, name: str) -> object:
        return getattr(self.journal, name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=400)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        root = Path(folder)
        store = JournalStore(root / "journal", GameArchive(root / "games"))
        rng = random.Random(1770)
        writes: list[float] = []
        flushes: list[float] = []
        while len(writes) < args.moves:
            session = GameSession(visitor_color=chess.WHITE)
            match = Match(session, RandomOpponent(rng, author=MoveAuthor.ENGINE),
                          pacing=Pacing.instant(), rng=rng)
            timed = Timed(store.open(match, GameSetup("white", 3)))
            match.journal = timed  # type: ignore[assignment]
            while not session.is_over and session.ply < 120 and len(timed.writes) < args.moves:
                if session.is_visitor_turn:
                    match.play_visitor_move(rng.choice(sorted(session.board().legal_moves,
                                                              key=chess.Move.uci)))
                else:
                    match.update(0.02)
                for ticket, written in timed.tickets:  # a frame's worth of waiting
                    while not store.is_durable(ticket):
                        time.sleep(0.0002)
                    flushes.append(time.perf_counter() - written)
                timed.tickets.clear()
            writes += timed.writes
            match.close()
        store.close()
    writes.sort()
    flushes.sort()
    print(f"journal_write_p50_us={statistics.median(writes) * 1e6:.1f} "
          f"journal_write_p99_us={writes[int(len(writes) * 0.99)] * 1e6:.1f} "
          f"flush_p50_ms={statistics.median(flushes) * 1e3:.2f} "
          f"flush_p99_ms={flushes[int(len(flushes) * 0.99)] * 1e3:.2f} "
          f"flush_max_ms={flushes[-1] * 1e3:.2f} lines={len(writes)}")


if __name__ == "__main__":
    main()
