"""The SIGKILL harness: kill the real kiosk process at random moments, restart it, and check
that nothing was lost.

``python -m tests.crash.harness --kills 100`` runs ``tests.crash.child`` (the real app in kiosk
mode with a scripted visitor, the built-in engine at level 1, no pacing), kills its whole
process group with SIGKILL at a random moment (start-up included), and starts it again on the
same data folder — ``kills`` times. After every restart it checks, against what the journal
folder held at the moment of the kill and what the killed process had reported:

- the game in progress comes back (``resume``) with the journal's position and move authors —
  or, every fourth restart (``abandon``), is in the archive as abandoned with the journal's moves;
- no move the process reported as shown is lost, and none is duplicated (every game's moves,
  resumed or archived, are its journal's, ply by ply);
- every game that ended or was abandoned is in the PGN archive exactly once, with its ending
  and the true author of every Turk move;
- no ERROR in the child's log.

It prints one line per restart and, last, a summary line ``kills=N ... lost=0 duplicated=0``.
Every child's stdout and stderr are kept under ``--out``. ``tests/crash/test_sigkill.py`` runs
a short version in the test suite.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import chess
import chess.pgn

from game.model.journal import JournalDamagedError, JournalGame, read_journal

ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT_S = 120.0
"""A child that has not started within this is a failure (a shared machine is slow)."""
ABANDON_EVERY = 4
"""Every fourth life starts with ``[kiosk] resume = "abandon"``."""
YOUNG = 0.15
"""The share of lives killed while they start (within ``YOUNG_S`` of being started)."""
YOUNG_S = 0.5
LIFE_S = (12.0, 30.0)
"""The other lives are killed at a random moment up to the first of these after they are ready
— one in four up to the second, long enough for a walk-away's idle reset or the time cap."""
_AUTHOR = re.compile(r"\bauthor: ([a-z_]+)\b")
Move = tuple[int, str, str]
"""(ply, uci, author) as the child reports it."""


class HarnessError(AssertionError):
    """Something was lost, duplicated or wrong after a restart."""


@dataclass
class Run:
    """One life of the child process."""

    number: int
    policy: str
    process: subprocess.Popen[str]
    lines: list[str] = field(default_factory=list)
    ready: threading.Event = field(default_factory=threading.Event)
    reader: threading.Thread | None = None

    def read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))
            if line.startswith("ready "):
                self.ready.set()


@dataclass
class Ledger:
    """What the children reported, over all their lives."""

    shown: dict[str, list[Move]] = field(default_factory=dict)
    ended: dict[str, str] = field(default_factory=dict)
    games: list[str] = field(default_factory=list)
    counts: collections.Counter[str] = field(default_factory=collections.Counter)

    def take(self, lines: Sequence[str]) -> None:
        for line in lines:
            words = line.split()
            if not words:
                continue
            if words[0] == "game" and words[1] not in self.shown:
                self.shown[words[1]] = []
                self.games.append(words[1])
            elif words[0] in ("move", "had"):  # shown as played, or shown again on resuming
                game_id, ply = words[1], int(words[2])
                moves = self.shown.setdefault(game_id, [])
                if ply < len(moves):
                    if moves[ply] != (ply, words[3], words[4]):
                        raise HarnessError(f"game {game_id} ply {ply} was shown twice, "
                                           f"differently: {moves[ply]} and {words[2:]}")
                    continue
                if ply != len(moves):
                    raise HarnessError(f"game {game_id}: ply {ply} shown after {len(moves)}")
                moves.append((ply, words[3], words[4]))
                self.counts["moves shown"] += 1
            elif words[0] == "end":
                self.ended[words[1]] = words[2]


def journal_snapshot(folder: Path) -> dict[str, JournalGame]:
    """The games the journal folder holds (read as a restart would)."""
    games: dict[str, JournalGame] = {}
    for path in sorted(folder.glob("*.journal")) if folder.is_dir() else []:
        try:
            game = read_journal(path.read_bytes().decode("utf-8", errors="replace"))
        except JournalDamagedError as exc:
            raise HarnessError(f"{path.name} is damaged: {exc}") from exc
        if game is not None:
            games[game.session.game_id] = game
    return games


def archive_snapshot(folder: Path) -> dict[str, list[chess.pgn.Game]]:
    games: dict[str, list[chess.pgn.Game]] = {}
    for path in sorted(folder.glob("*.pgn")) if folder.is_dir() else []:
        with open(path, encoding="utf-8") as handle:
            game = chess.pgn.read_game(handle)
        if game is None:
            raise HarnessError(f"{path.name} holds no game")
        games.setdefault(path.stem.rsplit("-", 1)[-1], []).append(game)
    return games


def pgn_moves(game: chess.pgn.Game) -> list[Move]:
    """The archived game's moves with their authors (visitor moves carry no comment)."""
    moves = []
    for ply, node in enumerate(game.mainline()):
        author = _AUTHOR.search(node.comment)
        moves.append((ply, node.move.uci(), author.group(1) if author else "visitor"))
    return moves


def journal_moves(game: JournalGame) -> list[Move]:
    return [(r.ply, r.uci, r.author.value) for r in game.session.records]


def is_prefix(short: Sequence[Move], long: Sequence[Move]) -> bool:
    return list(long[:len(short)]) == list(short)


class Harness:
    def __init__(self, data_dir: Path, out: Path, *, seed: int) -> None:
        self.data_dir = data_dir
        self.out = out
        self.rng = random.Random(seed)
        self.seed = seed
        self.ledger = Ledger()
        self.numbers: collections.Counter[str] = collections.Counter()
        self.lives = 0

    # -- the child -----------------------------------------------------------------------------

    def start(self, number: int) -> Run:
        policy = "abandon" if number % ABANDON_EVERY == ABANDON_EVERY - 1 else "resume"
        stderr = open(self.out / f"child-{number:03d}.log", "w", encoding="utf-8")  # noqa: SIM115
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.crash.child", "--data-dir", str(self.data_dir),
             "--seed", str(self.seed * 1000 + number), "--resume-policy", policy],
            stdout=subprocess.PIPE, stderr=stderr, text=True, start_new_session=True, cwd=ROOT,
            env={**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"})
        stderr.close()
        run = Run(number, policy, process)
        run.reader = threading.Thread(target=run.read, daemon=True)
        run.reader.start()
        return run

    # -- lives, kills and the check after each start -------------------------------------------

    def life(self, journal: dict[str, JournalGame], *, may_die_young: bool = True) -> Run | None:
        """Start the child; check it once it is ready (``journal``: the folder before it
        started). ``None`` when it was killed while starting (that is a kill too)."""
        run = self.start(self.lives)
        self.lives += 1
        if may_die_young and self.rng.random() < YOUNG:
            time.sleep(self.rng.uniform(0.0, YOUNG_S))
            if not run.ready.is_set():
                self.kill(run, counted=True)
                return None
        if not run.ready.wait(timeout=READY_TIMEOUT_S):
            self.kill(run, counted=False)
            raise HarnessError(f"child {run.number} did not start; see {self.out}")
        try:
            self.check(run, journal)
        except BaseException:
            self.kill(run, counted=False)  # a failed check leaves no process behind
            raise
        return run

    def kill(self, run: Run, *, counted: bool) -> None:
        """SIGKILL the child and everything it started (its engine), as a power cut would."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(run.process.pid, signal.SIGKILL)
        run.process.wait()
        assert run.reader is not None
        run.reader.join(timeout=10)
        (self.out / f"child-{run.number:03d}.out").write_text(
            "\n".join(run.lines) + "\n", encoding="utf-8")
        self.ledger.take(run.lines)
        if counted:
            self.numbers["kills"] += 1
            self.numbers[f"killed {moment(run.lines)}"] += 1

    def check(self, run: Run, journal: dict[str, JournalGame]) -> None:
        archive = archive_snapshot(self.data_dir / "games")
        ready_at = next(i for i, line in enumerate(run.lines) if line.startswith("ready "))
        resumed = [line.split() for line in run.lines[:ready_at] if line.startswith("resumed ")]
        had = [tuple(line.split()[2:]) for line in run.lines[:ready_at]
               if line.startswith("had ")]
        for game_id, files in archive.items():
            if len(files) != 1:
                raise HarnessError(f"game {game_id} is in the archive {len(files)} times")
        in_progress = {gid: g for gid, g in journal.items()
                       if not g.is_over and _archived_ending(archive, gid) is None}
        if run.policy == "resume" and in_progress:
            newest = max(in_progress.values(), key=lambda g: g.header.started)
            game_id = newest.session.game_id
            if not resumed or resumed[0][1] != game_id:
                raise HarnessError(f"restart {run.number}: game {game_id} was not resumed")
            if resumed[0][3:] != newest.session.position.fen.split():
                raise HarnessError(f"restart {run.number}: position differs from the journal")
            got = [(int(p), u, a) for p, u, a in had]
            if got != journal_moves(newest):
                raise HarnessError(f"restart {run.number}: moves or authors differ from the "
                                   f"journal: {got[-3:]} vs {journal_moves(newest)[-3:]}")
            self.numbers["games resumed"] += 1
        elif resumed:
            raise HarnessError(f"restart {run.number} ({run.policy}) resumed {resumed[0][1]}")
        for game_id, game in journal.items():  # what the journal had is now resumed or archived
            if resumed and resumed[0][1] == game_id:
                continue
            if game_id not in archive:
                raise HarnessError(f"game {game_id} was in the journal and is now nowhere")
            if pgn_moves(archive[game_id][0]) != journal_moves(game):
                raise HarnessError(f"game {game_id}: the archive's moves are not the journal's")
        self.check_ledger(archive, resumed, had)
        self.numbers["starts checked"] += 1

    def check_ledger(self, archive: dict[str, list[chess.pgn.Game]],
                     resumed: list[list[str]], had: list[tuple[str, ...]]) -> None:
        resumed_id = resumed[0][1] if resumed else ""
        resumed_moves = [(int(p), u, a) for p, u, a in had]
        for game_id, shown in self.ledger.shown.items():
            if game_id == resumed_id:
                where = resumed_moves
            elif game_id in archive:
                where = pgn_moves(archive[game_id][0])
            elif not shown and game_id not in self.ledger.ended:
                continue  # a visit that began and was cut before anything happened
            else:
                raise HarnessError(f"game {game_id}: {len(shown)} moves shown, game lost")
            if not is_prefix(shown, where):
                raise HarnessError(f"game {game_id}: moves shown {shown[-3:]} are not in "
                                   f"its record {where[-3:]} (lost or changed)")
            if len({ply for ply, _, _ in where}) != len(where):
                raise HarnessError(f"game {game_id}: a move is duplicated")
        for game_id, termination in self.ledger.ended.items():
            files = archive.get(game_id, [])
            if len(files) != 1:
                raise HarnessError(f"ended game {game_id} is archived {len(files)} times")
            if files[0].headers.get("Termination") != termination:
                raise HarnessError(f"game {game_id} ended by {termination}, archived as "
                                   f"{files[0].headers.get('Termination')}")

    # -- all of it -----------------------------------------------------------------------------

    def run(self, kills: int) -> dict[str, int]:
        self.out.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        run: Run | None = None
        journal = journal_snapshot(self.data_dir / "journal")
        while self.numbers["kills"] < kills:
            if run is None:
                run = self.life(journal)
                if run is not None:
                    print(f"life {run.number} ({run.policy}): checked — "
                          f"{self.ledger.counts['moves shown']} moves shown, "
                          f"{len(self.ledger.ended)} games ended so far", flush=True)
            else:
                try:
                    time.sleep(self.rng.uniform(0.0, LIFE_S[self.rng.random() < 0.25]))
                finally:  # an interrupted harness leaves no process behind either
                    self.kill(run, counted=True)
                run = None
            journal = journal_snapshot(self.data_dir / "journal")
        last = run or self.life(journal, may_die_young=False)  # the last kill is checked too
        assert last is not None
        self.kill(last, counted=False)
        errors = sum(path.read_text(encoding="utf-8").count(" ERROR ")
                     for path in self.out.glob("child-*.log"))
        torn = sum(path.read_text(encoding="utf-8").count("torn last line")
                   for path in self.out.glob("child-*.log"))
        self.numbers.update({
            "games": len(self.ledger.games), "moves shown": self.ledger.counts["moves shown"],
            "games ended": len(self.ledger.ended),
            "archived": len(archive_snapshot(self.data_dir / "games")),
            "torn lines ignored": torn, "errors logged": errors,
            "seconds": round(time.monotonic() - started)})
        if errors:
            raise HarnessError(f"{errors} ERROR lines in the children's logs ({self.out})")
        return dict(self.numbers)


def moment(lines: Sequence[str]) -> str:
    """Where in its life the child was when it was killed."""
    if not any(line.startswith("ready ") for line in lines):
        return "during start-up"
    last = next((line for line in reversed(lines) if line.split()[0] in ("move", "end",
                                                                         "game", "ready")), "")
    return "between games" if last.startswith(("end", "ready")) else "mid-game"


def _archived_ending(archive: dict[str, list[chess.pgn.Game]], game_id: str) -> str | None:
    files = archive.get(game_id)
    return files[0].headers.get("Termination") if files else None


def summary(numbers: dict[str, int]) -> str:
    keys = ["kills", "starts checked", "killed mid-game", "killed between games",
            "killed during start-up", "games", "moves shown", "games ended", "archived",
            "games resumed", "torn lines ignored", "errors logged", "seconds"]
    parts = [f"{key.replace(' ', '_')}={numbers.get(key, 0)}" for key in keys]
    return " ".join(parts) + " lost=0 duplicated=0"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kill the kiosk with SIGKILL at random "
                                                 "moments; check that nothing is lost.")
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data-dir", type=Path, default=Path("out/crash/data"))
    parser.add_argument("--out", type=Path, default=Path("out/crash/logs"))
    args = parser.parse_args(argv)
    if args.data_dir.exists() and any(args.data_dir.iterdir()):
        parser.error(f"{args.data_dir} is not empty: give a new --data-dir")
    try:
        numbers = Harness(args.data_dir, args.out, seed=args.seed).run(args.kills)
    except HarnessError as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    print(summary(numbers))
    return 0


if __name__ == "__main__":
    sys.exit(main())
