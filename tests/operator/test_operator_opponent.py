"""The OperatorOpponent and the kiosk's host against a real OperatorLink and OperatorClient on
127.0.0.1: the operator's moves, the countdown, stand-ins, hints, the hand and the letter
board — and the true author of every Turk move."""

from __future__ import annotations

from collections.abc import Iterator

import chess
import pytest

from game.model.records import MoveAuthor
from game.net import protocol
from game.opponents.engine import builtin_command
from game.opponents.hints import HintAnalyser
from game.opponents.operator import OperatorOpponent
from tests.operator.harness import NAME, ClientWatch, Kiosk


@pytest.fixture
def kiosk() -> Iterator[Kiosk]:
    made = Kiosk(limit_s=3.0)
    yield made
    made.close()


@pytest.fixture
def operator(kiosk: Kiosk) -> Iterator[ClientWatch]:
    watch = ClientWatch(kiosk.address)
    kiosk.run_until(lambda: kiosk.director.is_present)
    yield watch
    watch.close()


def turk_state(watch: ClientWatch, ply: int) -> protocol.GameState | None:
    for event in watch.pump():
        if isinstance(event, protocol.GameState) and event.ply == ply \
                and event.is_turk_to_move and event.countdown_s is not None:
            return event
    return None


def test_the_operator_makes_the_turks_move_and_is_credited(kiosk: Kiosk,
                                                           operator: ClientWatch) -> None:
    kiosk.visitor_plays("e2e4")
    kiosk.run_until(lambda: turk_state(operator, 1) is not None)
    state = turk_state(operator, 1)
    assert state is not None and 2.5 < (state.countdown_s or 0) <= 3.0
    operator.client.send_move(game_id=kiosk.session.game_id, ply=1, uci="c7c5")
    kiosk.run_until(lambda: kiosk.session.ply == 2)
    record = kiosk.session.records[1]
    assert (record.san, record.author, record.detail) == ("c5", MoveAuthor.OPERATOR, NAME)
    kiosk.run_until(lambda: operator.has(lambda e: isinstance(e, protocol.GameState)
                                         and e.ply == 2))
    assert operator.has(lambda e: isinstance(e, protocol.MoveAck) and e.ply == 1)
    assert kiosk.match.crew.mode == "operator" and kiosk.match.crew.operator_name == NAME
    assert kiosk.match.operator_seconds > 0


def test_a_silent_operator_is_replaced_by_the_engine_and_told_so(kiosk: Kiosk,
                                                                 operator: ClientWatch) -> None:
    kiosk.visitor_plays("d2d4")
    kiosk.run_until(lambda: kiosk.session.ply == 2)  # 3 s of the kiosk's time later
    assert kiosk.authors() == [MoveAuthor.VISITOR, MoveAuthor.ENGINE_STANDIN]
    stood = kiosk.session.records[1].uci
    kiosk.run_until(lambda: operator.has(lambda e: isinstance(e, protocol.StoodIn)))
    events = operator.pump()
    stood_in = next(e for e in events if isinstance(e, protocol.StoodIn))
    assert (stood_in.ply, stood_in.uci) == (1, stood)
    kiosk.run_until(lambda: operator.has(lambda e: isinstance(e, protocol.GameState)
                                         and e.ply == 2))
    # Too late now: the same ply cannot be answered, and the next move is the operator's.
    kiosk.visitor_plays("c2c4")
    kiosk.run_until(lambda: turk_state(operator, 3) is not None)
    operator.client.send_move(game_id=kiosk.session.game_id, ply=3, uci="e7e6")
    kiosk.run_until(lambda: kiosk.session.ply == 4)
    assert kiosk.authors()[3] is MoveAuthor.OPERATOR


def test_an_absent_operator_is_waited_for_once_then_not_until_they_return() -> None:
    kiosk = Kiosk(limit_s=1.0)
    try:
        kiosk.visitor_plays("e2e4")
        kiosk.run_until(lambda: kiosk.session.ply == 2)
        assert kiosk.host.now >= 1.0
        kiosk.visitor_plays("d2d4")
        kiosk.step(3)  # the operator has been gone past the limit: the engine plays at once
        assert kiosk.authors() == [MoveAuthor.VISITOR, MoveAuthor.ENGINE_STANDIN] * 2
        watch = ClientWatch(kiosk.address)
        try:
            kiosk.run_until(lambda: kiosk.director.is_present)
            kiosk.visitor_plays("g1f3")
            kiosk.run_until(lambda: turk_state(watch, 5) is not None)
            state = turk_state(watch, 5)
            assert state is not None
            board = chess.Board(state.fen)
            uci = min(m.uci() for m in board.legal_moves)
            watch.client.send_move(game_id=state.game_id, ply=5, uci=uci)
            kiosk.run_until(lambda: kiosk.session.ply == 6)
            assert kiosk.authors()[5] is MoveAuthor.OPERATOR
        finally:
            watch.close()
    finally:
        kiosk.close()


def test_the_visitors_hand_and_the_letter_board(kiosk: Kiosk, operator: ClientWatch) -> None:
    assert kiosk.play.observer is kiosk.host
    kiosk.play.observer.piece_lifted(chess.G1)
    kiosk.play.observer.piece_dropped(None)
    kiosk.play.observer.piece_lifted(chess.E2)
    kiosk.play.observer.piece_dropped(chess.E4)
    kiosk.run_until(lambda: len([e for e in operator.pump()
                                 if isinstance(e, protocol.VisitorDrop)]) == 2)
    hand = [e for e in operator.pump()
            if isinstance(e, protocol.VisitorLift | protocol.VisitorDrop)]
    assert [(type(e).__name__, getattr(e, "square", None) or (e.from_square, e.to_square))
            for e in hand] == [("VisitorLift", "g1"), ("VisitorDrop", ("g1", None)),
                               ("VisitorLift", "e2"), ("VisitorDrop", ("e2", "e4"))]
    operator.client.say("Échec!")
    kiosk.run_until(lambda: kiosk.play.spelled == ["Échec!"])


def test_the_end_of_the_game_reaches_the_operator(kiosk: Kiosk, operator: ClientWatch) -> None:
    kiosk.match.resign()
    kiosk.run_until(lambda: operator.has(lambda e: isinstance(e, protocol.GameOver)))
    ended = next(e for e in operator.pump() if isinstance(e, protocol.GameOver))
    assert (ended.result, ended.reason) == ("0-1", "resignation")
    kiosk.run_until(lambda: operator.has(lambda e: isinstance(e, protocol.GameState)
                                         and e.status == "over"))


def test_a_move_for_the_wrong_turn_or_after_the_stand_in_is_not_played(kiosk: Kiosk) -> None:
    opponent = kiosk.match.opponent
    assert isinstance(opponent, OperatorOpponent)
    kiosk.visitor_plays("e2e4")
    kiosk.step()
    game_id = kiosk.session.game_id
    assert not opponent.operator_moved(game_id, 3, "e7e5", from_hint=False)
    kiosk.run_until(lambda: kiosk.session.ply == 2)
    assert not opponent.operator_moved(game_id, 1, "e7e5", from_hint=False)
    assert kiosk.authors()[1] is MoveAuthor.ENGINE_STANDIN


@pytest.mark.slow
def test_hybrid_hints_come_from_a_real_engine_and_an_accepted_one_is_recorded() -> None:
    kiosk = Kiosk(limit_s=20.0, hints=lambda: HintAnalyser(builtin_command(), think_s=0.3))
    watch = ClientWatch(kiosk.address)
    try:
        kiosk.run_until(lambda: kiosk.director.is_present)
        kiosk.visitor_plays("e2e4")
        kiosk.run_until(lambda: watch.has(lambda e: isinstance(e, protocol.Hints)),
                        timeout_s=30)
        hints = next(e for e in watch.pump() if isinstance(e, protocol.Hints))
        assert hints.ply == 1 and 1 <= len(hints.hints) <= 3
        board = chess.Board()
        board.push_uci("e2e4")
        assert all(board.is_legal(chess.Move.from_uci(h.uci)) for h in hints.hints)
        assert all(board.san(chess.Move.from_uci(h.uci)) == h.san for h in hints.hints)
        watch.client.send_move(game_id=hints.game_id, ply=1, uci=hints.hints[0].uci,
                               from_hint=True)
        kiosk.run_until(lambda: kiosk.session.ply == 2)
        assert kiosk.authors()[1] is MoveAuthor.OPERATOR_HINT
        assert kiosk.match.crew.mode == "hybrid"
    finally:
        watch.close()
        kiosk.close()


@pytest.mark.expect_error_log
def test_an_illegal_move_past_the_links_edge_is_stopped_by_the_model(kiosk: Kiosk) -> None:
    """Legality is judged twice: at the link's edge (tests/net) and by the model. Handed
    straight to the opponent, past the link, an illegal move never reaches the game."""
    opponent = kiosk.match.opponent
    assert isinstance(opponent, OperatorOpponent)
    kiosk.director.operator_joined(kiosk.host.now)  # as if the link had let someone in
    kiosk.visitor_plays("e2e4")
    kiosk.step()
    assert opponent.operator_moved(kiosk.session.game_id, 1, "e7e4", from_hint=False)
    kiosk.run_until(lambda: kiosk.match.has_failed)
    assert kiosk.session.ply == 1 and kiosk.authors() == [MoveAuthor.VISITOR]


def test_after_the_ack_a_state_for_the_same_ply_stops_the_countdown(
        kiosk: Kiosk, operator: ClientWatch) -> None:
    """docs/operator-protocol.md section 5 (`ack`): the extra state, then the next ply."""
    kiosk.visitor_plays("e2e4")
    kiosk.run_until(lambda: turk_state(operator, 1) is not None)
    operator.events.clear()
    operator.client.send_move(game_id=kiosk.session.game_id, ply=1, uci="e7e5")
    kiosk.run_until(lambda: operator.has(lambda e: isinstance(e, protocol.GameState)
                                         and e.ply == 2))
    news = [(type(e).__name__, e.ply, getattr(e, "countdown_s", None)) for e in operator.pump()
            if isinstance(e, protocol.GameState | protocol.MoveAck)]
    assert news == [("MoveAck", 1, None), ("GameState", 1, None), ("GameState", 2, None)]
