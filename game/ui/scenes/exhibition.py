"""The presenter's "empty cabinet" show, before the game, in the order Poe saw it in 1836.

Owns: ``ExhibitionScene``. Door No. 1 opens on a cupboard of wheels and levers and a candle
shows light through the works; the drawer comes out; the main compartment opens, lit; the
machine is turned round to show the figure's back; all is closed, the pipe taken away and the
cushion laid down; the key is wound. Each step is captioned in the presenter's words
(``turk.exhibition.*``, from CONTENT.md §1.3) and stays up as long as its caption takes to
read in the visitor's language (never shorter than its own movement). The caption never
covers the art: beside the cabinet on a wide screen, below it on a tall one. A tap moves on a
step; "Skip" starts the game.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass

import chess
import pygame

from game.ui.automaton.pose import Pose
from game.ui.automaton.presence import Automaton
from game.ui.board_view import BoardGeometry, BoardView
from game.ui.captions import Captions, reading_seconds
from game.ui.intents import Command, CommandIssued, Intent, PointerPressed, PointerReleased
from game.ui.layout import CABINET_LEFT, CABINET_WIDTH, Stage, Viewport, stage_framing
from game.ui.scene import Scene
from game.ui.services import Services
from game.ui.stage_view import CABINET_PARTS
from game.ui.text import Face, TextStyle
from game.ui.widgets import Button, ButtonRow, Pressed

FRONT = "cabinet_front"
DOOR_ONE = "cabinet_front_door1_open"
MAIN = "cabinet_front_main_open"
DRAWER = "drawer_open"
CANDLE_AT = (-0.2, 0.98)
"""Where the presenter sets the candle down (stage units): the left end of the top."""
PIPE_DEG = -128.0
REST_WITH_PIPE = Pose(hand=(1.16, -0.06))


ART_TOP, ART_BOTTOM = -0.82, 2.26
"""Stage units: the figure's turban to the cabinet's feet (what the caption must not cover)."""
PORTRAIT_RESERVE = 380.0
"""Design pixels kept below the art on a tall screen: four lines of caption and the buttons."""


@dataclass(frozen=True)
class Step:
    caption: str
    """Key of the presenter's words for this step (``turk.exhibition.<caption>``)."""
    seconds: float
    """The step's own movement takes this long (its caption may need longer)."""
    parts: tuple[str, ...]
    """Cabinet layers shown (besides the top and closed front)."""
    cupboard_glow: float = 0.0
    main_glow: float = 0.0
    candle: bool = False
    turned: bool = False
    pipe: bool = True
    cushion: bool = False
    sound: str | None = None
    wind: bool = False


STEPS = (
    Step("intro", 5.5, ()),
    Step("door_one", 5.0, (DOOR_ONE,), sound="door_creak"),
    Step("candle", 7.0, (DOOR_ONE,), cupboard_glow=1.0, candle=True),
    Step("drawer", 5.5, (DOOR_ONE, DRAWER), sound="drawer_slide"),
    Step("main_compartment", 6.5, (DOOR_ONE, DRAWER, MAIN), main_glow=1.0, candle=True,
         sound="door_creak"),
    Step("turn_round", 6.5, (), turned=True),
    Step("close_up", 6.0, (), pipe=False, cushion=True),
    Step("wind", 4.5, (), pipe=False, cushion=True, sound="wind_key", wind=True),
)


class ExhibitionScene(Scene):
    """The empty-cabinet routine; ``on_done(skipped)`` starts the game."""

    def __init__(self, services: Services, on_done: Callable[[bool], None], *,
                 captions_enabled: bool = True) -> None:
        self.services = services
        self.on_done = on_done
        self.stage = services.stage
        self.captions = Captions(services.text, enabled=captions_enabled)
        self.automaton = Automaton(services.assets, services.painter, text=services.text,
                                   strings=services.strings, sounds=services.sounds,
                                   captions=self.captions, rng=random.Random(4))
        self.automaton.performer.pose = REST_WITH_PIPE
        self.index = -1
        self.cabinet_parts: tuple[str, ...] = CABINET_PARTS
        self.elapsed = 0.0
        self.seconds = 0.0
        """How long the current step stays (its movement, or its caption's reading time)."""
        self.time = 0.0
        self.glow = {"cupboard_glow": 0.0, "main_glow": 0.0}
        self.board = BoardView(services.assets, services.text,
                               BoardGeometry(pygame.Rect(0, 0, 8, 8)))
        self.board.state.show_coordinates = False
        self.buttons = ButtonRow(services.text, [
            Button("next", services.strings.get("ui.button.next"), key="ui.button.next"),
            Button("skip", services.strings.get("ui.button.skip"), key="ui.button.skip")])
        self.resize(services.window_size)

    @property
    def step(self) -> Step:
        return STEPS[max(0, self.index)]

    def enter(self) -> None:
        self.advance()

    def exit(self) -> None:
        self.automaton.sounds.stop_all()

    def resize(self, size: tuple[int, int]) -> None:
        portrait = size[1] > size[0]
        self.viewport, self.framing = stage_framing(
            size, top=ART_TOP, bottom=ART_BOTTOM,
            **({"reserve_bottom": PORTRAIT_RESERVE} if portrait else {}))
        self.board.set_geometry(BoardGeometry(self.framing.board_rect(), True))
        self.services.painter.prewarm(self.framing, [
            n for n in self.services.painter.book.parts if not n.startswith("interior")])
        vp = self.viewport
        area = vp.rect(vp.design[0] / 2 - 330, vp.design[1] - 120, 660, 84)
        self.buttons.layout(area, vertical=False, gap=vp.length(30), size=area.height)
        self.caption_area, self.caption_anchor = self._caption_place(vp, area.top)

    @property
    def art(self) -> pygame.Rect:
        """The figure and the cabinet on screen (window pixels)."""
        return self.framing.rect(CABINET_LEFT - 0.12, ART_TOP, CABINET_WIDTH + 0.24,
                                 ART_BOTTOM - ART_TOP)

    def _caption_place(self, vp: Viewport, buttons_top: int) -> tuple[pygame.Rect, str]:
        """Where the presenter's words go: beside the art on a wide screen (centred in the
        room at its right), below it on a tall one — never over it."""
        art, gap = self.art, vp.length(40)
        if vp.is_portrait:
            top = art.bottom + vp.length(16)
            return pygame.Rect(vp.rect(60, 0, vp.design[0] - 120, 1).left, top,
                               vp.length(vp.design[0] - 120),
                               buttons_top - vp.length(16) - top), "midtop"
        right = vp.rect(vp.design[0] - 60, 0, 1, 1).left
        return pygame.Rect(art.right + gap, art.top + art.height // 4, right - art.right - gap,
                           art.height // 2), "center"

    def advance(self) -> None:
        """Go on to the next step, or start the game after the last."""
        self.index += 1
        self.elapsed = 0.0
        if self.index >= len(STEPS):
            self.finish(skipped=False)
            return
        step = STEPS[self.index]
        self.cabinet_parts = (("cabinet_top", FRONT) + step.parts
                              + (("cushion",) if step.cushion else ()))
        self.automaton.turned_round = step.turned
        self.captions.clear()
        self._hold_caption()
        self.seconds = self._seconds()
        if step.sound:
            self.services.sounds.play(step.sound)
        if step.wind:
            self.automaton.key_turning_s = step.seconds - 1.0
        # The pieces come out of the drawer and are set up when the cabinet is closed again.
        self.board.show_position(chess.Board().piece_map() if step.cushion else {})

    def _caption(self) -> str:
        strings = self.services.strings
        return strings.get("turk.exhibition.said", speaker=strings.get("turk.exhibition.speaker"),
                           line=strings.get(f"turk.exhibition.{self.step.caption}"))

    def _hold_caption(self) -> None:
        self.captions.hold("presenter", self._caption())

    def _seconds(self) -> float:
        if not self.captions.enabled:
            return self.step.seconds
        return max(self.step.seconds, reading_seconds(self._caption()))

    def targets(self) -> dict[str, pygame.Rect]:
        return self.buttons.targets()

    def describe(self) -> dict[str, object]:
        return {"step": self.index, "steps": len(STEPS), "caption": self.step.caption,
                "seconds": round(self.seconds, 2)}

    def relabel(self) -> None:
        self.buttons.relabel(self.services.strings)
        if self.index < len(STEPS):
            self._hold_caption()
            self.seconds = max(self.seconds, self._seconds())

    def finish(self, *, skipped: bool = True) -> None:
        self.on_done(skipped)

    def handle(self, intent: Intent) -> bool:
        answer = self.buttons.handle(intent)
        if answer == Pressed("skip"):
            self.finish()
        elif answer == Pressed("next"):
            self.advance()
        elif answer is not None:
            pass
        elif isinstance(intent, PointerReleased) or (
                isinstance(intent, CommandIssued)
                and intent.command in (Command.ACTIVATE, Command.RIGHT)):
            self.advance()
        elif isinstance(intent, CommandIssued) and intent.command is Command.CANCEL:
            self.finish()
        return isinstance(intent, PointerPressed | PointerReleased | CommandIssued)

    def update(self, dt: float) -> None:
        self.time += dt
        self.elapsed += dt
        step = self.step
        for name, target in (("cupboard_glow", step.cupboard_glow),
                             ("main_glow", step.main_glow)):
            current = self.glow[name]
            self.glow[name] = current + (target - current) * min(1.0, dt * 2.5)
        self.automaton.update(dt)
        self.captions.update(dt)
        if self.index < len(STEPS) and self.elapsed >= self.seconds:
            self.advance()

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        stage, step = self.framing, self.step
        self.stage.draw_room(surface, self.viewport, stage)
        self.automaton.draw_body(surface, stage, alpha)
        self.stage.draw_cabinet(surface, stage, self.cabinet_parts)
        self.board.draw(surface, alpha)
        painter = self.services.painter
        for name, amount in self.glow.items():
            if amount > 0.02:
                painter.draw_placed(surface, stage, name, alpha=round(255 * amount))
        if step.wind:
            self.automaton.draw_key(surface, stage)
        self.automaton.draw_arms(surface, stage, alpha)
        if step.pipe and not step.turned:
            hand = self.automaton.pose(alpha).hand
            painter.draw_at(surface, stage, "pipe", hand, angle_deg=PIPE_DEG)
        if step.candle:
            self._draw_candle(surface, stage)
        self._draw_title(surface, self.viewport)
        self.captions.draw(surface, self.caption_area, self.viewport.scale,
                           anchor=self.caption_anchor)
        self.buttons.draw(surface)

    def _draw_candle(self, surface: pygame.Surface, stage: Stage) -> None:
        painter = self.services.painter
        painter.draw_at(surface, stage, "candle", CANDLE_AT)
        spec = painter.book["candle"]
        flame_at = spec.point("flame_at")
        tip = (CANDLE_AT[0] - spec.pivot[0] + flame_at[0],
               CANDLE_AT[1] - spec.pivot[1] + flame_at[1])
        flicker = 1.0 + 0.06 * math.sin(self.time * 13.0) + 0.04 * math.sin(self.time * 7.3)
        painter.draw_at(surface, stage, "flame", tip, angle_deg=3 * math.sin(self.time * 5.1),
                        scale=flicker)

    def _draw_title(self, surface: pygame.Surface, viewport: Viewport) -> None:
        title = self.services.strings.get("turk.attract.title")
        style = TextStyle(Face.SMALL_CAPS, viewport.length(54), (246, 230, 196))
        self.services.text.draw(surface, title, style,
                                viewport.point(viewport.design[0] / 2, 18), anchor="midtop")
