"""Rate limits: joins per address and messages per page, with time passed in."""

from __future__ import annotations

import asyncio

from game.web.limits import JoinLimiter, TokenBucket
from tests.web.helpers import ROOM, classroom, worker


def test_a_bucket_allows_its_burst_then_its_rate() -> None:
    bucket = TokenBucket(rate=2.0, burst=3, now=0.0)
    assert [bucket.take(0.0) for _ in range(4)] == [True, True, True, False]
    assert bucket.take(0.5) and not bucket.take(0.5)
    assert bucket.is_full(10.0)


def test_joins_are_limited_per_address() -> None:
    joins = JoinLimiter(rate=1.0, burst=2)
    assert joins.allow("10.0.0.1", 0.0) and joins.allow("10.0.0.1", 0.0)
    assert not joins.allow("10.0.0.1", 0.1)
    assert joins.allow("10.0.0.2", 0.1)  # another address has its own allowance
    assert joins.allow("10.0.0.1", 1.2)


def test_a_page_that_joins_too_often_is_refused_and_nobody_joins() -> None:
    async def scenario() -> None:
        async with classroom(joins=JoinLimiter(rate=0.001, burst=2)) as room:
            answers = []
            for name in ("Ada", "Bo", "Cy"):
                async with worker(room.url) as page:
                    await page.send(type="join", room=ROOM, name=name, language="en")
                    answers.append(await page.next(("welcome", "refused")))
            assert [a["type"] for a in answers] == ["welcome", "welcome", "refused"]
            assert answers[2]["reason"] == "too_many_joins"
            assert len(room.platform.roster) == 2

    asyncio.run(scenario())


def test_a_page_that_sends_too_fast_is_refused_with_a_reason() -> None:
    async def scenario() -> None:
        async with classroom() as room, worker(room.url) as page:
            for _ in range(30):
                await page.send_raw("{}")
            reasons = [(await page.next("refused"))["reason"] for _ in range(30)]
            assert reasons.count("rate_limited") >= 5 and "bad_type" in reasons

    asyncio.run(scenario())
