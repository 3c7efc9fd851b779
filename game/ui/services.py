"""What every scene may use, handed to it explicitly (no globals, no service locator).

Owns: ``Services`` — the assets, the text painter, the strings, the scene stack, the input
translator, the stage's art and the sounds of one window, gathered so scenes take one
parameter instead of many.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.content.strings import Strings
from game.ui.art import PartPainter
from game.ui.assets import Assets
from game.ui.input import InputTranslator
from game.ui.scene import SceneStack
from game.ui.sound import SoundBank
from game.ui.stage_view import StageView
from game.ui.text import TextPainter


@dataclass
class Services:
    assets: Assets
    text: TextPainter
    strings: Strings
    stack: SceneStack
    input: InputTranslator
    window_size: tuple[int, int]
    """The current window size in pixels (kept up to date by the app)."""
    painter: PartPainter
    """The stage's vector art."""
    sounds: SoundBank
    stage: StageView
    """The room and the cabinet, composed once and shared by every scene of the window."""

    def set_language(self, code: str) -> None:
        """Speak ``code`` from now on: every scene on the stack reads its strings again, so
        nothing on screen — an overlay's button, a banner — stays in the old language."""
        self.strings.language = code
        self.stack.relabel()
