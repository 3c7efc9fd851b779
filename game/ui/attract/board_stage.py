"""The Turk at its board, as the play screen shows it, for the acts that use the board.

Owns: ``BoardStage`` — one act's automaton, board view, captions and captured pieces, laid
out exactly as on the play screen (``play_layout``), so the attract loop shows the Turk where
a visitor will find it, and drawn in the play screen's order: room, figure, cabinet,
captured pieces, board, letter board, arms, the winding key, captions. Like the play screen
it can tell what of its drawing changed since the last frame (``visual_keys`` and
``regions``), so the loop redraws and presents only that.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import chess
import pygame

from game.model.material import Captures
from game.ui.attract.act import Stagehand
from game.ui.attract.layout import AttractLayout
from game.ui.automaton.gestures import BoardFrame
from game.ui.automaton.presence import Automaton
from game.ui.board_view import BoardGeometry, BoardView
from game.ui.captions import Captions
from game.ui.scenes.play_panels import FACE


class BoardStage:
    """The figure, the cabinet and the board of one act."""

    def __init__(self, hand: Stagehand, *, white_at_bottom: bool = True) -> None:
        services = hand.services
        self.services = services
        self.layout = hand.layout
        self.white_at_bottom = white_at_bottom
        self.captions = Captions(services.text, enabled=hand.captions_enabled)
        self.automaton = Automaton(services.assets, services.painter, text=services.text,
                                   strings=services.strings, sounds=services.sounds,
                                   captions=self.captions,
                                   rng=random.Random(hand.rng.random()))
        self.automaton.frame = BoardFrame(white_at_bottom)
        self.board = BoardView(services.assets, services.text, self._geometry())
        self.captures = Captures()
        self.turk_color: chess.Color = chess.WHITE
        self.pending_captures = 0
        self._arms: tuple[pygame.Rect, pygame.Rect] | None = None
        self._last_arms: tuple[pygame.Rect, pygame.Rect] | None = None

    def _geometry(self) -> BoardGeometry:
        return BoardGeometry(self.layout.play.board, self.white_at_bottom)

    def resize(self, layout: AttractLayout) -> None:
        self.layout = layout
        self.board.set_geometry(self._geometry())
        self.services.stage.prewarm(layout.play.stage, self.board.geometry.square_size)

    def update(self, dt: float) -> None:
        self.board.update(dt)
        self.automaton.update(dt)
        self.captions.update(dt)

    @property
    def is_settled(self) -> bool:
        """Whether nothing moves on the board and the hand is at rest."""
        return self.board.is_idle and not self.automaton.is_busy

    def close(self) -> None:
        self.automaton.set_whirring(False)
        self.automaton.stop()
        self.services.sounds.stop_all()

    def visual_keys(self, alpha: float) -> dict[str, object]:
        """What each part of the drawing depends on (called once a frame, before
        ``regions``): equal keys draw the same picture."""
        stage = self.layout.play.stage
        self._last_arms, self._arms = self._arms, self.automaton.arm_bounds(stage, alpha)
        keys = dict(self.automaton.visual_key(alpha))
        keys.update({
            "board": self.board.visual_key(alpha),
            "captures": (self.captures, self.turk_color, self.pending_captures),
            "captions": (tuple(self.captions.lines), self.captions.enabled),
        })
        return keys

    def regions(self, changed: Sequence[str]) -> list[pygame.Rect] | None:
        """Where the ``changed`` parts draw, in this frame and the last (``None``: anywhere,
        such as the winding key)."""
        stage = self.layout.play.stage
        arms, last = self._arms, self._last_arms
        if arms is None or last is None:
            return None
        board = self.layout.play.board
        places = {
            "body": self.automaton.body_bounds(stage),
            "arm": arms[0].union(last[0]),
            "resting_arm": arms[1].union(last[1]),
            "face": stage.rect(*FACE),
            "letters": self.automaton.letters_bounds(stage),
            "captures": self.services.stage.captures_bounds(stage),
            "board": board.inflate(board.width // 8, board.height // 8),
            "captions": self.layout.caption.inflate(16, 16),
        }
        rects = []
        for part in changed:
            rect = places.get(part)
            if rect is None:
                return None
            rects.append(rect)
        return rects

    @property
    def arms(self) -> tuple[pygame.Rect, pygame.Rect] | None:
        """Where the arms draw in this frame (known once ``visual_keys`` was asked)."""
        return self._arms

    def draw_arms(self, surface: pygame.Surface, alpha: float) -> None:
        self.automaton.draw_arms(surface, self.layout.play.stage, alpha)

    def draw(self, surface: pygame.Surface, alpha: float, *, arms: bool = True) -> None:
        """The stage (``arms``: with the figure's arms; without, the layer beneath them)."""
        play, stage = self.layout.play, self.layout.play.stage
        view = self.services.stage
        view.draw_room(surface, play.viewport, stage)
        self.automaton.draw_body(surface, stage, alpha)
        view.draw_cabinet(surface, stage)
        view.draw_captures(surface, stage, self.captures, self.turk_color,
                           pending=self.pending_captures)
        self.board.draw(surface, alpha)
        self.automaton.draw_letter_board(surface, stage)
        if arms:
            self.automaton.draw_arms(surface, stage, alpha)
        if self.automaton.key_turning_s > 0:
            self.automaton.draw_key(surface, stage)
        self.captions.draw(surface, self.layout.caption, play.viewport.scale)
