"""Scenes and the stack that holds them (a pushdown automaton of screens and overlays).

Owns: ``Scene`` (the base every screen and overlay extends) and ``SceneStack``. Intents go to
the top scene first and down while unconsumed; the top scene updates (scenes below update too
when the one above is an overlay that lets them); drawing starts at the highest opaque scene.
Scenes get their collaborators through ``__init__``; there is no global state.
"""

from __future__ import annotations

import logging

import pygame

from game.ui.intents import Intent

log = logging.getLogger(__name__)


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


class SceneStack:
    """The scenes currently shown, bottom to top."""

    def __init__(self) -> None:
        self._scenes: list[Scene] = []

    @property
    def top(self) -> Scene | None:
        return self._scenes[-1] if self._scenes else None

    @property
    def scenes(self) -> tuple[Scene, ...]:
        return tuple(self._scenes)

    def push(self, scene: Scene) -> None:
        if self._scenes:
            self._scenes[-1].pause()
        self._scenes.append(scene)
        scene.enter()

    def pop(self) -> Scene:
        """Remove the top scene.

        :raises IndexError: if the stack is empty.
        """
        scene = self._scenes.pop()
        scene.exit()
        if self._scenes:
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
        for scene in reversed(self._scenes):
            if scene.handle(intent):
                return True
            if scene.blocks_input:
                return False
        return False

    def update(self, dt: float) -> None:
        for scene in self._updating():
            scene.update(dt)

    def _updating(self) -> list[Scene]:
        active: list[Scene] = []
        for scene in reversed(self._scenes):
            active.append(scene)
            if not scene.lets_below_update:
                break
        return active[::-1]

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        start = 0
        for index in range(len(self._scenes) - 1, -1, -1):
            if self._scenes[index].is_opaque:
                start = index
                break
        for scene in self._scenes[start:]:
            scene.draw(surface, alpha)

    def resize(self, size: tuple[int, int]) -> None:
        for scene in self._scenes:
            scene.resize(size)
