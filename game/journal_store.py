"""The move journal on disk: one file per game, written as the game goes, flushed by a worker.

Owns: ``JournalStore`` — the folder ``<data_dir>/journal/`` with one ``<game id>.journal`` per
game in progress (its lines are ``game.model.journal``'s), the worker thread that flushes them,
``recover`` (at start-up: a game that ended is archived, a game in progress is handed back to
be resumed — or closed as abandoned and archived) — and ``GameJournal``, one game's journal,
which its ``Match`` writes to (a ``game.match.MoveLog``).

**Before it is shown.** A move's line is handed to the operating system (``os.write`` on a file
opened for appending) when the match applies the move, before any scene hears of it: from then
on it survives any crash of the program (an exception, a kill, the watchdog). That costs what
a log line costs — a copy into the system's cache, microseconds — so it happens in the frame,
and everything slow does not: the worker thread ``fsync``s each line, making it survive a power
cut too, within milliseconds (measured: ``benchmarks/journal.py``). Then:

- the **Turk's move** is shown when the automaton's hand sets the piece down, a second or more
  after its line was written: the flush finished long before (a flush slower than
  ``SLOW_FLUSH_S`` is logged as a warning, as the margin would be gone);
- the **visitor's move** is shown by the visitor's own finger, at once: holding the piece
  there until the disk answered would make the board feel broken, and blocking a frame on a
  flush is what the worker is for. A power cut in the milliseconds before its flush brings back
  the position before that drop, as if the cut had come a moment earlier; by the time the Turk
  shows its answer, the visitor's line is flushed (lines are flushed in order).

``Match.is_journaled`` tells whether everything written so far is flushed.

**Archived exactly once.** When a game ends its ``end`` line is written at once; the worker
flushes it, writes the PGN into the archive (whole, renamed, named by game id), then removes the
journal. A crash before the PGN: start-up finds an ended journal and archives it. A crash after
the PGN but before the journal is gone: start-up writes the same file again under the same name
and removes the journal. A game in progress whose archived file already records an ending (the
play screen saves every finished game too) did end: its journal goes.

**A disk that fails** (full, read-only): an ERROR once, then the game goes on without a journal
(a game's journal stops at its first failed line, so it never has a gap); the first flush that
works again is logged.

Must not import: pygame or ``game.ui``.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import functools
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from game.match import Crew, GameSetup, Match
from game.model.journal import (
    CrewLine,
    EndLine,
    GameLine,
    JournalDamagedError,
    JournalGame,
    MoveLine,
    TakeBackLine,
    copy_session,
    encode,
    lines_for,
    read_journal,
)
from game.model.records import MoveRecord
from game.model.reveal import TurkMode
from game.model.session import GameSession
from game.storage import Checkpoint, GameArchive, sync_folder, write_whole

log = logging.getLogger(__name__)

SUFFIX = ".journal"
_BINARY = getattr(os, "O_BINARY", 0)
"""Windows would otherwise write "\\r\\n" for "\\n"."""
SLOW_FLUSH_S = 0.5
"""A flush slower than this eats into the time the Turk's hand takes to show a move."""


def _no_checkpoint(step: str) -> None:
    pass


@dataclass(frozen=True)
class ResumedGame:
    """A game in progress found in the journal at start-up, to continue where it stood."""

    session: GameSession
    crew: Crew
    lever_s: float
    setup: GameSetup
    started: str


def crew_line(crew: Crew) -> CrewLine:
    mode = crew.mode
    return CrewLine(mode=str(getattr(mode, "value", mode)), operator_name=crew.operator_name,
                    engine_name=crew.engine_name, engine_author=crew.engine_author)


class JournalStore:
    """The journal folder and its worker thread.

    :param folder: where the journals live (made when the first game starts).
    :param archive: where ended games go.
    :param checkpoint: called between the steps of closing a game (tests crash there).
    """

    def __init__(self, folder: Path, archive: GameArchive, *,
                 checkpoint: Checkpoint = _no_checkpoint,
                 clock: Callable[[], dt.datetime] = dt.datetime.now) -> None:
        self.folder = folder
        self.archive = archive
        self.checkpoint = checkpoint
        self._clock = clock
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="journal")
        self._issued = 0
        self._durable = 0
        self._lock = threading.Lock()
        self._failing = False
        self._warned_slow = False
        self._keeping = False

    # -- tickets (the main thread asks, the worker answers) ------------------------------------

    def is_durable(self, ticket: int) -> bool:
        return ticket <= self._durable

    def submit(self, work: Callable[[], None]) -> int:
        """Queue ``work`` for the worker; returns its ticket."""
        self._issued += 1
        ticket = self._issued
        self._executor.submit(self._run, ticket, work)
        return ticket

    def _run(self, ticket: int, work: Callable[[], None]) -> None:
        try:
            work()
        except OSError as exc:
            self.failed(exc)
        finally:
            self._durable = ticket  # a write that failed will never be durable: do not wait

    def flush_handle(self, handle: int) -> None:
        """Flush one open journal to the disk (worker)."""
        started = time.perf_counter()
        os.fsync(handle)
        took = time.perf_counter() - started
        if took > SLOW_FLUSH_S and not self._warned_slow:
            self._warned_slow = True
            log.warning("journal: a flush took %.2f s; the Turk's hand may show a move before "
                        "it is safe from a power cut on this disk", took)
        with self._lock:
            recovered, self._failing = self._failing, False
        if recovered:
            log.info("journal: writing to %s works again", self.folder)

    def failed(self, exc: OSError) -> None:
        """A write failed: an ERROR the first time, then quiet until a flush works again."""
        with self._lock:
            first, self._failing = not self._failing, True
        if first:
            log.error("journal: cannot write in %s (%s); games go on without a journal",
                      self.folder, exc)

    def flush(self) -> None:
        """Wait until everything queued is done (start-up checks, tests)."""
        self._executor.submit(lambda: None).result()

    # -- games -------------------------------------------------------------------------------

    def open(self, match: Match, setup: GameSetup, *, started: str = "") -> GameJournal:
        """Start the journal of ``match``'s game. A new game's first line is written now and
        flushed by the worker; a game with moves already (a resumed one, or one continued from
        a PGN file: only at start-up) is written whole and flushed before this returns.
        """
        session = match.session
        journal = GameJournal(self, self.folder / f"{session.game_id}{SUFFIX}", session.game_id)
        if session.is_over:  # a finished game loaded to look at: nothing to journal
            journal.is_ended = True
            return journal
        header = GameLine(session.game_id, session.start_fen, session.visitor_color,
                          color=setup.color, level=setup.level,
                          headers=tuple(session.headers.items()),
                          started=started or self._clock().isoformat(timespec="milliseconds"))
        text = "".join(encode(entry) for entry in lines_for(
            header, session, crew=crew_line(match.crew), lever_s=match.operator_seconds))
        try:
            journal.start(text, whole=bool(session.records))
        except OSError as exc:
            self.failed(exc)
        return journal

    def keep_open_games(self) -> None:
        """The program is stopping: games in progress keep their journals (to resume)."""
        self._keeping = True

    @property
    def keeping(self) -> bool:
        return self._keeping

    def close(self) -> None:
        """Finish every queued write (at shutdown)."""
        self._executor.shutdown(wait=True)

    # -- start-up ------------------------------------------------------------------------------

    def recover(self, *, resume: bool) -> ResumedGame | None:
        """Put the journal folder in order after a stop, a crash or a power cut.

        Ended games are archived; of the games in progress, the newest is returned to be
        resumed when ``resume`` is true, and every other is closed as abandoned and archived.
        """
        in_progress: list[JournalGame] = []
        for path in self._journal_files():
            game = self._read(path)
            if game is None:
                continue
            game_id = game.session.game_id
            if game.is_over:
                log.info("journal: game %s ended before the stop; archiving it", game_id)
                self._archive_and_remove(game.session, path)
            elif self.archive.ending_of(game_id) is not None:
                log.info("journal: game %s is archived as ended already", game_id)
                self.submit(functools.partial(_remove, path))
            else:
                in_progress.append(game)
        in_progress.sort(key=lambda game: game.header.started)
        kept = in_progress.pop() if resume and in_progress else None
        for game in in_progress:
            log.info("journal: game %s (%d moves) was in progress; closed as abandoned",
                     game.session.game_id, game.session.ply)
            self._abandon(game.session, self.folder / f"{game.session.game_id}{SUFFIX}")
        if kept is None:
            return None
        header = kept.header
        log.info("journal: resuming game %s at move %d", header.game_id, kept.session.ply)
        crew = Crew(mode=TurkMode(kept.crew.mode), operator_name=kept.crew.operator_name,
                    engine_name=kept.crew.engine_name, engine_author=kept.crew.engine_author)
        setup = GameSetup(header.color, header.level, header.start_fen, header.headers)
        return ResumedGame(kept.session, crew, kept.lever_s, setup, header.started)

    def _journal_files(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        for stale in self.folder.glob(".*.tmp"):
            stale.unlink(missing_ok=True)
        return sorted(self.folder.glob(f"*{SUFFIX}"))

    def _read(self, path: Path) -> JournalGame | None:
        try:
            text = path.read_bytes().decode("utf-8", errors="replace")
        except OSError as exc:
            log.error("journal: cannot read %s (%s)", path.name, exc)
            return None
        try:
            game = read_journal(text)
        except JournalDamagedError as exc:
            self._damaged(path, exc)
            return None
        if game is None:
            log.warning("journal: %s holds no whole line (a game that never began); removed",
                        path.name)
            self.submit(lambda: _remove(path))
            return None
        if game.torn:
            log.warning("journal: %s: ignored %s (a write cut short by a crash or a power cut)",
                        path.name, game.torn)
        return game

    def _damaged(self, path: Path, exc: JournalDamagedError) -> None:
        aside = path.with_suffix(".damaged")
        log.error("journal: %s is damaged at line %d (%s); kept as %s, and the game as far as "
                  "it reads is archived as abandoned", path.name, exc.line, exc.reason[:200],
                  aside.name)
        try:
            os.replace(path, aside)
        except OSError as error:
            log.error("journal: cannot move %s aside (%s)", path.name, error)
            return
        partial = exc.partial
        if partial is None or partial.session.ply == 0 \
                or self.archive.ending_of(partial.session.game_id) is not None:
            return
        if partial.is_over:
            self._archive_and_remove(partial.session, None)
        else:
            self._abandon(partial.session, None)

    def _abandon(self, session: GameSession, path: Path | None) -> None:
        """Archive the game closed as abandoned (the journal's copy: the session itself is
        left as it was), then remove ``path``."""
        closed = copy_session(session)
        closed.abandon()
        self._archive_and_remove(closed, path)

    def _archive_and_remove(self, session: GameSession, path: Path | None) -> None:
        text = self.archive.text_of(session)
        game_id = session.game_id

        def work() -> None:
            self.archive.write(game_id, text)
            self.checkpoint("archived")
            if path is not None:
                _remove(path)
                self.checkpoint("removed")
        self.submit(work)


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)
    sync_folder(path.parent)


class GameJournal:
    """One game's journal: what its ``Match`` writes down (a ``game.match.MoveLog``).

    The main thread writes lines; the worker flushes them and, in the end, closes the file.
    """

    def __init__(self, store: JournalStore, path: Path, game_id: str) -> None:
        self.store = store
        self.path = path
        self.game_id = game_id
        self.is_ended = False
        self._handle: int | None = None
        """The open file; ``None`` before it is made, once handed to the worker to close, or
        after a failed line (no line may follow a gap)."""

    # -- the match's side (main thread) -----------------------------------------------------

    def start(self, text: str, *, whole: bool) -> None:
        """Make the file with its first lines.

        :raises OSError: if it cannot be made.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if whole:
            write_whole(self.path, text)
            self._handle = os.open(self.path, os.O_WRONLY | os.O_APPEND | _BINARY)
            return
        self._handle = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND
                               | _BINARY, 0o644)
        self._write(text)
        if self._handle is not None:
            self.store.submit(functools.partial(sync_folder, self.path.parent))

    def moved(self, record: MoveRecord, *, lever_s: float) -> int:
        return self._append(encode(MoveLine(record, lever_s=lever_s)))

    def is_durable(self, ticket: int) -> bool:
        return self.store.is_durable(ticket)

    def taken_back(self, plies: int) -> None:
        self._append(encode(TakeBackLine(plies)))

    def crew_changed(self, crew: Crew) -> None:
        self._append(encode(crew_line(crew)))

    def ended(self, session: GameSession, *, lever_s: float) -> int:
        ending = session.ending
        if self.is_ended or ending is None:
            return 0
        self.is_ended = True
        handle = self._write(encode(EndLine(
            ending.termination, ending.winner, note=session.headers.get("Adjudication", ""),
            lever_s=lever_s)))
        self._handle = None  # the worker closes it
        pgn = self.store.archive.text_of(session)
        return self.store.submit(functools.partial(self.finish, handle, pgn))

    def closed(self, session: GameSession) -> None:
        if self.is_ended:
            return
        if self.store.keeping:  # resumed at the next start
            handle, self._handle = self._handle, None
            self.store.submit(functools.partial(_close, handle))
        elif session.ply == 0:  # a game replaced before its first move: nothing to keep
            self.is_ended = True
            handle, self._handle = self._handle, None
            self.store.submit(functools.partial(self.drop, handle))
        else:  # replaced by a new game: abandoned, and archived as such
            abandoned = copy_session(session)
            abandoned.abandon()
            self.ended(abandoned, lever_s=0.0)

    def _append(self, line: str) -> int:
        handle = self._write(line)
        if handle is None:
            return 0  # nothing written: nothing to wait for
        return self.store.submit(functools.partial(self.store.flush_handle, handle))

    def _write(self, text: str) -> int | None:
        """Hand ``text`` to the system now; the open file, or ``None`` when it failed."""
        handle = self._handle
        if handle is None:
            return None
        try:
            data = text.encode("ascii")
            while data:
                data = data[os.write(handle, data):]
        except OSError as exc:
            self.store.failed(exc)
            self._handle = None  # no line after a gap: the journal keeps what it has
            self.store.submit(functools.partial(_close, handle))
            return None
        return handle

    # -- the worker's side -----------------------------------------------------------------------

    def finish(self, handle: int | None, pgn: str) -> None:
        """The game ended: flush its last line, archive it, then remove the journal."""
        checkpoint = self.store.checkpoint
        if handle is not None:
            try:
                self.store.flush_handle(handle)
            except OSError as exc:  # the archive may still be writable
                self.store.failed(exc)
        checkpoint("ended")
        try:
            self.store.archive.write(self.game_id, pgn)
        finally:  # a journal whose game could not be archived stays, for the next start
            _close(handle)
        checkpoint("archived")
        _remove(self.path)
        checkpoint("removed")

    def drop(self, handle: int | None) -> None:
        _close(handle)
        _remove(self.path)


def _close(handle: int | None) -> None:
    if handle is not None:
        os.close(handle)
