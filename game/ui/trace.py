"""The trace: what a test outside the process needs to follow a visit, one JSON line at a time.

Owns: ``Tracer`` (``turk --trace FILE``). After each frame it looks at the scene stack and
writes a line when something changed: ``scene`` (the scenes shown, the window's place and
size, the language, whether a press would reach them yet, and what can be pressed on the
scenes that take input, in window pixels) and ``state`` (a scene's own small snapshot: the
play screen's position, last moves, status line, selection…; every scene's is written again
after a ``scene`` line, so a reader always has them fresh). A walk-through test reads the
file to know where to click and to check what happened. The lines go to disk on a thread of
their own (the frame never waits on the disk), and the file is bounded: at most
``MAX_LINES`` lines, every text in them cut to ``MAX_TEXT`` characters and every list to
``MAX_ITEMS`` items.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TextIO

import pygame

from game.ui.scene import SceneStack

log = logging.getLogger(__name__)

MAX_LINES = 20_000
MAX_TEXT = 240
MAX_ITEMS = 64

Json = None | bool | int | float | str | list["Json"] | dict[str, "Json"]


def bounded(value: object) -> Json:
    """``value`` as JSON data, with texts and lists cut to their limits."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return value[:MAX_TEXT]
    if isinstance(value, pygame.Rect):
        return [value.x, value.y, value.width, value.height]
    if isinstance(value, Mapping):
        return {str(k)[:MAX_TEXT]: bounded(v) for k, v in list(value.items())[:MAX_ITEMS]}
    if isinstance(value, Sequence):
        return [bounded(item) for item in list(value)[:MAX_ITEMS]]
    return str(value)[:MAX_TEXT]


class Tracer:
    """Writes the trace of one app's visit to ``path`` (truncated first)."""

    def __init__(self, path: Path, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.path = path
        self._clock = clock
        self._start = clock()
        self._lines = 0
        self._last_scene: Json = None
        self._last_states: dict[str, Json] = {}
        self._queue: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        path.parent.mkdir(parents=True, exist_ok=True)
        stream = path.open("w", encoding="utf-8")
        self._writer = threading.Thread(target=self._write_all, args=(stream,),
                                        name="trace-writer", daemon=True)
        self._writer.start()

    def _write_all(self, stream: TextIO) -> None:
        with stream:
            while (line := self._queue.get()) is not None:
                try:
                    stream.write(line + "\n")
                    stream.flush()
                except OSError as exc:
                    log.warning("the trace cannot be written to %s: %s", self.path, exc)
                    return

    def write(self, kind: str, fields: Mapping[str, object]) -> None:
        """One line (dropped once the file holds ``MAX_LINES``); ``t`` and ``kind`` come
        first and are never overwritten by a field of the same name."""
        if self._lines >= MAX_LINES:
            return
        self._lines += 1
        record: dict[str, Json] = {"t": round(self._clock() - self._start, 3), "kind": kind}
        for key, value in fields.items():
            record.setdefault(str(key)[:MAX_TEXT], bounded(value))
        if self._lines == MAX_LINES:
            record = {"t": record["t"], "kind": "truncated", "lines": MAX_LINES}
        self._queue.put(json.dumps(record, ensure_ascii=False))

    def frame(self, stack: SceneStack, *, language: str,
              window: tuple[int, int, int, int]) -> None:
        """After a frame: write what changed since the last one."""
        scenes = stack.scenes
        targets: dict[str, Json] = {}
        for scene in reversed(scenes):  # the scenes that take input, top first
            for name, rect in scene.targets().items():
                targets.setdefault(name, bounded(rect))
            if scene.blocks_input:
                break
        shown = bounded({"scenes": [type(s).__name__ for s in scenes], "window": window,
                         "language": language, "ready": stack.takes_presses,
                         "targets": targets})
        fresh = shown != self._last_scene
        if fresh:
            self._last_scene = shown
            assert isinstance(shown, dict)
            self.write("scene", shown)
        for scene in scenes:
            name = type(scene).__name__
            state = bounded(scene.describe())
            if state and (fresh or state != self._last_states.get(name)):
                self._last_states[name] = state
                assert isinstance(state, dict)
                self.write("state", {"scene": name, **state})

    def close(self) -> None:
        self._queue.put(None)
        self._writer.join(timeout=2.0)
