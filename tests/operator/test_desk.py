"""The console's desk on its own: what the operator is told, from the link's events."""

from __future__ import annotations

import chess
import pytest

from game.content.strings import Strings
from game.net import protocol
from game.net.client import ClientEvent, Disconnected, ErrorReported
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
    client = ScriptedClient([protocol.AuthOk(game_id="g", ply=0, name="Anna"), *events])
    desk = ConsoleDesk(client, address=("127.0.0.1", 1770))
    desk.update(0.0)
    return desk, client


def test_our_move_the_countdown_and_the_tally(strings: Strings) -> None:
    desk, client = desk_after(state("e2e4", countdown_s=20.0))
    assert desk.is_our_move and desk.countdown_total_s == 20.0
    desk.update(4.6)
    assert status_lines(desk, strings) == ("Your move. The visitor played e4.",
                                           "The engine takes over in 16 s.")
    assert desk.play(chess.Move.from_uci("e7e5"))
    assert client.sent == ["e7e5"] and not desk.is_our_move
    assert status_lines(desk, strings)[0] == "Sent e5. The Turk is making the move…"
    assert desk.shown_board().piece_at(chess.E5) == chess.Piece(chess.PAWN, chess.BLACK)
    assert not desk.play(chess.Move.from_uci("d7d5")), "one move per turn"
    desk.apply(protocol.MoveAck(game_id="g", ply=1, uci="e7e5"))
    desk.apply(protocol.MoveAck(game_id="g", ply=1, uci="e7e5"))  # a repeated ack counts once
    desk.apply(state("e2e4", "e7e5", countdown_s=None))
    assert desk.moves_made == 1 and desk.sent is None
    assert status_lines(desk, strings) == ("The visitor is thinking.",
                                           "The Turk played your move.")
    assert desk.lever_s == pytest.approx(4.6)


def test_the_engine_standing_in_is_told_and_the_next_move_is_ours(strings: Strings) -> None:
    desk, _ = desk_after(state("e2e4"), protocol.StoodIn(game_id="g", ply=1, uci="g8f6"),
                         state("e2e4", "g8f6", countdown_s=None))
    assert status_lines(desk, strings) == (
        "The visitor is thinking.",
        "Too late: the engine played Nf6 for you. The next move is yours.")
    desk.update(9.0)
    assert desk.notice is None, "news fades"


def test_the_visitors_hand(strings: Strings) -> None:
    desk, _ = desk_after(state("e2e4", "e7e5", countdown_s=None),
                         protocol.VisitorLift(game_id="g", ply=2, square="g1"))
    assert desk.lifted == chess.G1
    assert status_lines(desk, strings)[0] == "The visitor holds the knight on g1."
    desk.apply(protocol.VisitorDrop(game_id="g", ply=2, from_square="g1", to_square=None))
    assert desk.lifted is None
    desk.apply(protocol.VisitorLift(game_id="other", ply=2, square="b1"))
    assert desk.lifted is None, "the hand of another game is ignored"


def test_the_end_of_the_game_and_refusals(strings: Strings) -> None:
    desk, _ = desk_after(state("e2e4"))
    desk.apply(protocol.ErrorReply(game_id="g", ply=1, code="stale_ply",
                                   reason="ply 0 is not the current ply (1)", ref_line=3,
                                   ref_type="move"))
    assert status_lines(desk, strings)[1].startswith("The kiosk did not take that: ply 0")
    moves = ("f2f3", "e7e5", "g2g4", "d8h4")
    desk.apply(protocol.GameOver(game_id="g", ply=4, result="0-1", reason="checkmate"))
    desk.apply(state(*moves, status="over"))
    assert status_lines(desk, strings)[0] == "The game is over: 0-1 (checkmate)."
    assert visitor_sans(desk.state) == ["f3", "e5", "g4", "Qh4#"]


def test_connection_phases(strings: Strings) -> None:
    desk = ConsoleDesk(ScriptedClient([]), address=("127.0.0.1", 1770))
    assert status_lines(desk, strings)[0] == "Reaching the kiosk…"
    desk.apply(protocol.AuthRefused(game_id=None, ply=0, code="busy",
                                    reason="another operator is connected", retry_after_s=None))
    assert desk.phase == "connecting" and desk.refusal is not None
    desk.apply(protocol.AuthOk(game_id=None, ply=0, name="Anna"))
    desk.apply(state("e2e4"))
    desk.apply(Disconnected("the kiosk closed the connection", will_retry=True))
    assert desk.phase == "lost" and desk.countdown_s is None and not desk.is_our_move
    assert status_lines(desk, strings)[0].startswith("The link to the kiosk is lost.")
    desk.apply(protocol.AuthRefused(game_id=None, ply=0, code="bad_proof",
                                    reason="wrong pairing code", retry_after_s=None))
    desk.apply(Disconnected("the kiosk refused us: wrong pairing code", will_retry=False))
    assert desk.phase == "refused" and desk.refusal.code == "bad_proof"


def test_the_clients_own_problems_are_told_too(strings: Strings) -> None:
    desk, _ = desk_after(state("e2e4"))
    desk.apply(ErrorReported("not_connected", "not connected to the kiosk; the text was not "
                             "sent", "say"))
    assert status_lines(desk, strings)[1].startswith("The kiosk did not take that: not conn")


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
