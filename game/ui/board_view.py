"""The chessboard on screen: squares, pieces, highlights, dots, drag and move animation.

Owns: ``BoardGeometry`` (square ↔ pixel for either orientation) and ``BoardView`` (what the
board shows; the scene sets its state, ``draw`` only reads it). The board knows no rules: legal
targets, the last move and check come from the scene. Highlights never rely on colour alone:
the last move's squares carry corner brackets (from) and a frame (to), the checked king a
ring, the keyboard cursor a double frame, capture targets a ring and empty targets a dot.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import chess
import pygame

from game.ui.animation import MoveAnimation, MovePlan, plan_move
from game.ui.assets import Assets
from game.ui.text import Face, TextPainter, TextStyle

LIGHT = (236, 216, 176)
DARK = (165, 117, 80)
LAST_MOVE = (214, 168, 52)
SELECTED = (92, 140, 70)
CHECK = (200, 40, 30)
TARGET = (40, 30, 20)
CURSOR_OUTER = (255, 250, 235)
CURSOR_INNER = (30, 20, 10)
COORDINATE_ON_LIGHT = (104, 64, 34)
COORDINATE_ON_DARK = (252, 243, 224)
"""The board's letters and numbers: dark on light squares, light on dark ones, each at a
contrast of at least 3:1 against its square."""
MIN_COORDINATE_PX = 12


@dataclass(frozen=True)
class BoardGeometry:
    """Where each square is: ``rect`` is the whole board; White at the bottom unless flipped."""

    rect: pygame.Rect
    white_at_bottom: bool = True

    @property
    def square_size(self) -> float:
        return self.rect.width / 8

    def square_at(self, pos: tuple[float, float]) -> chess.Square | None:
        """The square under a window position, or ``None`` off the board."""
        x, y = pos[0] - self.rect.left, pos[1] - self.rect.top
        size = self.square_size
        if not (0 <= x < self.rect.width and 0 <= y < self.rect.height):
            return None
        column, row = int(x // size), int(y // size)
        column, row = min(column, 7), min(row, 7)
        if self.white_at_bottom:
            return chess.square(column, 7 - row)
        return chess.square(7 - column, row)

    def square_rect(self, square: chess.Square) -> pygame.Rect:
        column, row = self._cell(square)
        size = self.square_size
        left = self.rect.left + round(column * size)
        top = self.rect.top + round(row * size)
        return pygame.Rect(left, top, self.rect.left + round((column + 1) * size) - left,
                           self.rect.top + round((row + 1) * size) - top)

    def square_center(self, square: chess.Square) -> tuple[float, float]:
        column, row = self._cell(square)
        size = self.square_size
        return (self.rect.left + (column + 0.5) * size, self.rect.top + (row + 0.5) * size)

    def _cell(self, square: chess.Square) -> tuple[int, int]:
        file, rank = chess.square_file(square), chess.square_rank(square)
        return (file, 7 - rank) if self.white_at_bottom else (7 - file, rank)


@dataclass
class Drag:
    """A piece being dragged: where it came from and where the pointer is."""

    from_square: chess.Square
    piece: chess.Piece
    pos: tuple[float, float]


@dataclass
class BoardState:
    """Everything the board shows besides the geometry (set by the scene)."""

    pieces: dict[chess.Square, chess.Piece] = field(default_factory=dict)
    """The pieces as displayed (the view lags the model while moves animate)."""
    last_move: tuple[chess.Square, chess.Square] | None = None
    check_square: chess.Square | None = None
    selected: chess.Square | None = None
    targets: dict[chess.Square, bool] = field(default_factory=dict)
    """Legal destinations of the selected piece → whether the move captures."""
    cursor: chess.Square | None = None
    drag: Drag | None = None
    hidden: frozenset[chess.Square] = frozenset()
    """Squares whose piece someone else draws (the automaton's hand is carrying it)."""
    show_coordinates: bool = True


class BoardView:
    """Draws a ``BoardState`` into a ``BoardGeometry``, animating moves."""

    def __init__(self, assets: Assets, text: TextPainter, geometry: BoardGeometry) -> None:
        self._assets = assets
        self._text = text
        self.geometry = geometry
        self.state = BoardState()
        self.animation: MoveAnimation | None = None
        self._squares_cache: tuple[tuple[int, int, bool, bool], pygame.Surface] | None = None

    # -- state changes (called by the scene) ------------------------------------------------

    def set_geometry(self, geometry: BoardGeometry) -> None:
        self.geometry = geometry

    def show_position(self, pieces: Mapping[chess.Square, chess.Piece]) -> None:
        """Jump to a position without animation."""
        self.animation = None
        self.state.pieces = dict(pieces)

    def animate_to(self, pieces: Mapping[chess.Square, chess.Piece], duration_s: float) -> MovePlan:
        """Slide from the displayed position to ``pieces``; returns the plan."""
        plan = plan_move(self.state.pieces, pieces)
        self.state.pieces = dict(pieces)
        self.animation = MoveAnimation(plan, duration_s) if duration_s > 0 else None
        return plan

    def update(self, dt: float) -> None:
        if self.animation is not None:
            self.animation.update(dt)
            if self.animation.is_done:
                self.animation = None

    @property
    def is_idle(self) -> bool:
        """Whether no move is animating."""
        return self.animation is None

    # -- drawing (reads only) -----------------------------------------------------------

    def visual_key(self, alpha: float, *, step_s: float = 1 / 60) -> tuple[object, ...]:
        """What the board's drawing depends on: equal keys draw the same picture."""
        state, animation = self.state, self.animation
        drag = state.drag
        return (self.geometry.rect.topleft, self.geometry.rect.size,
                self.geometry.white_at_bottom, tuple(sorted(state.pieces.items())),
                state.last_move, state.check_square, state.selected,
                tuple(sorted(state.targets.items())), state.cursor,
                None if drag is None else (drag.from_square, drag.piece,
                                           round(drag.pos[0]), round(drag.pos[1])),
                state.hidden, state.show_coordinates,
                None if animation is None else (id(animation.plan),
                                                round(animation.progress(alpha * step_s), 3)))

    def draw(self, surface: pygame.Surface, alpha: float = 0.0, *, step_s: float = 1 / 60) -> None:
        geo, state = self.geometry, self.state
        surface.blit(self._squares_surface(), geo.rect.topleft)
        self._draw_marks(surface)
        moving = self.animation.plan.arriving if self.animation else frozenset()
        dragged = state.drag.from_square if state.drag else None
        size = self._piece_size()
        for square, piece in state.pieces.items():
            if square in moving or square in state.hidden:
                continue
            image = self._assets.piece(piece, size)
            if square == dragged:
                image = image.copy()
                image.set_alpha(70)
            surface.blit(image, image.get_rect(center=geo.square_center(square)))
        if self.animation is not None:
            self._draw_animation(surface, self.animation, alpha * step_s, size)
        self._draw_targets(surface)
        if state.cursor is not None:
            self._draw_cursor(surface, state.cursor)
        if state.drag is not None:
            image = self._assets.piece(state.drag.piece, round(size * 1.12))
            surface.blit(image, image.get_rect(center=state.drag.pos))

    def _piece_size(self) -> int:
        return max(8, round(self.geometry.square_size * 0.94))

    def _draw_animation(self, surface: pygame.Surface, animation: MoveAnimation,
                        ahead_s: float, size: int) -> None:
        t = animation.progress(ahead_s)
        geo = self.geometry
        for fade in animation.plan.fades:
            image = self._assets.piece(fade.piece, size).copy()
            image.set_alpha(round(255 * (1 - t)))
            surface.blit(image, image.get_rect(center=geo.square_center(fade.square)))
        for motion in animation.plan.motions:
            x0, y0 = geo.square_center(motion.from_square)
            x1, y1 = geo.square_center(motion.to_square)
            image = self._assets.piece(motion.piece, size)
            surface.blit(image, image.get_rect(center=(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)))

    def _squares_surface(self) -> pygame.Surface:
        geo = self.geometry
        key = (geo.rect.width, geo.rect.height, geo.white_at_bottom, self.state.show_coordinates)
        if self._squares_cache is not None and self._squares_cache[0] == key:
            return self._squares_cache[1]
        board = pygame.Surface(geo.rect.size)
        local = BoardGeometry(pygame.Rect((0, 0), geo.rect.size), geo.white_at_bottom)
        for square in chess.SQUARES:
            light = (chess.square_file(square) + chess.square_rank(square)) % 2 == 1
            board.fill(LIGHT if light else DARK, local.square_rect(square))
        if self.state.show_coordinates:
            self._draw_coordinates(board, local)
        self._squares_cache = (key, board)
        return board

    def _draw_coordinates(self, board: pygame.Surface, local: BoardGeometry) -> None:
        size = coordinate_px(local.square_size)
        pad = max(2, round(local.square_size * 0.05))
        bottom_rank = 0 if local.white_at_bottom else 7
        left_file = 0 if local.white_at_bottom else 7
        for file in range(8):
            square = chess.square(file, bottom_rank)
            rect = local.square_rect(square)
            color = coordinate_color(light=(file + bottom_rank) % 2 == 1)
            style = TextStyle(Face.SANS_BOLD, size, color)
            self._text.draw(board, chess.FILE_NAMES[file], style,
                            (rect.right - pad, rect.bottom - pad // 2), anchor="bottomright")
        for rank in range(8):
            square = chess.square(left_file, rank)
            rect = local.square_rect(square)
            color = coordinate_color(light=(left_file + rank) % 2 == 1)
            style = TextStyle(Face.SANS_BOLD, size, color)
            self._text.draw(board, chess.RANK_NAMES[rank], style,
                            (rect.left + pad, rect.top + pad // 2), anchor="topleft")

    def _draw_marks(self, surface: pygame.Surface) -> None:
        state, geo = self.state, self.geometry
        line = max(2, round(geo.square_size * 0.05))
        if state.last_move is not None:
            source, target = state.last_move
            _tint(surface, geo.square_rect(source), LAST_MOVE, 95)
            _tint(surface, geo.square_rect(target), LAST_MOVE, 120)
            _corners(surface, geo.square_rect(source), (150, 110, 20), line)
            _outline(surface, (150, 110, 20), geo.square_rect(target).inflate(-line, -line), line)
        if state.selected is not None:
            _tint(surface, geo.square_rect(state.selected), SELECTED, 130)
            _outline(surface, (40, 80, 30), geo.square_rect(state.selected), line)
        if state.drag is not None:
            over = geo.square_at(state.drag.pos)
            if over is not None:
                _outline(surface, (255, 255, 255), geo.square_rect(over), line)
        if state.check_square is not None:
            rect = geo.square_rect(state.check_square)
            _glow(surface, rect, CHECK)
            pygame.draw.circle(surface, CHECK, rect.center, round(rect.width * 0.47), line + 1)

    def _draw_targets(self, surface: pygame.Surface) -> None:
        if not self.state.targets:
            return
        geo = self.geometry
        overlay = pygame.Surface(geo.rect.size, pygame.SRCALPHA)
        offset = pygame.Vector2(geo.rect.topleft)
        for square, capture in self.state.targets.items():
            rect = geo.square_rect(square).move(-offset.x, -offset.y)
            if capture:
                pygame.draw.circle(overlay, (*TARGET, 110), rect.center, round(rect.width * 0.47),
                                   max(3, round(rect.width * 0.09)))
            else:
                pygame.draw.circle(overlay, (*TARGET, 90), rect.center, round(rect.width * 0.15))
        surface.blit(overlay, geo.rect.topleft)

    def _draw_cursor(self, surface: pygame.Surface, square: chess.Square) -> None:
        rect = self.geometry.square_rect(square)
        width = max(3, round(rect.width * 0.06))
        _outline(surface, CURSOR_OUTER, rect, width)
        _outline(surface, CURSOR_INNER, rect.inflate(-2 * width, -2 * width), max(2, width // 2))


def coordinate_px(square_size: float) -> int:
    """The height of the board's coordinates: readable even on a small window's board."""
    return max(MIN_COORDINATE_PX, round(square_size * 0.22))


def coordinate_color(*, light: bool) -> tuple[int, int, int]:
    """The ink of a coordinate written on a light (or dark) square."""
    return COORDINATE_ON_LIGHT if light else COORDINATE_ON_DARK


def _tint(surface: pygame.Surface, rect: pygame.Rect, color: tuple[int, int, int],
           alpha: int) -> None:
    patch = pygame.Surface(rect.size, pygame.SRCALPHA)
    patch.fill((*color, alpha))
    surface.blit(patch, rect)


def _corners(surface: pygame.Surface, rect: pygame.Rect, color: tuple[int, int, int],
             width: int) -> None:
    """Four corner brackets: marks a square by shape, not only by colour."""
    arm = max(4, rect.width // 4)
    inset = rect.inflate(-width, -width)
    for (x, y), (dx, dy) in (((inset.left, inset.top), (1, 1)),
                             ((inset.right - 1, inset.top), (-1, 1)),
                             ((inset.left, inset.bottom - 1), (1, -1)),
                             ((inset.right - 1, inset.bottom - 1), (-1, -1))):
        pygame.draw.line(surface, color, (x, y), (x + dx * arm, y), width)
        pygame.draw.line(surface, color, (x, y), (x, y + dy * arm), width)


def _glow(surface: pygame.Surface, rect: pygame.Rect, color: tuple[int, int, int]) -> None:
    """A soft radial glow under a checked king."""
    patch = pygame.Surface(rect.size, pygame.SRCALPHA)
    radius = rect.width / 2
    for step in range(8, 0, -1):
        pygame.draw.circle(patch, (*color, 26), (radius, radius), radius * step / 8)
    surface.blit(patch, rect)


def _outline(surface: pygame.Surface, color: tuple[int, int, int], rect: pygame.Rect,
             width: int) -> None:
    """A square frame ``width`` pixels thick inside ``rect``, as four filled bars.
    ``pygame.draw.rect`` with a width fills the whole rectangle when the surface's clip
    leaves less than two widths of it (pygame-ce 2.5), so a frame drawn in part (the
    presenter redraws only what changed) would differ from the same frame drawn whole."""
    width = min(width, rect.width // 2, rect.height // 2)
    if width <= 0:
        return
    for bar in (pygame.Rect(rect.left, rect.top, rect.width, width),
                pygame.Rect(rect.left, rect.bottom - width, rect.width, width),
                pygame.Rect(rect.left, rect.top + width, width, rect.height - 2 * width),
                pygame.Rect(rect.right - width, rect.top + width, width, rect.height - 2 * width)):
        surface.fill(color, bar)
