"""Fuzzing the worker page's protocol (hypothesis): random and malformed messages, in the
pure parser and over real WebSockets to a running classroom. Nothing crashes, every message
gets exactly one answer (counted or refused, with a reason), and no illegal move is played."""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
from collections.abc import Iterator
from typing import Any

import aiohttp
import chess
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.classroom import ClassroomHost
from game.crowd.platform import CrowdSettings, Platform
from game.crowd.roster import Roster
from game.crowd.tasks import Task, TaskKind, label_choices
from game.match import GameSetup, Match
from game.model.pacing import Pacing
from game.model.session import GameSession
from game.ui.assets import asset_root
from game.web import protocol
from game.web.limits import JoinLimiter
from game.web.pages import load_pages
from game.web.server import CrowdServer
from tests.browser.harness import GameLoop
from tests.web.helpers import FirstLegalOpponent, FirstThreeCandidates

KEYS = ["v", "type", "room", "name", "language", "token", "task", "game", "ply", "answer", "x"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 3000), st.floats(allow_nan=False),
                    st.text(max_size=12), st.sampled_from(["join", "answer", "resume", "e2e4",
                                                           "TEST", "t1", "yes", "none"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=4), inner, max_size=2), max_leaves=4)
objects = st.dictionaries(st.sampled_from(KEYS), values, max_size=7)
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=120)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.one_of(texts, st.binary(max_size=300), objects.map(json.dumps)))
def test_the_parser_refuses_with_a_reason_or_returns_a_checked_message(raw: Any) -> None:
    try:
        message = protocol.parse_browser(raw)
    except protocol.ProtocolError as error:
        assert error.reason in {"too_large", "bad_json", "bad_type", "bad_version", "bad_field"}
        return
    if isinstance(message, protocol.AnswerGiven):
        assert 1 <= len(message.answer) <= 3 and 0 <= message.ply <= protocol.MAX_PLY
    elif isinstance(message, protocol.Join):
        assert message.language in protocol.LANGUAGES and len(message.name) <= 64


def test_oversized_and_tricky_json_is_refused() -> None:
    for raw, reason in ((" " * 3000, "too_large"), ('{"v":1,"v":1,"type":"join"}', "bad_json"),
                        ('{"v":NaN,"type":"join"}', "bad_json"), ("[" * 5000, "too_large"),
                        ('{"v":true,"type":"join","room":"TEST","name":"a","language":"en"}',
                         "bad_version"),
                        ('{"v":1,"type":"answer","task":"t1","game":"g","ply":1.0,'
                         '"answer":["e2e4"]}', "bad_field")):
        with pytest.raises(protocol.ProtocolError) as refused:
            protocol.parse_browser(raw)
        assert refused.value.reason == reason


@pytest.fixture(scope="module")
def running() -> Iterator[GameLoop]:
    pages = load_pages(asset_root() / "web", asset_root() / "i18n")
    server = CrowdServer(room="FUZZ", pages=pages, port=0,
                         joins=JoinLimiter(rate=100.0, burst=10_000))
    platform = Platform(CrowdSettings(kinds=frozenset(TaskKind), window_s=5),
                        roster=Roster())
    host = ClassroomHost(platform, server, standby=lambda setup: FirstLegalOpponent(),
                         analyser=FirstThreeCandidates)
    host.start()
    # A worker who never answers keeps the room occupied, so tasks wait for their window
    # between one example's connection and the next.
    platform.join("Anchor")

    class _Play:
        match: Match

    play = _Play()

    def new_game() -> Match:
        play.match = Match(GameSession(visitor_color=chess.WHITE),
                           host.opponent_for(GameSetup("white", 1)), pacing=Pacing.instant(),
                           rng=random.Random(3))
        return play.match

    host.attach(play)  # type: ignore[arg-type]
    loop = GameLoop(host, new_game(), autoplay=True, new_game=new_game)
    loop.start()
    yield loop
    loop.stop()
    host.close()


def _answer_for(task: dict[str, Any] | None, pick: int, noise: str) -> dict[str, Any]:
    """An answer message about the open task: right or wrong in its task, game, ply or
    answer, as ``pick`` says."""
    if task is None:
        return {"v": 1, "type": "answer", "task": "t999", "game": "g", "ply": 0,
                "answer": [noise or "e2e4"]}
    choices = task.get("moves") or task.get("labels") or [c["uci"] for c in
                                                          task.get("candidates", [])]
    answer = list(choices[:1]) if task["kind"] != "rate" else list(choices)
    message = {"v": 1, "type": "answer", "task": task["task"], "game": task["game"],
               "ply": task["ply"], "answer": answer}
    if pick == 1:
        message["answer"] = [noise or "a1a1"]
    elif pick == 2:
        message["ply"] = task["ply"] + 1
    elif pick == 3:
        message["game"] = "another-game"
    elif pick == 4 and task["kind"] == "rate":
        message["answer"] = answer[:2]
    elif pick == 6:  # well formed, never legal for the side the crowd plays
        message["answer"] = [{"rate": "a1a8", "label": "h1h8"}.get(task["kind"], "e1e8")]
    return message


messages = st.lists(st.one_of(
    texts.map(lambda t: ("text", t)),
    objects.map(lambda o: ("text", json.dumps(o))),
    st.binary(max_size=50).map(lambda b: ("binary", b)),
    st.integers(2100, 5000).map(lambda n: ("text", "x" * n)),
    st.tuples(st.integers(0, 6), st.text("abcdefgh12345678qrbnyesno", max_size=5))
    .map(lambda p: ("answer", p)),
), min_size=1, max_size=25)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.data_too_large])
@given(messages)
def test_random_messages_over_websockets_crash_nothing_and_play_no_illegal_move(
        running: GameLoop, batch: list[tuple[str, Any]]) -> None:
    replies = asyncio.run(_send(running.host.url, batch))
    assert replies == len(batch), "every message is answered once: counted or refused"
    assert running.error is None
    records = running.call(lambda: list(running.match.session.records))
    start = running.call(lambda: running.match.session.start_fen)
    board = chess.Board(start)
    for record in records:
        move = chess.Move.from_uci(record.uci)
        assert board.is_legal(move), f"illegal move {record.uci} was played"
        board.push(move)
    results = running.call(lambda: running.host.platform.results)
    assert all(_allowed(r.task, a.answer) for r in results for a in r.answers)


def _allowed(task: Task, answer: tuple[str, ...]) -> bool:
    """Whether a counted answer was one the task allows, judged afresh from the position."""
    board = chess.Board(task.fen)
    if task.kind is TaskKind.PROPOSE:
        return len(answer) == 1 and answer[0] in {m.uci() for m in board.legal_moves}
    if task.kind is TaskKind.RATE:
        return sorted(answer) == sorted(c.uci for c in task.candidates)
    assert task.question is not None
    return len(answer) == 1 and answer[0] in label_choices(board, task.question)


async def _send(url: str, batch: list[tuple[str, Any]]) -> int:
    ws_url = url.replace("http://", "ws://").split("?")[0].rstrip("/") + "/ws"
    async with aiohttp.ClientSession() as session, session.ws_connect(ws_url) as socket:
        await socket.send_str(json.dumps({"v": 1, "type": "join", "room": "FUZZ",
                                          "name": "Fuzz", "language": "en"}))
        task: dict[str, Any] | None = None
        inbox: list[dict[str, Any]] = []

        async def read_until(done: Any, timeout: float = 10) -> None:
            nonlocal task
            while not done():
                received = await socket.receive(timeout=timeout)
                assert received.type is aiohttp.WSMsgType.TEXT, received
                message = json.loads(received.data)
                inbox.append(message)
                if message["type"] == "task":
                    task = message
                elif message["type"] == "closed" and task and message["task"] == task["task"]:
                    task = None

        async def drain() -> None:
            with contextlib.suppress(asyncio.TimeoutError):
                await read_until(lambda: False, timeout=0.001)

        await read_until(lambda: any(m["type"] == "welcome" for m in inbox))
        with contextlib.suppress(asyncio.TimeoutError):  # the open task (one comes soon)
            await read_until(lambda: task is not None, timeout=12.0)
        replies_before = 0
        for index, (kind, payload) in enumerate(batch):
            if kind == "binary":
                await socket.send_bytes(payload)
            elif kind == "answer":
                await drain()
                await socket.send_str(json.dumps(_answer_for(task, *payload)))
            else:
                await socket.send_str(payload)
            if index % 10 == 9:  # stay under the rate limit most of the time
                await asyncio.sleep(0.5)
        await read_until(lambda: sum(m["type"] in ("refused", "counted")
                                     for m in inbox) >= len(batch) + replies_before)
        await asyncio.sleep(0.1)  # a duplicate answer would show up now
        while True:
            try:
                received = await socket.receive(timeout=0.05)
            except TimeoutError:
                break
            if received.type is aiohttp.WSMsgType.TEXT:
                inbox.append(json.loads(received.data))
        return sum(m["type"] in ("refused", "counted") for m in inbox)
