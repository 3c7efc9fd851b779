"""Test helper: start the cue engine (``cue_engine.py``) and wait for what it reports.

``Cues`` owns one test's state folder and a FIFO the engine writes its events to; the test
reads them with ``select``, so it waits exactly as long as the engine takes, never a fixed time.
"""

from __future__ import annotations

import os
import select
import sys
import time
from pathlib import Path

SCRIPT = Path(__file__).with_name("cue_engine.py")


class Cues:
    """The cue engine's command for one test, and what its processes reported."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.fifo = folder / "events.fifo"
        os.mkfifo(self.fifo)
        self._reader = os.open(self.fifo, os.O_RDONLY | os.O_NONBLOCK)
        # A writer of our own keeps the FIFO open between engine processes, so the reader
        # sees no end of file while one engine has died and the next is not up yet.
        self._keeper = os.open(self.fifo, os.O_WRONLY)
        self._pending = b""

    def command(self, die_on: str, *, deaths: int = 1, hang: bool = False) -> list[str]:
        """The engine program: ``deaths`` processes die (or hang) at ``die_on``, later ones
        play."""
        return [sys.executable, str(SCRIPT), "--die-on", die_on, "--deaths", str(deaths),
                "--state", str(self.folder), "--events", str(self.fifo),
                *(["--hang"] if hang else [])]

    def wait_for(self, prefix: str, limit_s: float = 30.0) -> str:
        """The next event line that starts with ``prefix`` (earlier lines are skipped)."""
        deadline = time.monotonic() + limit_s
        while True:
            while b"\n" in self._pending:
                line, self._pending = self._pending.split(b"\n", 1)
                if line.decode().startswith(prefix):
                    return line.decode()
            left = deadline - time.monotonic()
            assert left > 0, f"the engine never reported {prefix!r}; it said {self.events()}"
            ready, _, _ = select.select([self._reader], [], [], left)
            if ready:
                self._pending += os.read(self._reader, 4096)

    def events(self) -> list[str]:
        """Everything every process of this test reported, in order."""
        path = self.folder / "events"
        return path.read_text().splitlines() if path.exists() else []

    def count(self, prefix: str) -> int:
        return sum(1 for line in self.events() if line.startswith(prefix))

    def close(self) -> None:
        os.close(self._reader)
        os.close(self._keeper)


def wait_until_gone(pid: int, limit_s: float = 10.0) -> bool:
    """Whether process ``pid`` has exited within ``limit_s`` (woken by the kernel, no polling).

    A zombie (exited, not yet reaped) counts as gone: it runs no more.
    """
    try:
        handle = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        ready, _, _ = select.select([handle], [], [], limit_s)
        return bool(ready)
    finally:
        os.close(handle)
