"""What the staff menu shows of the settings file while changes travel to the disk.

Owns: ``SettingsDraft`` — the settings as read from the file, with staff's changes applied at
once (so quick taps build on each other) and written in order, one by one, on the menu's
worker thread (``game.settings_file.SettingsFile.change``: validated like the file, written
atomically). When a write is refused, the draft goes back to what the file holds and keeps the
reason (which names the line and the fix) for the menu to show. Also ``Job``: one background
read (health, statistics) that the menu polls each frame.

No pygame here: the menu draws; this keeps the state.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from game.config import Settings, SettingsError
from game.settings_file import SettingsFile

log = logging.getLogger(__name__)
_T = TypeVar("_T")


@dataclass(frozen=True)
class Saved:
    """A change reached the disk; ``settings`` is the whole file as now written."""

    settings: Settings
    fields: tuple[str, ...]


class SettingsDraft:
    """The settings file as the menu shows it."""

    def __init__(self, file: SettingsFile, worker: concurrent.futures.Executor) -> None:
        self.file = file
        self._worker = worker
        self.shown: Settings | None = None
        """``None`` until the file has been read."""
        self.saved: Settings | None = None
        self.error = ""
        """Why the last read or write was refused ("" if it was not)."""
        self._reading: concurrent.futures.Future[Settings] | None = None
        self._writes: list[tuple[tuple[str, ...],
                                 concurrent.futures.Future[Settings]]] = []

    @property
    def is_busy(self) -> bool:
        return self._reading is not None or bool(self._writes)

    def load(self) -> None:
        self._reading = self._worker.submit(self.file.read)

    def set(self, **changes: Any) -> None:
        """Show ``changes`` now and write them to the file after any earlier ones."""
        if self.shown is None:
            return
        self.shown = dataclasses.replace(self.shown, **changes)
        self.error = ""
        self._writes.append((tuple(changes), self._worker.submit(self.file.change, **changes)))

    def poll(self) -> list[Saved]:
        """Take in what the worker finished (in order); returns the changes now on disk."""
        if self._reading is not None and self._reading.done():
            self._take_read(self._reading)
            self._reading = None
        saved: list[Saved] = []
        while self._writes and self._writes[0][1].done():
            fields, future = self._writes.pop(0)
            try:
                settings = future.result()
            except SettingsError as exc:
                self._refused(str(exc))
                continue
            self.saved = settings
            saved.append(Saved(settings, fields))
            if not self._writes:
                self.shown = settings
        return saved

    def _take_read(self, future: concurrent.futures.Future[Settings]) -> None:
        try:
            self.saved = self.shown = future.result()
        except SettingsError as exc:
            self.error = str(exc)
            log.warning("staff menu: %s", self.error)

    def _refused(self, reason: str) -> None:
        log.warning("staff menu: a change was refused: %s", reason)
        self.error = reason
        for _fields, pending in self._writes:
            pending.cancel()
        self._writes = [(f, p) for f, p in self._writes if not p.cancelled()]
        self.shown = self.saved  # back to what the file holds


class Job(Generic[_T]):
    """One background task whose result the menu picks up when it is ready."""

    def __init__(self, worker: concurrent.futures.Executor, task: Callable[[], _T]) -> None:
        self._future: concurrent.futures.Future[_T] | None = worker.submit(task)
        self.result: _T | None = None
        self.error = ""

    @property
    def is_done(self) -> bool:
        return self._future is None or self._future.done()

    def poll(self) -> bool:
        """``True`` once, when the result (or error) has just arrived."""
        if self._future is None or not self._future.done():
            return False
        try:
            self.result = self._future.result()
        except Exception as exc:  # a report must not take the staff menu down
            self.error = str(exc)[:200]
            log.warning("staff menu: %s", self.error)
        self._future = None
        return True

    def wait(self, timeout: float) -> None:
        """Tests and screenshots only: wait for the worker."""
        if self._future is not None:
            concurrent.futures.wait([self._future], timeout=timeout)
