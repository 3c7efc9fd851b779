"""The kiosk's side of a hidden-operator session: the link, the director and the match, joined.

Owns: ``OperatorHost`` — one per kiosk session. It owns the ``OperatorLink`` and the
``Director``, makes the ``OperatorOpponent`` of every game (the app's opponent factory) and
keeps that reference: an operator's move travels link → host → that opponent → match →
model, checked against the published state at the link's edge and once more by the model
when it is played. Each step it carries what happened between link and game: operators
joining and leaving, their moves and letter-board words in; the game's state (with the
countdown), the visitor's hand, the engine's hints, stand-ins and endings out. It writes the
match's sealed ``Crew`` when the crew changes (a game begins, an operator joins) and the
operator's time at the lever when the game moves on.

It also owns where the pairing code is shown: a code the kiosk made goes to the log (or to
the owner-only file staff named, and then not to the log); a code staff chose is never
logged. ``pairing_code`` and ``new_pairing_code`` are for the staff screen.

Nothing here touches the visitor's screen except ``letter_board`` (the operator's words, which
the Turk spells as its own): a joining, leaving or refused operator shows only in the log.

Must not import: pygame or ``game.ui`` (the app wires the play screen's hand and letter board
to this object; nothing under ``game.ui`` may create or look up an operator opponent).
"""

from __future__ import annotations

import dataclasses
import logging
import random
from collections.abc import Callable, Sequence
from importlib.resources import files
from pathlib import Path

import chess

from game.config import Settings
from game.match import Crew, GameSetup, Match
from game.model.director import Director, DirectorSettings
from game.model.pacing import Pacing
from game.model.records import MoveAuthor
from game.model.reveal import TurkMode
from game.model.session import GameSession, Termination
from game.net import protocol
from game.net.link import OperatorJoined, OperatorLeft, OperatorLink
from game.opponents.base import Opponent
from game.opponents.engine import EngineOpponent
from game.opponents.hints import HintAnalyser, HintLine
from game.opponents.operator import OperatorOpponent

log = logging.getLogger(__name__)

StandbyFactory = Callable[[GameSetup], Opponent]
HintsFactory = Callable[[], HintAnalyser]


class OperatorHost:
    """Runs a hidden-operator session beside the visitor's games.

    :param link: the kiosk's end of the operator link (started by :meth:`start`).
    :param director: who makes each Turk move (its stand-in limit).
    :param standby: makes, per game, the engine that stands in (recording ``ENGINE_STANDIN``).
    :param hints: makes, per game, the analysing engine for hybrid play; ``None`` otherwise.
    :param pacing: the pacing of the match (plans a stand-in's thought).
    :param code_chosen_by_staff: whether staff set the pairing code (``--pairing-code``,
        the environment): then it is never written to the log.
    """

    def __init__(self, link: OperatorLink, *, director: Director, standby: StandbyFactory,
                 hints: HintsFactory | None = None, pacing: Pacing | None = None,
                 rng: random.Random | None = None, code_chosen_by_staff: bool = False) -> None:
        self.link = link
        self.director = director
        self._standby = standby
        self._hints = hints
        self._pacing = pacing or Pacing()
        self._rng = rng or random.Random()
        self._code_chosen_by_staff = code_chosen_by_staff
        self._now = 0.0
        self._made: OperatorOpponent | None = None
        """The opponent made last (for the match the app builds next)."""
        self._match: Match | None = None
        self._opponent: OperatorOpponent | None = None
        self.letter_board: Callable[[str], None] = _nowhere
        """Where the operator's words go: the Turk's letter board (the app points it at the
        play screen)."""
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
    def mode(self) -> TurkMode:
        """``HYBRID`` with engine hints, ``OPERATOR`` without."""
        return TurkMode.HYBRID if self._hints is not None else TurkMode.OPERATOR

    # -- the pairing code (for the staff screen) ------------------------------------------------

    @property
    def pairing_code(self) -> str:
        """The code an operator must prove now, as staff should read it out."""
        return self.link.pairing_code

    def new_pairing_code(self) -> str:
        """Make a fresh code (the old one stops working for new connections; a connected
        operator stays). Shown like a code the kiosk made at start-up; returns it."""
        code = self.link.new_pairing_code()
        self._announce_code(chosen_by_staff=False)
        return code

    def start(self) -> None:
        """Listen for the operator, and say where the pairing code is.

        :raises LinkError: if the address cannot be bound or the code file not written.
        """
        self.link.start()
        self._announce_code(chosen_by_staff=self._code_chosen_by_staff)

    def _announce_code(self, *, chosen_by_staff: bool) -> None:
        host, port = self.link.address
        where = self.link.code_file
        if where is not None:
            shown = f"written to {where} (readable by its owner only)"
        elif chosen_by_staff:
            shown = "the one staff set (not written to the log)"
        else:
            shown = self.link.pairing_code
        log.info("operator link listening on %s:%d; pairing code: %s", host, port, shown)

    # -- games ----------------------------------------------------------------------------------

    def opponent_for(self, setup: GameSetup) -> Opponent:
        """The source of the Turk's moves for a new game (the app's opponent factory)."""
        self._made = OperatorOpponent(
            self.director, self._standby(setup), clock=lambda: self._now, pacing=self._pacing,
            rng=self._rng, hints=self._hints() if self._hints is not None else None,
            operator_name=lambda: self.operator_name, on_turn=self._publish)
        return self._made

    def follow(self, match: Match) -> None:
        """The visitor now plays ``match``, whose opponent this host made last.

        :raises ValueError: if its opponent is not the one this host made last.
        """
        if self._made is None or match.opponent is not self._made:
            raise ValueError("the match's opponent was not made by this operator host")
        self._match, self._opponent = match, self._made
        match.crew = Crew(mode=self.mode, operator_name=self.operator_name)
        self._follow_game(match)

    def update(self, dt: float) -> None:
        """Advance ``dt`` seconds: take in what the link brought, send out what changed."""
        self._now += dt
        match = self._match
        if match is None:
            for event in self.link.poll():
                self._on_link_event(event, None)
            return
        self._follow_game(match)
        for event in self.link.poll():
            self._on_link_event(event, match)
        self._send_news(match)
        self._publish()

    def close(self) -> None:
        """Stop listening (the play screen closes the game's opponent)."""
        self.link.close()

    # -- the visitor's hand (the play screen's observer) ---------------------------------------

    def piece_lifted(self, square: chess.Square) -> None:
        """The visitor picked up the piece on ``square``: the operator sees it rise."""
        session = self._session()
        if session is None:
            return
        self._lifted = square
        self.link.send(protocol.VisitorLift(game_id=session.game_id, ply=session.ply,
                                            square=chess.square_name(square)))

    def piece_dropped(self, square: chess.Square | None) -> None:
        """The visitor set the piece down on ``square``, or put it back (``None``)."""
        session, lifted = self._session(), self._lifted
        self._lifted = None
        if session is None or lifted is None:
            return
        self.link.send(protocol.VisitorDrop(
            game_id=session.game_id, ply=session.ply, from_square=chess.square_name(lifted),
            to_square=None if square is None else chess.square_name(square)))

    def _session(self) -> GameSession | None:
        return None if self._match is None else self._match.session

    # -- in from the link -------------------------------------------------------------------------

    def _on_link_event(self, event: object, match: Match | None) -> None:
        if isinstance(event, OperatorJoined):
            self.operator_name = event.name
            self.director.operator_joined(self._now)
            if match is not None:
                match.crew = dataclasses.replace(match.crew, operator_name=event.name)
        elif isinstance(event, OperatorLeft):
            self.director.operator_left(self._now)
        elif isinstance(event, protocol.OperatorMove) and self._opponent is not None:
            # Judged current and legal at the link's edge; the model checks it once more.
            self._opponent.operator_moved(event.game_id, event.ply, event.uci,
                                          from_hint=event.from_hint)
        elif isinstance(event, protocol.Say) and match is not None \
                and event.game_id == match.session.game_id:
            self.letter_board(event.text)

    # -- out to the link --------------------------------------------------------------------------

    def _follow_game(self, match: Match) -> None:
        session = match.session
        if session.game_id != self._game_id:
            self._game_id, self._ended = session.game_id, False
            self._lifted = None
            self.director.begin_game(self._now)
        if session.ending is not None and not self._ended:
            self._ended = self._ending_news = True
            self.director.end_game(self._now)
            match.operator_seconds = self.director.lever_s(self._now)

    def _send_news(self, match: Match) -> None:
        """Stand-ins, hints and the end of the game, before the state that follows them."""
        opponent, session = self._opponent, match.session
        if opponent is not None:
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
        match, opponent = self._match, self._opponent
        if match is None or opponent is None:
            return
        session = match.session
        if session.is_turk_turn and opponent.request is None:
            return
        countdown = opponent.countdown_s()
        status = "over" if session.is_over else "playing"
        key = (session.game_id, session.ply, status, countdown is None, self.director.hand)
        if key == self._published:
            return
        self._published = key
        match.operator_seconds = self.director.lever_s(self._now)
        ending = session.ending
        self.link.publish_state(protocol.GameState.from_board(
            session.board(), game_id=session.game_id, turk_color=session.turk_color,
            status=status, result=None if ending is None else ending.result,
            countdown_s=None if countdown is None else round(countdown, 1)))


def _nowhere(text: str) -> None:
    """No letter board yet: the words are dropped."""


def _hints_message(hints: tuple[HintLine, ...]) -> protocol.Hints:
    first = hints[0]
    return protocol.Hints(game_id=first.game_id, ply=first.ply, hints=tuple(
        protocol.Hint(uci=h.uci, san=h.san, cp=h.cp, mate=h.mate) for h in hints))


def bundled_book() -> Path:
    """The opening book that ships with the game (it may be missing from a bare checkout)."""
    return Path(str(files("game.assets"))) / "books" / "turk.bin"


def host_from_settings(settings: Settings, *, pairing_code: str, engine: Sequence[str],
                       listen: str | None = None, port: int | None = None,
                       code_file: Path | None = None,
                       code_chosen_by_staff: bool = False) -> OperatorHost:
    """The host a ``[operator]`` settings section describes (``listen`` and ``port`` override
    it); the standby engine plays at the game's level, with the opening book if there is one
    and the settings allow it; the hint engine plays at full strength.

    :raises ValueError: for a malformed pairing code or inconsistent link timings.
    """
    link = OperatorLink(host=listen or settings.operator_listen,
                        port=settings.operator_port if port is None else port,
                        pairing_code=pairing_code, code_file=code_file,
                        heartbeat_s=settings.operator_heartbeat_s,
                        timeout_s=settings.operator_timeout_s,
                        refuse_after=settings.operator_wrong_codes,
                        refuse_window_s=settings.operator_wrong_codes_window_s,
                        refuse_for_s=settings.operator_refuse_for_s)
    book_file = bundled_book()
    book = book_file if settings.book and book_file.is_file() else None
    director = Director(DirectorSettings(standin_after_s=settings.standin_after_s), now=0.0)

    def standby(setup: GameSetup) -> Opponent:
        return EngineOpponent(engine, level=setup.level, author=MoveAuthor.ENGINE_STANDIN,
                              book_path=book)

    def hints() -> HintAnalyser:
        return HintAnalyser(engine)

    return OperatorHost(link, director=director, standby=standby,
                        hints=hints if settings.hybrid else None,
                        pacing=Pacing() if settings.pacing else Pacing.instant(),
                        code_chosen_by_staff=code_chosen_by_staff)
