"""A class of 60 over real WebSockets on loopback, through a whole game, with the projector on.

This process runs the projector: the real classroom app (``ClassroomApp``: the play screen,
the join panel, the web server on its thread, the platform, the crowd opponent with the
built-in engine offering candidates and standing by), headless under SDL's dummy driver, at
60 frames a second. A child process (``--workers URL``) plays the class: 60 WebSocket clients
in one asyncio loop join with pseudonyms and answer every task after a human-like pause
(propose, rate and label; most agree, some do not, a few skip a task, and then the task
stays open for its whole window). A scripted visitor
plays random legal moves at the screen. After ``--moves`` Turk moves the teacher ends the
session; every worker receives a receipt and reports what it measured.

Measured:
- answer → aggregate: from a worker sending an answer to its ``counted`` reply (the platform
  has counted it into the task's aggregate), on the worker's clock;
- task broadcast: from the platform posting a task (handed to the server) to each worker
  receiving it, on the machine's monotonic clock, which both processes share;
- frames: the work in ``App.step`` before the class connects and while it works;
- resident memory of the projector's process at the end.

The last line is (one line):

    workers=60 tasks=N answer_to_aggregate_p50_ms=X answer_to_aggregate_p99_ms=X
    task_broadcast_p99_ms=X rss_mb=X

Run: ``python benchmarks/crowd.py`` (``--quick`` for a short smoke run in CI).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.frames import percentile, rss_mb  # noqa: E402

# -- the class (child process) ------------------------------------------------------------

def choose(task: dict[str, Any], rng: random.Random) -> list[str]:
    """A worker's answer: most agree on the same choice, some pick another."""
    kind = task["kind"]
    if kind == "rate":
        order = [c["uci"] for c in task["candidates"]]
        if rng.random() < 0.35:
            rng.shuffle(order)
        return order
    options = sorted(task["moves"] if kind == "propose" else task["labels"])
    favourite = options[hash(task["task"]) % len(options)]
    return [favourite if rng.random() < 0.7 else rng.choice(options)]


async def worker(index: int, url: str, seed: int, out: dict[str, Any], *,
                 ready: asyncio.Event, joined: list[int]) -> None:
    import aiohttp

    rng = random.Random(seed * 1000 + index)
    ws_url = url.replace("http://", "ws://").split("?")[0].rstrip("/") + "/ws"
    room = url.rsplit("room=", 1)[1]
    sent: dict[str, float] = {}
    async with aiohttp.ClientSession() as session, session.ws_connect(ws_url) as socket:
        await socket.send_str(json.dumps({"v": 1, "type": "join", "room": room,
                                          "name": f"Worker {index}", "language": "en"}))
        pending: set[asyncio.Task[None]] = set()

        async def answer(task: dict[str, Any]) -> None:
            await asyncio.sleep(rng.uniform(0.05, 0.6))
            sent[task["task"]] = time.monotonic()
            await socket.send_str(json.dumps({
                "v": 1, "type": "answer", "task": task["task"], "game": task["game"],
                "ply": task["ply"], "answer": choose(task, rng)}))

        async for message in socket:
            if message.type is not aiohttp.WSMsgType.TEXT:
                break
            now = time.monotonic()
            data = json.loads(message.data)
            kind = data["type"]
            if kind == "welcome":
                joined.append(index)
                if len(joined) == out["count"]:
                    ready.set()
            elif kind == "task" and not data["answered"]:
                out["received"].setdefault(data["task"], []).append(now)
                if rng.random() >= out["skip"]:  # a few skip a task
                    job = asyncio.ensure_future(answer(data))
                    pending.add(job)
                    job.add_done_callback(pending.discard)
            elif kind == "counted" and data["task"] in sent:
                out["answer_ms"].append((now - sent.pop(data["task"])) * 1000)
            elif kind == "refused":
                out["refused"].append(data["reason"])
            elif kind == "receipt":
                out["earned"].append(data["earned"])
                break


async def the_class(url: str, count: int, seed: int, skip: float) -> dict[str, Any]:
    out: dict[str, Any] = {"count": count, "received": {}, "answer_ms": [], "refused": [],
                           "earned": [], "skip": skip}
    ready, joined = asyncio.Event(), []
    jobs = [asyncio.ensure_future(worker(i, url, seed, out, ready=ready, joined=joined))
            for i in range(count)]
    await asyncio.gather(*jobs)
    return out


# -- the projector (this process) ---------------------------------------------------------

def projector(args: argparse.Namespace) -> int:  # noqa: PLR0915 (one script)
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import chess
    import pygame

    from game.app import Launch
    from game.classroom import classroom_from_settings
    from game.classroom_app import ClassroomApp
    from game.config import Settings
    from game.crowd.platform import CrowdSettings
    from game.crowd.tasks import TaskKind
    from game.opponents.engine import builtin_command
    from game.ui.scenes.play import PlayScene
    from game.web.events import PostTask

    settings = Settings().replace(show=False, greeting=False, window_size=(1920, 1080),
                                  data_dir=Path(args.data_dir or tempfile.mkdtemp(
                                      prefix="turk-crowd-bench-")), level=1)
    kinds = frozenset(TaskKind(k) for k in args.tasks.split(","))
    host = classroom_from_settings(settings, crowd=CrowdSettings(kinds=kinds, window_s=args.window),
                                   engine=builtin_command(), port=0)
    posted: dict[str, float] = {}
    send = host.server.send

    def timed_send(command: Any) -> None:
        if isinstance(command, PostTask):
            posted.setdefault(command.task.task_id, time.monotonic())
        send(command)

    host.server.send = timed_send  # type: ignore[method-assign]
    host.start()
    app = ClassroomApp(Launch(settings), host)
    play = app.start_play(show=False)
    rng = random.Random(args.seed)
    frames: dict[str, list[float]] = {"alone": [], "working": []}
    clock = pygame.time.Clock()

    def frame(phase: str) -> None:
        start = time.perf_counter()
        app.step(1 / 60)
        frames[phase].append((time.perf_counter() - start) * 1000)
        clock.tick(60)

    for _ in range(60):  # the first second loads and bakes the art: not counted
        app.step(1 / 60)
        clock.tick(60)
    for _ in range(int(args.alone_s * 60)):
        frame("alone")
    results = Path(tempfile.mkdtemp(prefix="turk-crowd-")) / "class.json"
    child = subprocess.Popen([sys.executable, __file__, "--workers", host.url, "--count",
                              str(args.workers), "--seed", str(args.seed), "--skip",
                              str(args.skip), "--out", str(results)])
    deadline = time.monotonic() + 60
    while len(host.platform.roster.present()) < args.workers and time.monotonic() < deadline:
        frame("working")
    turk_moves, wait_s = 0, 0.0
    while turk_moves < args.moves and not play.match.session.is_over:
        frame("working")
        session = play.match.session
        turk_moves = sum(1 for r in session.records if r.author.value != "visitor")
        if session.is_visitor_turn and not session.is_over:
            wait_s += 1 / 60
            if wait_s > 0.3:
                wait_s = 0.0
                move = rng.choice(sorted(session.board().legal_moves, key=chess.Move.uci))
                assert isinstance(play, PlayScene)
                play.play(move, dragged=False)
    host.end()
    while child.poll() is None:
        frame("working")
    report = json.loads(results.read_text())
    tasks = host.platform.tasks_posted
    app.close()
    broadcast = [(t - posted[task]) * 1000 for task, times in report["received"].items()
                 if task in posted for t in times]
    answers = report["answer_ms"]
    if not broadcast or not answers:
        print(f"no task reached the class (workers present: "
              f"{len(host.platform.roster.present())} of {args.workers}, Turk moves: "
              f"{turk_moves}, by: {sorted({r.author.value for r in play.match.session.records})})",
              file=sys.stderr)
        return 1
    print("broadcast ms p50/p90/max:", *(round(percentile(broadcast, q), 1)
                                          for q in (0.5, 0.9, 1.0)))
    print("answer ms p50/p90/max:", *(round(percentile(answers, q), 1) for q in (0.5, 0.9, 1.0)))
    print(f"turk moves={turk_moves} answers={len(answers)} "
          f"refused={len(report['refused'])} receipts={len(report['earned'])}")
    print(f"frame_p99_alone_ms={percentile(frames['alone'], 0.99):.2f} "
          f"frame_p99_working_ms={percentile(frames['working'], 0.99):.2f} "
          f"frame_p50_working_ms={percentile(frames['working'], 0.5):.2f}")
    print(f"workers={args.workers} tasks={tasks} "
          f"answer_to_aggregate_p50_ms={percentile(answers, 0.5):.1f} "
          f"answer_to_aggregate_p99_ms={percentile(answers, 0.99):.1f} "
          f"task_broadcast_p99_ms={percentile(broadcast, 0.99):.1f} rss_mb={rss_mb():.0f}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", dest="workers_url", help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, default=60, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=1770)
    parser.add_argument("--quick", action="store_true", help="a short run (CI)")
    parser.add_argument("--moves", type=int, default=30, help="Turk moves before the end")
    parser.add_argument("--tasks", default="propose,rate,label", help="kinds of task")
    parser.add_argument("--alone-s", type=float, default=5.0,
                        help="seconds of frames before the class connects")
    parser.add_argument("--window", type=float, default=6.0,
                        help="time per task (a task someone skips lasts this long)")
    parser.add_argument("--skip", type=float, default=0.02,
                        help="the share of tasks a worker leaves unanswered")
    parser.add_argument("--data-dir", default=None,
                        help="where the run keeps its games (default: a new temporary folder; "
                             "a folder used before holds the last run's game, which the "
                             "classroom would resume)")
    args = parser.parse_args()
    if args.workers_url:
        report = asyncio.run(the_class(args.workers_url, args.count, args.seed, args.skip))
        Path(args.out).write_text(json.dumps(report))
        return 0
    args.workers = args.count
    if args.quick:
        args.moves, args.alone_s, args.skip = 4, 2.0, 0.0
    return projector(args)


if __name__ == "__main__":
    raise SystemExit(main())
