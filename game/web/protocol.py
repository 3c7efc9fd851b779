"""The worker page's protocol: what a browser may send, and what the server sends back.

Owns: the browser's messages as frozen dataclasses (``Join``, ``Resume``, ``AnswerGiven``),
``parse_browser`` (text in, a message or a ``ProtocolError`` with the reason out: size, JSON,
type, every field's type and bounds), and the builders of the server's messages (``welcome``,
``refused``, ``task``, ``counted``, ``closed``, ``room``, ``receipt``) as JSON text.
``docs/crowd-protocol.md`` is the specification; this module implements it.

Pure: the standard library and ``game.crowd`` types only; no sockets, no aiohttp, no pygame.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from game.crowd.summary import Receipt
from game.crowd.tasks import Task

VERSION = 1
MAX_MESSAGE_BYTES = 2048
"""A browser message may be at most this long (UTF-8 bytes)."""
MAX_PLY = 2000
ROOM_CODE = re.compile(r"[A-Z2-9]{4,8}\Z")
TOKEN = re.compile(r"[A-Za-z0-9_-]{8,64}\Z")
TASK_ID = re.compile(r"t[0-9]{1,9}\Z")
GAME_ID = re.compile(r"[A-Za-z0-9_-]{1,40}\Z")
ANSWER_PART = re.compile(r"[a-z0-9]{2,5}\Z")
LANGUAGES = ("en", "de", "fr")


class ProtocolError(ValueError):
    """A browser message that is refused; ``reason`` is a key the page shows."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Join:
    room: str
    name: str
    language: str


@dataclass(frozen=True)
class Resume:
    room: str
    token: str


@dataclass(frozen=True)
class AnswerGiven:
    task_id: str
    game_id: str
    ply: int
    answer: tuple[str, ...]


BrowserMessage = Join | Resume | AnswerGiven

_FIELDS: Mapping[str, frozenset[str]] = {
    "join": frozenset({"v", "type", "room", "name", "language"}),
    "resume": frozenset({"v", "type", "room", "token"}),
    "answer": frozenset({"v", "type", "task", "game", "ply", "answer"}),
}


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ProtocolError("bad_json", "a key is repeated")
    return dict(pairs)


def _no_constants(name: str) -> Any:
    raise ProtocolError("bad_json", f"{name} is not a number")


def parse_browser(text: str | bytes) -> BrowserMessage:
    """The message in ``text``.

    :raises ProtocolError: ``too_large``, ``bad_json``, ``bad_type``, ``bad_version``,
        ``bad_field`` (the detail names it).
    """
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    if len(raw) > MAX_MESSAGE_BYTES:
        raise ProtocolError("too_large", f"{len(raw)} bytes")
    try:
        data = json.loads(raw.decode("utf-8"), object_pairs_hook=_no_duplicates,
                          parse_constant=_no_constants)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ProtocolError("bad_json") from None
    if not isinstance(data, dict):
        raise ProtocolError("bad_json", "not an object")
    kind = data.get("type")
    if not isinstance(kind, str) or kind not in _FIELDS:
        raise ProtocolError("bad_type")
    if _integer(data.get("v")) != VERSION:
        raise ProtocolError("bad_version")
    extra = set(data) - _FIELDS[kind]
    if extra:
        raise ProtocolError("bad_field", f"unknown field {sorted(extra)[0][:20]!r}")
    if kind == "join":
        return Join(_text(data, "room", ROOM_CODE), _name(data), _language(data))
    if kind == "resume":
        return Resume(_text(data, "room", ROOM_CODE), _text(data, "token", TOKEN))
    return AnswerGiven(_text(data, "task", TASK_ID), _text(data, "game", GAME_ID),
                       _ply(data), _answer(data))


def _integer(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text(data: Mapping[str, Any], key: str, pattern: re.Pattern[str]) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not pattern.match(value):
        raise ProtocolError("bad_field", key)
    return value


def _name(data: Mapping[str, Any]) -> str:
    value = data.get("name")
    if not isinstance(value, str) or len(value) > 64:
        raise ProtocolError("bad_field", "name")
    return value


def _language(data: Mapping[str, Any]) -> str:
    value = data.get("language")
    if value not in LANGUAGES:
        raise ProtocolError("bad_field", "language")
    return str(value)


def _ply(data: Mapping[str, Any]) -> int:
    ply = _integer(data.get("ply"))
    if ply is None or not 0 <= ply <= MAX_PLY:
        raise ProtocolError("bad_field", "ply")
    return ply


def _answer(data: Mapping[str, Any]) -> tuple[str, ...]:
    value = data.get("answer")
    if not isinstance(value, list) or not 1 <= len(value) <= 3:
        raise ProtocolError("bad_field", "answer")
    if not all(isinstance(part, str) and ANSWER_PART.match(part) for part in value):
        raise ProtocolError("bad_field", "answer")
    return tuple(value)


# -- the server's messages ----------------------------------------------------------------------

def _dump(message_type: str, /, **fields: object) -> str:
    return json.dumps({"v": VERSION, "type": message_type, **fields}, ensure_ascii=False,
                      separators=(",", ":"))


def welcome(*, worker: str, name: str, token: str, points: int, room: str) -> str:
    return _dump("welcome", worker=worker, name=name, token=token, points=points, room=room)


def refused(reason: str, *, ref: str | None = None) -> str:
    """``ref`` names what was refused: a task id, or the message type."""
    return _dump("refused", reason=reason, ref=ref)


def task(task: Task, *, seconds_left: float, answered: bool = False) -> str:
    """A task for the page. Nothing about who else works on it, nor for whom."""
    fields: dict[str, object] = {
        "task": task.task_id, "kind": task.kind.value, "game": task.game_id, "ply": task.ply,
        "fen": task.fen, "seconds": max(0, math.ceil(seconds_left)), "reward": task.reward,
        "answered": answered,
    }
    if task.kind.value == "propose":
        fields["moves"] = sorted(task.choices)
    elif task.kind.value == "rate":
        fields["candidates"] = [{"uci": c.uci, "san": c.san} for c in task.candidates]
    else:
        fields["question"] = task.question.value if task.question else None
        fields["labels"] = sorted(task.choices)
    if task.hint is not None:
        hint = task.hint
        fields["hint"] = {"question": hint.question.value, "label": hint.label,
                          "agreeing": hint.agreeing, "answered": hint.answered}
    return _dump("task", **fields)


def counted(task_id: str) -> str:
    return _dump("counted", task=task_id)


def closed(task_id: str, *, answered: bool, accepted: bool, earned: int, points: int) -> str:
    """The task is over; for a worker who answered, whether it was accepted and what it
    earned (``points``: their balance now)."""
    return _dump("closed", task=task_id, answered=answered, accepted=accepted, earned=earned,
                 points=points)


def room(*, is_open: bool, paused: bool, ended: bool) -> str:
    return _dump("room", open=is_open, paused=paused, ended=ended)


def receipt(receipt: Receipt) -> str:
    return _dump("receipt", number=receipt.worker.number, name=receipt.worker.name,
                 answered=receipt.answered, accepted=receipt.accepted,
                 rejected=receipt.rejected, earned=receipt.earned, fees=receipt.fees,
                 seconds_on_tasks=round(receipt.seconds_on_tasks),
                 seconds_connected=round(receipt.seconds_connected),
                 class_size=receipt.class_size, tasks=receipt.tasks)
