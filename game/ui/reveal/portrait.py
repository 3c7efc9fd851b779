"""A portrait of the whole automaton for the guess and history screens: figure, cabinet, board.

Owns: ``AutomatonPortrait`` — the play screen's own automaton (``AutomatonView``, the same
art, rig and inverse kinematics) composed with the cabinet and a board — a game's opening, or
the position a game ended in (the guess shows the game just played) — the playing hand
hovering over it, into one picture per size and position (cached).
"""

from __future__ import annotations

import chess
import pygame

from game.ui.art import ArtBook, PartPainter
from game.ui.assets import Assets
from game.ui.automaton.pose import Pose
from game.ui.automaton.view import AutomatonView
from game.ui.board_view import DARK, LIGHT
from game.ui.layout import Stage

BOX = (-0.36, -0.8, 1.72, 2.88)
"""The portrait's extent in stage units (x, y, width, height)."""
POSITION = "r1bqkbnr/pppp1ppp/2n5/4p3/4P3/5N2/PPPP1PPP/RNBQKB1R w KQkq - 2 3"
"""The history screens' picture: a game in its opening."""
POSE = Pose(hand=(0.69, 0.56), hand_shape="open", lift=0.4)
"""The hand hovers over the board, as if about to move."""
CABINET = ("cabinet_top", "cabinet_front", "cushion")


class AutomatonPortrait:
    """The automaton, composed once per size."""

    def __init__(self, assets: Assets) -> None:
        self._assets = assets
        self._painter = PartPainter(assets, ArtBook.load(assets))
        self._view = AutomatonView(assets, self._painter)
        self._cache: dict[tuple[tuple[int, int], str], pygame.Surface] = {}

    def picture(self, size: tuple[int, int], fen: str = POSITION) -> pygame.Surface:
        """The automaton fitted into ``size`` (transparent around it), its board showing the
        position ``fen``."""
        key = (size, fen)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._compose(size, fen)
            self._cache = {key: cached}
        return cached

    def _compose(self, size: tuple[int, int], fen: str) -> pygame.Surface:
        unit = min(size[0] / BOX[2], size[1] / BOX[3])
        stage = Stage((size[0] / 2 - (BOX[0] + BOX[2] / 2) * unit,
                       size[1] / 2 - (BOX[1] + BOX[3] / 2) * unit), unit)
        canvas = pygame.Surface(size, pygame.SRCALPHA)
        self._view.draw_body(canvas, stage, POSE)
        for name in sorted(CABINET, key=lambda n: self._painter.book[n].z):
            self._painter.draw_placed(canvas, stage, name)
        self._board(canvas, stage, fen)
        self._view.draw_arms(canvas, stage, POSE, None)
        return canvas

    def _board(self, canvas: pygame.Surface, stage: Stage, fen: str) -> None:
        board = chess.Board(fen)
        side = max(8, round(stage.unit / 8))
        for square in chess.SQUARES:
            file, rank = chess.square_file(square), chess.square_rank(square)
            cell = stage.rect(file / 8, (7 - rank) / 8, 1 / 8, 1 / 8)
            canvas.fill(LIGHT if (file + rank) % 2 else DARK, cell)
            piece = board.piece_at(square)
            if piece is not None:
                image = self._assets.piece(piece, side)
                canvas.blit(image, image.get_rect(center=cell.center))
