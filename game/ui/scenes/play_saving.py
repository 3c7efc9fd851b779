"""Saving the game from the play screen: on the archive's thread, and said kindly.

Owns: ``GameSaving`` — starts a save (the Save button, or by itself when a game ends), polls
it from the frame loop and tells the status panel: "Game saved." when the visitor asked
(the automatic save at the end says nothing: the result is what counts), a short reason when
it failed. The file's path goes to the log only: staff need it, a visitor does not.
"""

from __future__ import annotations

import concurrent.futures
import logging
from pathlib import Path

from game.model.session import GameSession
from game.storage import GameArchive
from game.ui.scenes.play_panels import StatusPanel

log = logging.getLogger(__name__)


class GameSaving:
    """One play screen's saves."""

    def __init__(self, archive: GameArchive | None, status: StatusPanel) -> None:
        self.archive = archive
        self._status = status
        self.pending: concurrent.futures.Future[Path] | None = None
        self._announce = True
        self.saved_at_end = False
        """The finished game has been written (so "Save game" has nothing left to do)."""

    def save(self, session: GameSession, *, announce: bool = True,
             at_end: bool = False) -> None:
        """Write ``session`` to the archive; ``announce``: say so when it is done."""
        if self.archive is not None:
            self.pending = self.archive.save(session)
            self._announce = announce
            self.saved_at_end = at_end

    def poll(self) -> None:
        """Take in a finished save (never waits)."""
        future = self.pending
        if future is None or not future.done():
            return
        self.pending = None
        error = future.exception()
        if error is not None:
            log.warning("saving the game failed: %s", error)
            self.saved_at_end = False
            reason = error.strerror if isinstance(error, OSError) and error.strerror else \
                type(error).__name__
            self._status.flash("ui.status.save_failed", reason=reason[:60])
            return
        log.info("game saved to %s", future.result())
        if self._announce:
            self._status.flash("ui.status.saved")
