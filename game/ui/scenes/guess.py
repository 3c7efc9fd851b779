"""The guess: before anything is revealed, "Who was playing — a machine or a person?".

Owns: ``GuessScene`` — the automaton, closed, its board showing the position the game just
played ended in, the question, two large answers (each with its
icon and its words), the note that the answer is counted anonymously, "Skip" and the
language switch. An answer is handed to ``on_guess`` (which counts it and opens the reveal)
after a short thank-you; "Skip" hands over ``None``. Also ``GuessPromptScene``: a small
banner over the finished game for visitors who chose to look at the board first, with the
button that leads to the guess.
"""

from __future__ import annotations

from collections.abc import Callable

import chess
import pygame

from game.model.reveal import Guess
from game.ui.intents import Command, CommandIssued, Intent
from game.ui.layout import Viewport
from game.ui.reveal.chrome import RevealControls
from game.ui.reveal.icons import IconPainter
from game.ui.reveal.layout import (
    CREAM,
    GLANCE_PX,
    GOLD_TEXT,
    HEADLINE_PX,
    PARCHMENT,
    ROOM_BOTTOM,
    ROOM_TOP,
    RevealLayout,
    reveal_layout,
)
from game.ui.reveal.picture import vitrine
from game.ui.reveal.portrait import AutomatonPortrait
from game.ui.scene import Scene
from game.ui.services import Services
from game.ui.text import Face, TextStyle
from game.ui.widgets import (
    ENGRAVED,
    Button,
    ButtonRow,
    Pressed,
    draw_plaque,
    vertical_gradient,
)

THANKS_S = 1.8
"""How long the thank-you shows before the cabinet opens."""


class GuessScene(Scene):
    """Machine or person? The visitor answers before the reveal.

    :param on_guess: called once with the answer (``None`` if the visitor skipped).
    :param timeout_s: answer ``None`` by itself after this long (kiosks; ``None``: wait).
    :param fen: the position the game ended in (shown on the automaton's board).
    """

    def __init__(self, services: Services, on_guess: Callable[[Guess | None], None], *,
                 timeout_s: float | None = None, fen: str = chess.STARTING_FEN) -> None:
        self.services = services
        self.fen = fen
        self._on_guess = on_guess
        self.timeout_s = timeout_s
        self.icons = IconPainter()
        self.portrait = AutomatonPortrait(services.assets)
        self.controls = RevealControls(services.text, services.strings, actions=("skip",))
        self.answers = ButtonRow(services.text, [Button(g.value, "") for g in Guess])
        self.guess: Guess | None = None
        self.answered = False
        self.thanks_s = 0.0
        self.waited_s = 0.0
        self.time_s = 0.0
        self.handed_over = False
        self._background: tuple[tuple[int, int], pygame.Surface] | None = None
        self.layout: RevealLayout = reveal_layout(services.window_size)
        self._relabel()
        self.resize(services.window_size)

    def _relabel(self) -> None:
        for button in self.answers.buttons:
            button.label = self.services.strings.get(f"reveal.guess.{button.action}")
        self.controls.relabel()

    def relabel(self) -> None:
        self._relabel()

    def targets(self) -> dict[str, pygame.Rect]:
        return {} if self.answered else {**self.answers.targets(), **self.controls.targets()}

    def describe(self) -> dict[str, object]:
        return {"answered": self.answered, "guess": self.guess.value if self.guess else None}

    def resize(self, size: tuple[int, int]) -> None:
        self.layout = layout = reveal_layout(size)
        self.controls.layout(layout)
        text = layout.text
        height = layout.px(120)
        gap = layout.px(28)
        top = text.top + layout.px(230 if layout.viewport.is_portrait else 300)
        area = pygame.Rect(text.left, top, text.width, height * 2 + gap)
        self.answers.layout(area, vertical=True, gap=gap, size=height)

    def answer(self, guess: Guess | None) -> None:
        """Take the visitor's answer (``None``: skipped, nothing is counted)."""
        if self.answered:
            return
        self.answered = True
        self.guess = guess
        if guess is None:
            self._hand_over()

    def _hand_over(self) -> None:
        if not self.handed_over:
            self.handed_over = True
            self._on_guess(self.guess)

    def handle(self, intent: Intent) -> bool:
        if self.answered:
            return True
        answer = self.controls.handle(intent)
        if isinstance(answer, Pressed):
            if answer.action == "language":
                self.services.set_language(answer.value)
            elif answer.action == "skip":
                self.answer(None)
            return True
        if answer is not None:
            return True
        chosen = self.answers.handle(intent)
        if isinstance(chosen, Pressed):
            self.answer(Guess(chosen.action))
        elif isinstance(intent, CommandIssued) and intent.command is Command.CANCEL:
            self.answer(None)
        return True

    def update(self, dt: float) -> None:
        self.time_s += dt
        if self.answered:
            self.thanks_s += dt
            if self.thanks_s >= THANKS_S:
                self._hand_over()
            return
        self.waited_s += dt
        if self.timeout_s is not None and self.waited_s >= self.timeout_s:
            self.answer(None)

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        size = surface.get_size()
        if self._background is None or self._background[0] != size:
            self._background = (size, vertical_gradient(size, ROOM_TOP, ROOM_BOTTOM))
        surface.blit(self._background[1], (0, 0))
        layout, strings, text = self.layout, self.services.strings, self.services.text
        vitrine(surface, layout.picture, layout)
        inner = layout.picture.inflate(-layout.px(48), -layout.px(48))
        picture = self.portrait.picture(inner.size, self.fen)
        surface.blit(picture, picture.get_rect(center=inner.center))
        headline = TextStyle(Face.SERIF, layout.px(HEADLINE_PX), CREAM)
        used = text.draw_block(surface, strings.get("reveal.guess.question"), headline,
                               layout.text)
        if self.answered:
            style = TextStyle(Face.ITALIC, layout.px(GLANCE_PX), GOLD_TEXT)
            area = pygame.Rect(layout.text.left, layout.text.top + used + layout.px(40),
                               layout.text.width, layout.px(200))
            text.draw_block(surface, strings.get("reveal.guess.thanks"), style, area)
        else:
            self.answers.draw(surface)
            self._draw_answer_icons(surface)
        note = TextStyle(Face.ITALIC, layout.px(30), PARCHMENT)
        text.draw_block(surface, strings.get("reveal.guess.anonymous"), note,
                        layout.small_print)
        self.controls.draw(surface)

    def _draw_answer_icons(self, surface: pygame.Surface) -> None:
        for button in self.answers.buttons:
            if button.rect is None:
                continue
            size = round(button.rect.height * 0.62)
            icon = self.icons.icon("gear" if button.action == Guess.MACHINE else "person", size,
                                   ENGRAVED)
            surface.blit(icon, icon.get_rect(midleft=(button.rect.left + size // 3,
                                                      button.rect.centery)))


class GuessPromptScene(Scene):
    """A banner over the finished game: "Who played?" leads to the guess."""

    is_opaque = False
    lets_below_update = True
    blocks_input = False

    def __init__(self, services: Services, open_guess: Callable[[], None],
                 is_current: Callable[[], bool]) -> None:
        self.services = services
        self._open_guess = open_guess
        self._is_current = is_current
        """Whether the game the banner is about is still on the board."""
        self.button = ButtonRow(services.text, [Button("guess", "", key="reveal.button.guess")])
        self.relabel()
        self.resize(services.window_size)

    def relabel(self) -> None:
        self.button.relabel(self.services.strings)

    def targets(self) -> dict[str, pygame.Rect]:
        return self.button.targets()

    def resize(self, size: tuple[int, int]) -> None:
        vp = Viewport.for_window(size)
        rect = vp.rect(vp.design[0] / 2 - 230, 14, 460, 84)
        self.button.layout(rect, vertical=False, gap=0, size=rect.height)

    def update(self, dt: float) -> None:
        if not self._is_current():
            self.services.stack.remove(self)

    def handle(self, intent: Intent) -> bool:
        answer = self.button.handle(intent)
        if answer == Pressed("guess"):
            self.services.stack.remove(self)
            self._open_guess()
            return True
        return answer is not None

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        rect = self.button.buttons[0].rect
        if rect is not None:
            draw_plaque(surface, rect.inflate(16, 16), radius=18, top=(60, 36, 20),
                        bottom=(40, 24, 14), edge=(196, 156, 84))
        self.button.draw(surface)
