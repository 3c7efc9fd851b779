"""Performances: timed sequences of poses with cues, and the performer that plays them.

Owns: ``Segment`` (move some channels of the pose to new values over a time, with an easing),
cue types (a piece gripped or set down, a sound, a letter shown…), ``Performance`` (a list of
segments built with a small fluent builder) and ``Performer`` (plays queued performances from
the current pose, reports cues as their moment passes, and samples the pose for drawing).

Pure arithmetic: no pygame, no clock — time arrives as ``update(dt)``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

import chess

from game.ui.animation import ease_in_out_cubic, ease_in_out_sine, ease_out_cubic
from game.ui.automaton.pose import REST, Pose, blend

Point = tuple[float, float]
EASINGS: dict[str, Callable[[float], float]] = {
    "linear": lambda t: t,
    "inout": ease_in_out_cubic,
    "out": ease_out_cubic,
    "sine": ease_in_out_sine,
}


@dataclass(frozen=True)
class Gripped:
    """The hand closed on ``piece`` at a board square (or off the board when ``None``)."""

    piece: chess.Piece
    square: chess.Square | None


@dataclass(frozen=True)
class Released:
    """The hand set ``piece`` down on ``square``, or on a place beside the board."""

    piece: chess.Piece
    square: chess.Square | None
    beside: Point | None = None
    capture: bool = False


@dataclass(frozen=True)
class SoundCue:
    sound: str


@dataclass(frozen=True)
class Said:
    """A spoken line (captioned)."""

    key: str


@dataclass(frozen=True)
class LetterPointed:
    index: int
    """The position in the message of the letter the hand points at."""


@dataclass(frozen=True)
class KeyWound:
    """The presenter's key turns (the view spins it)."""

    duration_s: float


@dataclass(frozen=True)
class Finished:
    """The performance's last segment ended."""

    name: str


Cue = Gripped | Released | SoundCue | Said | LetterPointed | KeyWound | Finished


@dataclass(frozen=True)
class Segment:
    duration_s: float
    changes: tuple[tuple[str, object], ...]
    """Pose channels and their values at the end of the segment."""
    ease: str = "inout"
    cues: tuple[Cue, ...] = ()
    """Cues fired when the segment ends."""


@dataclass
class Performance:
    """A named sequence of segments."""

    name: str
    segments: list[Segment] = field(default_factory=list)

    def to(self, duration_s: float, *, ease: str = "inout", **changes: object) -> Performance:
        """Move the named channels to new values over ``duration_s`` seconds."""
        self.segments.append(Segment(duration_s, tuple(changes.items()), ease))
        return self

    def hold(self, duration_s: float) -> Performance:
        """Stay still."""
        self.segments.append(Segment(duration_s, ()))
        return self

    def cue(self, *cues: Cue) -> Performance:
        """Fire cues at this moment (the end of the last segment)."""
        if not self.segments:
            self.segments.append(Segment(0.0, ()))
        last = self.segments[-1]
        self.segments[-1] = Segment(last.duration_s, last.changes, last.ease, last.cues + cues)
        return self

    @property
    def duration_s(self) -> float:
        return sum(s.duration_s for s in self.segments)

    def then(self, other: Performance) -> Performance:
        """Append another performance's segments."""
        self.segments.extend(other.segments)
        return self


class Performer:
    """Plays performances one after another, starting each from the pose it finds."""

    def __init__(self, rest: Pose = REST) -> None:
        self.rest = rest
        self._queue: deque[Performance] = deque()
        self._current: Performance | None = None
        self._index = 0
        self._elapsed = 0.0
        self._start = rest
        self._end = rest
        self.pose = rest
        """The pose at the last update."""
        self.carried: chess.Piece | None = None
        """The piece in the hand, if any."""

    @property
    def is_busy(self) -> bool:
        return self._current is not None or bool(self._queue)

    @property
    def current(self) -> str | None:
        return self._current.name if self._current else None

    def play(self, performance: Performance) -> None:
        """Queue a performance (it starts when those before it are done)."""
        self._queue.append(performance)

    def clear(self) -> None:
        """Drop everything queued and stop where the figure is (the hand lets go)."""
        self._queue.clear()
        self._current = None
        self.carried = None

    def update(self, dt: float) -> list[Cue]:
        cues: list[Cue] = []
        remaining = dt
        while remaining > 0 or (self._current is None and self._queue):
            current = self._current
            if current is None:
                if not self._queue:
                    break
                current = self._begin(self._queue.popleft())
                if not current.segments:
                    cues.append(Finished(current.name))
                    self._current = None
                    continue
            segment = current.segments[self._index]
            left = segment.duration_s - self._elapsed
            if remaining < left:
                self._elapsed += remaining
                remaining = 0.0
                self.pose = self._sample(segment, self._elapsed)
                break
            remaining -= max(0.0, left)
            self.pose = self._end
            cues += self._fire(segment.cues)
            self._advance(cues)
        return cues

    def sample(self, ahead_s: float) -> Pose:
        """The pose ``ahead_s`` seconds after the last update (for interpolated drawing)."""
        if self._current is None:
            return self.pose
        segment = self._current.segments[self._index]
        return self._sample(segment, min(segment.duration_s, self._elapsed + ahead_s))

    def _begin(self, performance: Performance) -> Performance:
        self._current = performance
        self._index = -1
        self._end = self.pose
        self._next_segment()
        return performance

    def _next_segment(self) -> None:
        assert self._current is not None
        self._index += 1
        self._elapsed = 0.0
        if self._index >= len(self._current.segments):
            return
        self._start = self._end
        self._end = self._start.with_(**dict(self._current.segments[self._index].changes))

    def _advance(self, cues: list[Cue]) -> None:
        assert self._current is not None
        self._next_segment()
        if self._index >= len(self._current.segments):
            cues.append(Finished(self._current.name))
            self._current = None

    def _sample(self, segment: Segment, elapsed: float) -> Pose:
        t = 1.0 if segment.duration_s <= 0 else elapsed / segment.duration_s
        return blend(self._start, self._end, EASINGS[segment.ease](t))

    def _fire(self, cues: tuple[Cue, ...]) -> list[Cue]:
        for cue in cues:
            if isinstance(cue, Gripped):
                self.carried = cue.piece
            elif isinstance(cue, Released):
                self.carried = None
        return list(cues)
