"""Frames as they are shown: frame times on a real X server beside the bare cost of presenting
one, the CPU of an untouched game, start-up time and memory.

**Where.** The frames are measured where they are shown: on an X server, so that each frame's
time includes sending it to the display. With ``DISPLAY`` unset and ``Xvfb`` installed, the
benchmark starts its own Xvfb at 1920×1080 (and says so); ``--dummy`` (or no X at all) falls
back to SDL's dummy driver, where presenting costs nothing: those numbers are drawing only
and are labelled so.

**The floor.** In the same run, in three blocks between the phases, the child flips an
unchanged 1920×1080 window again and again: the bare full-screen present, the least a frame
that changes the whole screen can cost on this display. Frames are reported as a ratio to it.
The game presents through X shared memory (``game.ui.memory.lean_process``); for comparison a
last process flips the same way with SDL's default instead, its window surface passed through
a 3D renderer (Mesa's software one without a GPU), which costs about ten times more here.

**The phases** (the real app at 1920×1080, the real loop's ``App.step``: input, updates,
drawing, present):

- *play*: a scripted game whose visitor's moves are real taps (``ScriptedVisitor`` posts
  mouse presses that go through the input translator and the board's own input) and whose
  Turk answers from the script at once, its arm carrying every piece. Run twice: as the game
  presents (only what changed) and with every drawn frame drawn whole and flipped
  (``all-full``, as before the presenter), to show what partial updates save here. After
  each, the presenter's show, its doors opening one after another (``show``: the whole screen
  animates, so each of its frames is a full one; reported on its own line).
- *thinking*: the built-in engine, in its own process, thinks about one move for several
  seconds while the figure's arm carries a piece to and fro across the board (a move
  animating while the engine thinks, as in a game with pacing).
- *least*: still while the engine thinks, what a frame costs with no drawing at all: a bare
  flip, a finished picture of the whole screen copied in and flipped, a finished patch of the
  arm's size copied in and updated alone. Whatever the drawing code, no frame costs less here;
  set beside the floor, it shows how close to it a frame can come on this machine.
- *idle*: the real ``turk --fullscreen`` in a process of its own, left untouched on the play
  screen; its CPU (user + system, from ``/proc``) over ``--idle-seconds`` after it settled.
- *attract*: the same for ``turk kiosk`` left untouched in its attract loop, where a museum's
  kiosk spends most of its day (its acts are picked at random, so it varies from run to run).

A frame's time is the work in ``App.step`` (input, updates, drawing, present), not the wait
for the next frame. The last line is::

    frame_p50_ms=X frame_p99_ms=X present_floor_p99_ms=X frame_to_floor_p99=X \
thinking_p99_ms=X idle_cpu_pct=X first_frame_s=X rss_mb=X

where ``frame_to_floor_p99`` is the worse of the play and thinking p99 over the floor's p99.

Run: ``python benchmarks/frames.py`` (``--quick`` for a short smoke run).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GAME = ("e2e4 e7e5 g1f3 b8c6 f1b5 a7a6 b5a4 g8f6 e1g1 f8e7 f1e1 b7b5 a4b3 d7d6 c2c3 e8g8 "
        "h2h3 c6b8 d2d4 b8d7 c3c4 c7c6 c4b5 a6b5 b1c3 c8b7 c1g5 b5b4 c3b1 h7h6 g5h4 c6c5 "
        "d4e5 f6e4 h4e7 d8e7 e5d6 e7f6 b1d2 e4d6 d2c4 d6c4 b3c4 d7b6 f3e5 a8e8 c4f7 f8f7")
SIZE = (1920, 1080)
FLOOR_FLIPS = 120
"""Flips of an unchanged window in each of the floor's three blocks."""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def rss_mb(pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def cpu_s(pid: int) -> float:
    """User and system time of process ``pid`` so far, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# -- the display ---------------------------------------------------------------------------


class Display:
    """Where the frames go: an X server (ours or the caller's) or SDL's dummy driver."""

    def __init__(self, *, dummy: bool) -> None:
        self.server: subprocess.Popen[bytes] | None = None
        self.env = dict(os.environ, PYGAME_HIDE_SUPPORT_PROMPT="1", SDL_AUDIODRIVER="dummy")
        self.env.pop("SDL_VIDEODRIVER", None)
        if dummy:
            self._dummy("--dummy asked for")
        elif os.environ.get("DISPLAY"):
            self.env["SDL_VIDEODRIVER"] = "x11"
            self.label = f"the X server at DISPLAY={os.environ['DISPLAY']}"
        elif shutil.which("Xvfb"):
            self._start_xvfb()
        else:
            self._dummy("DISPLAY is unset and Xvfb is not installed")
        self.real = self.env.get("SDL_VIDEODRIVER") == "x11"

    def _dummy(self, why: str) -> None:
        self.env["SDL_VIDEODRIVER"] = "dummy"
        self.label = (f"SDL's dummy driver ({why}): DRAWING ONLY, presenting a frame costs "
                      "nothing here, so the floor and the ratio mean nothing")

    def _start_xvfb(self) -> None:
        number = next(n for n in range(90, 200)
                      if not Path(f"/tmp/.X11-unix/X{n}").exists()
                      and not Path(f"/tmp/.X{n}-lock").exists())
        self.server = subprocess.Popen(
            ["Xvfb", f":{number}", "-screen", "0", f"{SIZE[0]}x{SIZE[1]}x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        socket = Path(f"/tmp/.X11-unix/X{number}")
        deadline = time.monotonic() + 10
        while not socket.exists():
            if self.server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"Xvfb :{number} did not start")
            time.sleep(0.05)
        time.sleep(0.2)
        self.env.update(DISPLAY=f":{number}", SDL_VIDEODRIVER="x11")
        self.label = f"Xvfb :{number} at {SIZE[0]}x{SIZE[1]}x24, started by this benchmark"

    def close(self) -> None:
        if self.server is not None:
            self.server.terminate()
            self.server.wait(timeout=10)


# -- the child: frames ---------------------------------------------------------------------


def child(play_seconds: float, think_seconds: float) -> None:  # noqa: PLR0915 (one script)
    import chess
    import chess.engine
    import pygame

    from game.app import App, Launch
    from game.config import Settings
    from game.match import GameSetup
    from game.opponents.engine import EngineOpponent, builtin_command
    from game.opponents.levels import LevelPlan
    from game.opponents.scripted import ScriptedOpponent
    from game.ui import presenter as presenting
    from game.ui.automaton.gestures import BoardFrame, move_performance
    from game.ui.scenes.exhibition import STEPS, ExhibitionScene
    from game.ui.scenes.play import PlayScene
    from game.ui.scripted_visitor import ScriptedVisitor

    moves = [chess.Move.from_uci(u) for u in GAME.split()]
    settings = Settings(window_size=SIZE, pacing=False, show=False, greeting=False,
                        data_dir=Path(tempfile.mkdtemp(prefix="turk-frames-")))
    app = App(Launch(settings), opponent_factory=lambda setup: ScriptedOpponent(moves))
    app.start_play()
    app.step(1 / 60)
    print("FIRST_FRAME", flush=True)
    clock = pygame.time.Clock()
    report: dict[str, object] = {"driver": pygame.display.get_driver(),
                                 "size": list(app.screen.get_size())}

    def frame() -> float:
        start = time.perf_counter()
        app.step(1 / 60)
        spent = time.perf_counter() - start
        clock.tick(60)
        return spent * 1000

    floor: list[float] = []

    def measure_floor() -> None:
        """The bare present: a full flip of a window whose contents did not change."""
        for _ in range(FLOOR_FLIPS):
            start = time.perf_counter()
            pygame.display.flip()
            floor.append((time.perf_counter() - start) * 1000)
            clock.tick(60)

    play = app.stack.scenes[0]
    assert isinstance(play, PlayScene)
    visitor = ScriptedVisitor(ScriptedOpponent(moves))
    visitor.attach(play)
    app.companions.append(visitor)

    def play_phase(seconds: float) -> tuple[list[float], list[float], dict[str, int]]:
        before = app.presenter.counts
        counts = dict(full=before.full, partial=before.partial, skipped=before.skipped,
                      composed=play.under_arms.counts.composed)
        frames: list[float] = []
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            session = play.match.session
            if session.is_over or session.ply >= len(moves):
                play.start_new(GameSetup("white", 3))
            frames.append(frame())
        after = app.presenter.counts
        counted = dict(full=after.full - counts["full"], partial=after.partial - counts["partial"],
                       skipped=after.skipped - counts["skipped"],
                       composed=play.under_arms.counts.composed - counts["composed"])
        show = ExhibitionScene(app.services, lambda skipped: None)
        app.stack.push(show)
        shown: list[float] = []
        for _ in range(len(STEPS)):
            for _ in range(50):  # each door opens, its light fades in
                shown.append(frame())
            show.advance()
        app.stack.remove(show)
        return frames, shown, counted

    measure_floor()
    area, partial_frames = app.presenter.counts.partial_area, app.presenter.counts.partial
    report["play"], report["show"], report["play_counts"] = play_phase(play_seconds)
    area = app.presenter.counts.partial_area - area
    partial_frames = max(1, app.presenter.counts.partial - partial_frames)
    report["partial_area_share"] = area / partial_frames / (SIZE[0] * SIZE[1])
    whole = presenting.FULL_AREA_SHARE
    presenting.FULL_AREA_SHARE = -1.0  # every frame drawn whole and flipped
    report["full"], _, _ = play_phase(play_seconds)
    presenting.FULL_AREA_SHARE = whole
    measure_floor()

    app.companions.remove(visitor)
    visitor.close()

    def thinker(setup: GameSetup) -> EngineOpponent:
        plan = LevelPlan({}, chess.engine.Limit(time=think_seconds + 10))  # + the least frames
        return EngineOpponent(builtin_command(), level=8, planner=lambda *a, **k: plan)

    app.opponent_factory = thinker
    play.start_new(GameSetup("white", 8))
    for _ in range(30):  # let the engine process start before measuring
        frame()
    tapper = ScriptedVisitor(ScriptedOpponent(moves[:1]))
    tapper.attach(play)
    app.companions.append(tapper)
    while not play.match.is_turk_thinking:
        frame()
    app.companions.remove(tapper)
    tapper.close()
    start = play.match.session.board().piece_map()
    there = dict(start)
    there[chess.D5] = there.pop(chess.D7)
    carry_out = move_performance(start, there, BoardFrame())
    carry_back = move_performance(there, start, BoardFrame())
    thinking: list[float] = []
    thinking_counts = app.presenter.counts.full + app.presenter.counts.partial
    composed = play.under_arms.counts.composed
    skipped = app.presenter.counts.skipped
    deadline = time.perf_counter() + think_seconds
    while time.perf_counter() < deadline and play.match.is_turk_thinking:
        if not play.automaton.is_busy:
            play.automaton.perform(carry_out.then(carry_back))
        thinking.append(frame())
    report["thinking"] = thinking
    report["thinking_presented"] = (app.presenter.counts.full + app.presenter.counts.partial
                                    - thinking_counts)
    report["thinking_skipped"] = app.presenter.counts.skipped - skipped
    report["thinking_composed"] = play.under_arms.counts.composed - composed
    report["least"] = least_frames(pygame, clock) if play.match.is_turk_thinking else None
    measure_floor()
    report["floor"] = floor
    report["rss_mb"] = rss_mb()
    app.close()
    print(json.dumps(report), flush=True)


def least_frames(pygame: Any, clock: Any) -> dict[str, list[float]]:
    """The least a frame can cost while the engine thinks in its own process, whatever the
    drawing code: a bare flip of the unchanged window (the floor, under that load); copying a
    finished picture of the whole screen into the window and flipping it (the least a frame
    that changes the whole screen costs); copying a finished patch of the arm's size (11 % of
    the window, what a partial update sends on average) and updating only it."""
    screen = pygame.display.get_surface()
    picture = screen.copy()
    width, height = screen.get_size()
    patch_size = (round(width * 0.33), round(height * 0.33))
    patch = picture.subsurface(pygame.Rect((0, 0), patch_size)).copy()
    where = pygame.Rect((width // 3, height // 3), patch_size)
    def whole() -> None:
        screen.blit(picture, (0, 0))
        pygame.display.flip()

    def part() -> None:
        screen.blit(patch, where)
        pygame.display.update(where)

    frames = {"flip": pygame.display.flip, "whole": whole, "patch": part}
    least: dict[str, list[float]] = {name: [] for name in frames}
    for _ in range(FLOOR_FLIPS):
        for name, present in frames.items():
            start = time.perf_counter()
            present()
            least[name].append((time.perf_counter() - start) * 1000)
            clock.tick(60)
    return least


# -- SDL's own way of presenting -----------------------------------------------------------


def sdl_default_floor() -> None:
    """The bare present as SDL does it unless told otherwise (its window surface passed through
    a 3D renderer: Mesa's software one on a machine without a GPU), which the game turns off
    (``game.ui.memory.lean_process``): a full flip of an unchanged window, in a process of its
    own."""
    import pygame

    pygame.display.init()
    screen = pygame.display.set_mode(SIZE)
    screen.fill((60, 40, 25))
    pygame.display.flip()
    clock = pygame.time.Clock()
    flips: list[float] = []
    for _ in range(3 * FLOOR_FLIPS):
        start = time.perf_counter()
        pygame.display.flip()
        flips.append((time.perf_counter() - start) * 1000)
        clock.tick(60)
    pygame.quit()
    print(json.dumps(flips), flush=True)


def measure_sdl_default_floor(display: Display) -> list[float] | None:
    if not display.real:
        return None
    env = dict(display.env, SDL_FRAMEBUFFER_ACCELERATION="1")
    done = subprocess.run([sys.executable, __file__, "--sdl-default-floor"], env=env, cwd=ROOT,
                          check=False,
                          capture_output=True, text=True, timeout=120)
    lines = [line for line in done.stdout.splitlines() if line.startswith("[")]
    if done.returncode != 0 or not lines:
        return None
    flips: list[float] = json.loads(lines[-1])
    return flips


# -- the idle game -------------------------------------------------------------------------


def idle_cpu(display: Display, settle_s: float, seconds: float, *,
             kiosk: bool = False) -> tuple[float, float]:
    """The CPU share of one core that ``turk --fullscreen``, left untouched on the play
    screen, uses over ``seconds`` after ``settle_s``; and its memory then. ``kiosk``: the same
    for ``turk kiosk`` left untouched in its attract loop (which always animates)."""
    folder = Path(tempfile.mkdtemp(prefix="turk-idle-"))
    settings = folder / "settings.toml"
    settings.write_text("[game]\nshow = false\ngreeting = false\n")
    what = ["kiosk"] if kiosk else ["--fullscreen"]
    command = [sys.executable, "-m", "game", *what, "--settings", str(settings),
               "--data-dir", str(folder / "data")]
    process = subprocess.Popen(command, cwd=ROOT, env=display.env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        time.sleep(settle_s)
        if process.poll() is not None:
            raise SystemExit(f"turk {what[0]} stopped with status {process.returncode}")
        used, started = cpu_s(process.pid), time.monotonic()
        time.sleep(seconds)
        share = (cpu_s(process.pid) - used) / (time.monotonic() - started)
        memory = rss_mb(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=20)
        shutil.rmtree(folder, ignore_errors=True)
    return 100 * share, memory


def stats(name: str, values: list[float]) -> str:
    return (f"{name:<11} n={len(values):<5} p50 {statistics.median(values):6.2f} ms   "
            f"p99 {percentile(values, 0.99):6.2f} ms   max {max(values):6.2f} ms")


def print_report(report: dict[str, Any], *, first_frame_s: float,
                 idle: tuple[float, float, float],
                 idle_seconds: float, sdl_floor: list[float] | None) -> None:
    """The numbers, one phase a line, and the last line the README quotes."""
    idle_pct, idle_rss, attract_pct = idle
    play, full, thinking, floor = (report["play"], report["full"], report["thinking"],
                                   report["floor"])
    counts = report["play_counts"]
    print(f"SDL video driver: {report['driver']}, window {report['size'][0]}x{report['size'][1]}")
    print(stats("floor", floor) + "   (full flip of an unchanged window)")
    print(stats("play", play) + "   (as presented: " + ", ".join(
        f"{n} {k}" for k, n in counts.items() if k != "composed") +
        f"; {counts['composed']} of the partial ones drawn from the layer under the arms" +
        f"; a partial update sends {100 * report['partial_area_share']:.0f} % of the window)")
    print(stats("all-full", full) + "   (the same play, every frame drawn whole and flipped)")
    print(stats("show", report["show"]) + "   (the presenter's show: the whole screen animates)")
    print(stats("thinking", thinking) + f"   (engine thinking, the arm carrying a piece; "
          f"{report['thinking_presented']} presented, {report['thinking_composed']} of them "
          f"from the layer under the arms, {report['thinking_skipped']} skipped)")
    saved = 1 - statistics.median(play) / statistics.median(full)
    print(f"partial updates save {100 * saved:.0f} % of a play frame's time (p50) here")
    print(f"idle: turk --fullscreen untouched for {idle_seconds:.0f} s: "
          f"{idle_pct:.1f} % of a core, {idle_rss:.0f} MB")
    print(f"attract: turk kiosk untouched in its attract loop for {idle_seconds:.0f} s: "
          f"{attract_pct:.1f} % of a core (it always animates; the acts on the board redraw "
          "only what moved, the tour and the show the whole screen)")
    floor_p99 = percentile(floor, 0.99)
    worst = max(percentile(play, 0.99), percentile(thinking, 0.99))
    ratio = worst / floor_p99 if floor_p99 > 0 else float("nan")
    least = report.get("least")
    if least and floor_p99 > 0:
        print(stats("least-flip", least["flip"]) + "   (while the engine thinks: a bare flip)")
        print(stats("least-whole", least["whole"]) + "   (while the engine thinks: a finished "
              "picture of the whole screen copied in and flipped, nothing drawn)")
        print(stats("least-patch", least["patch"]) + "   (while the engine thinks: a finished "
              "11 % patch copied in and updated alone, nothing drawn)")
        print("the least a frame can cost while the engine thinks, over the floor (p99): "
              f"bare flip {percentile(least['flip'], 0.99) / floor_p99:.2f}, "
              f"whole picture {percentile(least['whole'], 0.99) / floor_p99:.2f}, "
              f"patch {percentile(least['patch'], 0.99) / floor_p99:.2f}")
    elif least is None:
        print("least: not measured (the engine had stopped thinking)")
    if sdl_floor:
        print(stats("sdl-floor", sdl_floor) + "   (the same bare flip the way SDL presents by "
              "default, through its 3D renderer, which the game turns off)")
        print(f"the game's worst frame p99 (present included) is "
              f"{worst / percentile(sdl_floor, 0.99):.2f} of SDL's default bare present p99, "
              f"and {ratio:.2f} of its own")
    print(f"frame_p50_ms={statistics.median(play):.2f} "
          f"frame_p99_ms={percentile(play, 0.99):.2f} present_floor_p99_ms={floor_p99:.2f} "
          f"frame_to_floor_p99={ratio:.2f} thinking_p99_ms={percentile(thinking, 0.99):.2f} "
          f"idle_cpu_pct={idle_pct:.1f} first_frame_s={first_frame_s:.2f} "
          f"rss_mb={max(report['rss_mb'], idle_rss):.0f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--sdl-default-floor", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true", help="a short run (smoke test)")
    parser.add_argument("--dummy", action="store_true",
                        help="SDL's dummy driver: drawing only, nothing presented")
    parser.add_argument("--play-seconds", type=float, default=20.0)
    parser.add_argument("--think-seconds", type=float, default=8.0)
    parser.add_argument("--idle-seconds", type=float, default=60.0)
    args = parser.parse_args()
    if args.quick:
        args.play_seconds, args.think_seconds, args.idle_seconds = 3.0, 2.0, 8.0
    if args.child:
        child(args.play_seconds, args.think_seconds)
        return 0
    if args.sdl_default_floor:
        sdl_default_floor()
        return 0
    display = Display(dummy=args.dummy)
    print(f"display: {display.label}", flush=True)
    try:
        command = [sys.executable, __file__, "--child", "--play-seconds",
                   str(args.play_seconds), "--think-seconds", str(args.think_seconds)]
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT,
                                   env=display.env)
        assert process.stdout is not None
        first_frame_s = None
        report = None
        for line in process.stdout:
            if line.startswith("FIRST_FRAME") and first_frame_s is None:
                first_frame_s = time.perf_counter() - started
            elif line.startswith("{"):
                report = json.loads(line)
        if process.wait() != 0 or report is None or first_frame_s is None:
            print("the benchmark's game failed", file=sys.stderr)
            return 1
        idle_pct, idle_rss = idle_cpu(display, settle_s=8.0, seconds=args.idle_seconds)
        attract_pct, _ = idle_cpu(display, settle_s=8.0, seconds=args.idle_seconds, kiosk=True)
        sdl_floor = measure_sdl_default_floor(display)
    finally:
        display.close()
    print_report(report, first_frame_s=first_frame_s, idle=(idle_pct, idle_rss, attract_pct),
                 idle_seconds=args.idle_seconds, sdl_floor=sdl_floor)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
