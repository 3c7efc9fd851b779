"""Driving the real `turk` program in a real X server, as a visitor would.

``Xvfb`` starts a virtual screen of a given size; ``start_turk`` starts the installed `turk`
command on it with any arguments (plus ``--trace``, ``--data-dir``) and returns a ``TurkRun``:
real X input through xdotool (clicks, drags, typing, keys), the game's trace read from its
file (what is shown, what can be pressed and where, the play screen's state), screenshots of
the whole screen, the process's memory and CPU, and its log. Nothing here sleeps a fixed
time where an event can be waited for: ``wait`` polls the trace until a condition holds.

A kiosk walk-through can reuse all of it: ``start_turk(screen, ["kiosk", ...])``.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import chess

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "out" / "visit"
"""Screenshots and measurements of the walk-through (git-ignored; CI keeps the folder)."""
TOOLS = ("Xvfb", "xdotool", "import")
POLL_S = 0.05

State = dict[str, Any]


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def turk_command() -> list[str]:
    """The `turk` console script of this environment."""
    script = Path(sys.executable).with_name("turk")
    return [str(script)] if script.exists() else [sys.executable, "-c",
                                                    "import sys; from game.cli import main; "
                                                    "sys.exit(main())"]


class Xvfb:
    """A virtual X screen of ``size``; on display ``number`` or on a free one."""

    def __init__(self, size: tuple[int, int], number: int | None = None) -> None:
        self.size = size
        read, write = os.pipe()
        where = [f":{number}"] if number is not None else []
        self.process = subprocess.Popen(
            ["Xvfb", *where, "-screen", "0", f"{size[0]}x{size[1]}x24", "-nolisten", "tcp",
             "-displayfd", str(write)], pass_fds=(write,),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as ready:  # Xvfb writes its display number once it is up
            line = ready.readline().strip()
        if not line:
            self.process.kill()
            raise RuntimeError(f"Xvfb did not start on {where or 'a free display'}")
        self.display = f":{line}"

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@contextlib.contextmanager
def xvfb(size: tuple[int, int], number: int | None = None) -> Iterator[Xvfb]:
    screen = Xvfb(size, number)
    try:
        yield screen
    finally:
        screen.close()


@dataclass
class Trace:
    """The game's trace file, read as it grows."""

    path: Path
    scene: State = field(default_factory=dict)
    states: dict[str, State] = field(default_factory=dict)
    lines: list[State] = field(default_factory=list)
    moves: dict[tuple[str, int], State] = field(default_factory=dict)
    """Every move seen, by (game id, ply after it): its uci, san and who made it."""
    _offset: int = 0

    def read(self) -> None:
        if not self.path.exists():
            return
        with self.path.open(encoding="utf-8") as stream:
            stream.seek(self._offset)
            while (line := stream.readline()).endswith("\n"):
                self._offset = stream.tell()
                record = json.loads(line)
                self.lines.append(record)
                if record["kind"] == "scene":
                    self.scene = record
                elif record["kind"] == "state":
                    self.states[record["scene"]] = record
                    for move in record.get("moves", []):
                        self.moves[(record["game_id"], move["ply"])] = move

    @property
    def scenes(self) -> list[str]:
        return list(self.scene.get("scenes", []))

    @property
    def top(self) -> str | None:
        return self.scenes[-1] if self.scenes else None

    @property
    def play(self) -> State:
        return self.states.get("PlayScene", {})


class TurkRun:
    """One running `turk`, on one X screen."""

    def __init__(self, screen: Xvfb, args: Sequence[str], *, data_dir: Path,
                 shots: Path) -> None:
        self.screen = screen
        self.data_dir = data_dir
        self.shots = shots
        shots.mkdir(parents=True, exist_ok=True)
        self.trace = Trace(data_dir / "trace.jsonl")
        self.env = {**os.environ, "DISPLAY": screen.display, "SDL_AUDIODRIVER": "dummy"}
        self.env.pop("SDL_VIDEODRIVER", None)  # the real X driver, not the tests' dummy one
        self.stderr = (data_dir / "stderr.txt").open("w")
        command = [*turk_command(), *args, "--data-dir", str(data_dir), "--trace",
                   str(self.trace.path)]
        self.process = subprocess.Popen(command, env=self.env, stdout=self.stderr,
                                        stderr=subprocess.STDOUT)
        self.shot_count = 0

    # -- waiting ------------------------------------------------------------------------------

    def wait(self, what: str, done: Callable[[Trace], bool], *, timeout_s: float = 40.0) -> None:
        """Poll the trace until ``done`` holds (the game is checked to be alive meanwhile)."""
        deadline = time.monotonic() + timeout_s
        while True:
            self.trace.read()
            if done(self.trace):
                return
            if self.process.poll() is not None:
                raise AssertionError(f"turk exited ({self.process.returncode}) while waiting "
                                     f"for {what}; log:\n{self.log_tail()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; scene: {self.trace.scene}"
                                     f"; play: {self.trace.play}")
            time.sleep(POLL_S)

    def wait_scenes(self, *names: str, timeout_s: float = 40.0) -> None:
        self.wait(f"scenes {names}", lambda t: t.scenes == list(names), timeout_s=timeout_s)

    def wait_play(self, what: str, done: Callable[[State], bool], *,
                  timeout_s: float = 40.0) -> State:
        """Wait for the play screen's state (as written since the last change of scene)."""
        self.wait(what, lambda t: bool(t.play) and t.play["t"] >= t.scene["t"]
                  and done(t.play), timeout_s=timeout_s)
        return self.trace.play

    # -- where things are ---------------------------------------------------------------------

    def target(self, name: str) -> tuple[int, int]:
        """The screen position of a named target on the scenes taking input now."""
        self.trace.read()
        rect = self.trace.scene.get("targets", {}).get(name)
        if rect is None:
            raise AssertionError(f"no {name!r} to press; targets: "
                                 f"{sorted(self.trace.scene.get('targets', {}))}")
        x, y, *_ = self.trace.scene["window"]
        return x + rect[0] + rect[2] // 2, y + rect[1] + rect[3] // 2

    def square(self, name: str) -> tuple[int, int]:
        """The screen position of a square's centre on the play screen's board."""
        square = chess.parse_square(name)
        x, y, width, height = self.trace.scene["targets"]["board"]
        wx, wy, *_ = self.trace.scene["window"]
        column, row = chess.square_file(square), 7 - chess.square_rank(square)
        if not self.trace.play.get("white_at_bottom", True):
            column, row = 7 - column, 7 - row
        return (wx + x + round((column + 0.5) * width / 8),
                wy + y + round((row + 0.5) * height / 8))

    # -- real X input -------------------------------------------------------------------------

    def xdotool(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], env=self.env, check=True, timeout=20)

    def ready(self) -> None:
        """Wait until a press would reach the screen (a scene that just closed holds presses
        back for a moment: they would be meant for it)."""
        self.wait("the screen to take presses", lambda t: bool(t.scene.get("ready")))

    def click_at(self, pos: tuple[int, int], *, repeat: int = 1) -> None:
        self.ready()
        self.xdotool("mousemove", str(pos[0]), str(pos[1]))
        self.xdotool("click", "--repeat", str(repeat), "--delay", "40", "1")

    def click(self, name: str, *, repeat: int = 1) -> None:
        self.click_at(self.target(name), repeat=repeat)

    def drag(self, start: tuple[int, int], end: tuple[int, int], *, steps: int = 8) -> None:
        self.ready()
        self.xdotool("mousemove", str(start[0]), str(start[1]))
        self.xdotool("mousedown", "1")
        for step in range(1, steps + 1):
            x = start[0] + (end[0] - start[0]) * step // steps
            y = start[1] + (end[1] - start[1]) * step // steps
            self.xdotool("mousemove", str(x), str(y))
        self.xdotool("mouseup", "1")

    def type_text(self, text: str) -> None:
        self.xdotool("type", "--delay", "60", text)

    def key(self, name: str) -> None:
        self.xdotool("key", name)

    # -- looking and measuring ----------------------------------------------------------------

    def screenshot(self, name: str) -> Path:
        self.shot_count += 1
        path = self.shots / f"{self.shot_count:02d}-{name}.png"
        for attempt in range(3):  # import now and then fails to grab a busy server: again
            done = subprocess.run(["import", "-window", "root", str(path)], env=self.env,
                                  timeout=60, capture_output=True, text=True, check=False)
            if done.returncode == 0:
                return path
            time.sleep(0.5 * (attempt + 1))
        raise AssertionError(f"import could not take {path.name}: {done.stderr.strip()}")

    def rss_mb(self, pid: int | None = None) -> float:
        """Resident memory of the game's process (or another) in MB."""
        status = Path(f"/proc/{pid or self.process.pid}/status").read_text()
        kb = next(int(line.split()[1]) for line in status.splitlines()
                  if line.startswith("VmRSS:"))
        return kb / 1024

    def cpu_s(self, pid: int | None = None) -> float:
        """User and system CPU seconds the process has used so far."""
        fields = Path(f"/proc/{pid or self.process.pid}/stat").read_text().rpartition(")")[2]
        utime, stime = (int(v) for v in fields.split()[11:13])
        return (utime + stime) / os.sysconf("SC_CLK_TCK")

    def children(self) -> list[int]:
        """The game's child processes (the engine)."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError):
                if int(stat.read_text().rpartition(")")[2].split()[1]) == self.process.pid:
                    found.append(int(stat.parent.name))
        return found

    def log_text(self) -> str:
        parts = []
        for path in (self.data_dir / "logs" / "turk.log", self.data_dir / "stderr.txt"):
            if path.exists():
                parts.append(path.read_text(encoding="utf-8", errors="replace"))
        return "\n".join(parts)

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    def errors(self) -> list[str]:
        """Log lines at ERROR or worse (and tracebacks)."""
        return [line for line in self.log_text().splitlines()
                if " ERROR " in line or " CRITICAL " in line or line.startswith("Traceback")]

    # -- the end ------------------------------------------------------------------------------

    def quit(self, *, timeout_s: float = 20.0) -> int:
        """Ctrl+Q, as staff would; returns the exit status."""
        if self.process.poll() is None:
            self.key("ctrl+q")
            try:
                self.process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                self.process.send_signal(signal.SIGTERM)
                self.process.wait(timeout=10)
        self.stderr.close()
        return self.process.returncode

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.stderr.close()


@contextlib.contextmanager
def start_turk(screen: Xvfb, args: Sequence[str], *, data_dir: Path,
               shots: Path) -> Iterator[TurkRun]:
    """`turk ARGS` on ``screen``; killed at the end if a test failed before it quit."""
    run = TurkRun(screen, args, data_dir=data_dir, shots=shots)
    try:
        yield run
    finally:
        run.kill()
        # The trace and the log go beside the screenshots, for whoever reads a failure.
        for source, name in ((run.trace.path, "trace.jsonl"), (data_dir / "stderr.txt",
                                                               "turk-output.txt")):
            if source.exists():
                shutil.copyfile(source, shots / name)
