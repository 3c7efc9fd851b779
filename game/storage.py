"""Writing games to disk without ever holding up a frame.

Owns: ``GameArchive`` — the games folder: every game as one PGN file named by its game id
(``<date>-<time>-<game id>.pgn``), written whole and then renamed into place, so a power cut
never leaves half a file, and written again under the same name as the game grows, so a game
is in the archive **exactly once** however often it is saved, and across any number of
crashes: a process that starts reads the folder once to learn the names already used.
``save`` works on the archive's worker thread; ``write`` is for other workers (the journal's).
Also ``write_whole`` and ``sync_folder``, the atomic-write steps the journal shares.

Must not import: pygame or ``game.ui``.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

import chess.pgn

from game.model.pgn import PgnMeta, session_to_pgn
from game.model.session import GameSession

log = logging.getLogger(__name__)

Checkpoint = Callable[[str], None]
"""Called between the steps of a write (tests simulate a crash there)."""


def _no_checkpoint(step: str) -> None:
    pass


class GameArchive:
    """PGN files of finished and running games in ``folder``, one per game id."""

    def __init__(self, folder: Path, *, meta: PgnMeta | None = None,
                 checkpoint: Checkpoint = _no_checkpoint,
                 clock: Callable[[], dt.datetime] = dt.datetime.now) -> None:
        self.folder = folder
        self.meta = meta or PgnMeta()
        self.checkpoint = checkpoint
        self._clock = clock
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="archive")
        self._lock = threading.Lock()
        self._names: dict[str, str] | None = None
        """Game id → file name, read from the folder on first use (on a worker)."""

    def text_of(self, session: GameSession) -> str:
        """The game as the archive writes it."""
        return session_to_pgn(session, self.meta)

    def save(self, session: GameSession) -> concurrent.futures.Future[Path]:
        """Write the game (as it is now) in the background; the future holds the path.

        The future's exception is an ``OSError`` if the folder cannot be written.
        """
        return self._executor.submit(self.write, session.game_id, self.text_of(session))

    def write(self, game_id: str, text: str) -> Path:
        """Write ``text`` as the game's file now, on the calling (worker) thread.

        :raises OSError: if the folder cannot be written.
        """
        path = self.path_for(game_id)
        write_whole(path, text, checkpoint=self.checkpoint)
        return path

    def path_for(self, game_id: str) -> Path:
        """The game's file: the one it already has, or a new name stamped with the time now.

        :raises OSError: if the folder exists but cannot be read.
        """
        with self._lock:
            names = self._index()
            name = names.get(game_id)
            if name is None:
                name = f"{self._clock().strftime('%Y-%m-%d-%H%M%S')}-{game_id}.pgn"
                names[game_id] = name
            return self.folder / name

    def find(self, game_id: str) -> Path | None:
        """The game's file if the archive holds it."""
        with self._lock:
            name = self._index().get(game_id)
        if name is None or not (self.folder / name).is_file():
            return None
        return self.folder / name

    def ending_of(self, game_id: str) -> str | None:
        """The ``Termination`` the archived game records (``None``: not archived, or saved
        while it was still going on)."""
        path = self.find(game_id)
        if path is None:
            return None
        try:
            with open(path, encoding="utf-8") as handle:
                headers = chess.pgn.read_headers(handle)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            log.warning("archive: cannot read %s: %s", path.name, exc)
            return None
        return headers.get("Termination") if headers is not None else None

    def _index(self) -> dict[str, str]:
        """Read the folder once: the names in use, and temporary files a crash left behind."""
        if self._names is None:
            names: dict[str, str] = {}
            if self.folder.is_dir():
                for path in self.folder.iterdir():
                    if path.name.startswith(".") and path.name.endswith(".tmp"):
                        path.unlink(missing_ok=True)
                    elif path.suffix == ".pgn":
                        names.setdefault(path.stem.rsplit("-", 1)[-1], path.name)
            self._names = names
        return self._names

    def close(self) -> None:
        """Finish pending writes (at shutdown)."""
        self._executor.shutdown(wait=True)


def write_whole(path: Path, text: str, *, checkpoint: Checkpoint = _no_checkpoint) -> None:
    """Replace ``path`` with ``text`` atomically and durably: a hidden temporary file (its
    name unique to the thread, so two writers of one file never mix), flushed to the disk,
    renamed over the file, and the folder synced so the new name survives a power cut.

    :raises OSError: if the folder cannot be written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{threading.get_ident()}.tmp")
    try:
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        checkpoint("written")
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise
    checkpoint("renamed")
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Make a folder's entries (new, renamed, removed files) durable, where the system can."""
    if os.name != "posix":
        return  # Windows has no directory handles to flush; NTFS journals its metadata
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
