"""Scenes and the stack that holds them (a pushdown automaton of screens and overlays).

Owns: ``Scene`` (the base every screen and overlay extends) and ``SceneStack``. Intents go to
the top scene first and down while unconsumed; the top scene updates (scenes below update too
when the one above is an overlay that lets them); drawing starts at the highest opaque scene.
Scenes get their collaborators through ``__init__``; there is no global state.

A tap belongs to the screen that was showing when the finger went down: a press goes to the
scenes that were drawn last (a press that arrives after an earlier intent of the same frame
changed the top scene was aimed at a screen that is gone, and is dropped; so is a press that
comes within ``UNCOVERED_GUARD_S`` of a scene closing over the one now on top — no one can
see and aim at the uncovered screen that fast: it is the second tap of a double tap, or a
tap meant for the screen that just left), and everything that follows a press — drag
motion, release, cancel — goes to the scene that took it and to no other. When that scene has
closed meanwhile (the press or its release closed an overlay), the rest of the gesture is
dropped: it never acts on the scene that was underneath.
"""

from __future__ import annotations

import logging

import pygame

from game.ui.intents import (
    Intent,
    PointerCancelled,
    PointerMoved,
    PointerPressed,
    PointerReleased,
)

log = logging.getLogger(__name__)

UNCOVERED_GUARD_S = 0.3
"""Seconds after a scene closes during which a press does not reach the scene it uncovered
(a person needs longer than this to see the new screen and aim at it)."""


class Scene:
    """One screen or overlay. Override what you need."""

    is_opaque = True
    """Whether this scene covers the whole window (scenes below are not drawn)."""
    lets_below_update = False
    """Whether the scene below keeps running while this one is on top (overlays)."""
    blocks_input = True
    """Whether unconsumed intents stop here rather than reaching the scene below."""

    def enter(self) -> None:
        """Pushed onto the stack."""

    def exit(self) -> None:
        """Popped off the stack (release what the scene holds)."""

    def pause(self) -> None:
        """Another scene was pushed on top."""

    def resume(self) -> None:
        """The scene on top was popped."""

    def handle(self, intent: Intent) -> bool:
        """React to an intent; return ``True`` if consumed."""
        return False

    def update(self, dt: float) -> None:
        """Advance by ``dt`` seconds (a fixed step)."""

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        """Draw the scene; ``alpha`` is the fraction of a step since the last update.

        Drawing never changes state.
        """

    def resize(self, size: tuple[int, int]) -> None:
        """The window changed size; recompute layout."""

    def damage(self, alpha: float) -> Damage:
        """What of the window this scene's drawing would change since it was last asked,
        had it been drawn then (called once per frame, before ``draw``): ``None`` — it
        cannot tell, redraw the whole window (the default, always right); ``[]`` — nothing;
        or the rectangles that change. Like ``draw``, it reads state and changes nothing
        but its own memory of what it reported."""
        return None

    def relabel(self) -> None:
        """The language changed: read every visible string again."""

    def targets(self) -> dict[str, pygame.Rect]:
        """What can be pressed on this scene, by name (for the trace and walk-through tests)."""
        return {}

    def describe(self) -> dict[str, object]:
        """A small snapshot of what the scene shows (for the trace; JSON-friendly values)."""
        return {}


class _Gesture:
    """One press and what follows it, until release or cancel."""

    def __init__(self, owner: Scene | None) -> None:
        self.owner = owner
        """The scene that took the press (``None``: nobody; the gesture is dropped)."""


Damage = list[pygame.Rect] | None
"""``None``: the whole window; a list: those rectangles (empty: nothing changed)."""


class SceneStack:
    """The scenes currently shown, bottom to top."""

    def __init__(self) -> None:
        self._scenes: list[Scene] = []
        self._reshaped = True
        """Scenes came or went (or the window changed) since the last ``damage``."""
        self._gesture: _Gesture | None = None
        self._changed_by_input = False
        """An intent changed the top scene since the last frame was drawn: the person has
        not seen the new top yet."""
        self._uncovered: Scene | None = None
        """The scene a closing scene uncovered (while it is still the top)."""
        self._uncovered_s = UNCOVERED_GUARD_S
        """Time since then (stack time, from ``update``)."""

    @property
    def top(self) -> Scene | None:
        return self._scenes[-1] if self._scenes else None

    @property
    def scenes(self) -> tuple[Scene, ...]:
        return tuple(self._scenes)

    def push(self, scene: Scene) -> None:
        if self._scenes:
            self._scenes[-1].pause()
        self._uncovered = None
        self._scenes.append(scene)
        self._reshaped = True
        scene.enter()

    def pop(self) -> Scene:
        """Remove the top scene.

        :raises IndexError: if the stack is empty.
        """
        scene = self._scenes.pop()
        self._reshaped = True
        scene.exit()
        if self._scenes:
            self._uncovered, self._uncovered_s = self._scenes[-1], 0.0
            self._scenes[-1].resume()
        return scene

    def remove(self, scene: Scene) -> None:
        """Pop ``scene`` and everything above it (an overlay closing itself)."""
        while scene in self._scenes:
            self.pop()

    def replace(self, scene: Scene) -> None:
        """Clear the stack and show ``scene`` alone."""
        while self._scenes:
            self.pop()
        self.push(scene)

    def handle(self, intent: Intent) -> bool:
        top = self.top
        try:
            if isinstance(intent, PointerPressed):
                return self._press(intent)
            if isinstance(intent, PointerReleased | PointerCancelled) or (
                    isinstance(intent, PointerMoved) and intent.pressed):
                return self._follow(intent)
            return self._offer(intent) is not None
        finally:
            if self.top is not top:
                self._changed_by_input = True

    def _offer(self, intent: Intent) -> Scene | None:
        """Top down while unconsumed; returns the scene that consumed ``intent``."""
        for scene in reversed(self._scenes):
            if scene.handle(intent):
                return scene
            if scene.blocks_input:
                return None
        return None

    def _press(self, intent: PointerPressed) -> bool:
        if not self.takes_presses:
            # An earlier intent of this frame changed the screen, or a scene closed a moment
            # ago: this press was aimed at what was showing, which is gone. It and its
            # release are dropped.
            self._gesture = _Gesture(None)
            return True
        owner = self._offer(intent)
        self._gesture = _Gesture(owner)
        return owner is not None

    def _follow(self, intent: Intent) -> bool:
        gesture = self._gesture
        if isinstance(intent, PointerReleased | PointerCancelled):
            self._gesture = None
        if gesture is None:
            # No press seen (a release after start-up, or a drag begun in another window).
            return self._offer(intent) is not None
        if gesture.owner is None or gesture.owner not in self._scenes:
            return True  # its scene has closed: nothing underneath may act on it
        return gesture.owner.handle(intent)

    @property
    def takes_presses(self) -> bool:
        """Whether a press now reaches the top scene (not held back by the guards above)."""
        return not self._changed_by_input and not (
            self.top is self._uncovered and self._uncovered_s < UNCOVERED_GUARD_S)

    def relabel(self) -> None:
        """Every scene reads its strings again (after a language change)."""
        self._reshaped = True
        for scene in self._scenes:
            scene.relabel()

    def update(self, dt: float) -> None:
        self._uncovered_s += dt
        for scene in self._updating():
            scene.update(dt)

    def _updating(self) -> list[Scene]:
        active: list[Scene] = []
        for scene in reversed(self._scenes):
            active.append(scene)
            if not scene.lets_below_update:
                break
        return active[::-1]

    def _drawn(self) -> list[Scene]:
        start = 0
        for index in range(len(self._scenes) - 1, -1, -1):
            if self._scenes[index].is_opaque:
                start = index
                break
        return self._scenes[start:]

    def damage(self, alpha: float) -> Damage:
        """What the next ``draw`` would change: every drawn scene is asked (so each keeps
        its memory current); a change of scenes, or a scene that cannot tell, is the whole
        window."""
        reports = [scene.damage(alpha) for scene in self._drawn()]
        if self._reshaped or any(report is None for report in reports):
            self._reshaped = False
            return None
        return [rect for report in reports if report is not None for rect in report]

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        for scene in self._drawn():
            scene.draw(surface, alpha)
        self._changed_by_input = False

    def resize(self, size: tuple[int, int]) -> None:
        self._reshaped = True
        for scene in self._scenes:
            scene.resize(size)
