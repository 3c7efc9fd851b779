"""The operator protocol: messages, limits, pairing proof, and the newline-delimited JSON codec.

Owns: :func:`encode` and the two decoders (:func:`decode_operator` for lines a kiosk reads,
:func:`decode_kiosk` for lines an operator reads). This module is the one door to the
protocol: the message classes, the limits, :class:`ProtocolError` and the pairing helpers are
re-exported here from the small modules that define them. docs/operator-protocol.md is the
specification; where they differ, that is a bug here.

Decoding never raises anything but :class:`ProtocolError` (with a ``code`` and a reason).

Must not import: sockets, threads, pygame or anything from ``game`` outside ``game.net``'s
pure modules (pure: chess + stdlib).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from game.net import wire
from game.net.messages import (
    KIOSK_TYPES,
    OPERATOR_TYPES,
    Auth,
    AuthOk,
    AuthRefused,
    ErrorReply,
    GameOver,
    GameState,
    Heartbeat,
    Hello,
    Hint,
    Hints,
    KioskMessage,
    MoveAck,
    OperatorMessage,
    OperatorMove,
    Say,
    StoodIn,
    VisitorDrop,
    VisitorLeft,
    VisitorLift,
)
from game.net.pairing import (
    CODE_ALPHABET,
    PBKDF2_ITERATIONS,
    compute_proof,
    derive_key,
    is_valid_proof,
    new_nonce,
    new_pairing_code,
    new_salt,
    normalize_pairing_code,
)
from game.net.wire import (
    ACCENTED_LETTERS,
    DEFAULT_PORT,
    ERROR_CODES,
    MAX_GAME_ID_CHARS,
    MAX_HINTS,
    MAX_KIOSK_LINE_BYTES,
    MAX_NAME_CHARS,
    MAX_OPERATOR_LINE_BYTES,
    MAX_PENDING_CONNECTIONS,
    MAX_PENDING_PER_ADDRESS,
    MAX_PLY,
    MAX_SAY_CHARS,
    OPERATOR_BURST,
    OPERATOR_LINES_PER_S,
    PAIRING_CODE_ENV,
    PROTOCOL_VERSION,
    REFUSAL_CODES,
    ProtocolError,
    check_name,
    check_say_text,
    clip_reason,
    normalize_text,
)

Message = KioskMessage | OperatorMessage
MAX_REF_TYPE_CHARS = 32
"""An error's ``ref_type`` carries at most this much of the line's ``type``."""
_M = TypeVar("_M", bound=Message)
_T = TypeVar("_T")

_KIOSK_BY_TYPE: dict[str, type[KioskMessage]] = {cls.TYPE: cls for cls in KIOSK_TYPES}
_OPERATOR_BY_TYPE: dict[str, type[OperatorMessage]] = {cls.TYPE: cls for cls in OPERATOR_TYPES}
_ENVELOPE = ("game_id", "ply")


def encode(message: Message) -> bytes:
    """One line of UTF-8 JSON, newline included, with the envelope fields first.

    :raises ProtocolError: (``too_long``) if the line would break its sender's line limit.
    """
    obj: dict[str, object] = {"v": PROTOCOL_VERSION, "type": message.TYPE,
                              "game_id": message.game_id, "ply": message.ply}
    for field in dataclasses.fields(message):
        if field.name not in _ENVELOPE:
            obj[field.name] = _to_json(field.name, getattr(message, field.name))
    line = json.dumps(obj, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode("utf-8") + b"\n"
    limit = (MAX_OPERATOR_LINE_BYTES if isinstance(message, Auth | OperatorMove | Say)
             else MAX_KIOSK_LINE_BYTES)
    if len(line) > limit:
        raise ProtocolError("too_long", f"a '{message.TYPE}' line of {len(line)} bytes "
                            f"exceeds the limit of {limit}", ref_type=message.TYPE)
    return line


def decode_operator(line: bytes) -> OperatorMessage:
    """Parse and check one line an operator sent (with or without its newline).

    :raises ProtocolError: for anything that is not a valid operator message.
    """
    return _decode(line, _OPERATOR_BY_TYPE, _KIOSK_BY_TYPE, MAX_OPERATOR_LINE_BYTES,
                   sender="an operator")


def decode_kiosk(line: bytes) -> KioskMessage:
    """Parse and check one line a kiosk sent (with or without its newline). A ``state`` is
    also replayed, so its moves are legal and lead to its FEN.

    :raises ProtocolError: for anything that is not a valid kiosk message.
    """
    message = _decode(line, _KIOSK_BY_TYPE, _OPERATOR_BY_TYPE, MAX_KIOSK_LINE_BYTES,
                      sender="a kiosk")
    if isinstance(message, GameState):
        _with_ref(message.TYPE, message.replay)
    return message


def _decode(line: bytes, types: Mapping[str, type[_M]], other: Mapping[str, type[Message]],
            max_bytes: int, *, sender: str) -> _M:
    if len(line) > max_bytes:
        raise ProtocolError("too_long", f"a line from {sender} may be at most {max_bytes} "
                            f"bytes, got {len(line)}")
    obj = _parse_object(line.removesuffix(b"\n").removesuffix(b"\r"))
    kind = obj.get("type")
    # Every error about a line whose type could be read names that type (cut to 32).
    readable = kind[:MAX_REF_TYPE_CHARS] if type(kind) is str and kind else None
    return _with_ref(readable, lambda: _message_from(obj, types, other, sender=sender))


def _message_from(obj: dict[str, object], types: Mapping[str, type[_M]],
                  other: Mapping[str, type[Message]], *, sender: str) -> _M:
    version = obj.get("v")
    if type(version) is not int or version != PROTOCOL_VERSION:
        raise ProtocolError("bad_version", f"field 'v' must be {PROTOCOL_VERSION}, "
                            f"got {json.dumps(version)[:20]}")
    kind = obj.get("type")
    if "type" not in obj:
        raise wire.field_error("type", "is missing")
    if type(kind) is not str:
        raise wire.field_error("type", f"must be a string, got {wire.type_name(kind)}")
    if kind not in types:
        if kind in other:
            raise ProtocolError("unknown_type", f"'{kind}' is not a message {sender} sends")
        raise ProtocolError("unknown_type", f"unknown message type {kind[:32]!r}")
    cls = types[kind]
    return cls(**_fields_from(cls, obj))


def _with_ref(kind: str | None, build: Callable[[], _T]) -> _T:
    try:
        return build()
    except ProtocolError as error:
        error.ref_type = kind
        raise


def _parse_object(data: bytes) -> dict[str, object]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProtocolError("bad_encoding", f"a line must be UTF-8 ({error.reason} at byte "
                            f"{error.start})") from None
    try:
        obj = json.loads(text, object_pairs_hook=_object_without_duplicates,
                         parse_constant=_reject_constant)
    except ProtocolError:
        raise
    except (ValueError, RecursionError) as error:
        raise ProtocolError("bad_json", f"a line must be one JSON object ({error})"[:200]
                            ) from None
    if not isinstance(obj, dict):
        raise ProtocolError("bad_json", f"a line must be one JSON object, got "
                            f"{wire.type_name(obj)}")
    return obj


def _object_without_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise ProtocolError("bad_json", "a JSON object must not repeat a key")
    return obj


def _reject_constant(name: str) -> object:
    raise ProtocolError("bad_json", f"{name} is not a JSON number")


def _fields_from(cls: type[Any], obj: Mapping[str, object]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field in dataclasses.fields(cls):
        if field.name not in obj:
            raise wire.field_error(field.name, "is missing")
        values[field.name] = _from_json(field.name, obj[field.name])
    return values


def _to_json(name: str, value: object) -> object:
    if name in ("turk_color", "turn"):
        return wire.color_name(bool(value))
    if name == "moves":
        return list(value)  # type: ignore[call-overload]
    if name == "hints":
        return [dataclasses.asdict(hint) for hint in value]  # type: ignore[attr-defined]
    return value


def _from_json(name: str, value: object) -> object:
    if name in ("turk_color", "turn"):
        return wire.parse_color(name, value)
    if name == "moves" and type(value) is list:
        return tuple(value)
    if name in ("name", "text") and type(value) is str:
        return normalize_text(value)
    if name == "hints":
        if type(value) is not list:
            raise wire.field_error(name, f"must be a list, got {wire.type_name(value)}")
        if len(value) > MAX_HINTS:
            raise wire.field_error(name, f"must hold at most {MAX_HINTS} hints")
        return tuple(_hint_from_json(index, item) for index, item in enumerate(value))
    return value


def _hint_from_json(index: int, item: object) -> Hint:
    if type(item) is not dict:
        raise wire.field_error(f"hints[{index}]", f"must be an object, got "
                               f"{wire.type_name(item)}")
    values: dict[str, Any] = {}
    for field in dataclasses.fields(Hint):
        if field.name not in item:
            raise wire.field_error(f"hints[{index}].{field.name}", "is missing")
        values[field.name] = item[field.name]
    try:
        return Hint(**values)
    except ProtocolError as error:
        raise wire.field_error(f"hints[{index}]", error.reason) from None


__all__ = [
    "ACCENTED_LETTERS",
    "CODE_ALPHABET",
    "DEFAULT_PORT",
    "ERROR_CODES",
    "KIOSK_TYPES",
    "MAX_GAME_ID_CHARS",
    "MAX_HINTS",
    "MAX_KIOSK_LINE_BYTES",
    "MAX_NAME_CHARS",
    "MAX_OPERATOR_LINE_BYTES",
    "MAX_PENDING_CONNECTIONS",
    "MAX_PENDING_PER_ADDRESS",
    "MAX_PLY",
    "MAX_SAY_CHARS",
    "OPERATOR_BURST",
    "OPERATOR_LINES_PER_S",
    "OPERATOR_TYPES",
    "PAIRING_CODE_ENV",
    "PBKDF2_ITERATIONS",
    "PROTOCOL_VERSION",
    "REFUSAL_CODES",
    "Auth",
    "AuthOk",
    "AuthRefused",
    "ErrorReply",
    "GameOver",
    "GameState",
    "Heartbeat",
    "Hello",
    "Hint",
    "Hints",
    "KioskMessage",
    "Message",
    "MoveAck",
    "OperatorMessage",
    "OperatorMove",
    "ProtocolError",
    "Say",
    "StoodIn",
    "VisitorDrop",
    "VisitorLeft",
    "VisitorLift",
    "check_name",
    "check_say_text",
    "clip_reason",
    "compute_proof",
    "decode_kiosk",
    "decode_operator",
    "derive_key",
    "encode",
    "is_valid_proof",
    "new_nonce",
    "new_pairing_code",
    "new_salt",
    "normalize_pairing_code",
    "normalize_text",
]
