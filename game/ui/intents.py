"""What the person at the screen wants, independent of mouse, touch or keyboard.

Owns: the intent dataclasses that ``game.ui.input`` makes from pygame events and that scenes
handle. Positions are window pixels.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


@dataclass(frozen=True)
class PointerPressed:
    """A finger or the main mouse button went down."""

    pos: tuple[float, float]


@dataclass(frozen=True)
class PointerMoved:
    """The pointer moved; ``pressed`` says whether it is down (a drag)."""

    pos: tuple[float, float]
    pressed: bool


@dataclass(frozen=True)
class PointerReleased:
    pos: tuple[float, float]


@dataclass(frozen=True)
class PointerCancelled:
    """A press ended without a release (focus lost, second finger, window left)."""


class Command(enum.Enum):
    """Keyboard commands with a meaning of their own."""

    LEFT = "left"
    RIGHT = "right"
    UP = "up"
    DOWN = "down"
    ACTIVATE = "activate"
    """Enter or Space: select, drop, press the focused button."""
    CANCEL = "cancel"
    """Escape: close, deselect, clear."""
    NEXT_FOCUS = "next_focus"
    PREVIOUS_FOCUS = "previous_focus"
    BACKSPACE = "backspace"
    TAKE_BACK = "take_back"
    NEW_GAME = "new_game"
    SAVE = "save"
    FLIP = "flip"
    TOGGLE_FULLSCREEN = "toggle_fullscreen"
    QUIT = "quit"


@dataclass(frozen=True)
class CommandIssued:
    command: Command


@dataclass(frozen=True)
class TextTyped:
    """Printable text typed on a keyboard (SAN entry, names, messages)."""

    text: str


@dataclass(frozen=True)
class WindowResized:
    size: tuple[int, int]


@dataclass(frozen=True)
class QuitRequested:
    """The window's close button (kiosks ignore it; staff quit from their menu)."""


Intent = (PointerPressed | PointerMoved | PointerReleased | PointerCancelled | CommandIssued
          | TextTyped | WindowResized | QuitRequested)
