"""Property-based tests of the decoders: whatever bytes arrive, the answer is a valid message
or a ProtocolError with a known code and a reason — never any other exception."""

from __future__ import annotations

import dataclasses
import json
import string

import chess
from hypothesis import given, settings
from hypothesis import strategies as st

from game.net import protocol

json_scalars = (st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
                | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=30))
json_values = st.recursive(json_scalars, lambda children: st.lists(children, max_size=4)
                           | st.dictionaries(st.text(max_size=10), children, max_size=4),
                           max_leaves=12)
type_names = st.sampled_from(sorted({cls.TYPE for cls in (*protocol.KIOSK_TYPES,
                                                          *protocol.OPERATOR_TYPES)}))
field_names = st.sampled_from(sorted({field.name for cls in (*protocol.KIOSK_TYPES,
                                                             *protocol.OPERATOR_TYPES)
                                      for field in dataclasses.fields(cls)}))
squares = st.sampled_from([a + b for a in "abcdefgh" for b in "12345678"])
ucis = st.builds(lambda a, b, p: a + b + p, squares, squares,
                st.sampled_from(["", "q", "n"])).filter(lambda uci: uci[:2] != uci[2:4])
game_ids = st.text(alphabet=string.ascii_letters + string.digits + "_-", min_size=1,
                   max_size=protocol.MAX_GAME_ID_CHARS)
plies = st.integers(min_value=0, max_value=protocol.MAX_PLY)
words = st.text(alphabet=string.ascii_letters + string.digits + protocol.ACCENTED_LETTERS,
                min_size=1, max_size=8)
names = st.lists(words, min_size=1, max_size=3).map(" ".join).filter(
    lambda name: len(name) <= protocol.MAX_NAME_CHARS)
texts = st.lists(words | st.sampled_from(list(".,!?'-:;\"()")), min_size=1, max_size=10).map(
    " ".join).filter(lambda text: len(text) <= protocol.MAX_SAY_CHARS and any(
        char.isalnum() for char in text))
operator_messages = st.one_of(
    st.builds(protocol.Auth, game_id=st.none() | game_ids, ply=plies, name=names,
              proof=st.text(alphabet="0123456789abcdef", min_size=64, max_size=64)),
    st.builds(protocol.OperatorMove, game_id=game_ids, ply=plies, uci=ucis,
              from_hint=st.booleans()),
    st.builds(protocol.Say, game_id=st.none() | game_ids, ply=plies, text=texts),
    st.builds(protocol.Heartbeat, game_id=st.none() | game_ids, ply=plies),
)


def _decode_both(line: bytes) -> None:
    for decode in (protocol.decode_operator, protocol.decode_kiosk):
        try:
            message = decode(line)
        except protocol.ProtocolError as error:
            assert error.code in protocol.ERROR_CODES
            assert error.reason and len(str(error)) > 0
            assert protocol.clip_reason(error.reason)
        else:
            assert decode(protocol.encode(message)) == message


@settings(max_examples=300)
@given(st.binary(max_size=1500))
def test_random_bytes_decode_or_raise_a_protocol_error(line: bytes) -> None:
    _decode_both(line)


@settings(max_examples=300)
@given(json_values)
def test_random_json_decodes_or_raises_a_protocol_error(value: object) -> None:
    _decode_both(json.dumps(value).encode())


@settings(max_examples=500)
@given(type_names, st.dictionaries(field_names, json_values, max_size=8),
       st.sampled_from([1, 1, 1, 0, 2, "1", True]))
def test_random_fields_under_a_real_type_decode_or_raise(kind: str, fields: dict[str, object],
                                                          version: object) -> None:
    _decode_both(json.dumps({"v": version, "type": kind, **fields}).encode())


@settings(max_examples=300)
@given(operator_messages, field_names, json_values)
def test_a_valid_message_with_one_field_broken_is_refused_by_name(
        message: protocol.OperatorMessage, field: str, value: object) -> None:
    obj = json.loads(protocol.encode(message))
    if field not in obj:
        return
    obj[field] = value
    try:
        decoded = protocol.decode_operator(json.dumps(obj).encode())
    except protocol.ProtocolError as error:
        assert error.code in {"bad_field", "bad_version", "unknown_type", "too_long"}
        if error.code == "bad_field" and field not in ("v", "type"):
            assert error.ref_type == message.TYPE
            assert field in error.reason or "hints" in error.reason
    else:
        assert protocol.decode_operator(protocol.encode(decoded)) == decoded


@settings(max_examples=300)
@given(operator_messages)
def test_valid_operator_messages_round_trip(message: protocol.OperatorMessage) -> None:
    line = protocol.encode(message)
    assert len(line) <= protocol.MAX_OPERATOR_LINE_BYTES
    assert protocol.decode_operator(line) == message


@settings(max_examples=50)
@given(st.integers(min_value=protocol.MAX_OPERATOR_LINE_BYTES + 1, max_value=200_000),
       st.binary(min_size=1, max_size=1))
def test_huge_lines_are_too_long_before_anything_is_parsed(size: int, fill: bytes) -> None:
    try:
        protocol.decode_operator(fill * size)
    except protocol.ProtocolError as error:
        assert error.code == "too_long" and str(size) in error.reason
    else:
        raise AssertionError("a huge line was accepted")


fen_like = st.sampled_from([
    "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR",
    "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w",
    "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0",
    "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR  w KQkq - 0 1",
    "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1 extra",
    "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR b KQkq - 0 1",
    "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR x KQkq - 0 1",
    "8/8/8/8/8/8/8/8 w - - 0 1",
    "k7/8/8/8/8/8/8/K7 w - - 0 1",
    "4k3/8/8/8/8/8/8/4K2R w K - 0 1",
    "",
]) | st.text(alphabet="rnbqkpRNBQKP12345678/ wb-KQkq", max_size=60)


def _kiosk_samples() -> list[dict[str, object]]:
    from test_protocol import KIOSK_MESSAGES  # the hand-made valid messages
    return [json.loads(protocol.encode(message)) for message in KIOSK_MESSAGES]


@settings(max_examples=600)
@given(st.sampled_from(_kiosk_samples()), field_names, json_values | fen_like | ucis)
def test_a_valid_kiosk_message_with_one_field_broken_is_refused_by_name(
        sample: dict[str, object], field: str, value: object) -> None:
    if field not in sample:
        return
    line = json.dumps(dict(sample, **{field: value})).encode()
    try:
        decoded = protocol.decode_kiosk(line)
    except protocol.ProtocolError as error:
        assert error.code in {"bad_field", "bad_version", "unknown_type"}, error
        assert error.reason
    else:
        assert protocol.decode_kiosk(protocol.encode(decoded)) == decoded


state_fields = st.sampled_from([field.name for field in dataclasses.fields(protocol.GameState)])


@settings(max_examples=400)
@given(st.sampled_from([s for s in _kiosk_samples() if s["type"] == "state"]), state_fields,
       fen_like | json_values | st.lists(ucis, max_size=4))
def test_a_state_with_one_field_broken_is_refused_by_name(
        sample: dict[str, object], field: str, value: object) -> None:
    line = json.dumps(dict(sample, **{field: value})).encode()
    try:
        decoded = protocol.decode_kiosk(line)
    except protocol.ProtocolError as error:
        assert error.code == "bad_field" and error.ref_type == "state"
    else:
        assert isinstance(decoded, protocol.GameState)
        again = protocol.decode_kiosk(protocol.encode(decoded))
        assert isinstance(again, protocol.GameState)
        assert decoded.replay().fen() == chess.Board(again.fen).fen()
