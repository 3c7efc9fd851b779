"""The built-in engine, wrapped so that it dies on cue: a test's way to crash an engine on time.

Run as a program (``python cue_engine.py --die-on go --deaths 1 --state DIR``). It is the
built-in engine's own UCI session (``game.engine.uci.UciSession``) in this process, except that
it exits at once, without a word, at the chosen moment of the dialogue:

- ``uci``: while the GUI waits for the handshake;
- ``isready``: while ``analysis()`` is starting (python-chess waits for ``readyok``);
- ``position``: right after the position arrives, before ``go`` is read;
- ``go``: as ``go`` arrives, before the search starts;
- ``search``: mid-search, as the search reports its first ``info`` line.

With ``--hang`` it does not exit at that moment but goes silent for ever (a hung engine),
until it is killed.

``--deaths N`` says how many processes die (or hang) in all (counted in ``DIR/deaths``,
shared by every process of one test): process N+1 and later play normally. Each process
appends what happens to ``DIR/events``, one line each (``start <pid>``, then every command
it reads), and, when ``--events`` names a FIFO, writes the same lines there, so a test can
wait for a moment instead of sleeping.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from pathlib import Path
from typing import TextIO

from game.engine.uci import UciSession

MOMENTS = ("uci", "isready", "position", "go", "search")


class _Cue:
    def __init__(self, state: Path, deaths: int, events: Path | None, *, hang: bool) -> None:
        self._state = state
        self._hang = hang
        self._deaths = deaths
        self._fifo = os.open(events, os.O_WRONLY) if events else None
        count = state / "deaths"
        self.armed = (int(count.read_text()) if count.exists() else 0) < deaths

    def note(self, line: str) -> None:
        with open(self._state / "events", "a") as log:
            log.write(line + "\n")
        if self._fifo is not None:
            try:
                os.write(self._fifo, (line + "\n").encode())
            except BrokenPipeError:  # the test has stopped listening: the file still has it
                self._fifo = None

    def die(self, moment: str) -> None:
        count = self._state / "deaths"
        done = int(count.read_text()) if count.exists() else 0
        count.write_text(str(done + 1))
        if self._hang:
            self.note(f"hung {moment}")
            threading.Event().wait()  # silent, reading nothing, until killed
        self.note(f"died {moment}")
        os._exit(3)  # no goodbye, no flush: as a crash looks to the GUI


class _SearchWatch:
    """Stdout that kills the process when the search first reports (the ``search`` cue)."""

    def __init__(self, out: TextIO, cue: _Cue, armed: bool) -> None:
        self._out = out
        self._cue = cue
        self._armed = armed

    def write(self, text: str) -> int:
        if self._armed and text.startswith("info depth"):
            self._cue.die("search")
        return self._out.write(text)

    def flush(self) -> None:
        self._out.flush()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--die-on", choices=MOMENTS, required=True)
    parser.add_argument("--deaths", type=int, default=1)
    parser.add_argument("--state", type=Path, required=True)
    parser.add_argument("--events", type=Path)
    parser.add_argument("--hang", action="store_true")
    args = parser.parse_args()

    cue = _Cue(args.state, args.deaths, args.events, hang=args.hang)
    cue.note(f"start {os.getpid()}")
    out = _SearchWatch(sys.stdout, cue, cue.armed and args.die_on == "search")
    session = UciSession(out)  # type: ignore[arg-type]
    for line in sys.stdin:
        words = line.split()
        if words:
            cue.note(words[0])
            if cue.armed and words[0] == args.die_on:
                cue.die(args.die_on)
        if not session.handle(line):
            break
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
