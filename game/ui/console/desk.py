"""What the hidden operator knows at their desk inside the cabinet, from the link's events.

Owns: ``ConsoleDesk`` — follows an ``OperatorClient``'s events: whether we are in, the game
(its board, replayed from the kiosk's full state), the visitor's hand, the engine's hints, the
countdown before the engine stands in, the move we sent and its fate, and the tally of our
work (moves made, time at the lever). The console's scenes read it and call :meth:`play` and
:meth:`say`; time comes in through :meth:`update`. No pygame: the desk is tested on its own.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import chess

from game.net import protocol
from game.net.client import ClientEvent, Connected, Disconnected, ErrorReported
from game.net.logbook import loggable

log = logging.getLogger(__name__)

NOTICE_S = 8.0


class Client(Protocol):
    """The parts of ``OperatorClient`` the desk uses."""

    def poll(self) -> list[ClientEvent]: ...

    def send_move(self, *, game_id: str, ply: int, uci: str, from_hint: bool = False) -> None:
        """Send a move."""

    def say(self, text: str) -> None:
        """Send words for the letter board."""

    def close(self) -> None:
        """Hang up."""


@dataclass(frozen=True)
class Notice:
    """Something that just happened, for the status card: a string key and its fields."""

    key: str
    fields: tuple[tuple[str, str], ...] = ()


class ConsoleDesk:
    """The operator's knowledge of the game, kept from the client's events.

    :param client: the started operator client.
    :param address: the kiosk's address, for the console's title.
    """

    def __init__(self, client: Client, *, address: tuple[str, int]) -> None:
        self.client = client
        self.address = address
        self.phase = "connecting"
        """``connecting``, ``in`` (authenticated), ``refused`` or ``lost`` (reconnecting)."""
        self.refusal: protocol.AuthRefused | None = None
        self.lost_reason = ""
        """Why the last connection ended or could not be made."""
        self.name = ""
        self.state: protocol.GameState | None = None
        self.board = chess.Board()
        self.lifted: chess.Square | None = None
        """The square of the piece the visitor holds, if any."""
        self.hints: tuple[protocol.Hint, ...] = ()
        self.countdown_s: float | None = None
        self.sent: chess.Move | None = None
        """Our move for the current ply, sent and not yet played or refused."""
        self.notice: Notice | None = None
        """The latest news (a stand-in, a refusal…), shown for ``NOTICE_S`` seconds."""
        self._notice_s = 0.0
        self.countdown_total_s: float | None = None
        """The countdown as first announced for this move (for the gauge)."""
        self.moves_made = 0
        self.lever_s = 0.0
        self.last_said = ""
        self._credited: set[tuple[str, int]] = set()
        self.ending: protocol.GameOver | None = None
        """How the last game ended (result and termination), as the kiosk said."""

    # -- reading ------------------------------------------------------------------------------

    @property
    def is_in(self) -> bool:
        return self.phase == "in"

    @property
    def is_our_move(self) -> bool:
        """Whether the kiosk waits for our move now (and none is on its way)."""
        state = self.state
        return (self.is_in and state is not None and state.is_turk_to_move
                and self.sent is None and self.countdown_s is not None)

    @property
    def last_san(self) -> str | None:
        """The last move of the game in SAN, if any."""
        if not self.board.move_stack:
            return None
        before = self.board.copy()
        move = before.pop()
        return before.san(move)

    @property
    def turk_color(self) -> chess.Color:
        return self.state.turk_color if self.state is not None else chess.WHITE

    def legal_moves_from(self, square: chess.Square) -> list[chess.Move]:
        """Our legal moves from ``square`` (none unless it is our move)."""
        if not self.is_our_move:
            return []
        return [m for m in self.board.legal_moves if m.from_square == square]

    def shown_board(self) -> chess.Board:
        """The board as the operator's pegboard shows it: with our sent move already made."""
        board = self.board.copy(stack=False)
        if self.sent is not None and board.is_legal(self.sent):
            board.push(self.sent)
        return board

    # -- acting -------------------------------------------------------------------------------

    def play(self, move: chess.Move, *, from_hint: bool = False) -> bool:
        """Make the Turk's move; whether it was sent."""
        state = self.state
        if state is None or not self.is_our_move or not self.board.is_legal(move):
            return False
        self.client.send_move(game_id=state.game_id, ply=state.ply, uci=move.uci(),
                              from_hint=from_hint)
        self.sent = move
        self._tell(Notice("console.status.sent", (("san", self.board.san(move)),)))
        return True

    def say(self, text: str) -> str | None:
        """Have the Turk spell ``text``; ``None`` when sent, else the reason it cannot be.

        :raises: nothing; a text the letter board cannot show is answered with the reason.
        """
        try:
            self.client.say(text)
        except protocol.ProtocolError as error:
            return str(error)
        self.last_said = protocol.normalize_text(text).strip()
        return None

    # -- time and events ----------------------------------------------------------------------

    def update(self, dt: float) -> None:
        """Advance ``dt`` seconds: read the client's events, count down, keep the tally."""
        for event in self.client.poll():
            self.apply(event)
        if self.countdown_s is not None:
            self.countdown_s = max(0.0, self.countdown_s - dt)
        if self.notice is not None:
            self._notice_s -= dt
            if self._notice_s <= 0:
                self.notice = None
        if self.is_in and self.state is not None and self.state.status == "playing":
            self.lever_s += dt

    def apply(self, event: ClientEvent) -> None:
        """Take in one event from the client."""
        if isinstance(event, Connected | protocol.AuthOk | protocol.AuthRefused | Disconnected):
            self._on_connection(event)
        elif isinstance(event, protocol.GameState):
            self._on_state(event)
        elif isinstance(event, protocol.VisitorLift | protocol.VisitorDrop):
            self._on_hand(event)
        elif isinstance(event, protocol.Hints):
            state = self.state
            if state is not None and (event.game_id, event.ply) == (state.game_id, state.ply):
                self.hints = event.hints
        elif isinstance(event, protocol.MoveAck):
            if (event.game_id, event.ply) not in self._credited:
                self._credited.add((event.game_id, event.ply))
                self.moves_made += 1
        else:
            self._on_news(event)

    def _on_connection(self, event: Connected | protocol.AuthOk | protocol.AuthRefused
                       | Disconnected) -> None:
        if isinstance(event, protocol.AuthOk):
            self.phase, self.name, self.refusal = "in", event.name, None
        elif isinstance(event, protocol.AuthRefused):
            self.refusal = event  # the Disconnected that follows says whether we try again
        elif isinstance(event, Disconnected):
            self.lost_reason = event.reason
            if self.phase != "refused":
                self.phase = "lost" if event.will_retry else "refused"
            self.countdown_s = None
        else:
            self.phase = "connecting" if self.phase != "in" else self.phase

    def _on_state(self, state: protocol.GameState) -> None:
        previous = self.state
        same_turn = previous is not None and (previous.game_id, previous.ply) == (
            state.game_id, state.ply)
        self.state = state
        self.board = state.replay()
        self.countdown_s = state.countdown_s if state.is_turk_to_move else None
        if self.countdown_s is None or not same_turn or self.countdown_total_s is None:
            self.countdown_total_s = self.countdown_s
        if not same_turn:
            self.hints = ()
            self.lifted = None
            if previous is not None and previous.game_id != state.game_id:
                self._tell(Notice("console.status.new_game"))
            elif self.sent is not None and state.moves[-1:] == (self.sent.uci(),):
                self._tell(Notice("console.status.played"))
            self.sent = None

    def _tell(self, notice: Notice) -> None:
        self.notice, self._notice_s = notice, NOTICE_S

    def _on_hand(self, event: protocol.VisitorLift | protocol.VisitorDrop) -> None:
        state = self.state
        if state is None or (event.game_id, event.ply) != (state.game_id, state.ply):
            return
        if isinstance(event, protocol.VisitorLift):
            self.lifted = chess.parse_square(event.square)
        else:
            self.lifted = None

    def _on_news(self, event: protocol.StoodIn | protocol.VisitorLeft | protocol.GameOver
                 | protocol.ErrorReply | ErrorReported) -> None:
        if isinstance(event, protocol.StoodIn):
            self.sent = None
            self._tell(Notice("console.status.stood_in",
                              (("san", _san(self.board, event.uci)),)))
        elif isinstance(event, protocol.VisitorLeft):
            self._tell(Notice("console.status.visitor_left"))
        elif isinstance(event, protocol.GameOver):
            # Not a passing notice: the status card says how the game ended for as long as
            # it stays over (``cards.game_over_line``).
            self.ending = event
        else:
            log.info("the kiosk did not take our %s: %s (%s)", loggable(event.ref_type),
                     loggable(event.reason), loggable(event.code))
            if event.ref_type == protocol.OperatorMove.TYPE:
                self.sent = None
            self._tell(Notice("console.status.refused", (("reason", event.reason),)))

def _san(board: chess.Board, uci: str) -> str:
    move = chess.Move.from_uci(uci)
    return board.san(move) if board.is_legal(move) else uci


def hint_score(hint: protocol.Hint) -> str:
    """A hint's score as a chess player writes it: ``+0.35``, ``−1.20``, ``#3``, ``#−2``."""
    if hint.mate is not None:
        return f"#{hint.mate}" if hint.mate >= 0 else f"#−{-hint.mate}"
    cp = hint.cp or 0
    sign = "+" if cp >= 0 else "−"
    return f"{sign}{abs(cp) / 100:.2f}"


def piece_name_key(board: chess.Board, square: chess.Square) -> str | None:
    """The string key naming the piece on ``square`` (``console.piece.knight``), if any."""
    piece = board.piece_at(square)
    return None if piece is None else f"console.piece.{chess.piece_name(piece.piece_type)}"


def visitor_sans(state: protocol.GameState | None) -> Sequence[str]:
    """Every move of the game in SAN (for the scoresheet)."""
    if state is None:
        return ()
    board = chess.Board(state.start_fen)
    sans = []
    for uci in state.moves:
        move = chess.Move.from_uci(uci)
        sans.append(board.san(move))
        board.push(move)
    return sans
