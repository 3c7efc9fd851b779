"""The trace (`turk --trace FILE`): one JSON line per change, bounded in lines and in size."""

from __future__ import annotations

import json
from pathlib import Path

import pygame

from game.ui import trace
from game.ui.scene import Scene, SceneStack
from game.ui.trace import Tracer


class Shown(Scene):
    def __init__(self) -> None:
        self.note = "x" * 1000

    def targets(self) -> dict[str, pygame.Rect]:
        return {"go": pygame.Rect(1, 2, 3, 4)}

    def describe(self) -> dict[str, object]:
        return {"note": self.note, "list": list(range(500))}


def lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_a_line_per_change_and_every_field_bounded(tmp_path: Path) -> None:
    stack, scene = SceneStack(), Shown()
    stack.push(scene)
    tracer = Tracer(tmp_path / "trace.jsonl")
    for _ in range(3):  # nothing changes: one scene line, one state line
        tracer.frame(stack, language="en", window=(0, 0, 800, 600))
    scene.note = "changed"
    tracer.frame(stack, language="en", window=(0, 0, 800, 600))
    tracer.close()
    written = lines(tmp_path / "trace.jsonl")
    assert [w["kind"] for w in written] == ["scene", "state", "state"]
    assert written[0]["targets"] == {"go": [1, 2, 3, 4]} and written[0]["ready"] is True
    assert len(written[1]["note"]) == trace.MAX_TEXT  # type: ignore[arg-type]
    assert len(written[1]["list"]) == trace.MAX_ITEMS  # type: ignore[arg-type]
    assert written[2]["note"] == "changed"


def test_the_file_stops_at_its_limit(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(trace, "MAX_LINES", 5)
    tracer = Tracer(tmp_path / "trace.jsonl")
    for number in range(20):
        tracer.write("state", {"n": number, "kind": "not this"})
    tracer.close()
    written = lines(tmp_path / "trace.jsonl")
    assert len(written) == 5
    assert written[0] == {"t": written[0]["t"], "kind": "state", "n": 0}
    assert written[-1]["kind"] == "truncated"
