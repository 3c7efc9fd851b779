"""The kiosk's anonymous game statistics on disk, and their CSV export for staff.

Owns: ``StatisticsStore`` — ``<data_dir>/statistics.jsonl``, one line per finished or
abandoned game (``game.model.statistics.GameSummary``), appended and fsynced on a worker
thread so the frame loop never waits; a damaged line (a power cut in the middle of an append,
a hand edit) is skipped with a bounded warning and never stops the others from counting.
``export_csv`` writes every game as one CSV row (header first; no personal data, since a
summary holds none) atomically into a folder, and ``export_targets`` lists where it can go:
the removable drives mounted under ``/media/*/*`` and ``/run/media/*/*``, and the data folder.

Must not import: pygame or ``game.ui``.
"""

from __future__ import annotations

import concurrent.futures
import csv
import datetime as dt
import io
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from game.atomic import write_atomically
from game.model.statistics import CSV_FIELDS, GameSummary

log = logging.getLogger(__name__)

STATS_FILE = "statistics.jsonl"
MEDIA_ROOTS = (Path("/media"), Path("/run/media"))
"""Where desktop Linux mounts removable drives: ``/media/<user>/<label>`` (Debian, Ubuntu)
and ``/run/media/<user>/<label>`` (Fedora, udisks2)."""
WARN_LINES = 3
"""Damaged lines named one by one in the log before the rest are only counted."""


@dataclass(frozen=True)
class Export:
    """A finished CSV export."""

    path: Path
    games: int


class StatisticsStore:
    """The statistics file in ``data_dir``; writes happen in order on one worker thread."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / STATS_FILE
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="statistics")

    # -- for the kiosk --------------------------------------------------------------------

    def record(self, summary: GameSummary) -> concurrent.futures.Future[None]:
        """Add one game (in the background; the future's exception is an ``OSError`` if the
        data folder cannot be written — the kiosk logs it and plays on)."""
        return self._executor.submit(self._append, summary.to_line())

    def _append(self, line: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a+b") as handle:
            handle.seek(0, os.SEEK_END)
            prefix = b""
            if handle.tell() > 0:
                handle.seek(-1, os.SEEK_END)
                if handle.read(1) != b"\n":
                    prefix = b"\n"  # a torn last line stays a line of its own (and is skipped)
            handle.write(prefix + line.encode("utf-8") + b"\n")
            handle.flush()
            os.fsync(handle.fileno())

    # -- for the staff menu ---------------------------------------------------------------

    def load(self) -> concurrent.futures.Future[list[GameSummary]]:
        """Every game recorded so far (read in the background)."""
        return self._executor.submit(self.read_all)

    def read_all(self) -> list[GameSummary]:
        """Every readable game, oldest first (blocks on the disk)."""
        try:
            with open(self.path, encoding="utf-8", errors="replace") as handle:
                lines = handle.read().splitlines()
        except FileNotFoundError:
            return []
        except OSError as exc:
            log.warning("%s: cannot read the statistics (%s)", self.path, exc.strerror)
            return []
        games: list[GameSummary] = []
        damaged = 0
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                games.append(GameSummary.from_line(line))
            except (ValueError, KeyError, TypeError) as exc:
                damaged += 1
                if damaged <= WARN_LINES:
                    log.warning("%s:%d: damaged line skipped (%s)", self.path, number,
                                str(exc)[:100])
        if damaged > WARN_LINES:
            log.warning("%s: %d damaged lines skipped in all", self.path, damaged)
        return games

    def export_csv(self, folder: Path, *,
                   today: dt.date) -> concurrent.futures.Future[Export]:
        """Write every game to ``folder/turk-statistics-<today>.csv`` (in the background; the
        future's exception is an ``OSError`` if the folder cannot be written)."""
        return self._executor.submit(self._export, folder, today)

    def _export(self, folder: Path, today: dt.date) -> Export:
        games = self.read_all()
        path = folder / f"turk-statistics-{today.isoformat()}.csv"
        write_atomically(path, csv_text(games), newline="")
        log.info("statistics: %d games exported to %s", len(games), path)
        return Export(path, len(games))

    def close(self) -> None:
        """Finish pending writes (at shutdown)."""
        self._executor.shutdown(wait=True)


def csv_text(games: Sequence[GameSummary]) -> str:
    """The CSV export of ``games``: the header ``CSV_FIELDS``, then one row per game."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    writer.writerows(game.csv_row() for game in games)
    return buffer.getvalue()


def export_targets(data_dir: Path, *,
                   roots: Sequence[Path] = MEDIA_ROOTS) -> list[Path]:
    """Where a CSV export can go: each writable removable drive mounted at
    ``<root>/<user>/<label>``, then the data folder (blocks on the disk briefly)."""
    drives: list[Path] = []
    for root in roots:
        try:
            users = sorted(p for p in root.iterdir() if p.is_dir())
        except OSError:
            continue
        for user in users:
            try:
                drives.extend(sorted(p for p in user.iterdir()
                                     if p.is_dir() and os.access(p, os.W_OK)))
            except OSError:
                continue
    return [*drives, data_dir]
