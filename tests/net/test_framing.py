"""The link's pure parts: line framing with a limit, the rate limit, the address guard and
the move gate."""

from __future__ import annotations

import chess
from conftest import state_after
from hypothesis import given, settings
from hypothesis import strategies as st

from game.net import protocol
from game.net.framing import LineReader, OversizedLine, TokenBucket
from game.net.gate import MoveGate, MoveJudgement
from game.net.guard import MAX_TRACKED_ADDRESSES, AddressGuard


def _split_reference(stream: bytes, limit: int) -> list[bytes | OversizedLine]:
    """What framing must produce, computed the obvious way on the whole stream."""
    *lines, _ = stream.split(b"\n")
    return [line if len(line) + 1 <= limit else OversizedLine(len(line) + 1) for line in lines]


@settings(max_examples=300)
@given(st.lists(st.binary(max_size=40) | st.just(b"\n") | st.binary(max_size=3).map(
    lambda b: b + b"\n"), max_size=30), st.integers(min_value=2, max_value=30), st.data())
def test_framing_does_not_depend_on_how_the_bytes_are_chunked(
        pieces: list[bytes], limit: int, data: st.DataObject) -> None:
    stream = b"".join(pieces)
    reader = LineReader(limit)
    out: list[bytes | OversizedLine] = []
    position = 0
    while position < len(stream):
        size = data.draw(st.integers(min_value=1, max_value=len(stream) - position))
        out.extend(reader.feed(stream[position:position + size]))
        position += size
        assert reader.pending_bytes <= max(limit, len(stream))
        assert len(reader._buffer) < limit  # never stores more than one line's limit
    assert out == _split_reference(stream, limit)


def test_an_endless_line_is_counted_not_stored() -> None:
    reader = LineReader(1024)
    for _ in range(1000):
        assert reader.feed(b"x" * 10_000) == []
    assert reader.pending_bytes == 10_000_000
    assert reader.feed(b"tail\nnext\n") == [OversizedLine(10_000_005), b"next"]


def test_the_token_bucket_allows_a_burst_then_the_rate() -> None:
    bucket = TokenBucket(rate=10.0, burst=20, now=0.0)
    assert all(bucket.take(0.0) for _ in range(20))
    assert not bucket.take(0.0)
    assert bucket.take(0.1) and not bucket.take(0.1)
    assert sum(bucket.take(100.0) for _ in range(50)) == 20  # refills up to the burst only
    assert not bucket.take(99.0)  # a clock that steps back gives nothing


def test_the_guard_refuses_after_too_many_failures_in_the_window() -> None:
    guard = AddressGuard(refuse_after=3, window_s=60.0, refuse_for_s=120.0)
    assert not guard.record_failure("10.0.0.5", 0.0)
    assert not guard.record_failure("10.0.0.5", 30.0)
    assert not guard.record_failure("10.0.0.9", 31.0)  # another address counts apart
    assert guard.record_failure("10.0.0.5", 59.0)
    assert guard.refused_for("10.0.0.5", 60.0) == 119.0
    assert guard.refused_for("10.0.0.9", 60.0) == 0.0
    assert guard.refused_for("10.0.0.5", 179.0) == 0.0  # served its time
    assert not guard.record_failure("10.0.0.5", 180.0)  # and starts from zero


def test_the_guard_forgets_old_failures_and_successes_clear_them() -> None:
    guard = AddressGuard(refuse_after=3, window_s=60.0, refuse_for_s=120.0)
    guard.record_failure("a", 0.0)
    guard.record_failure("a", 10.0)
    assert not guard.record_failure("a", 61.0)  # the first fell out of the window
    guard.record_success("a")
    assert not guard.record_failure("a", 62.0)
    assert not guard.record_failure("a", 63.0)


def test_the_guard_memory_is_bounded() -> None:
    guard = AddressGuard(refuse_after=5, window_s=60.0, refuse_for_s=120.0)
    for number in range(MAX_TRACKED_ADDRESSES + 500):
        guard.record_failure(f"10.{number // 65536}.{number // 256 % 256}.{number % 256}", 1.0)
    assert len(guard._failures) == MAX_TRACKED_ADDRESSES


def _move(uci: str, *, ply: int = 1, game_id: str = "g1") -> protocol.OperatorMove:
    return protocol.OperatorMove(game_id=game_id, ply=ply, uci=uci, from_hint=False)


def test_the_gate_passes_a_current_legal_move_once() -> None:
    gate = MoveGate()
    assert gate.judge(_move("e7e5")).code == "no_game"
    gate.publish(state_after("e2e4"))
    assert gate.judge(_move("e7e5")) == MoveJudgement(is_new=True)
    assert gate.judge(_move("e7e5")) == MoveJudgement(is_repeat=True)
    assert gate.judge(_move("c7c5")).code == "already_moved"
    gate.publish(state_after("e2e4", countdown_s=9.0))  # same ply, fresh countdown
    assert gate.judge(_move("e7e5")) == MoveJudgement(is_repeat=True)
    assert gate.judge(_move("c7c5")).code == "already_moved"
    gate.publish(state_after("e2e4", "e7e5", "g1f3"))
    assert gate.judge(_move("b8c6", ply=3)) == MoveJudgement(is_new=True)
    gate.publish(state_after("e2e4", game_id="g2"))  # a new game at the same ply
    assert gate.judge(_move("c7c5", game_id="g2")) == MoveJudgement(is_new=True)


def test_the_gate_names_what_is_wrong() -> None:
    gate = MoveGate()
    gate.publish(state_after("e2e4"))
    assert gate.judge(_move("e7e5", game_id="g0")).code == "wrong_game"
    assert gate.judge(_move("e7e5", ply=3)).code == "stale_ply"
    assert gate.judge(_move("e7e6q")).code == "illegal_move"
    gate.publish(state_after("e2e4", turk_color=chess.WHITE))
    assert gate.judge(_move("e7e5")).code == "not_your_turn"
    gate.publish(state_after("e2e4", status="waiting"))
    assert gate.judge(_move("e7e5")).code == "not_playing"
