"""The console's desk on its own: what the operator is told, from the link's events."""

from __future__ import annotations

import chess
import pytest

from game.content.strings import Strings
from game.net import protocol
from game.net.client import (
    Authenticated,
    AuthRefused,
    ClientEvent,
    Disconnected,
    EngineStoodIn,
    ErrorReported,
    GameEnded,
    MoveAcknowledged,
    StateChanged,
    VisitorDropped,
    VisitorLifted,
)
from game.ui.assets import asset_root
from game.ui.console.cards import status_lines
from game.ui.console.desk import ConsoleDesk, hint_score, visitor_sans
from game.ui.console.showcase import ScriptedClient


@pytest.fixture(scope="module")
def strings() -> Strings:
    return Strings.from_folder(asset_root() / "i18n")


def state(*ucis: str, countdown_s: float | None = 30.0, status: str = "playing",
          game_id: str = "g") -> protocol.GameState:
    board = chess.Board()
    for uci in ucis:
        board.push_uci(uci)
    return protocol.GameState.from_board(
        board, game_id=game_id, turk_color=chess.BLACK, status=status,
        result=board.result(claim_draw=True) if status == "over" else None,
        countdown_s=countdown_s if status == "playing" else None)


def desk_after(*events: ClientEvent) -> tuple[ConsoleDesk, ScriptedClient]:
    client = ScriptedClient([Authenticated("Anna"), *events])
    desk = ConsoleDesk(client, address=("127.0.0.1", 1770))
    desk.update(0.0)
    return desk, client


def test_our_move_the_countdown_and_the_tally(strings: Strings) -> None:
    desk, client = desk_after(StateChanged(state("e2e4", countdown_s=20.0)))
    assert desk.is_our_move and desk.countdown_total_s == 20.0
    desk.update(4.6)
    assert status_lines(desk, strings) == ("Your move. The visitor played e4.",
                                           "The engine takes over in 16 s.")
    assert desk.play(chess.Move.from_uci("e7e5"))
    assert client.sent == ["e7e5"] and not desk.is_our_move
    assert status_lines(desk, strings)[0] == "Sent e5. The Turk is making the move…"
    assert desk.shown_board().piece_at(chess.E5) == chess.Piece(chess.PAWN, chess.BLACK)
    assert not desk.play(chess.Move.from_uci("d7d5")), "one move per turn"
    desk.apply(MoveAcknowledged("g", 1, "e7e5"))
    desk.apply(MoveAcknowledged("g", 1, "e7e5"))  # a repeated ack counts once
    desk.apply(StateChanged(state("e2e4", "e7e5", countdown_s=None)))
    assert desk.moves_made == 1 and desk.sent is None
    assert status_lines(desk, strings) == ("The visitor is thinking.",
                                           "The Turk played your move.")
    assert desk.lever_s == pytest.approx(4.6)


def test_the_engine_standing_in_is_told_and_the_next_move_is_ours(strings: Strings) -> None:
    desk, _ = desk_after(StateChanged(state("e2e4")), EngineStoodIn("g", 1, "g8f6"),
                         StateChanged(state("e2e4", "g8f6", countdown_s=None)))
    assert status_lines(desk, strings) == (
        "The visitor is thinking.",
        "Too late: the engine played Nf6 for you. The next move is yours.")
    desk.update(9.0)
    assert desk.notice is None, "news fades"


def test_the_visitors_hand(strings: Strings) -> None:
    desk, _ = desk_after(StateChanged(state("e2e4", "e7e5", countdown_s=None)),
                         VisitorLifted("g", 2, "g1"))
    assert desk.lifted == chess.G1
    assert status_lines(desk, strings)[0] == "The visitor holds the knight on g1."
    desk.apply(VisitorDropped("g", 2, "g1", None))
    assert desk.lifted is None
    desk.apply(VisitorLifted("other", 2, "b1"))
    assert desk.lifted is None, "the hand of another game is ignored"


def test_the_end_of_the_game_and_refusals(strings: Strings) -> None:
    desk, _ = desk_after(StateChanged(state("e2e4")))
    desk.apply(ErrorReported("stale_ply", "ply 0 is not the current ply (1)", "move"))
    assert status_lines(desk, strings)[1].startswith("The kiosk did not take that: ply 0")
    moves = ("f2f3", "e7e5", "g2g4", "d8h4")
    desk.apply(GameEnded("g", 4, "0-1", "checkmate"))
    desk.apply(StateChanged(state(*moves, status="over")))
    assert status_lines(desk, strings)[0] == "The game is over: 0-1 (checkmate)."
    assert visitor_sans(desk.state) == ["f3", "e5", "g4", "Qh4#"]


def test_connection_phases(strings: Strings) -> None:
    desk = ConsoleDesk(ScriptedClient([]), address=("127.0.0.1", 1770))
    assert status_lines(desk, strings)[0] == "Reaching the kiosk…"
    desk.apply(AuthRefused("busy", "another operator is connected", will_retry=True))
    assert desk.phase == "connecting"
    desk.apply(Authenticated("Anna"))
    desk.apply(StateChanged(state("e2e4")))
    desk.apply(Disconnected("the kiosk closed the connection", will_retry=True))
    assert desk.phase == "lost" and desk.countdown_s is None and not desk.is_our_move
    assert status_lines(desk, strings)[0].startswith("The link to the kiosk is lost.")
    desk.apply(AuthRefused("bad_proof", "wrong pairing code", will_retry=False))
    assert desk.phase == "refused"


def test_letter_board_text_is_checked_before_it_goes() -> None:
    desk, client = desk_after()
    assert desk.say("Échec!") is None and client.sent == ["Échec!"]
    assert desk.say("<b>") is not None and client.sent == ["Échec!"]


def test_scores_as_chess_players_write_them() -> None:
    def hint(cp: int | None, mate: int | None) -> protocol.Hint:
        return protocol.Hint(uci="e2e4", san="e4", cp=cp, mate=mate)
    assert [hint_score(hint(35, None)), hint_score(hint(-120, None)),
            hint_score(hint(None, 3)), hint_score(hint(None, -2))] == [
        "+0.35", "−1.20", "#3", "#−2"]
