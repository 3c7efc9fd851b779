"""Frame times during play, start-up time and memory, measured on the real app, headless.

The parent starts a child process (``--child``) and times it from launch to its first frame.
The child opens the game at a 1920×1080 window under SDL's dummy driver and runs the real loop
at 60 frames a second in two phases:

- *play*: a scripted game in which every move animates (the visitor's moves are played as
  taps, the Turk answers from a script at once and its arm carries every piece), so a move is
  almost always in flight; then the presenter's show, its doors opening one after another;
- *thinking*: the built-in engine, in its own process, thinks about a move for several
  seconds while the frames go on.

Each frame's time is the work in ``App.step`` (input, updates, drawing, flip), not the wait
for the next frame. The child reports its resident memory at the end. The last line is:

    frame_p50_ms=X frame_p99_ms=X thinking_p99_ms=X first_frame_s=X rss_mb=X

Run: ``python benchmarks/frames.py`` (``--quick`` for a short smoke run).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GAME = ("e2e4 e7e5 g1f3 b8c6 f1b5 a7a6 b5a4 g8f6 e1g1 f8e7 f1e1 b7b5 a4b3 d7d6 c2c3 e8g8 "
        "h2h3 c6b8 d2d4 b8d7 c3c4 c7c6 c4b5 a6b5 b1c3 c8b7 c1g5 b5b4 c3b1 h7h6 g5h4 c6c5 "
        "d4e5 f6e4 h4e7 d8e7 e5d6 e7f6 b1d2 e4d6 d2c4 d6c4 b3c4 d7b6 f3e5 a8e8 c4f7 f8f7")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    scale = 1024 if sys.platform != "darwin" else 1024 * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def child(play_seconds: float, think_seconds: float) -> None:  # noqa: PLR0915 (one script)
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import chess
    import chess.engine
    import pygame

    from game.app import App, Launch
    from game.config import Settings
    from game.match import GameSetup
    from game.opponents.engine import EngineOpponent, builtin_command
    from game.opponents.levels import LevelPlan
    from game.opponents.scripted import ScriptedOpponent
    from game.ui.scenes.exhibition import STEPS, ExhibitionScene
    from game.ui.scenes.play import PlayScene

    moves = [chess.Move.from_uci(u) for u in GAME.split()]
    settings = Settings(window_size=(1920, 1080), pacing=False, data_dir=Path("/tmp/turk-bench"),
                        show=False, greeting=False)
    app = App(Launch(settings), opponent_factory=lambda setup: ScriptedOpponent(moves))
    app.start_play()
    app.step(1 / 60)
    print("FIRST_FRAME", flush=True)
    clock = pygame.time.Clock()

    def frame() -> float:
        start = time.perf_counter()
        app.step(1 / 60)
        spent = time.perf_counter() - start
        clock.tick(60)
        return spent * 1000

    play = app.stack.scenes[0]
    assert isinstance(play, PlayScene)
    play_frames: list[float] = []
    deadline = time.perf_counter() + play_seconds
    while time.perf_counter() < deadline:
        session = play.match.session
        still = play.board.is_idle and not play.staging.is_busy and not play.automaton.is_busy
        if session.is_over or session.ply >= len(moves):
            play.start_new(GameSetup("white", 3))
        elif session.is_visitor_turn and still:
            play.play(moves[session.ply], dragged=False)
        play_frames.append(frame())

    show = ExhibitionScene(app.services, lambda skipped: None)
    app.stack.push(show)
    show_frames: list[float] = []
    for _ in range(len(STEPS)):
        for _ in range(50):  # each door opens, its light fades in
            show_frames.append(frame())
        show.advance()
    app.stack.remove(show)

    def thinker(setup: GameSetup) -> EngineOpponent:
        plan = LevelPlan({}, chess.engine.Limit(time=think_seconds + 5))
        return EngineOpponent(builtin_command(), level=8, planner=lambda *a, **k: plan)

    app.opponent_factory = thinker
    play.start_new(GameSetup("white", 8))
    for _ in range(30):  # let the engine process start before measuring
        frame()
    play.play(chess.Move.from_uci("e2e4"), dragged=False)
    thinking_frames: list[float] = [frame()]
    deadline = time.perf_counter() + think_seconds
    while time.perf_counter() < deadline and play.match.is_turk_thinking:
        thinking_frames.append(frame())
    memory = rss_mb()
    app.close()
    print(json.dumps({"play": play_frames + show_frames, "thinking": thinking_frames,
                      "show": show_frames, "rss_mb": memory}), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true", help="a short run (smoke test)")
    parser.add_argument("--play-seconds", type=float, default=20.0)
    parser.add_argument("--think-seconds", type=float, default=8.0)
    args = parser.parse_args()
    if args.quick:
        args.play_seconds, args.think_seconds = 3.0, 2.0
    if args.child:
        child(args.play_seconds, args.think_seconds)
        return 0
    command = [sys.executable, __file__, "--child", "--play-seconds", str(args.play_seconds),
               "--think-seconds", str(args.think_seconds)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
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
    play, thinking, show = report["play"], report["thinking"], report["show"]
    print(f"play frames: {len(play)}, thinking frames: {len(thinking)}")
    print(f"play:     p50 {statistics.median(play):.2f} ms, p99 {percentile(play, 0.99):.2f} ms, "
          f"max {max(play):.2f} ms")
    print(f"show:     p50 {statistics.median(show):.2f} ms, p99 {percentile(show, 0.99):.2f} ms, "
          f"max {max(show):.2f} ms")
    print(f"thinking: p50 {statistics.median(thinking):.2f} ms, "
          f"p99 {percentile(thinking, 0.99):.2f} ms, max {max(thinking):.2f} ms")
    print(f"frame_p50_ms={statistics.median(play):.2f} frame_p99_ms={percentile(play, 0.99):.2f} "
          f"thinking_p99_ms={percentile(thinking, 0.99):.2f} first_frame_s={first_frame_s:.2f} "
          f"rss_mb={report['rss_mb']:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
