"""A whole crowd turn over real WebSockets: page → server → platform → opponent → match."""

from __future__ import annotations

import asyncio

import chess

from game.crowd.platform import CrowdSettings
from game.crowd.tasks import TaskKind
from game.model.records import MoveAuthor
from tests.web.helpers import classroom, join, worker


def run(coroutine: object) -> None:
    asyncio.run(coroutine)  # type: ignore[arg-type]


async def until(predicate: object, *, timeout: float = 10.0) -> None:
    """Wait for the pumped game loop to make ``predicate()`` true."""
    async def waiting() -> None:
        while not predicate():  # type: ignore[operator]
            await asyncio.sleep(0.005)
    await asyncio.wait_for(waiting(), timeout)


def test_the_crowds_plurality_becomes_the_turks_move() -> None:
    async def scenario() -> None:
        async with classroom(CrowdSettings(window_s=30)) as room, \
                worker(room.url) as ada, worker(room.url) as bo, worker(room.url) as cy:
            for page, name in ((ada, "Ada"), (bo, "Bo"), (cy, "Cy")):
                welcome = await join(page, name)
                assert welcome["type"] == "welcome" and welcome["points"] == 0
            room.match.play_visitor_move(chess.Move.from_uci("e2e4"))
            tasks = [await page.next("task") for page in (ada, bo, cy)]
            task = tasks[0]
            assert task["kind"] == "propose" and task["ply"] == 1 and "e7e5" in task["moves"]
            assert all(t["task"] == task["task"] for t in tasks)
            for page, move in ((ada, "e7e5"), (bo, "c7c5"), (cy, "e7e5")):
                await page.send(type="answer", task=task["task"], game=task["game"],
                                 ply=task["ply"], answer=[move])
                assert (await page.next("counted"))["task"] == task["task"]
            closed = {name: await page.next("closed")
                      for name, page in (("ada", ada), ("bo", bo), ("cy", cy))}
            assert closed["ada"]["accepted"] and closed["ada"]["earned"] == 8
            assert not closed["bo"]["accepted"] and closed["bo"]["earned"] == 0
            await until(lambda: len(room.match.session.records) == 2)
            record = room.match.session.records[1]
            assert (record.uci, record.author) == ("e7e5", MoveAuthor.CROWD)
            assert room.standby.asked == 0
    run(scenario())


def test_labels_then_ratings_hint_and_decide() -> None:
    settings = CrowdSettings(kinds=frozenset({TaskKind.RATE, TaskKind.LABEL}), window_s=30)

    async def scenario() -> None:
        async with classroom(settings) as room, worker(room.url) as ada, \
                worker(room.url) as bo:
            await join(ada, "Ada")
            await join(bo, "Bo")
            room.match.play_visitor_move(chess.Move.from_uci("e2e4"))
            label = await ada.next("task")
            await bo.next("task")
            assert label["kind"] == "label" and label["question"] == "king_danger"
            for page in (ada, bo):
                await page.send(type="answer", task=label["task"], game=label["game"],
                                ply=1, answer=["no"])
            rate = await ada.next("task")
            assert rate["kind"] == "rate" and len(rate["candidates"]) == 3
            assert rate["hint"] == {"question": "king_danger", "label": "no", "agreeing": 2,
                                    "answered": 2}
            ranking = [c["uci"] for c in reversed(rate["candidates"])]
            for page in (ada, bo):
                await page.send(type="answer", task=rate["task"], game=rate["game"], ply=1,
                                answer=ranking)
            await until(lambda: len(room.match.session.records) == 2)
            record = room.match.session.records[1]
            assert (record.uci, record.author) == (ranking[0], MoveAuthor.CROWD_RANKED)
    run(scenario())


def test_nobody_answering_lets_the_engine_stand_in_and_a_returning_worker_keeps_pay() -> None:
    tokens = iter(f"resume-token-{i:04d}" for i in range(100))

    async def scenario() -> None:
        async with classroom(CrowdSettings(window_s=5), tokens=lambda: next(tokens)) as room:
            async with worker(room.url) as ada, worker(room.url) as bo:
                first = await join(ada, "Ada")
                await join(bo, "Bo")
                room.match.play_visitor_move(chess.Move.from_uci("d2d4"))
                task = await ada.next("task")
                await bo.next("task")
                for page in (ada, bo):
                    await page.send(type="answer", task=task["task"], game=task["game"],
                                    ply=1, answer=["d7d5"])
                closed = await ada.next("closed")
                assert closed["points"] == 8
            await until(lambda: not room.platform.roster.present())
            await until(lambda: len(room.match.session.records) == 2)
            room.match.play_visitor_move(chess.Move.from_uci("c2c4"))
            await until(lambda: len(room.match.session.records) == 4, timeout=20)
            assert room.match.session.records[3].author is MoveAuthor.ENGINE_STANDIN
            async with worker(room.url) as again:
                await again.send(type="resume", room="TEST", token=first["token"])
                back = await again.next(("welcome", "refused"))
                assert back["type"] == "welcome" and back["worker"] == first["worker"]
                assert back["points"] == 8
    run(scenario())
