"""A real kiosk for the link tests: ``turk host`` as its own process, headless (SDL's dummy
drivers), with its own data folder; where it listens and its log read from its log file."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

LISTENING = re.compile(r"operator link listening on ([\d.]+):(\d+); pairing code: (.+)$")


class KioskProcess:
    """``turk host ARGS --port 0 --data-dir DIR`` running until :meth:`stop`."""

    def __init__(self, data_dir: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.data_dir = data_dir
        self.log_file = data_dir / "logs" / "turk.log"
        data_dir.mkdir(parents=True, exist_ok=True)
        self._stderr = (data_dir / "stderr.txt").open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "game", "host", "--port", "0", "--data-dir", str(data_dir),
             *args],
            stdout=subprocess.DEVNULL, stderr=self._stderr, text=True,
            env={**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy",
                 "PYGAME_HIDE_SUPPORT_PROMPT": "1", **(env or {})})
        match = self.wait_for_log(lambda line: LISTENING.search(line) is not None)
        self.address = (match.group(1), int(match.group(2)))
        self.code_shown = match.group(3)
        """What the log says about the code: the code itself, or where it is."""

    def log_lines(self) -> list[str]:
        """The log file's lines so far."""
        try:
            return self.log_file.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []

    def wait_for_log(self, found: Callable[[str], bool], *,
                     timeout_s: float = 60.0) -> re.Match[str]:
        """Wait until a log line satisfies ``found``; the listening line's match (or, for
        other lines, a match of the whole line)."""
        deadline = time.monotonic() + timeout_s
        while True:
            for line in self.log_lines():
                if found(line):
                    return LISTENING.search(line) or re.match(r".*", line)  # type: ignore[return-value]
            if self.process.poll() is not None:
                said = (self.data_dir / "stderr.txt").read_text(encoding="utf-8")
                raise AssertionError(f"turk host ended ({self.process.returncode}): "
                                     f"{said[-2000:]}")
            assert time.monotonic() < deadline, f"not in the log: {self.log_lines()[-5:]}"
            time.sleep(0.02)

    def stop(self) -> None:
        """Ask it to end as Ctrl-C would, and wait (killing it if it hangs)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self._stderr.close()
