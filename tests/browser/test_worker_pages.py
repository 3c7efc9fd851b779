"""Worker pages in real browsers play the Turk through a whole game, by every kind of task.

Two headless chromium pages (phone-sized) join with pseudonyms; the visitor plays White. The
crowd's first move is decided by labelling then proposing, the second by labelling then
rating the engine's candidates (one page's ranking loses), one page reloads and keeps its
earnings, the third move nobody answers and the engine stands in; the visitor resigns. Then
the crowd's summary (what the reveal shows) must equal what the pages did and were told, and
each page's receipt must agree. With ``TURK_SHOTS=DIR`` the pages are photographed per task.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

import chess
import pytest

from game.crowd.platform import CrowdSettings
from game.crowd.tasks import TaskKind
from game.model.records import MoveAuthor
from tests.browser.harness import GameLoop, browser, browser_or_skip, running_classroom

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(240)]

ALL_KINDS = frozenset({TaskKind.PROPOSE, TaskKind.RATE, TaskKind.LABEL})


class Page:
    """One worker's page, and a tally of what it did and what it was told."""

    def __init__(self, driver: Any, name: str, shots: Path | None) -> None:
        self.driver = driver
        self.name = name
        self.shots = shots
        self.answers = 0
        self.accepted = 0
        self.earned = 0
        self.results = 0
        self.last_task = ""

    def by_css(self, selector: str) -> Any:
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def wait(self, condition: Any, timeout: float = 60.0) -> Any:
        from selenium.webdriver.support.ui import WebDriverWait

        return WebDriverWait(self.driver, timeout, poll_frequency=0.05).until(condition)

    def text(self, element_id: str) -> str:
        return str(self.driver.execute_script(
            f"return document.getElementById('{element_id}').textContent"))

    def visible(self, element_id: str) -> bool:
        return bool(self.driver.execute_script(
            f"return !document.getElementById('{element_id}').hidden"))

    def join(self, url: str) -> None:
        self.driver.get(url)
        self.wait(lambda d: self.text("join-button") == "Start working")
        self.by_css("#name").send_keys(self.name)
        self.by_css("#join-button").click()
        self.wait(lambda d: self.visible("points"))

    def task(self, kind: str) -> dict[str, Any]:
        """Wait for a new task to show; it must be of ``kind``. Returns what it shows."""
        self.wait(lambda d: self.visible("task-screen") and self.attribute(
            "task-screen", "task") not in ("", self.last_task))
        self.last_task = self.attribute("task-screen", "task")
        assert self.attribute("task-screen", "kind") == kind
        candidates = self.driver.execute_script(
            "return [...document.querySelectorAll('#choices button')].map(b => b.dataset.value)")
        return {"question": self.attribute("task-screen", "question"),
                "candidates": [{"uci": uci} for uci in candidates]}

    def attribute(self, element_id: str, name: str) -> str:
        return str(self.driver.execute_script(
            f"return document.getElementById('{element_id}').dataset.{name} || ''"))

    def photo(self, label: str) -> None:
        if self.shots is not None:
            self.driver.save_screenshot(str(self.shots / f"phone-{label}.png"))

    def tap(self, *selectors: str) -> None:
        for selector in selectors:
            self.by_css(selector).click()

    def send(self) -> None:
        self.wait(lambda d: self.by_css("#send").is_enabled())
        self.by_css("#send").click()
        self.answers += 1

    def result(self) -> str:
        """Wait for the page's next task to close; count what the page was told."""
        self.wait(lambda d: int(self.attribute("result", "count") or 0) > self.results)
        self.results += 1
        banner = self.text("result")
        if banner.startswith("Accepted"):
            self.accepted += 1
            self.earned += int(banner.split("+")[1].split()[0])
        return banner

    def points(self) -> int:
        return int(self.text("points").split()[0])


def test_two_pages_play_the_turk_by_every_kind_and_the_reveal_adds_up(tmp_path: Path) -> None:
    browser_or_skip()
    shots = Path(os.environ["TURK_SHOTS"]) if os.environ.get("TURK_SHOTS") else None
    crowd = CrowdSettings(kinds=ALL_KINDS, window_s=30, reward=10, fee_percent=20)
    with running_classroom(crowd, data_dir=tmp_path) as loop, \
            browser() as first, browser() as second:
        ada, bo = Page(first, "Ada", shots), Page(second, "Bo", shots)
        url = loop.host.url
        ada.join(url)
        bo.join(url)
        play(loop, "e2e4")
        first_move(ada, bo)
        loop.until(lambda: loop.match.session.ply == 2)
        play(loop, "d2d4")
        second_move(loop, ada, bo)
        loop.until(lambda: loop.match.session.ply == 4)
        ada.driver.refresh()  # the phone reloads: the same worker comes back
        ada.results, ada.last_task = 0, ""
        ada.wait(lambda d: ada.visible("points") and ada.points() == ada.earned)
        third_move_nobody_answers(loop)
        loop.call(loop.match.resign)
        loop.until(lambda: loop.match.session.game_id in loop.host.summaries)
        summary = loop.call(lambda: loop.host.summaries[loop.match.session.game_id])
        records = loop.call(lambda: list(loop.match.session.records))
        for page in (ada, bo):
            page.wait(lambda d, p=page: p.visible("receipt-screen") and bool(p.text("receipt")))
            page.photo(f"receipt-{page.name.lower()}")
        check_the_record(records)
        check_the_summary(summary, ada, bo)
        check_the_receipts(ada, bo, summary)


def play(loop: GameLoop, uci: str) -> None:
    loop.call(lambda: loop.match.play_visitor_move(chess.Move.from_uci(uci)))


def first_move(ada: Page, bo: Page) -> None:
    """Label (king in danger? no, both), then propose: both choose e7e5."""
    for page in (ada, bo):
        task = page.task("label")
        assert task["question"] == "king_danger"
        page.photo("label-king")
        page.tap('#choices button[data-value="no"]')
        page.send()
    for page in (ada, bo):
        page.result()
    for page in (ada, bo):
        page.task("propose")
        assert "Labellers marked this position: the king is safe (2 of 2)." in page.text("hint")
        page.tap('[data-square="e7"]', '[data-square="e5"]')
        page.photo("propose")
        page.send()
    for page in (ada, bo):
        assert page.result().startswith("Accepted")


def second_move(loop: GameLoop, ada: Page, bo: Page) -> None:
    """Label (which piece hangs? none, both), then rate: Ada ranks the engine's candidates
    in its order, Bo swaps the first two; Borda ties go to the engine's order: Ada wins."""
    for page in (ada, bo):
        task = page.task("label")
        assert task["question"] == "hanging"
        page.tap('#choices button[data-value="none"]')
        if page is ada:
            page.photo("label-hanging")
        page.send()
    for page in (ada, bo):
        page.result()
    candidates: list[str] = []
    for page in (ada, bo):
        task = page.task("rate")
        candidates = [c["uci"] for c in task["candidates"]]
        assert len(candidates) == 3
        order = candidates if page is ada else [candidates[1], candidates[0], candidates[2]]
        page.tap(*(f'#choices button[data-value="{uci}"]' for uci in order))
        page.photo("rate")
        page.send()
    assert ada.result().startswith("Accepted")
    assert bo.result().startswith("Not accepted")
    loop.until(lambda: loop.match.session.ply == 4)
    assert loop.call(lambda: loop.match.session.records[3].uci) == candidates[0]


def third_move_nobody_answers(loop: GameLoop) -> None:
    """The teacher shortens the time and drops labelling; nobody answers: the engine plays."""
    def teacher() -> None:
        settings = loop.host.platform.settings
        loop.host.configure(dataclasses.replace(
            settings, kinds=frozenset({TaskKind.PROPOSE}), window_s=5))
    loop.call(teacher)
    play(loop, "g1f3")
    loop.until(lambda: loop.match.session.ply == 6, timeout=90)


def check_the_record(records: list[Any]) -> None:
    turk = [r.author for r in records if r.author is not MoveAuthor.VISITOR]
    assert turk[0] is MoveAuthor.CROWD
    assert turk[1] is MoveAuthor.CROWD_RANKED
    assert turk[2] in (MoveAuthor.ENGINE_STANDIN, MoveAuthor.BOOK)


def check_the_summary(summary: Any, ada: Page, bo: Page) -> None:
    totals = summary.totals
    assert summary.kinds == ALL_KINDS
    assert totals.workers == 2 and totals.joined == 2
    assert totals.answers == ada.answers + bo.answers == 8
    assert totals.accepted == ada.accepted + bo.accepted == 7
    assert totals.rejected == 1
    assert totals.earned == ada.earned + bo.earned == 7 * 8
    assert totals.platform_cut == 7 * 2
    assert totals.paid_out == totals.earned + totals.platform_cut == 7 * 10
    assert totals.stand_ins == 1
    assert totals.tasks == 5  # two labels, a proposal, a rating, the unanswered proposal
    first, second, third = summary.moves
    assert [t.kind for t in first.tasks] == [TaskKind.LABEL, TaskKind.PROPOSE]
    assert [t.kind for t in second.tasks] == [TaskKind.LABEL, TaskKind.RATE]
    assert [(t.answered, t.agreement_percent) for t in second.tasks] == [(2, 100), (2, 50)]
    assert [(p.worker.name, p.points) for p in second.tasks[1].paid] == [("Ada", 8)]
    assert third.by_engine and third.tasks[0].stood_in and third.tasks[0].answered == 0


def check_the_receipts(ada: Page, bo: Page, summary: Any) -> None:
    for page in (ada, bo):
        fields = page.driver.execute_script(
            "const out = {}; document.querySelectorAll('#receipt dd').forEach("
            "(dd) => { out[dd.dataset.field] = dd.textContent; }); return out;")
        assert int(fields["answered"]) == page.answers
        assert int(fields["accepted"]) == page.accepted
        assert int(fields["earned"]) == page.earned == page.points()
        assert int(fields["fees"]) == page.accepted * 2
        assert int(fields["class"]) == summary.totals.workers
