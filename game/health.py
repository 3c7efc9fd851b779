"""How the kiosk is doing, for the health page of the staff menu.

Owns: ``HealthReport`` (engine up, operator connected, disk free, the last problems in the
log), ``last_log_problems`` (the last few ERROR and WARNING lines of ``<data_dir>/logs/
turk.log``, read from the file's tail only — a bounded number of bytes and lines, each line
cut to a fixed width and cleaned of control characters), ``disk_free_bytes`` and
``collect_health``, which puts them together. They read the disk: call them on a worker
thread, never in a frame.

Must not import: pygame or ``game.ui``.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

LOG_FILE = Path("logs") / "turk.log"
"""Where ``turk`` logs, under the data folder (``game.cli``)."""
TAIL_BYTES = 64_000
"""How much of the end of each log file is read."""
PROBLEMS = 6
WIDTH = 160
"""Characters kept of each line shown."""
LOW_DISK_BYTES = 1_000_000_000
"""Below this, the health page warns that the disk is nearly full."""

_LINE = re.compile(r"^\d{4}-\d\d-\d\d (\d\d:\d\d):\d\d[,.]\d+ (ERROR|WARNING|CRITICAL) "
                   r"([\w.]+): (.*)$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class HealthReport:
    """A snapshot of the kiosk's health."""

    engine_up: bool | None
    """Whether the engine answers (``None``: not known yet)."""
    operator_connected: bool | None
    """Whether a hidden operator is connected (``None``: no operator in this mode)."""
    disk_free_bytes: int | None
    """Free space where the data folder is (``None``: could not be read)."""
    last_problems: tuple[str, ...] = ()
    """The last ERROR and WARNING lines of the log, newest last, shortened."""

    @property
    def disk_low(self) -> bool:
        return self.disk_free_bytes is not None and self.disk_free_bytes < LOW_DISK_BYTES


def _tail(path: Path, size: int) -> list[str]:
    try:
        with open(path, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            length = handle.tell()
            handle.seek(max(0, length - size))
            data = handle.read(size)
    except OSError:
        return []
    lines = data.decode("utf-8", errors="replace").splitlines()
    return lines[1:] if length > size else lines  # the first line read may be cut


def _shorten(match: re.Match[str]) -> str:
    clock, level, logger, message = match.groups()
    text = _CONTROL.sub(" ", f"{clock} {level} {logger.removeprefix('game.')}: {message}")
    return text if len(text) <= WIDTH else text[:WIDTH - 1] + "…"


def last_log_problems(log_path: Path, *, limit: int = PROBLEMS,
                      tail_bytes: int = TAIL_BYTES) -> tuple[str, ...]:
    """The last ``limit`` ERROR/WARNING/CRITICAL lines of ``log_path`` (and, if it has too
    few, of the rotated ``log_path.1``), oldest first, each at most ``WIDTH`` characters."""
    found: list[str] = []
    for path in (log_path, log_path.with_name(log_path.name + ".1")):
        lines = [_shorten(m) for m in map(_LINE.match, _tail(path, tail_bytes)) if m]
        found = lines[-(limit - len(found)):] + found if len(found) < limit else found
        if len(found) >= limit:
            break
    return tuple(found[-limit:])


def disk_free_bytes(folder: Path) -> int | None:
    """Free bytes on the disk that holds ``folder`` (or its nearest existing parent)."""
    probe = folder
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    try:
        return shutil.disk_usage(probe).free
    except OSError:
        return None


def collect_health(data_dir: Path, *, engine_up: bool | None,
                   operator_connected: bool | None) -> HealthReport:
    """A report with the disk and the log read now (blocks: call it on a worker thread)."""
    return HealthReport(engine_up, operator_connected, disk_free_bytes(data_dir),
                        last_log_problems(data_dir / LOG_FILE))
