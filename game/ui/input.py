"""The one reader of pygame's event queue: mouse, touch and keyboard become intents.

Owns: ``InputTranslator``. It drains the queue every frame (so the window never looks frozen)
and turns events into the intents of ``game.ui.intents``. A touch that SDL also reports as a
mouse event is handled once: mouse events flagged ``touch`` are dropped and the finger events
used. Only the first finger counts; a second finger cancels nothing and is ignored.
"""

from __future__ import annotations

import pygame

from game.ui.intents import (
    Command,
    CommandIssued,
    Intent,
    PointerCancelled,
    PointerMoved,
    PointerPressed,
    PointerReleased,
    QuitRequested,
    TextTyped,
    WindowResized,
)

_PLAIN_KEYS = {
    pygame.K_LEFT: Command.LEFT,
    pygame.K_RIGHT: Command.RIGHT,
    pygame.K_UP: Command.UP,
    pygame.K_DOWN: Command.DOWN,
    pygame.K_RETURN: Command.ACTIVATE,
    pygame.K_KP_ENTER: Command.ACTIVATE,
    pygame.K_ESCAPE: Command.CANCEL,
    pygame.K_BACKSPACE: Command.BACKSPACE,
    pygame.K_F11: Command.TOGGLE_FULLSCREEN,
}
_CTRL_KEYS = {
    pygame.K_z: Command.TAKE_BACK,
    pygame.K_n: Command.NEW_GAME,
    pygame.K_s: Command.SAVE,
    pygame.K_f: Command.FLIP,
    pygame.K_q: Command.QUIT,
}


class InputTranslator:
    """Turns pygame events into intents.

    :attr text_mode: while a text field has focus, Space is text rather than ``ACTIVATE``.
    """

    def __init__(self) -> None:
        self.text_mode = False
        self._finger: int | None = None
        self._mouse_down = False

    def poll(self, window_size: tuple[int, int]) -> list[Intent]:
        """Drain the event queue and translate everything in it."""
        intents: list[Intent] = []
        for event in pygame.event.get():
            intent = self.translate(event, window_size)
            if intent is not None:
                intents.append(intent)
        return intents

    def translate(self, event: pygame.Event, window_size: tuple[int, int]) -> Intent | None:
        """One event → at most one intent."""
        kind = event.type
        if kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION):
            return None if getattr(event, "touch", False) else self._mouse(event)
        if kind in (pygame.FINGERDOWN, pygame.FINGERMOTION, pygame.FINGERUP):
            return self._finger_event(event, window_size)
        if kind == pygame.KEYDOWN:
            return self._key(event)
        if kind == pygame.TEXTINPUT:
            text = event.text
            if text == " " and not self.text_mode:
                return None  # Space already arrived as a key press meaning "activate"
            return TextTyped(text) if text.isprintable() else None
        if kind in (pygame.WINDOWRESIZED, pygame.WINDOWSIZECHANGED):
            return WindowResized((int(event.x), int(event.y)))
        if kind == pygame.WINDOWFOCUSLOST and (self._mouse_down or self._finger is not None):
            self._mouse_down, self._finger = False, None
            return PointerCancelled()
        if kind == pygame.QUIT:
            return QuitRequested()
        return None

    def _mouse(self, event: pygame.Event) -> Intent | None:
        pos = (float(event.pos[0]), float(event.pos[1]))
        if event.type == pygame.MOUSEBUTTONDOWN:
            if event.button == 1:
                self._mouse_down = True
                return PointerPressed(pos)
            if event.button == 3:
                if self._mouse_down:
                    self._mouse_down = False
                    return PointerCancelled()
                return CommandIssued(Command.CANCEL)
            return None
        if event.type == pygame.MOUSEBUTTONUP:
            if event.button == 1 and self._mouse_down:
                self._mouse_down = False
                return PointerReleased(pos)
            return None
        return PointerMoved(pos, self._mouse_down)

    def _finger_event(self, event: pygame.Event, size: tuple[int, int]) -> Intent | None:
        pos = (float(event.x) * size[0], float(event.y) * size[1])
        finger = int(event.finger_id)
        if event.type == pygame.FINGERDOWN:
            if self._finger is not None:
                return None
            self._finger = finger
            return PointerPressed(pos)
        if finger != self._finger:
            return None
        if event.type == pygame.FINGERMOTION:
            return PointerMoved(pos, True)
        self._finger = None
        return PointerReleased(pos)

    def _key(self, event: pygame.Event) -> Intent | None:
        mods = event.mod
        if mods & (pygame.KMOD_CTRL | pygame.KMOD_META):
            command = _CTRL_KEYS.get(event.key)
            return CommandIssued(command) if command else None
        if event.key == pygame.K_RETURN and mods & pygame.KMOD_ALT:
            return CommandIssued(Command.TOGGLE_FULLSCREEN)
        if event.key == pygame.K_TAB:
            shift = bool(mods & pygame.KMOD_SHIFT)
            return CommandIssued(Command.PREVIOUS_FOCUS if shift else Command.NEXT_FOCUS)
        if event.key == pygame.K_SPACE and not self.text_mode:
            return CommandIssued(Command.ACTIVATE)
        command = _PLAIN_KEYS.get(event.key)
        return CommandIssued(command) if command else None
