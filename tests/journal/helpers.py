"""Journals in tests: a match with a journal on a temporary folder, and reading back the disk."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import chess
import chess.pgn

from game.journal_store import JournalStore
from game.match import GameSetup, Match, MatchEvent, MovePlayed
from game.model.pacing import Pacing
from game.model.session import GameSession
from game.opponents.random_moves import RandomOpponent
from game.storage import Checkpoint, GameArchive


class SimulatedCrash(BaseException):
    """The program dies here (raised from a checkpoint; no ``except Exception`` catches it)."""


def crash_at(step: str) -> Checkpoint:
    def checkpoint(name: str) -> None:
        if name == step:
            raise SimulatedCrash(step)
    return checkpoint


def no_crash(name: str) -> None:
    pass


class Ticking:
    """A clock that moves a minute on every reading: a file named twice would get two names."""

    def __init__(self) -> None:
        self.now = dt.datetime(2025, 5, 1, 10, 0)

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(minutes=1)
        return self.now


TICKING = Ticking()


def make_store(tmp_path: Path, checkpoint: Checkpoint = no_crash) -> JournalStore:
    archive = GameArchive(tmp_path / "games", checkpoint=checkpoint, clock=TICKING)
    # Games opened one after another start at different times (the wall clock's milliseconds
    # can be equal for two games opened at once, and which is newer would be left to chance).
    return JournalStore(tmp_path / "journal", archive, checkpoint=checkpoint, clock=TICKING)


def journaled_match(store: JournalStore, *, seed: int = 1,
                    visitor: chess.Color = chess.WHITE) -> Match:
    session = GameSession(visitor_color=visitor, headers={"VisitFormat": "full"})
    match = Match(session, RandomOpponent(seed), pacing=Pacing.instant(), rng=random.Random(seed))
    setup = GameSetup("white" if visitor == chess.WHITE else "black", 2)
    match.journal = store.open(match, setup)
    match.start()
    return match


def turk_reply(match: Match) -> list[MatchEvent]:
    """Update until the Turk's move is played (an instant opponent: a few updates)."""
    events: list[MatchEvent] = []
    for _ in range(20):
        events += match.update(0.05)
        if any(isinstance(event, MovePlayed) for event in events):
            return events
    raise AssertionError("the Turk did not move")


def play_moves(match: Match, plies: int, rng: random.Random) -> None:
    """The visitor plays random legal moves and the Turk answers, for ``plies`` plies."""
    while match.session.ply < plies and not match.session.is_over:
        if match.session.is_visitor_turn:
            moves = sorted(match.session.board().legal_moves, key=chess.Move.uci)
            match.play_visitor_move(rng.choice(moves))
        else:
            turk_reply(match)


def archived_games(folder: Path) -> dict[str, list[chess.pgn.Game]]:
    """Every PGN in ``folder`` by the game id its name carries."""
    games: dict[str, list[chess.pgn.Game]] = {}
    for path in sorted(folder.glob("*.pgn")):
        with open(path, encoding="utf-8") as handle:
            game = chess.pgn.read_game(handle)
        assert game is not None, path
        games.setdefault(path.stem.rsplit("-", 1)[-1], []).append(game)
    return games


def journal_files(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "journal"
    return sorted(folder.glob("*.journal")) if folder.is_dir() else []
