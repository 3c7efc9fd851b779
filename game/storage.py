"""Writing games to disk without ever holding up a frame.

Owns: ``GameArchive`` — writes a game as PGN into the games folder on a worker thread, each
file written whole and then renamed into place, so a power cut never leaves half a file.
File names sort by date and carry the game id, so a running game's file is overwritten as it
grows and the finished game replaces it.

Must not import: pygame or ``game.ui``.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import os
from pathlib import Path

from game.model.pgn import PgnMeta, session_to_pgn
from game.model.session import GameSession


class GameArchive:
    """PGN files of finished and running games in ``folder``."""

    def __init__(self, folder: Path, *, meta: PgnMeta | None = None) -> None:
        self.folder = folder
        self.meta = meta or PgnMeta()
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="archive")
        self._names: dict[str, str] = {}

    def path_for(self, session: GameSession) -> Path:
        """The file that holds this game (named when first saved)."""
        name = self._names.get(session.game_id)
        if name is None:
            stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")
            name = f"{stamp}-{session.game_id}.pgn"
            self._names[session.game_id] = name
        return self.folder / name

    def save(self, session: GameSession) -> concurrent.futures.Future[Path]:
        """Write the game (as it is now) in the background; the future holds the path.

        The future's exception is an ``OSError`` if the folder cannot be written.
        """
        text = session_to_pgn(session, self.meta)
        path = self.path_for(session)
        return self._executor.submit(_write_atomically, path, text)

    def close(self) -> None:
        """Finish pending writes (at shutdown)."""
        self._executor.shutdown(wait=True)


def _write_atomically(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    return path
