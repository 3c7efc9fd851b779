"""The automaton on stage: what it performs, how it lives between moves, what it spells.

Owns: ``Automaton`` — the performer (queued performances), idle life, the view, the letter
board, and the winding key. It turns cues into sounds and captions itself and hands the cues
that change the board (a piece gripped or set down) to whoever listens (the play scene).
"""

from __future__ import annotations

import random
import tomllib
from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.content.strings import Strings
from game.ui.art import PartPainter
from game.ui.assets import Assets
from game.ui.automaton.gestures import BoardFrame, point_letters, return_to_rest
from game.ui.automaton.life import IdleLife
from game.ui.automaton.performance import (
    Cue,
    Finished,
    KeyWound,
    LetterPointed,
    Performance,
    Performer,
    Said,
    SoundCue,
)
from game.ui.automaton.pose import Pose
from game.ui.automaton.view import AutomatonView
from game.ui.captions import Captions
from game.ui.layout import Stage
from game.ui.loop import STEP_S
from game.ui.sound import SoundBank, SoundSpec
from game.ui.text import Face, TextPainter, TextStyle

Point = tuple[float, float]


@dataclass(frozen=True)
class LetterCell:
    char: str
    centre: Point
    size: Point


def load_letter_cells(assets: Assets) -> tuple[list[LetterCell], float, tuple[int, int, int]]:
    """The letter board's cells, the font scale and the ink colour from its manifest."""
    data = tomllib.loads(assets.path("svg/props/letter_board.toml").read_text("utf-8"))
    cells = [LetterCell(str(c["char"]), (float(c["centre"][0]), float(c["centre"][1])),
                        (float(c["size"][0]), float(c["size"][1]))) for c in data["cells"]]
    ink = data.get("ink", [58, 34, 18])
    return cells, float(data.get("font_scale", 0.6)), (int(ink[0]), int(ink[1]), int(ink[2]))


class Automaton:
    """The Turk as it appears and acts."""

    def __init__(self, assets: Assets, painter: PartPainter, *, text: TextPainter,
                 strings: Strings, sounds: SoundBank, captions: Captions,
                 rng: random.Random | None = None) -> None:
        self._assets = assets
        self._painter = painter
        self._text = text
        self._strings = strings
        self.sounds = sounds
        self.captions = captions
        self.view = AutomatonView(assets, painter)
        self.performer = Performer()
        self.life = IdleLife(rng or random.Random())
        self.frame = BoardFrame()
        self.cells, self._font_scale, self._ink = load_letter_cells(assets)
        self.spelling: str | None = None
        """The message being spelled on the letter board, if any."""
        self.spelled = 0
        """How many of its characters have been pointed at."""
        self.key_turning_s = 0.0
        self.key_angle = 0.0
        self.turned_round = False
        self.on_board_cue: Callable[[Cue], None] | None = None
        sounds.listener = self._caption_sound

    def _caption_sound(self, spec: SoundSpec) -> None:
        if spec.name in ("whirr",):
            return  # held separately while the clockwork runs
        if spec.caption and spec.name != "echec" and self._strings.has(spec.caption):
            self.captions.show(self._strings.get(spec.caption), 2.0)

    # -- commands -------------------------------------------------------------------------

    @property
    def is_busy(self) -> bool:
        return self.performer.is_busy

    def perform(self, performance: Performance) -> None:
        self.performer.play(performance)

    def spell(self, text: str) -> None:
        """Point at each letter of ``text`` on the letter board (queued after what runs)."""
        letters = {cell.char: cell.centre for cell in self.cells}
        message = text.upper()
        performance = point_letters(message, letters)
        performance.name = f"spell:{message}"
        self.performer.play(performance)

    def stop(self) -> None:
        """Drop what is queued (a new game, a takeback, a skipped message); the figure
        settles back into its resting pose."""
        self.performer.clear()
        self.spelling = None
        self.captions.hold("letters", None)
        if self.performer.pose != self.performer.rest:
            self.performer.play(return_to_rest())

    def set_whirring(self, whirring: bool) -> None:
        """The clockwork whirrs while the Turk thinks and moves."""
        if whirring and not self.sounds.is_looping("whirr"):
            self.sounds.start_loop("whirr")
            self.captions.hold("whirr", self._strings.get("sounds.caption.whirr"))
        elif not whirring and self.sounds.is_looping("whirr"):
            self.sounds.stop_loop("whirr")
            self.captions.hold("whirr", None)

    def relabel(self) -> None:
        """The language changed: a caption that stays up is read again."""
        if self.captions.is_held("whirr"):
            self.captions.hold("whirr", self._strings.get("sounds.caption.whirr"))

    # -- time -----------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        current = self.performer.current
        if current and current.startswith("spell:") and self.spelling != current[6:]:
            self.spelling, self.spelled = current[6:], 0
        for cue in self.performer.update(dt):
            self._cue(cue)
        self.life.update(dt)
        if self.key_turning_s > 0:
            self.key_turning_s = max(0.0, self.key_turning_s - dt)
            self.key_angle = (self.key_angle + 360 * dt / 0.55) % 360

    def _cue(self, cue: Cue) -> None:
        if isinstance(cue, SoundCue):
            self.sounds.play(cue.sound)
        elif isinstance(cue, Said):
            self.captions.show(self._strings.get(cue.key), 3.0)
        elif isinstance(cue, LetterPointed):
            self.spelled = cue.index + 1
            if self.spelling:
                self.captions.hold("letters", self.spelling[:self.spelled])
        elif isinstance(cue, KeyWound):
            self.key_turning_s = cue.duration_s
        elif isinstance(cue, Finished) and cue.name.startswith("spell:"):
            self.captions.hold("letters", None)
            self.captions.show(cue.name[6:], 3.0)
            self.spelling = None
        if self.on_board_cue is not None:
            self.on_board_cue(cue)

    def pose(self, alpha: float) -> Pose:
        pose = self.performer.sample(alpha * STEP_S)
        return self.life.apply(pose, performing=self.performer.is_busy)

    # -- drawing --------------------------------------------------------------------------

    def visual_key(self, alpha: float) -> dict[str, object]:
        """What each part of the figure's drawing depends on: equal keys draw the same
        picture. ``body`` the torso and head; ``arm`` the playing arm and the piece it
        carries; ``resting_arm`` the other; ``face`` the eyes and lids alone (a blink, a
        glance); ``letters`` the letter board over the chessboard; ``key`` the winding key;
        ``turned`` the back view. At rest the figure changes only a few times a second
        (``IdleLife``)."""
        pose = self.pose(alpha)
        lean = self.view.solve_arm(pose).lean
        return {
            "body": (lean, pose.nod, pose.head_deg, pose.face),
            "arm": (pose.hand, pose.hand_shape, pose.lift, lean, self.performer.carried),
            "resting_arm": (pose.tap, lean),
            "face": (pose.gaze, pose.lids),
            "letters": (self.spelling, self.spelled),
            "key": (self.key_turning_s > 0, self.key_angle),
            "turned": self.turned_round,
        }

    def body_bounds(self, stage: Stage) -> pygame.Rect:
        """Where the torso and head can draw, in any pose."""
        return self.view.body_bounds(stage)

    def letters_bounds(self, stage: Stage) -> pygame.Rect:
        """Where the letter board and its letters draw."""
        spec = self._painter.book["letter_board"]
        assert spec.rect is not None
        return stage.rect(*spec.rect).inflate(8, 8)

    def arm_bounds(self, stage: Stage, alpha: float) -> tuple[pygame.Rect, pygame.Rect]:
        """Where the playing arm (with the carried piece) and the resting arm draw in this
        frame's pose."""
        pose = self.pose(alpha)
        return (self.view.arm_bounds(stage, pose, self.performer.carried),
                self.view.resting_arm_bounds(stage, pose))

    def draw_body(self, surface: pygame.Surface, stage: Stage, alpha: float) -> None:
        self.view.draw_body(surface, stage, self.pose(alpha), turned_round=self.turned_round)

    def draw_arms(self, surface: pygame.Surface, stage: Stage, alpha: float) -> None:
        self.view.draw_arms(surface, stage, self.pose(alpha), self.performer.carried,
                            turned_round=self.turned_round)

    def draw_letter_board(self, surface: pygame.Surface, stage: Stage) -> None:
        """The alphabet board laid over the chessboard while a message is spelled."""
        if self.spelling is None:
            return
        self._painter.draw_placed(surface, stage, "letter_board")
        pointed = self._pointed_char()
        for cell in self.cells:
            height = max(8, round(cell.size[1] * stage.unit * self._font_scale))
            lit = cell.char == pointed
            style = TextStyle(Face.SERIF, height, (150, 40, 20) if lit else self._ink)
            centre = stage.point(*cell.centre)
            if lit:
                ring = stage.rect(cell.centre[0] - cell.size[0] / 2,
                                  cell.centre[1] - cell.size[1] / 2, *cell.size)
                pygame.draw.rect(surface, (150, 40, 20), ring, max(2, round(stage.unit * 0.006)),
                                 border_radius=max(2, ring.width // 8))
            self._text.draw(surface, cell.char, style, centre, anchor="center")

    def _pointed_char(self) -> str | None:
        if not self.spelling or self.spelled == 0:
            return None
        char = self.spelling[self.spelled - 1].upper()
        return {"É": "E", "Ä": "A", "Ö": "O", "Ü": "U", "ß": "S"}.get(char, char)

    def draw_key(self, surface: pygame.Surface, stage: Stage) -> None:
        """The winding key at the cabinet's left end (turning while it is wound)."""
        spec = self._painter.book["key"]
        self._painter.draw_at(surface, stage, "key", spec.point("at"), angle_deg=self.key_angle)
