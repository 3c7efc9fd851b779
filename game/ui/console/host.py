"""The kiosk's side of a hidden-operator session: the play screen, the match and the link.

Owns: ``OperatorHost`` — one per kiosk session. It owns the ``OperatorLink`` and the
``Director``, makes an ``OperatorOpponent`` for every game (the app's opponent factory), and
each step carries what happened between the two: operators joining and leaving, their moves
and letter-board texts in; the game's state (with the countdown), the visitor's hand, the
engine's hints, stand-ins and endings out. It keeps the match's sealed ``Crew`` and the
operator's time at the lever up to date for the reveal.

Nothing here touches the visitor's screen except ``spell`` (the operator's words, which the
Turk spells as its own): a joining, leaving, failing or refused operator shows nowhere but in
the log. It draws nothing (pygame appears only in the companion's signature); it runs in the
app's loop as a companion, each fixed step before the scenes'. It lives in the UI layer
because ``game.opponents`` and ``game.net`` are independent layers: this is where they meet.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Sequence
from typing import Protocol

import chess
import pygame

from game.config import Settings
from game.match import Crew, GameSetup, Match
from game.model.director import Director, DirectorSettings
from game.model.pacing import Pacing
from game.model.records import MoveAuthor
from game.model.session import GameSession, Termination
from game.net import protocol
from game.net.link import (
    OperatorJoined,
    OperatorLeft,
    OperatorLink,
    OperatorMoved,
    OperatorSaid,
)
from game.opponents.base import Opponent
from game.opponents.engine import EngineOpponent
from game.opponents.hints import HintAnalyser, HintLine
from game.opponents.operator import OperatorOpponent
from game.ui.assets import asset_root
from game.ui.scenes.play import PlayObserver

log = logging.getLogger(__name__)

StandbyFactory = Callable[[GameSetup], Opponent]
HintsFactory = Callable[[], HintAnalyser]


class PlayView(Protocol):
    """What the host needs of the play screen (``PlayScene`` has it)."""

    match: Match
    observer: PlayObserver | None

    def spell(self, text: str) -> None:
        """The Turk spells ``text`` on its letter board."""


class OperatorHost:
    """Runs a hidden-operator session beside the play screen.

    :param link: the kiosk's end of the operator link (started by :meth:`start`).
    :param director: who makes each Turk move (its stand-in limit).
    :param standby: makes, per game, the engine that stands in (recording ``ENGINE_STANDIN``).
    :param hints: makes, per game, the analysing engine for hybrid play; ``None`` otherwise.
    :param pacing: the pacing of the match (plans a stand-in's thought).
    """

    def __init__(self, link: OperatorLink, *, director: Director, standby: StandbyFactory,
                 hints: HintsFactory | None = None, pacing: Pacing | None = None,
                 rng: random.Random | None = None) -> None:
        self.link = link
        self.director = director
        self._standby = standby
        self._hints = hints
        self._pacing = pacing or Pacing()
        self._rng = rng or random.Random()
        self._now = 0.0
        self._play: PlayView | None = None
        self.operator_name = ""
        """The name of the operator who joined last (credited in the record)."""
        self._game_id: str | None = None
        self._ended = False
        self._ending_news = False
        self._published: tuple[object, ...] | None = None
        self._lifted: chess.Square | None = None

    @property
    def now(self) -> float:
        """The session's time in seconds (advanced by :meth:`update`)."""
        return self._now

    @property
    def mode(self) -> str:
        """``"hybrid"`` with engine hints, ``"operator"`` without."""
        return "hybrid" if self._hints is not None else "operator"

    def start(self) -> None:
        """Listen for the operator.

        :raises LinkError: if the address cannot be bound.
        """
        self.link.start()

    def opponent_for(self, setup: GameSetup) -> OperatorOpponent:
        """The source of the Turk's moves for a new game (the app's opponent factory)."""
        return OperatorOpponent(self.director, self._standby(setup), clock=lambda: self._now,
                                pacing=self._pacing, rng=self._rng,
                                hints=self._hints() if self._hints is not None else None,
                                operator_name=lambda: self.operator_name,
                                on_turn=self._publish)

    # -- the app's companion ------------------------------------------------------------------

    def attach(self, play: PlayView) -> None:
        """Follow ``play``: its game, the visitor's hand, and the letter board."""
        self._play = play
        play.observer = self

    def claim(self, events: list[pygame.event.Event]) -> list[pygame.event.Event]:
        """The host has no window: every event stays with the visitor's."""
        return events

    def update(self, dt: float) -> None:
        """Advance ``dt`` seconds: take in what the link brought, send out what changed."""
        self._now += dt
        play = self._play
        if play is None:
            return
        self._follow_game(play.match)
        for event in self.link.poll():
            self._on_link_event(event, play)
        self._send_news(play.match)
        self._publish()
        play.match.crew = Crew(mode=self.mode, operator_name=self.operator_name,
                               engine_name=_engine_name(play.match.opponent))
        play.match.operator_seconds = self.director.lever_s(self._now)

    def frame(self, frame_s: float) -> None:
        """Nothing to draw."""

    def close(self) -> None:
        """Stop listening (the play screen closes the game's opponent)."""
        self.link.close()

    # -- the visitor's hand (PlayObserver) ------------------------------------------------------

    def piece_lifted(self, square: chess.Square) -> None:
        session = self._session()
        if session is None:
            return
        self._lifted = square
        self.link.send(protocol.VisitorLift(game_id=session.game_id, ply=session.ply,
                                            square=chess.square_name(square)))

    def piece_dropped(self, square: chess.Square | None) -> None:
        session, lifted = self._session(), self._lifted
        self._lifted = None
        if session is None or lifted is None:
            return
        self.link.send(protocol.VisitorDrop(
            game_id=session.game_id, ply=session.ply, from_square=chess.square_name(lifted),
            to_square=None if square is None else chess.square_name(square)))

    def _session(self) -> GameSession | None:
        return None if self._play is None else self._play.match.session

    # -- in from the link ---------------------------------------------------------------------

    def _on_link_event(self, event: object, play: PlayView) -> None:
        if isinstance(event, OperatorJoined):
            self.operator_name = event.name
            self.director.operator_joined(self._now)
        elif isinstance(event, OperatorLeft):
            self.director.operator_left(self._now)
        elif isinstance(event, OperatorMoved):
            opponent = play.match.opponent
            if isinstance(opponent, OperatorOpponent):
                opponent.operator_moved(event.game_id, event.ply, event.uci,
                                        from_hint=event.from_hint)
        elif isinstance(event, OperatorSaid) and event.game_id == play.match.session.game_id:
            play.spell(event.text)

    # -- out to the link ----------------------------------------------------------------------

    def _follow_game(self, match: Match) -> None:
        session = match.session
        if session.game_id != self._game_id:
            self._game_id, self._ended = session.game_id, False
            self._lifted = None
            self.director.begin_game(self._now)
        if session.ending is not None and not self._ended:
            self._ended = self._ending_news = True
            self.director.end_game(self._now)

    def _send_news(self, match: Match) -> None:
        """Stand-ins, hints and the end of the game, before the state that follows them."""
        opponent, session = match.opponent, match.session
        if isinstance(opponent, OperatorOpponent):
            for stood in opponent.take_stood_in():
                self.link.send(protocol.StoodIn(game_id=stood.game_id, ply=stood.ply,
                                                uci=stood.uci))
            hints = opponent.take_hints()
            if hints:
                self.link.send(_hints_message(hints))
        ending = session.ending
        if ending is not None and self._ending_news:
            self._ending_news = False
            if ending.termination is Termination.ABANDONED:
                self.link.send(protocol.VisitorLeft(game_id=session.game_id, ply=session.ply))
            else:
                self.link.send(protocol.GameOver(game_id=session.game_id, ply=session.ply,
                                                 result=ending.result,
                                                 reason=ending.termination.value))

    def _publish(self) -> None:
        """Publish the game's state when it changed. While the Turk is to move but the match
        has not asked yet, wait: the opponent calls back when it asks, with the countdown."""
        play = self._play
        if play is None:
            return
        session, opponent = play.match.session, play.match.opponent
        asked = isinstance(opponent, OperatorOpponent) and opponent.request is not None
        if session.is_turk_turn and not asked:
            return
        countdown = opponent.countdown_s() if isinstance(opponent, OperatorOpponent) else None
        status = "over" if session.is_over else "playing"
        key = (session.game_id, session.ply, status, countdown is None, self.director.hand)
        if key == self._published:
            return
        self._published = key
        ending = session.ending
        self.link.publish_state(protocol.GameState.from_board(
            session.board(), game_id=session.game_id, turk_color=session.turk_color,
            status=status, result=None if ending is None else ending.result,
            countdown_s=None if countdown is None else round(countdown, 1)))


def _hints_message(hints: tuple[HintLine, ...]) -> protocol.Hints:
    first = hints[0]
    return protocol.Hints(game_id=first.game_id, ply=first.ply, hints=tuple(
        protocol.Hint(uci=h.uci, san=h.san, cp=h.cp, mate=h.mate) for h in hints))


def _engine_name(opponent: Opponent) -> str:
    standby = opponent.standby if isinstance(opponent, OperatorOpponent) else opponent
    return standby.engine_name if isinstance(standby, EngineOpponent) else ""


def host_from_settings(settings: Settings, *, pairing_code: str, engine: Sequence[str],
                       listen: str | None = None, port: int | None = None) -> OperatorHost:
    """The host a ``[operator]`` settings section describes (``listen`` and ``port`` override
    it); the standby engine plays at the game's level, with the opening book if there is one
    and the settings allow it; the hint engine plays at full strength.

    :raises ValueError: for a malformed pairing code.
    """
    link = OperatorLink(host=listen or settings.operator_listen,
                        port=settings.operator_port if port is None else port,
                        pairing_code=pairing_code)
    book_file = asset_root() / "books" / "turk.bin"
    book = book_file if settings.book and book_file.is_file() else None
    director = Director(DirectorSettings(standin_after_s=settings.standin_after_s), now=0.0)

    def standby(setup: GameSetup) -> Opponent:
        return EngineOpponent(engine, level=setup.level, author=MoveAuthor.ENGINE_STANDIN,
                              book_path=book)

    def hints() -> HintAnalyser:
        return HintAnalyser(engine)

    return OperatorHost(link, director=director, standby=standby,
                        hints=hints if settings.hybrid else None,
                        pacing=Pacing() if settings.pacing else Pacing.instant())
