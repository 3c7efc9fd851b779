"""The kiosk left running for days, in minutes: memory stays flat and nothing logs an error.

The real kiosk (``turk kiosk`` as ``game.kiosk_setup`` builds it: the attract loop, the
controller, the staff door, the statistics, the heartbeat) runs under SDL's dummy driver on an
**accelerated clock**: each logic step is 0.1 s of kiosk time instead of 1/60 s, and a frame is
drawn every 5 s of kiosk time (so every scene is still drawn, with its caches and surfaces,
thousands of times). Visitors come at random — about one every 20 minutes of kiosk time in
the museum's day — touch the attract loop, choose a game and play it with real taps (the
scripted visitor of ``game.ui.scripted_visitor``); some walk away mid-game (the idle rule closes
their game), the others finish (the time cap, a mate, or a resignation), guess, and watch the
reveal or leave it. The Turk's moves come from a fast in-process source, and every fifth visit
from the built-in engine in its own process (so engine processes are started and closed
hundreds of times).

Resident memory is sampled every 10 minutes of kiosk time while the attract loop shows (after
a garbage collection); the median of the samples in the first window after a warm-up hour
(fonts, art and sounds loaded) is compared with the median of the last window. The last line is:

    soak_hours=X games=N rss_start_mb=X rss_end_mb=X rss_growth_pct=X errors=N

Goal: growth < 5 %, 0 ERROR lines. Run: ``python benchmarks/soak.py`` (30 simulated hours;
``--hours 1`` for CI's short run).
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pygame  # noqa: E402

from game.app import App, Launch  # noqa: E402
from game.kiosk import Phase  # noqa: E402
from game.kiosk_setup import start_kiosk  # noqa: E402
from game.match import GameSetup  # noqa: E402
from game.opponents.base import Opponent  # noqa: E402
from game.opponents.engine import EngineOpponent, builtin_command  # noqa: E402
from game.opponents.random_moves import RandomOpponent  # noqa: E402
from game.settings_file import SettingsFile  # noqa: E402
from game.ui.loop import FixedStep  # noqa: E402
from game.ui.scripted_visitor import ScriptedVisitor  # noqa: E402

STEP_S = 0.1
FRAME_S = 5.0
VISITOR_EVERY_S = 20 * 60


class ErrorCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record)[:300])


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def tap(pos: tuple[int, int]) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))


class Museum:
    """The visitors: when they come, whether they stay, where they tap."""

    def __init__(self, app: App, rng: random.Random) -> None:
        self.app = app
        self.rng = rng
        self.next_visit_s = rng.uniform(60, VISITOR_EVERY_S)
        self.visitor: ScriptedVisitor | None = None
        self.games = 0
        self.engine_games = 0
        self.lingers = False
        """Whether the visitor stays after the game (and goes on tapping)."""

    def brain(self) -> Opponent:
        return RandomOpponent(self.rng.randrange(1 << 30))

    def moment(self, now: float, phase: Phase) -> None:
        """What the visitors do at kiosk time ``now``."""
        if phase is Phase.ATTRACT:
            self._leave()
            if now >= self.next_visit_s:
                self.next_visit_s = now + self.rng.expovariate(1 / VISITOR_EVERY_S)
                self._arrive()
        elif phase is Phase.CHOOSING:
            scene = self.app.stack.top
            rows = [v for v in vars(scene).values() if hasattr(v, "buttons")]
            buttons = [b for row in rows for b in row.buttons if b.rect is not None]
            if buttons:
                tap(self.rng.choice(buttons).rect.center)
        elif phase is Phase.PLAYING and self.visitor is not None and self.rng.random() < 0.003:
            self._leave()  # walks away: the idle rule will close the game
        elif phase is Phase.AFTER:
            self._leave()
            if self.lingers and self.rng.random() < 0.1:  # reads, taps More, Next, Play again
                self.lingers = self.rng.random() < 0.9
                size = self.app.screen.get_size()
                tap((self.rng.randrange(size[0]), self.rng.randrange(size[1])))

    def _arrive(self) -> None:
        self.games += 1
        self.lingers = True
        self.visitor = ScriptedVisitor(self.brain())
        self.app.companions.append(self.visitor)
        size = self.app.screen.get_size()
        tap((size[0] // 2, size[1] // 2))

    def _leave(self) -> None:
        if self.visitor is not None:
            self.app.companions.remove(self.visitor)
            self.visitor.close()
            self.visitor = None


def turk_factory(museum: Museum) -> object:
    def make(setup: GameSetup) -> Opponent:
        if museum.games % 5 == 0:
            museum.engine_games += 1
            return EngineOpponent(builtin_command(), level=1)
        return RandomOpponent(museum.rng.randrange(1 << 30))
    return make


def compare(samples: list[tuple[float, float]], total_s: float) -> tuple[float, float]:
    """Memory early and late, compared like with like: the medians of the samples taken in the
    attract loop (after a garbage collection) in the first window after a warm-up hour and in
    the last window of the run (each a tenth of the run, at least an hour)."""
    window = max(3600.0, total_s / 10)
    warm = min(3600.0, total_s / 4)
    early = [m for t, m in samples if warm <= t < warm + window]
    late = [m for t, m in samples if t >= total_s - window]
    if not early or not late:
        raise SystemExit("the run is too short to compare memory early and late")
    return statistics.median(early), statistics.median(late)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--hours", type=float, default=30.0, help="simulated hours")
    parser.add_argument("--seed", type=int, default=1770)
    parser.add_argument("--fail-on-error", action="store_true",
                        help="exit 1 if anything logged an ERROR (CI's short run)")
    args = parser.parse_args()
    errors = ErrorCounter()
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger().addHandler(errors)
    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="turk-soak-"))
    file = SettingsFile(folder / "settings.toml")
    file.set_pin("918273")
    settings = file.read().replace(
        data_dir=folder / "data", window_size=(1920, 1080), mute=True, kiosk=True,
        formats=("full", "endgame", "odds"), time_cap_min=10, pacing=False)
    holder: list[Museum] = []

    def make_turk(setup: GameSetup) -> Opponent:
        return turk_factory(holder[0])(setup)  # type: ignore[operator]

    app = App(Launch(settings), opponent_factory=make_turk, rng=random.Random(args.seed))
    museum = Museum(app, rng)
    holder.append(museum)
    kiosk = start_kiosk(app, settings_file=file.path)
    app.loop = FixedStep(step_s=STEP_S, max_steps=round(FRAME_S / STEP_S) + 1,
                         max_frame_s=FRAME_S)
    started = time.perf_counter()
    now = 0.0
    samples: list[tuple[float, float]] = []
    due = False
    try:
        while now < args.hours * 3600:
            app.step(FRAME_S)
            now += FRAME_S
            museum.moment(now, kiosk.controller.phase)
            due = due or int(now) % 600 == 0
            if due and kiosk.controller.phase is Phase.ATTRACT:
                due = False
                gc.collect()
                samples.append((now, rss_mb()))
            if int(now) % 7200 == 0:
                print(f"  {now / 3600:.0f} h simulated, {museum.games} visits, "
                      f"{rss_mb():.0f} MB, {time.perf_counter() - started:.0f} s real",
                      flush=True)
            if museum.engine_games and museum.visitor is not None:
                time.sleep(0.002)  # let an engine process answer in real time
    finally:
        museum._leave()
        app.close()
        kiosk.close()
    rss_start, rss_end = compare(samples, args.hours * 3600)
    growth = 100 * (rss_end - rss_start) / rss_start
    for line in errors.lines[:10]:
        print("ERROR:", line)
    print(f"real time {time.perf_counter() - started:.0f} s; engine games {museum.engine_games}; "
          f"peak {max(m for _, m in samples):.0f} MB over {len(samples)} samples")
    print(f"soak_hours={args.hours:g} games={museum.games} rss_start_mb={rss_start:.0f} "
          f"rss_end_mb={rss_end:.0f} rss_growth_pct={growth:.1f} errors={len(errors.lines)}")
    return 1 if args.fail_on_error and errors.lines else 0


if __name__ == "__main__":
    raise SystemExit(main())
