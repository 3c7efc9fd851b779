"""Real browsers against a real classroom: Debian's chromium driven by selenium (headless),
the web server on loopback, the platform, the crowd opponent with the built-in engine standing
in and offering candidates (real processes), and the match — the game loop on its own thread
at 60 steps a second, as the projector's app would run it."""

from __future__ import annotations

import concurrent.futures
import os
import queue
import random
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest

from game.classroom import classroom_from_settings
from game.config import Settings
from game.crowd.platform import CrowdSettings
from game.match import GameSetup, Match
from game.model.pacing import Pacing
from game.model.session import GameSession
from game.opponents.engine import builtin_command

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
PHONE = (390, 844)
T = TypeVar("T")


def browser_or_skip() -> None:
    """Skip unless chromium and its driver are installed (CI installs them and sets
    ``TURK_REQUIRE_BROWSER``, which turns the skip into a failure)."""
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).exists()]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium (pip)")
    if missing:
        message = f"needs {', '.join(missing)} (apt install chromium chromium-driver)"
        if os.environ.get("TURK_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)


class GameLoop:
    """The classroom's host and the match, stepped on their own thread; the test hands it
    work through ``call`` (run between two steps, as input would be)."""

    def __init__(self, host: Any, match: Match, *, autoplay: bool = False,
                 new_game: Callable[[], Match] | None = None) -> None:
        self.host = host
        self.match = match
        self.autoplay = autoplay
        """Play the visitor's moves too (the first legal move, in UCI order)."""
        self.new_game = new_game
        """Start another game when one ends (the host follows ``self.match``)."""
        self.games = 1
        self._calls: queue.SimpleQueue[tuple[Callable[[], Any], concurrent.futures.Future[Any]]]
        self._calls = queue.SimpleQueue()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="game-loop", daemon=True)
        self.error: BaseException | None = None

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        step = 1 / 60
        next_at = time.perf_counter()
        try:
            while not self._stop.is_set():
                while True:
                    try:
                        work, future = self._calls.get_nowait()
                    except queue.Empty:
                        break
                    try:
                        future.set_result(work())
                    except Exception as exc:  # handed to the caller
                        future.set_exception(exc)
                self.host.update(step)
                self.match.update(step)
                session = self.match.session
                if session.is_over and self.new_game is not None and \
                        session.game_id in self.host.summaries:
                    self.match.close()
                    self.match = self.new_game()
                    self.games += 1
                elif self.autoplay and session.is_visitor_turn and not session.is_over:
                    move = min(session.board().legal_moves, key=lambda m: m.uci())
                    self.match.play_visitor_move(move)
                next_at += step
                self._stop.wait(max(0.0, next_at - time.perf_counter()))
        except BaseException as exc:
            self.error = exc
            raise

    def call(self, work: Callable[[], T]) -> T:
        future: concurrent.futures.Future[T] = concurrent.futures.Future()
        self._calls.put((work, future))
        return future.result(timeout=30)

    def until(self, predicate: Callable[[], bool], *, timeout: float = 60.0) -> None:
        """Wait until ``predicate`` (run on the loop's thread) holds."""
        deadline = time.monotonic() + timeout
        while not self.call(predicate):
            if self.error is not None:
                raise self.error
            if time.monotonic() > deadline:
                raise TimeoutError("the game did not get there in time")
            time.sleep(0.05)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)


@contextmanager
def running_classroom(crowd: CrowdSettings, *, data_dir: Path) -> Iterator[GameLoop]:
    settings = Settings().replace(data_dir=data_dir, level=1)
    host = classroom_from_settings(settings, crowd=crowd, engine=builtin_command(), port=0,
                                   room="CLASS")
    host.start()
    session = GameSession(visitor_color=True)
    match = Match(session, host.opponent_for(GameSetup("white", 1)), pacing=Pacing.instant(),
                  rng=random.Random(7))
    match.start()

    class _Play:
        pass

    play = _Play()
    play.match = match  # type: ignore[attr-defined]
    host.attach(play)  # type: ignore[arg-type]
    loop = GameLoop(host, match)
    loop.start()
    try:
        yield loop
    finally:
        loop.stop()
        match.close()
        host.close()


@contextmanager
def browser(*, phone: bool = True) -> Iterator[Any]:
    """A headless chromium, as the machine notes say to run it, with a fresh profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="turk-chromium-")
    options = webdriver.ChromeOptions()
    for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                     "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                     f"--user-data-dir={profile}", "--window-size=800,1000", "--lang=en"):
        options.add_argument(argument)
    options.binary_location = CHROMIUM
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        if phone:
            width, height = PHONE
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": width, "height": height, "deviceScaleFactor": 2, "mobile": True})
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
