"""The operator's OperatorClient against a live OperatorLink: joining, moving, the kiosk's
messages as events, refusals, and reconnection through a relay that loses lines or cuts the
connection — without losing or doubling a move."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator

import pytest
from conftest import CODE, NAME, FakeClock, LinkFactory, settle, state_after, wait_for_events
from relay import Relay

from game.net import protocol
from game.net.client import ClientEvent, Connected, Disconnected, ErrorReported, OperatorClient
from game.net.link import OperatorJoined, OperatorLeft, OperatorLink

FAST = {"heartbeat_s": 0.1, "timeout_s": 0.6}
ClientFactory = Callable[..., OperatorClient]


class Watcher:
    """Collects a client's events and waits for the ones a test expects."""

    def __init__(self, client: OperatorClient) -> None:
        self.client = client
        self.events: list[ClientEvent] = []

    def until(self, predicate: Callable[[ClientEvent], bool], *,
              timeout_s: float = 5.0) -> ClientEvent:
        """The first event not yet looked at that satisfies ``predicate``; it and those
        before it count as looked at."""
        deadline = time.monotonic() + timeout_s
        while True:
            self.events.extend(self.client.poll())
            for index, event in enumerate(self.events):
                if predicate(event):
                    del self.events[:index + 1]
                    return event
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; events: {self.events}")
            time.sleep(0.005)

    def of(self, kind: type) -> ClientEvent:
        return self.until(lambda event: isinstance(event, kind))

    def state(self, ply: int) -> protocol.GameState:
        event = self.until(lambda e: isinstance(e, protocol.GameState) and e.ply == ply)
        assert isinstance(event, protocol.GameState)
        return event

    def quiet(self, seconds: float = 0.15) -> list[ClientEvent]:
        time.sleep(seconds)
        self.events.extend(self.client.poll())
        return self.events


@pytest.fixture
def make_client() -> Iterator[ClientFactory]:
    clients: list[OperatorClient] = []

    def make(address: tuple[str, int], **overrides: object) -> OperatorClient:
        settings: dict[str, object] = {"host": address[0], "port": address[1],
                                       "pairing_code": CODE, "name": NAME, **FAST}
        settings.update(overrides)
        client = OperatorClient(**settings)  # type: ignore[arg-type]
        client.start()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def relay_to() -> Iterator[Callable[[OperatorLink], Relay]]:
    relays: list[Relay] = []

    def make(link: OperatorLink) -> Relay:
        relay = Relay(link.address)
        relays.append(relay)
        return relay

    yield make
    for relay in relays:
        relay.close()


def moved(link: OperatorLink) -> list[protocol.OperatorMove]:
    return [e for e in settle(link, 0.2) if isinstance(e, protocol.OperatorMove)]


def test_the_client_joins_follows_the_game_and_moves(make_link: LinkFactory,
                                                     make_client: ClientFactory) -> None:
    link = make_link(**FAST)
    link.publish_state(state_after("e2e4"))
    watcher = Watcher(make_client(link.address))
    assert isinstance(watcher.of(Connected), Connected)
    assert watcher.of(protocol.AuthOk) == protocol.AuthOk(game_id="g1", ply=1, name=NAME)
    state = watcher.state(1)
    assert state.is_turk_to_move and state.replay().fen() == state.fen
    watcher.client.send_move(game_id=state.game_id, ply=state.ply, uci="c7c5", from_hint=True)
    assert watcher.of(protocol.MoveAck) == protocol.MoveAck(game_id="g1", ply=1, uci="c7c5")
    assert moved(link) == [protocol.OperatorMove(game_id="g1", ply=1, uci="c7c5", from_hint=True)]


def test_the_kiosks_messages_become_events(make_link: LinkFactory,
                                           make_client: ClientFactory) -> None:
    link = make_link(**FAST)
    link.publish_state(state_after("e2e4"))
    watcher = Watcher(make_client(link.address))
    watcher.state(1)
    hint = protocol.Hint(uci="e7e5", san="e5", cp=None, mate=-3)
    for message in (protocol.VisitorLift(game_id="g1", ply=1, square="d2"),
                    protocol.VisitorDrop(game_id="g1", ply=1, from_square="d2", to_square=None),
                    protocol.Hints(game_id="g1", ply=1, hints=(hint,)),
                    protocol.StoodIn(game_id="g1", ply=1, uci="e7e5"),
                    protocol.GameOver(game_id="g1", ply=2, result="1-0", reason="resignation"),
                    protocol.VisitorLeft(game_id="g1", ply=2)):
        link.send(message)
    assert watcher.of(protocol.VisitorLift) == protocol.VisitorLift(game_id="g1", ply=1,
                                                                    square="d2")
    assert watcher.of(protocol.VisitorDrop) == protocol.VisitorDrop(
        game_id="g1", ply=1, from_square="d2", to_square=None)
    assert watcher.of(protocol.Hints) == protocol.Hints(game_id="g1", ply=1, hints=(hint,))
    assert watcher.of(protocol.StoodIn) == protocol.StoodIn(game_id="g1", ply=1, uci="e7e5")
    assert watcher.of(protocol.GameOver) == protocol.GameOver(game_id="g1", ply=2, result="1-0",
                                                              reason="resignation")
    assert watcher.of(protocol.VisitorLeft) == protocol.VisitorLeft(game_id="g1", ply=2)
    watcher.client.send_move(game_id="g1", ply=0, uci="e7e5")
    error = watcher.of(protocol.ErrorReply)
    assert isinstance(error, protocol.ErrorReply)
    assert (error.code, error.ref_type) == ("stale_ply", "move") and "ply 0" in error.reason


def test_a_wrong_code_is_refused_once_and_not_retried(make_link: LinkFactory,
                                                      make_client: ClientFactory) -> None:
    link = make_link(**FAST)
    watcher = Watcher(make_client(link.address, pairing_code="WRONG-CODE"))
    refused = watcher.of(protocol.AuthRefused)
    assert refused == protocol.AuthRefused(game_id=None, ply=0, code="bad_proof",
                                           reason="wrong pairing code", retry_after_s=None)
    disconnected = watcher.of(Disconnected)
    assert isinstance(disconnected, Disconnected) and not disconnected.will_retry
    assert len(settle(link, 0.5)) == 1  # one refusal, no second guess


def test_a_second_operator_waits_and_gets_in_when_the_first_leaves(
        make_link: LinkFactory, make_client: ClientFactory) -> None:
    link = make_link(**FAST)
    link.publish_state(state_after("e2e4"))
    first = Watcher(make_client(link.address))
    first.of(protocol.AuthOk)
    second = Watcher(make_client(link.address, name="Wilhelm Schlumberger"))
    refused = second.of(protocol.AuthRefused)
    assert isinstance(refused, protocol.AuthRefused)
    assert (refused.code, refused.reason) == ("busy", "another operator is connected")
    disconnected = second.of(Disconnected)
    assert isinstance(disconnected, Disconnected) and disconnected.will_retry
    first.client.close()
    joined = second.of(protocol.AuthOk)
    assert isinstance(joined, protocol.AuthOk) and joined.name == "Wilhelm Schlumberger"
    assert second.state(1).moves == ("e2e4",)


def test_after_a_cut_the_client_reconnects_and_gets_the_full_state(
        make_link: LinkFactory, make_client: ClientFactory,
        relay_to: Callable[[OperatorLink], Relay]) -> None:
    link = make_link(**FAST)
    link.publish_state(state_after("e2e4"))
    relay = relay_to(link)
    watcher = Watcher(make_client(relay.address))
    watcher.state(1)
    relay.cut()
    disconnected = watcher.of(Disconnected)
    assert isinstance(disconnected, Disconnected) and disconnected.will_retry
    link.publish_state(state_after("e2e4", "c7c5", "g1f3"))  # the game went on meanwhile
    watcher.of(protocol.AuthOk)
    state = watcher.state(3)
    assert state.moves == ("e2e4", "c7c5", "g1f3") and state.start_fen == state_after().fen
    events = settle(link, 0.1)
    assert [type(e) for e in events if not isinstance(e, protocol.OperatorMove)] == [
        OperatorJoined, OperatorLeft, OperatorJoined]


def test_a_move_lost_on_the_way_is_sent_again_after_reconnecting(
        make_link: LinkFactory, make_client: ClientFactory,
        relay_to: Callable[[OperatorLink], Relay]) -> None:
    link = make_link(**FAST)
    link.publish_state(state_after("e2e4"))
    relay = relay_to(link)
    watcher = Watcher(make_client(relay.address))
    watcher.state(1)
    relay.swallow("up")  # the move never reaches the kiosk
    watcher.client.send_move(game_id="g1", ply=1, uci="e7e5")
    assert moved(link) == []
    relay.cut()
    relay.heal()
    watcher.of(Disconnected)
    assert watcher.of(protocol.MoveAck) == protocol.MoveAck(game_id="g1", ply=1, uci="e7e5")
    assert moved(link) == [protocol.OperatorMove(game_id="g1", ply=1, uci="e7e5", from_hint=False)]


def test_a_move_whose_ack_was_lost_is_not_played_twice(
        make_link: LinkFactory, make_client: ClientFactory,
        relay_to: Callable[[OperatorLink], Relay]) -> None:
    link = make_link(**FAST)
    link.publish_state(state_after("e2e4"))
    relay = relay_to(link)
    watcher = Watcher(make_client(relay.address))
    watcher.state(1)
    relay.swallow("down")  # the kiosk gets the move; the ack is lost
    watcher.client.send_move(game_id="g1", ply=1, uci="e7e5")
    assert moved(link) == [protocol.OperatorMove(game_id="g1", ply=1, uci="e7e5", from_hint=False)]
    relay.cut()
    relay.heal()
    watcher.of(Disconnected)
    # The game has not played it yet (same ply): the client sends it again, the kiosk
    # acknowledges it again, and the game hears of it only once.
    assert watcher.of(protocol.MoveAck) == protocol.MoveAck(game_id="g1", ply=1, uci="e7e5")
    assert moved(link) == []


def test_a_move_played_while_away_is_not_sent_again(
        make_link: LinkFactory, make_client: ClientFactory,
        relay_to: Callable[[OperatorLink], Relay]) -> None:
    link = make_link(**FAST)
    link.publish_state(state_after("e2e4"))
    relay = relay_to(link)
    watcher = Watcher(make_client(relay.address))
    watcher.state(1)
    relay.swallow("down")
    watcher.client.send_move(game_id="g1", ply=1, uci="e7e5")
    assert moved(link) == [protocol.OperatorMove(game_id="g1", ply=1, uci="e7e5", from_hint=False)]
    link.publish_state(state_after("e2e4", "e7e5"))  # the game played it
    relay.cut()
    relay.heal()
    assert watcher.state(2).moves == ("e2e4", "e7e5")
    assert not [e for e in watcher.quiet() if isinstance(e, protocol.ErrorReply | protocol.MoveAck)]
    assert moved(link) == []


def test_a_silent_kiosk_is_noticed(make_link: LinkFactory, make_client: ClientFactory,
                                   relay_to: Callable[[OperatorLink], Relay]) -> None:
    link = make_link(**FAST)
    relay = relay_to(link)
    watcher = Watcher(make_client(relay.address))
    watcher.of(protocol.AuthOk)
    relay.swallow("down")
    disconnected = watcher.of(Disconnected)
    assert isinstance(disconnected, Disconnected) and disconnected.will_retry
    assert "no word from the kiosk" in disconnected.reason


def test_the_client_may_start_before_the_kiosk(make_link: LinkFactory,
                                               make_client: ClientFactory) -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]  # free now; the kiosk will take it below
    watcher = Watcher(make_client(("127.0.0.1", port)))
    disconnected = watcher.of(Disconnected)
    assert isinstance(disconnected, Disconnected) and disconnected.will_retry
    assert "refused" in disconnected.reason.lower()
    link = make_link(port=port, **FAST)
    link.publish_state(state_after())
    watcher.of(protocol.AuthOk)
    assert watcher.state(0).status == "playing"


def test_say_checks_its_text_and_needs_a_connection(make_link: LinkFactory,
                                                    make_client: ClientFactory) -> None:
    with pytest.raises(protocol.ProtocolError, match="text"):
        OperatorClient(host="127.0.0.1", port=1, pairing_code=CODE, name=NAME).say("<b>")
    with pytest.raises(protocol.ProtocolError, match="name"):
        OperatorClient(host="127.0.0.1", port=1, pairing_code=CODE, name="x" * 25)
    link = make_link(**FAST)
    link.publish_state(state_after("e2e4"))
    early = make_client(link.address)
    early.say("Too early")  # before the thread has even connected
    watcher = Watcher(early)
    error = watcher.of(ErrorReported)
    assert error == ErrorReported("not_connected", "not connected to the kiosk; the text was "
                                  "not sent", "say")
    watcher.state(1)
    early.say("  Gardez   la reine! ")
    events = wait_for_events(link, lambda evs: any(isinstance(e, protocol.Say) for e in evs))
    assert protocol.Say(game_id="g1", ply=1, text="Gardez la reine!") in events


def test_close_hangs_up(make_link: LinkFactory, make_client: ClientFactory) -> None:
    link = make_link(**FAST)
    client = make_client(link.address)
    Watcher(client).of(protocol.AuthOk)
    client.close()
    events = wait_for_events(link, lambda evs: any(isinstance(e, OperatorLeft) for e in evs))
    assert OperatorLeft("the operator closed the connection") in events


def test_a_move_dropped_by_the_rate_limit_is_sent_again(make_link: LinkFactory,
                                                        make_client: ClientFactory) -> None:
    clock = FakeClock()
    link = make_link(clock=clock, lines_per_s=1.0, burst=1)  # the auth line takes it all
    link.publish_state(state_after("e2e4"))
    watcher = Watcher(make_client(link.address, heartbeat_s=2.0, timeout_s=6.0))
    watcher.state(1)
    watcher.client.send_move(game_id="g1", ply=1, uci="e7e5")
    assert moved(link) == []  # dropped as over the limit
    clock.advance(5.0)  # the kiosk's bucket refills; the client's next try gets through
    assert watcher.of(protocol.MoveAck) == protocol.MoveAck(game_id="g1", ply=1, uci="e7e5")
    assert moved(link) == [protocol.OperatorMove(game_id="g1", ply=1, uci="e7e5", from_hint=False)]
    assert not [e for e in watcher.events if isinstance(e, ErrorReported | protocol.ErrorReply)]
