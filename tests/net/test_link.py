"""The kiosk's OperatorLink over real sockets on 127.0.0.1: pairing, refusals, one operator at
a time, heartbeats, reconnection with full state, and bad input answered with a reason."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable

import chess
import pytest
from conftest import (
    CODE,
    NAME,
    FakeClock,
    LinkFactory,
    RawOperator,
    settle,
    state_after,
    wait_for_events,
)

from game.net import protocol
from game.net.link import (
    LinkError,
    OperatorJoined,
    OperatorLeft,
    OperatorLink,
    PairingRefused,
)

Connect = Callable[[OperatorLink], RawOperator]


def joined(link: OperatorLink, connect: Connect, **auth: str) -> RawOperator:
    """A raw operator that has authenticated and read its first state."""
    operator = connect(link)
    assert operator.authenticate(**auth)["type"] == "auth_ok"
    wait_for_events(link, lambda events: any(isinstance(e, OperatorJoined) for e in events))
    return operator


def move(operator: RawOperator, uci: str, *, ply: int, game_id: str = "g1",
         from_hint: bool = False) -> int:
    return operator.send(protocol.OperatorMove(game_id=game_id, ply=ply, uci=uci,
                                               from_hint=from_hint))


# --- pairing ---------------------------------------------------------------------------------

def test_the_right_code_makes_an_operator_who_gets_the_state(make_link: LinkFactory,
                                                            operators: Connect) -> None:
    link = make_link()
    state = state_after("e2e4")
    link.publish_state(state)
    operator = operators(link)
    hello = operator.read_until("hello")
    assert hello["game_id"] == "g1" and hello["ply"] == 1
    assert hello["max_line_bytes"] == protocol.MAX_OPERATOR_LINE_BYTES
    key = protocol.derive_key("test code", str(hello["salt"]))  # typed loosely by staff
    operator.send_dict(v=1, type="auth", game_id=None, ply=0,
                       name=" Jacques-Franc\u0327ois  Mouret ",  # NFD, sloppy spaces
                       proof=protocol.compute_proof(key, str(hello["nonce"])))
    assert operator.read_until("auth_ok", "auth_refused") == {
        "v": 1, "type": "auth_ok", "game_id": "g1", "ply": 1, "name": "Jacques-François Mouret"}
    sent = operator.read_until("state")
    assert protocol.decode_kiosk(protocol.encode(state)) == state
    assert sent["moves"] == ["e2e4"] and sent["fen"] == state.fen
    events = wait_for_events(link, lambda evs: len(evs) >= 1)
    assert events == [OperatorJoined("Jacques-François Mouret", operator.sock.getsockname())]


def test_a_wrong_code_is_refused_and_the_connection_closed(make_link: LinkFactory,
                                                           operators: Connect) -> None:
    link = make_link()
    operator = operators(link)
    answer = operator.authenticate(code="WRONG-CODE")
    assert answer["type"] == "auth_refused" and answer["code"] == "bad_proof"
    assert answer["retry_after_s"] is None and "wrong pairing code" in str(answer["reason"])
    assert operator.is_closed()
    events = wait_for_events(link, lambda evs: len(evs) >= 1)
    assert events == [PairingRefused(operator.sock.getsockname(), "wrong pairing code")]


def test_five_wrong_codes_in_a_minute_refuse_the_address_for_a_while(
        make_link: LinkFactory, operators: Connect) -> None:
    clock = FakeClock()
    link = make_link(clock=clock, refuse_after=5, refuse_window_s=60.0, refuse_for_s=120.0)
    for _ in range(5):
        answer = operators(link).authenticate(code="WRONG")
        assert answer["code"] == "bad_proof"
        clock.advance(10.0)  # five wrong answers within 40 s
    assert "refused for 120 s" in str(answer["reason"]) and answer["retry_after_s"] == 120.0
    # Now even the right code is turned away before any challenge.
    blocked = operators(link)
    refusal = blocked.read()
    assert refusal["type"] == "auth_refused" and refusal["code"] == "blocked"
    assert 0 < float(refusal["retry_after_s"]) <= 120.0  # type: ignore[arg-type]
    assert blocked.is_closed()
    clock.advance(121.0)
    assert operators(link).authenticate()["type"] == "auth_ok"


def test_wrong_codes_spread_beyond_the_window_do_not_refuse(make_link: LinkFactory,
                                                            operators: Connect) -> None:
    clock = FakeClock()
    link = make_link(clock=clock)
    for _ in range(8):
        assert operators(link).authenticate(code="WRONG")["code"] == "bad_proof"
        clock.advance(15.0)  # never five within 60 s
    assert operators(link).authenticate()["type"] == "auth_ok"


def test_only_one_operator_at_a_time(make_link: LinkFactory, operators: Connect) -> None:
    link = make_link()
    link.publish_state(state_after("e2e4"))
    first = joined(link, operators)
    second = operators(link)
    answer = second.authenticate(name="Wilhelm Schlumberger")
    assert answer["type"] == "auth_refused" and answer["code"] == "busy"
    assert second.is_closed()
    first.read_until("state")
    first.close()
    events = wait_for_events(link, lambda evs: any(isinstance(e, OperatorLeft) for e in evs))
    assert any(isinstance(e, PairingRefused) and "another operator" in e.reason
               for e in events)
    third = operators(link)
    assert third.authenticate(name="Wilhelm Schlumberger")["type"] == "auth_ok"


def test_a_newcomer_always_gets_a_slot_and_the_oldest_of_its_address_makes_room(
        make_link: LinkFactory, operators: Connect) -> None:
    """Through an SSH tunnel every peer is 127.0.0.1: idle connections there must not keep
    the operator out. The newcomer gets its hello; the address's oldest idle one is closed."""
    link = make_link()
    idle = [operators(link) for _ in range(protocol.MAX_PENDING_PER_ADDRESS)]
    for operator in idle:
        operator.read_hello()
    newcomer = operators(link)  # one more from the same address
    assert newcomer.authenticate()["type"] == "auth_ok"
    assert idle[0].is_closed()  # the oldest made room, without a word
    events = wait_for_events(link, lambda evs: any(isinstance(e, OperatorJoined) for e in evs))
    assert [(type(e), e.address[0]) for e in events] == [  # type: ignore[union-attr]
        (PairingRefused, "127.0.0.1"), (OperatorJoined, "127.0.0.1")]
    assert "make room" in events[0].reason  # type: ignore[union-attr]
    for operator in idle[1:]:
        assert operator.read_until("heartbeat")["type"] == "heartbeat"  # still connected


def test_full_slots_make_room_at_the_address_holding_the_most(make_link: LinkFactory) -> None:
    link = make_link()
    per = protocol.MAX_PENDING_PER_ADDRESS
    crowd = {n: [RawOperator(link.address, source=f"127.0.0.{n}") for _ in range(per)]
             for n in range(2, 2 + protocol.MAX_PENDING_CONNECTIONS // per)}  # every slot
    few = RawOperator(link.address, source="127.0.0.99")
    try:
        for operator in [o for group in crowd.values() for o in group]:
            operator.read_hello()
        assert few.authenticate()["type"] == "auth_ok"
        assert crowd[2][0].is_closed()  # all addresses hold as many: the oldest goes
        assert all(o.read_until("heartbeat") for o in crowd[2][1:] + crowd[3])
    finally:
        for operator in [o for group in crowd.values() for o in group] + [few]:
            operator.close()


def test_the_link_explains_a_port_in_use() -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        link = OperatorLink(port=port, pairing_code=CODE)
        with pytest.raises(LinkError, match=f"127.0.0.1:{port}.*in use"):
            link.start()


def test_bad_settings_are_refused_at_once() -> None:
    with pytest.raises(ValueError, match="pairing code"):
        OperatorLink(pairing_code="ÄÖÜ")
    with pytest.raises(ValueError, match="heartbeat_s"):
        OperatorLink(pairing_code=CODE, heartbeat_s=5.0, timeout_s=2.0)


# --- heartbeats and timeouts -----------------------------------------------------------------

def test_a_quiet_operator_gets_heartbeats_and_a_silent_one_is_dropped(
        make_link: LinkFactory, operators: Connect) -> None:
    link = make_link(heartbeat_s=0.05, timeout_s=0.3)
    link.publish_state(state_after("e2e4"))
    operator = joined(link, operators)
    operator.read_until("state")
    assert operator.read()["type"] == "heartbeat"  # the kiosk keeps talking
    error = operator.read_until("error")  # ... and we never answer
    assert error["code"] == "timeout" and error["ref_line"] is None
    assert operator.is_closed()
    events = wait_for_events(link, lambda evs: any(isinstance(e, OperatorLeft) for e in evs))
    assert "no word from the operator" in events[-1].reason  # type: ignore[union-attr]


def test_heartbeats_from_the_operator_keep_it_connected(make_link: LinkFactory,
                                                        operators: Connect) -> None:
    clock = FakeClock()
    link = make_link(clock=clock, heartbeat_s=1.0, timeout_s=3.0)
    operator = joined(link, operators)
    for _ in range(6):  # 12 s of clock time, a heartbeat every 2 s
        clock.advance(2.0)
        operator.send(protocol.Heartbeat())
        assert not settle(link, 0.05)
    clock.advance(3.5)  # now silence
    events = wait_for_events(link, lambda evs: any(isinstance(e, OperatorLeft) for e in evs))
    assert isinstance(events[0], OperatorLeft)


def test_a_connection_that_never_authenticates_is_closed(make_link: LinkFactory,
                                                         operators: Connect) -> None:
    clock = FakeClock()
    link = make_link(clock=clock, heartbeat_s=1.0, timeout_s=3.0)
    operator = operators(link)
    operator.read_hello()
    clock.advance(3.5)
    error = operator.read_until("error")
    assert error["code"] == "timeout" and "auth" in str(error["reason"])
    assert operator.is_closed()


# --- state and reconnection ------------------------------------------------------------------

def test_state_goes_out_on_change_only(make_link: LinkFactory, operators: Connect) -> None:
    link = make_link()
    link.publish_state(state_after())
    operator = joined(link, operators)
    assert operator.read_until("state")["ply"] == 0
    link.publish_state(state_after())  # the same state again: nothing to send
    link.publish_state(state_after("e2e4"))
    assert operator.read_until("state")["moves"] == ["e2e4"]


def test_a_reconnecting_operator_gets_the_full_state_and_current_hints(
        make_link: LinkFactory, operators: Connect) -> None:
    clock = FakeClock()
    link = make_link(clock=clock)
    link.publish_state(state_after("e2e4", countdown_s=30.0))
    hints = protocol.Hints(game_id="g1", ply=1, hints=(
        protocol.Hint(uci="e7e5", san="e5", cp=-20, mate=None),
        protocol.Hint(uci="c7c5", san="c5", cp=-35, mate=None)))
    link.send(hints)
    first = joined(link, operators)
    first.close()
    wait_for_events(link, lambda evs: any(isinstance(e, OperatorLeft) for e in evs))
    link.publish_state(state_after("e2e4", "e7e5", "g1f3", countdown_s=30.0))
    link.send(protocol.Hints(game_id="g1", ply=3, hints=(
        protocol.Hint(uci="b8c6", san="Nc6", cp=-15, mate=None),)))
    clock.advance(12.0)
    second = joined(link, operators)
    state = second.read_until("state")
    assert state["moves"] == ["e2e4", "e7e5", "g1f3"]
    assert state["start_fen"] == chess.STARTING_FEN
    assert state["fen"] == state_after("e2e4", "e7e5", "g1f3").fen
    assert state["countdown_s"] == 18.0  # what is left now, not when published
    assert second.read_until("hints")["hints"] == [
        {"uci": "b8c6", "san": "Nc6", "cp": -15, "mate": None}]


def test_messages_from_the_game_reach_the_operator_in_order(make_link: LinkFactory,
                                                             operators: Connect) -> None:
    link = make_link()
    link.publish_state(state_after())
    link.send(protocol.VisitorLift(game_id="g1", ply=0, square="g1"))  # nobody there: dropped
    operator = joined(link, operators)
    operator.read_until("state")
    sent: list[protocol.KioskMessage] = [
        protocol.VisitorLift(game_id="g1", ply=0, square="e2"),
        protocol.VisitorDrop(game_id="g1", ply=0, from_square="e2", to_square=None),
        protocol.VisitorLift(game_id="g1", ply=0, square="e2"),
        protocol.VisitorDrop(game_id="g1", ply=0, from_square="e2", to_square="e4"),
        state_after("e2e4"),
        protocol.StoodIn(game_id="g1", ply=1, uci="e7e5"),
        state_after("e2e4", "e7e5"),
        protocol.GameOver(game_id="g1", ply=2, result="*", reason="abandoned"),
        protocol.VisitorLeft(game_id="g1", ply=2),
    ]
    for message in sent:
        if isinstance(message, protocol.GameState):
            link.publish_state(message)
        else:
            link.send(message)
    received: list[dict[str, object]] = []
    while len(received) < len(sent):
        line = operator.read()
        if line["type"] != "heartbeat":
            received.append(line)
    assert received == [json.loads(protocol.encode(message)) for message in sent]


# --- moves -----------------------------------------------------------------------------------

def test_a_legal_current_move_is_acknowledged_and_passed_on_once(make_link: LinkFactory,
                                                                 operators: Connect) -> None:
    link = make_link()
    link.publish_state(state_after("e2e4"))
    operator = joined(link, operators)
    move(operator, "e7e5", ply=1, from_hint=True)
    assert operator.read_until("ack") == {"v": 1, "type": "ack", "game_id": "g1", "ply": 1,
                                          "uci": "e7e5"}
    move(operator, "e7e5", ply=1)  # a resend after a lost ack: acknowledged, not repeated
    assert operator.read_until("ack")["uci"] == "e7e5"
    line = move(operator, "d7d5", ply=1)  # changing one's mind is too late
    error = operator.error_for(line)
    assert error["code"] == "already_moved" and "e7e5" in str(error["reason"])
    events = settle(link, 0.1)
    assert [e for e in events if isinstance(e, protocol.OperatorMove)] == [
        protocol.OperatorMove(game_id="g1", ply=1, uci="e7e5", from_hint=True)]
    link.publish_state(state_after("e2e4", "e7e5", "g1f3"))
    assert operator.read_until("state")["ply"] == 3
    move(operator, "b8c6", ply=3)
    assert operator.read_until("ack")["ply"] == 3


@pytest.mark.parametrize(("state", "game_id", "ply", "uci", "code", "words"), [
    (state_after("e2e4"), "g1", 0, "e7e5", "stale_ply", "ply 0"),
    (state_after("e2e4"), "g1", 2, "e7e5", "stale_ply", "current ply (1)"),
    (state_after("e2e4"), "old-game", 1, "e7e5", "wrong_game", "old-game"),
    (state_after("e2e4"), "g1", 1, "e7e4", "illegal_move", "not legal"),
    (state_after("e2e4"), "g1", 1, "e2e4", "illegal_move", "no piece on e2"),
    (state_after(), "g1", 0, "e2e4", "not_your_turn", "visitor's turn"),
    (state_after("e2e4", status="waiting"), "g1", 1, "e7e5", "not_playing", "waiting"),
    (state_after("f2f3", "e7e5", "g2g4", "d8h4", turk_color=chess.WHITE, status="over"),
     "g1", 4, "e1f2", "not_playing", "over"),
    (state_after(fen="8/4P1k1/8/8/8/8/8/K7 w - - 0 1", turk_color=chess.WHITE), "g1", 0,
     "e7e8", "illegal_move", "e7e8q"),
])
def test_a_stale_wrong_or_illegal_move_is_refused_with_a_reason(
        make_link: LinkFactory, operators: Connect, *, state: protocol.GameState,
        game_id: str, ply: int, uci: str, code: str, words: str) -> None:
    link = make_link()
    link.publish_state(state)
    operator = joined(link, operators)
    line = move(operator, uci, ply=ply, game_id=game_id)
    error = operator.error_for(line)
    assert error["code"] == code and words in str(error["reason"])
    assert error["ref_type"] == "move" and error["game_id"] == "g1"
    assert not [e for e in settle(link) if isinstance(e, protocol.OperatorMove)]
    # ... and the connection goes on.
    operator.send(protocol.Say(game_id="g1", ply=state.ply, text="Hm."))
    wait_for_events(link, lambda evs: protocol.Say(game_id="g1", ply=state.ply, text="Hm.") in evs)


def test_a_move_before_any_game_is_refused(make_link: LinkFactory, operators: Connect) -> None:
    link = make_link()
    operator = joined(link, operators)
    assert operator.error_for(move(operator, "e2e4", ply=0))["code"] == "no_game"


def test_out_of_order_messages_are_refused(make_link: LinkFactory, operators: Connect) -> None:
    link = make_link()
    link.publish_state(state_after("e2e4"))
    operator = operators(link)
    operator.read_hello()
    operator.send(protocol.Heartbeat())  # allowed while authenticating
    error = operator.error_for(move(operator, "e7e5", ply=1))
    assert error["code"] == "not_authenticated" and error["ref_line"] == 2
    assert operator.authenticate()["type"] == "auth_ok"  # the connection went on
    key = protocol.derive_key(CODE, str(operator.hello["salt"]))  # type: ignore[index]
    line = operator.send(protocol.Auth(game_id=None, ply=0, name=NAME,
                                       proof=protocol.compute_proof(key, "0" * 64)))
    assert operator.error_for(line)["code"] == "already_authenticated"
    line = operator.send_dict(v=1, type="state", game_id="g1", ply=1)
    assert operator.error_for(line)["code"] == "unknown_type"
    assert not [e for e in settle(link) if isinstance(e, protocol.OperatorMove)]


def test_an_oversized_line_is_answered_and_the_connection_goes_on(make_link: LinkFactory,
                                                                  operators: Connect) -> None:
    link = make_link()
    link.publish_state(state_after("e2e4"))
    operator = joined(link, operators)
    line = operator.send_line(b'{"v":1,"type":"say","text":"' + b"A" * 100_000 + b'"}')
    error = operator.error_for(line)
    assert error["code"] == "too_long" and "1024" in str(error["reason"])
    move(operator, "e7e5", ply=1)
    assert operator.read_until("ack")["uci"] == "e7e5"


@pytest.mark.parametrize(("line", "code"), [
    (b"hello?", "bad_json"),
    (b"\xff\xfe", "bad_encoding"),
    (b'{"v":2,"type":"move"}', "bad_version"),
    (b'{"v":1,"type":"resign","game_id":"g1","ply":1}', "unknown_type"),
    (b'{"v":1,"type":"move","game_id":"g1","ply":"1","uci":"e7e5","from_hint":false}',
     "bad_field"),
    (b'{"v":1,"type":"say","game_id":"g1","ply":1,"text":"<script>"}', "bad_field"),
    (b"", "bad_json"),
])
def test_a_malformed_line_is_answered_with_its_code(make_link: LinkFactory,
                                                    operators: Connect, line: bytes,
                                                    code: str) -> None:
    link = make_link()
    link.publish_state(state_after("e2e4"))
    operator = joined(link, operators)
    error = operator.error_for(operator.send_line(line))
    assert error["code"] == code and error["reason"]
    assert not [e for e in settle(link, 0.05)
                if isinstance(e, protocol.OperatorMove | protocol.Say)]


def test_a_flood_of_lines_is_rate_limited(make_link: LinkFactory, operators: Connect) -> None:
    clock = FakeClock()
    link = make_link(clock=clock, lines_per_s=10.0, burst=20)
    link.publish_state(state_after("e2e4"))
    operator = joined(link, operators)  # the auth line took one token
    lines = [operator.send(protocol.Heartbeat()) for _ in range(19)]
    flooded = operator.send(protocol.Say(game_id="g1", ply=1, text="Too fast"))
    error = operator.error_for(flooded)
    assert error["code"] == "rate_limited" and flooded == lines[-1] + 1 == 21
    clock.advance(0.5)  # five tokens back
    operator.send(protocol.Say(game_id="g1", ply=1, text="Better"))
    events = wait_for_events(link, lambda evs: any(isinstance(e, protocol.Say) for e in evs))
    assert [e.text for e in events if isinstance(e, protocol.Say)] == ["Better"]


def test_say_reaches_the_game_for_the_current_game_only(make_link: LinkFactory,
                                                       operators: Connect) -> None:
    link = make_link()
    link.publish_state(state_after("e2e4"))
    operator = joined(link, operators)
    line = operator.send(protocol.Say(game_id="g0", ply=1, text="Stale"))
    assert operator.error_for(line)["code"] == "wrong_game"
    operator.send_line('{"v":1,"type":"say","game_id":"g1","ply":1,"text":"E\u0301chec  et mat!"}'
                       .encode())
    events = wait_for_events(link, lambda evs: any(isinstance(e, protocol.Say) for e in evs))
    assert events[-1] == protocol.Say(game_id="g1", ply=1, text="Échec et mat!")


def test_close_ends_the_thread_and_tells_the_operator(make_link: LinkFactory,
                                                     operators: Connect) -> None:
    link = make_link()
    operator = joined(link, operators)
    link.close()
    assert operator.is_closed()
    assert link.poll() == [OperatorLeft("the operator link was closed")]
    with pytest.raises(ConnectionRefusedError):  # the port is free again
        socket.create_connection(link.address, timeout=1.0)
