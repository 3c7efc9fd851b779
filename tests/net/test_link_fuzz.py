"""Random lines thrown at a live kiosk link by an authenticated operator.

For every line the test works out, independently of the link's code, what must happen: an
error whose code the decoder gives, an ``ack`` for a legal current move, or nothing (a
heartbeat, a good ``say``). It checks that exactly that happens, that only legal current
moves reach the game, and that the game goes on (each accepted move is played and the next
state published) across all the examples.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import chess
import pytest
from conftest import CODE, RawOperator, wait_for_events
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.net import protocol
from game.net.link import OperatorJoined, OperatorLink

PROBE_GAME = "probe"


@dataclass
class LiveGame:
    """The link, its operator, and the game the test plays through it."""

    link: OperatorLink
    operator: RawOperator
    board: chess.Board = field(default_factory=chess.Board)
    game_number: int = 1
    moves_passed: int = 0

    @property
    def game_id(self) -> str:
        return f"fuzz-{self.game_number}"

    def publish(self) -> None:
        """Let the visitor reply if it is their turn, then publish (a new game if over)."""
        if self.board.turn == chess.WHITE and not self.board.is_game_over():
            self.board.push(sorted(self.board.legal_moves, key=chess.Move.uci)[0])
        if self.board.is_game_over() or self.board.ply() > 60:
            self.board = chess.Board()
            self.game_number += 1
            self.board.push_uci("e2e4")
        self.link.publish_state(protocol.GameState.from_board(
            self.board, game_id=self.game_id, turk_color=chess.BLACK, status="playing"))
        state = self.operator.read_until("state")
        assert state["fen"] == self.board.fen()


@pytest.fixture(scope="module")
def live() -> Iterator[LiveGame]:
    link = OperatorLink(pairing_code=CODE, lines_per_s=1e6, burst=1_000_000)
    link.start()
    operator = RawOperator(link.address)
    assert operator.authenticate()["type"] == "auth_ok"
    wait_for_events(link, lambda events: any(isinstance(e, OperatorJoined) for e in events))
    game = LiveGame(link, operator)
    game.board.push_uci("e2e4")
    game.publish()
    yield game
    operator.close()
    link.close()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(
        st.text(max_size=8), children, max_size=3), max_leaves=8)
fields = st.sampled_from(["v", "type", "game_id", "ply", "uci", "from_hint", "text", "name",
                          "proof", "square"])


@st.composite
def fuzz_lines(draw: st.DrawFn, game: LiveGame) -> bytes:
    """One line: noise, junk JSON, a broken message, a huge line, or a plausible move.

    What is drawn never depends on the game (hypothesis needs that); the game only turns
    the drawn choices into a line."""
    legal = sorted(move.uci() for move in game.board.legal_moves)
    ply = game.board.ply()
    game_id = [game.game_id, game.game_id, "fuzz-0", "x"][draw(st.integers(0, 3))]
    ply += draw(st.sampled_from([0, 0, 0, -1, 1, 1000])) if ply > 0 else 0
    legal_pick = draw(st.integers(min_value=0, max_value=999))
    uci = (legal[legal_pick % len(legal)] if draw(st.booleans())
           else draw(st.from_regex(r"\A[a-h][1-8][a-h][1-8][qrbn]?\Z")))
    move = {"v": 1, "type": "move", "game_id": game_id, "ply": ply, "uci": uci,
            "from_hint": draw(st.booleans())}
    say = {"v": 1, "type": "say", "game_id": game_id, "ply": ply,
           "text": draw(st.text(max_size=90))}
    auth = {"v": 1, "type": "auth", "game_id": None, "ply": 0, "name": "Mouret",
            "proof": "0" * 64}
    kind = draw(st.sampled_from(["noise", "json", "broken", "huge", "move", "say", "auth"]))
    if kind == "noise":
        return draw(st.binary(max_size=300)).replace(b"\n", b" ")
    if kind == "huge":
        return b"{" * draw(st.integers(min_value=protocol.MAX_OPERATOR_LINE_BYTES,
                                        max_value=50_000))
    builders: dict[str, Callable[[], object]] = {
        "json": lambda: draw(json_values),
        "broken": lambda: dict(move, **{draw(fields): draw(json_values)}),
        "move": lambda: move, "say": lambda: say, "auth": lambda: auth}
    return json.dumps(builders[kind]()).encode()


def expected_reply(
        game: LiveGame, line: bytes) -> tuple[str, str | None]:
    """What the kiosk must answer: ("error", code), ("ack", uci), ("said", text) or
    ("nothing", None) — worked out from the document's rules, not the link's code."""
    if len(line) + 1 > protocol.MAX_OPERATOR_LINE_BYTES:
        return "error", "too_long"
    try:
        message = protocol.decode_operator(line)
    except protocol.ProtocolError as error:
        return "error", error.code
    if isinstance(message, protocol.Heartbeat):
        return "nothing", None
    if isinstance(message, protocol.Auth):
        return "error", "already_authenticated"
    if message.game_id != game.game_id:
        return "error", "wrong_game"
    if isinstance(message, protocol.Say):
        return "said", message.text
    if message.ply != game.board.ply():
        return "error", "stale_ply"
    if chess.Move.from_uci(message.uci) not in game.board.legal_moves:
        return "error", "illegal_move"
    return "ack", message.uci


def replies_to(game: LiveGame, line_no: int) -> list[dict[str, object]]:
    """The kiosk's answers to ``line_no``, found by sending a probe line after it (whose
    error marks the end)."""
    probe = game.operator.send(protocol.Say(game_id=PROBE_GAME, ply=0, text="probe"))
    replies: list[dict[str, object]] = []
    while True:
        message = game.operator.read()
        if message["type"] == "error" and message["ref_line"] == probe:
            assert message["code"] == "wrong_game"
            return replies
        if message["type"] in ("error", "ack"):
            replies.append(message)


@settings(max_examples=250, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.data())
def test_random_lines_at_a_live_link(live: LiveGame, data: st.DataObject) -> None:
    for _ in range(data.draw(st.integers(min_value=1, max_value=4))):
        line = data.draw(fuzz_lines(live))
        outcome, detail = expected_reply(live, line)
        line_no = live.operator.send_line(line)
        replies = replies_to(live, line_no)
        events = live.link.poll()
        if outcome == "error":
            assert len(replies) == 1, replies
            error = replies[0]
            assert (error["type"], error["code"], error["ref_line"]) == ("error", detail, line_no)
            assert isinstance(error["reason"], str) and error["reason"].strip()
            assert events == []
        elif outcome == "ack":
            assert [(r["type"], r["uci"]) for r in replies] == [("ack", detail)]
            assert events == [protocol.OperatorMove(
                game_id=live.game_id, ply=live.board.ply(), uci=str(detail),
                from_hint=json.loads(line)["from_hint"])]
            live.board.push_uci(str(detail))  # the game plays it, the visitor replies
            live.moves_passed += 1
            live.publish()
        elif outcome == "said":
            # The checked message itself is passed on (its text NFC, its stamp as sent).
            said = protocol.decode_operator(line)
            assert replies == [] and events == [said] and said.text == detail
        else:
            assert replies == [] and events == []


def test_the_fuzzed_game_went_on(live: LiveGame) -> None:
    """After the random lines (some of them legal moves the game played), a plain legal
    move still goes through."""
    assert live.moves_passed >= 3
    uci = random.Random(1770).choice(sorted(m.uci() for m in live.board.legal_moves))
    line = live.operator.send(protocol.OperatorMove(game_id=live.game_id, ply=live.board.ply(),
                                                    uci=uci, from_hint=False))
    assert [r["type"] for r in replies_to(live, line)] == ["ack"]
    assert live.link.poll() == [protocol.OperatorMove(game_id=live.game_id, ply=live.board.ply(),
                                                      uci=uci, from_hint=False)]
