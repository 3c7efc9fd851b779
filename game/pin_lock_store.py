"""Where the PIN pad's lock-out is kept, so that restarting the kiosk does not lift it.

Owns: ``PinLockStore`` — the lock (``game.model.pin.PinLock``: wrong PINs so far and until
when the pad is locked) in ``<data_dir>/staff-lock.json``, written whole and renamed. A missing
file means no lock; a damaged one is logged and read as no lock (it can only be damaged by
hand: every write is atomic). Both methods block on the disk: the PIN pad calls them on its
worker thread.

Must not import: pygame or ``game.ui``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from game.atomic import write_atomically
from game.model.pin import PinLock

log = logging.getLogger(__name__)

LOCK_FILE = "staff-lock.json"


class PinLockStore:
    """The PIN pad's lock in ``data_dir``."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LOCK_FILE

    def load(self) -> PinLock:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return PinLock()
        except OSError as exc:
            log.warning("%s: cannot read the PIN lock (%s); starting unlocked", self.path,
                        exc.strerror)
            return PinLock()
        try:
            return PinLock.from_json(text)
        except ValueError as exc:
            log.warning("%s: damaged PIN lock file (%s); starting unlocked", self.path,
                        str(exc)[:120])
            return PinLock()

    def save(self, lock: PinLock) -> None:
        """:raises OSError: if the data folder cannot be written."""
        write_atomically(self.path, lock.to_json() + "\n")
