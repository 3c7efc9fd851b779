"""The ledger: the game replayed once more, every Turk move marked with its true author.

Owns: ``LedgerView`` — a ``BoardView`` that replays the game move by move (quickly in the
first pass, at a calm pace when the visitor asks for more), a badge on the square the Turk's
last move reached (the author's icon), and beside it the list of moves with icon and name
(never colour alone) and a summary of how many Turk moves each author made. The entries come
straight from the game's sealed records (``RevealFacts.ledger``).
"""

from __future__ import annotations

import chess
import pygame

from game.content.notation import PieceLetters, localize_san, piece_letters
from game.content.screens import LEDGER_LABELS
from game.content.strings import Strings
from game.model.records import MoveAuthor
from game.model.reveal import LedgerEntry, RevealFacts
from game.ui.assets import Assets
from game.ui.board_view import BoardGeometry, BoardView
from game.ui.reveal.icons import IconPainter
from game.ui.reveal.layout import CREAM, GILT, GOLD_TEXT, LIST_PX, PARCHMENT, QUIET, VITRINE
from game.ui.reveal.plan import move_animation_seconds
from game.ui.text import Face, TextPainter, TextStyle

CALM_PLY_S = 0.9
"""One move of the replay when the visitor has asked for more."""


def label_key(author: MoveAuthor) -> str:
    return f"reveal.ledger.label.{author.value}"


def move_text(entry: LedgerEntry, letters: PieceLetters | None = None) -> str:
    """``12. Nf3`` for White, ``12… Nf3`` for Black (``12. Sf3`` with German letters)."""
    san = localize_san(entry.san, letters) if letters is not None else entry.san
    return f"{entry.move_number}{'.' if entry.is_white else '…'} {san}"


class LedgerView:
    """The replay and the list of who made each move."""

    def __init__(self, assets: Assets, text: TextPainter, icons: IconPainter,
                 facts: RevealFacts) -> None:
        self._text = text
        self._icons = icons
        self.facts = facts
        self.board = BoardView(assets, text, BoardGeometry(pygame.Rect(0, 0, 8, 8)))
        self.ply_s = 0.4
        self.shown = 0
        """How many moves of the game the board shows."""
        self._clock = 0.0
        self.restart(ply_s=self.ply_s)

    @property
    def entries(self) -> tuple[LedgerEntry, ...]:
        return self.facts.ledger

    @property
    def is_done(self) -> bool:
        return self.shown >= len(self.entries)

    def restart(self, *, ply_s: float) -> None:
        """Replay from the start position, one move every ``ply_s`` seconds."""
        self.ply_s = max(0.05, ply_s)
        self.shown = 0
        self._clock = 0.0
        self.board.show_position(chess.Board(self.facts.start_fen).piece_map())
        self.board.state.last_move = None
        self.board.state.check_square = None

    def finish(self) -> None:
        """Jump to the final position."""
        while not self.is_done:
            self._step(animate=False)

    def set_board_rect(self, rect: pygame.Rect) -> None:
        white_at_bottom = self.facts.visitor_color == chess.WHITE
        self.board.set_geometry(BoardGeometry(rect, white_at_bottom))

    def update(self, dt: float) -> None:
        self.board.update(dt)
        if self.is_done:
            return
        self._clock += dt
        while self._clock >= self.ply_s and not self.is_done:
            self._clock -= self.ply_s
            self._step(animate=True)

    def _step(self, *, animate: bool) -> None:
        entry = self.entries[self.shown]
        self.shown += 1
        board = chess.Board(entry.fen)
        if animate:
            self.board.animate_to(board.piece_map(), move_animation_seconds(self.ply_s))
        else:
            self.board.show_position(board.piece_map())
        move = chess.Move.from_uci(entry.uci)
        self.board.state.last_move = (move.from_square, move.to_square)
        self.board.state.check_square = board.king(board.turn) if board.is_check() else None

    def current(self) -> LedgerEntry | None:
        return self.entries[self.shown - 1] if self.shown else None

    def last_turk_entry(self) -> LedgerEntry | None:
        for entry in reversed(self.entries[:self.shown]):
            if entry.by_turk:
                return entry
        return None

    # -- drawing (reads only) -------------------------------------------------------------

    def draw_board(self, surface: pygame.Surface, alpha: float) -> None:
        geo = self.board.geometry
        pygame.draw.rect(surface, GILT, geo.rect.inflate(12, 12), 4)
        self.board.draw(surface, alpha)
        entry = self.last_turk_entry()
        if entry is not None and self.board.is_idle:
            square = chess.Move.from_uci(entry.uci).to_square
            self._badge(surface, geo.square_rect(square), entry.author)

    def _badge(self, surface: pygame.Surface, square: pygame.Rect, author: MoveAuthor) -> None:
        size = max(16, round(square.width * 0.5))
        center = (square.right - size // 4, square.top + size // 4)
        pygame.draw.circle(surface, VITRINE, center, size * 0.62)
        pygame.draw.circle(surface, GILT, center, size * 0.62, max(2, size // 14))
        icon = self._icons.author(author, size, CREAM)
        surface.blit(icon, icon.get_rect(center=center))

    def summary_rows(self, strings: Strings) -> list[tuple[MoveAuthor, str, int]]:
        """(author, label, moves) for each author of the Turk's moves, in the ledger's order."""
        rows: list[tuple[MoveAuthor, str, int]] = []
        for name in LEDGER_LABELS:
            author = MoveAuthor(name)
            count = self.facts.counts.get(author, 0)
            if count and author is not MoveAuthor.VISITOR:
                rows.append((author, strings.get(label_key(author)), count))
        return rows

    def row_labels(self, strings: Strings) -> list[tuple[LedgerEntry, str]]:
        """Each move shown so far with its line: ``12… Nf3 — The computer program``."""
        letters = piece_letters(strings)
        return [(entry, f"{move_text(entry, letters)} — {strings.get(label_key(entry.author))}")
                for entry in self.entries[:self.shown]]

    def draw_list(self, surface: pygame.Surface, area: pygame.Rect, strings: Strings,
                  px: float) -> None:
        """The summary, then the moves up to the current one (as many as fit)."""
        size = max(24, round(LIST_PX * px))
        y = area.top
        style = TextStyle(Face.SERIF, size, GOLD_TEXT)
        number_w = self._text.size("000", style)[0]
        for author, label, count in self.summary_rows(strings):
            self._text.draw(surface, str(count), style, (area.right, y), anchor="topright")
            y = self._row(surface, area.inflate(-number_w, 0).move(-number_w // 2, 0), y,
                          author=author, line=label, style=style)
        y += size // 2
        pygame.draw.line(surface, GILT, (area.left, y), (area.right, y), 2)
        y += size // 2
        rows: list[tuple[LedgerEntry, str, TextStyle, int]] = []
        room = area.bottom - y
        labelled = self.row_labels(strings)
        for index in range(self.shown - 1, -1, -1):
            entry, label = labelled[index]
            color = CREAM if index == self.shown - 1 else (PARCHMENT if entry.by_turk else QUIET)
            style = TextStyle(Face.SERIF, size, color)
            height = self._row_height(area, label, style)
            if height > room:
                break
            room -= height
            rows.append((entry, label, style, height))
        for entry, label, style, _height in reversed(rows):
            y = self._row(surface, area, y, author=entry.author, line=label, style=style)

    def _row_height(self, area: pygame.Rect, line: str, style: TextStyle) -> int:
        icon_size = round(style.size * 1.2)
        lines = self._text.wrap(line, style, area.width - icon_size - style.size // 2)
        used = round(style.size * 1.15) * len(lines)
        return max(used, icon_size) + style.size // 5

    def _row(self, surface: pygame.Surface, area: pygame.Rect, y: int, *, author: MoveAuthor,
             line: str, style: TextStyle) -> int:
        icon_size = round(style.size * 1.2)
        icon = self._icons.author(author, icon_size, style.color[:3])
        surface.blit(icon, (area.left, y))
        text_rect = pygame.Rect(area.left + icon_size + style.size // 2, y,
                                area.width - icon_size - style.size // 2, area.bottom - y)
        self._text.draw_block(surface, line, style, text_rect, line_gap=1.15)
        return y + self._row_height(area, line, style)
