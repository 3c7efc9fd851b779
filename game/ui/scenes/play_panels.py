"""The play screen's status panel and buttons.

Owns: ``StatusPanel`` (the one line that tells the visitor what is happening — whose move,
check, a claimable draw, a refused move, the result — and a second, quieter line) and
``play_buttons`` (the controls), plus ``ending_lines`` (the words for how a game ended).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import chess
import pygame

from game.content.strings import Strings
from game.model.session import Ending, GameSession, Termination
from game.ui.assets import for_display
from game.ui.layout import PlayLayout
from game.ui.text import Face, TextPainter, TextStyle
from game.ui.widgets import Button, ButtonRow, draw_plaque

INK = (46, 30, 18)
INK_SOFT = (102, 76, 52)
PAPER_TOP = (244, 233, 206)
PAPER_BOTTOM = (226, 209, 170)
PAPER_EDGE = (120, 86, 48)
MAIN_PX, MIN_MAIN_PX = 40, 24
"""Design pixels of the main line: as large as fits, never smaller than the minimum."""
CARET = "|"
"""The typing caret: a character every face has (a missing glyph would draw a box)."""


def play_buttons(text: TextPainter, strings: Strings, *, takeback: bool) -> ButtonRow:
    """The play screen's controls, in the order they are laid out."""
    actions = ["new_game", *(["take_back"] if takeback else []), "claim_draw", "resign", "save"]
    buttons = [Button(action, strings.get(f"ui.button.{action}"), key=f"ui.button.{action}",
                      visible=action != "claim_draw") for action in actions]
    return ButtonRow(text, buttons)


def ending_lines(strings: Strings, ending: Ending, visitor: chess.Color) -> tuple[str, str]:
    """(headline, reason) for an ended game, from the visitor's point of view."""
    if ending.termination is Termination.ABANDONED:
        return strings.get("ui.ending.abandoned"), ""
    if ending.winner is None:
        headline = strings.get("ui.ending.draw")
    elif ending.winner == visitor:
        headline = strings.get("ui.ending.visitor_wins")
    else:
        headline = strings.get("ui.ending.turk_wins")
    if ending.termination is Termination.RESIGNATION:
        loser_is_visitor = ending.winner != visitor
        reason = strings.get("ui.ending.resignation_visitor" if loser_is_visitor
                             else "ui.ending.resignation_turk")
    else:
        reason = strings.get(f"ui.ending.{ending.termination.value}")
    return headline, reason


class StatusPanel:
    """What is happening, in a sentence."""

    def __init__(self, text: TextPainter, strings: Strings) -> None:
        self._text = text
        self._strings = strings
        self.thinking = False
        self.failure: str | None = None
        self.time_left_s: float | None = None
        """A kiosk's time cap: seconds of play left (shown in the corner), or ``None``."""
        self._flash: tuple[str, dict[str, str], int | None] | None = None
        self._flash_s = 0.0
        self._plaque: tuple[tuple[int, int, int, int], pygame.Surface] | None = None

    def clear(self) -> None:
        self.thinking, self.failure, self._flash, self._flash_s = False, None, None, 0.0

    @property
    def flash_key(self) -> str | None:
        """The key of the message flashed now (for the trace), if any."""
        return self._flash[0] if self._flash is not None else None

    def flash(self, key: str, *, item: int | None = None, **fields: str) -> None:
        """Show a message for a few seconds (``item``: which text of a list key)."""
        self._flash = (key, fields, item)
        self._flash_s = 4.0

    def _flash_text(self) -> str:
        if self._flash is None:
            return ""
        key, fields, item = self._flash
        if item is not None:
            return self._strings.get_list(key, **fields)[item]
        return self._strings.get(key, **fields)

    def update(self, dt: float) -> None:
        if self._flash_s > 0:
            self._flash_s -= dt
            if self._flash_s <= 0:
                self._flash = None

    def lines(self, session: GameSession, *, typed: str,
              turk_moving: bool = False) -> tuple[str, str]:
        """The main line and the quiet line, in the visitor's language.

        ``turk_moving``: the Turk's hand is still carrying its move (the model already has
        it), so the visitor is not yet told it is their turn.
        """
        s = self._strings
        if self.failure is not None:
            # In character: the reason (an engine's name, a position) is for the log; shown
            # here it would give the secret away before the reveal.
            return s.get("ui.status.turk_jammed"), ""
        if typed:
            return s.get("ui.status.typing", text=typed + CARET), ""
        flash = self._flash_text()
        if session.ending is not None and not turk_moving:
            # The result is never pushed aside: a note ("Game saved.") goes below it.
            headline, reason = ending_lines(s, session.ending, session.visitor_color)
            return headline, f"{reason} {flash}".strip()
        if flash:
            return flash, ""
        if turk_moving:
            return s.get("ui.status.turk_moving"), ""
        if session.is_turk_turn:
            return s.get("ui.status.turk_thinking"), ""
        main = s.get("ui.status.your_move")
        if session.position.check_square is not None:
            main = f"{s.get('ui.status.check')} {main}"
        claims = session.draw_claims()
        quiet = (s.get("ui.status.claim_available",
                       reason=s.get(f"ui.claim.{claims[0].value}")) if claims
                 else self._visit_format(session))
        return main, quiet

    def _visit_format(self, session: GameSession) -> str:
        """A kiosk's set endgame or odds game says what it is ("" for a whole game)."""
        visit = session.headers.get("VisitFormat", "")
        endgame = session.headers.get("Endgame", "")
        if visit == "endgame" and endgame:
            return self._strings.get("kiosk.status.endgame",
                                     name=self._strings.get(f"kiosk.endgame.{endgame}"))
        if visit == "odds":
            return self._strings.get("kiosk.status.odds")
        return ""

    def draw(self, surface: pygame.Surface, layout: PlayLayout, session: GameSession, *,
             typed: str, turk_moving: bool = False) -> None:
        main, quiet = self.lines(session, typed=typed, turk_moving=turk_moving)
        self.draw_lines(surface, layout, main, quiet)

    def draw_lines(self, surface: pygame.Surface, layout: PlayLayout, main: str,
                   quiet: str) -> None:
        """The panel with these two lines (the main one large, the quiet one below)."""
        rect = layout.status
        vp = layout.viewport
        key = (rect.x, rect.y, rect.width, rect.height)
        if self._plaque is None or self._plaque[0] != key:
            plaque = pygame.Surface(rect.size, pygame.SRCALPHA)
            draw_plaque(plaque, plaque.get_rect(), radius=vp.length(14), top=PAPER_TOP,
                        bottom=PAPER_BOTTOM, edge=PAPER_EDGE)
            self._plaque = (key, for_display(plaque))
        surface.blit(self._plaque[1], rect)
        inner = rect.inflate(-vp.length(40), -vp.length(24))
        clock = self._clock()
        main_style, quiet_style = self._styles(main, quiet, inner, vp.scale, clock=bool(clock))
        # The time left has a line of its own at the bottom: the quiet line never runs
        # under it.
        clock_h = round(quiet_style.size * 1.1) if clock else 0
        text_box = pygame.Rect(inner.left, inner.top, inner.width, inner.height - clock_h)
        used = self._text.draw_block(surface, main, main_style, text_box, line_gap=1.1)
        if quiet:
            top = inner.top + used + vp.length(6)
            below = pygame.Rect(inner.left, top, inner.width, text_box.bottom - top)
            self._text.draw_block(surface, quiet, quiet_style, below, line_gap=1.1)
        if clock:
            line = pygame.Rect(inner.left, text_box.bottom, inner.width, clock_h)
            self._text.draw(surface, clock, quiet_style, line.bottomright, anchor="bottomright",
                            within=line)

    def _clock(self) -> str:
        """ "Time left 4:59" on a kiosk's capped game, else ""."""
        if self.time_left_s is None:
            return ""
        left = max(0, int(self.time_left_s + 0.999))
        return self._strings.get("kiosk.clock.left", time=f"{left // 60}:{left % 60:02d}")

    def _styles(self, main: str, quiet: str, inner: pygame.Rect, scale: float, *,
                clock: bool = False) -> tuple[TextStyle, TextStyle]:
        """The largest type (40 and 28 design pixels at most) at which both lines fit, and
        the clock's line below them when there is one."""
        for main_px in range(MAIN_PX, MIN_MAIN_PX - 1, -2):
            main_style = TextStyle(Face.SERIF, max(1, round(main_px * scale)), INK)
            quiet_style = TextStyle(Face.ITALIC, max(1, round(main_px * 0.7 * scale)),
                                    INK_SOFT)
            height = self._height(main, main_style, inner.width)
            if quiet:
                height += round(6 * scale) + self._height(quiet, quiet_style, inner.width)
            if clock:
                height += round(quiet_style.size * 1.1)
            if height <= inner.height:
                break
        return main_style, quiet_style

    def _height(self, text: str, style: TextStyle, width: int) -> int:
        return round(style.size * 1.1) * len(self._text.wrap(text, style, width))


FACE = (0.32, -0.64, 0.36, 0.40)
"""Where the eyes and the lids are (stage units): a blink or a glance changes only this."""


@dataclass(frozen=True)
class FigureRegions:
    """Where the figure's parts draw in the window: ``body`` (torso and head, any pose),
    ``arm`` (the playing arm and the carried piece) and ``resting_arm``, each in the frame on
    screen and in the next one, ``letters`` (the letter board), ``captures`` (the pieces
    taken, on the cabinet beside the board)."""

    body: pygame.Rect
    arm: tuple[pygame.Rect, pygame.Rect]
    resting_arm: tuple[pygame.Rect, pygame.Rect]
    letters: pygame.Rect
    captures: pygame.Rect


def damaged_regions(changed: Sequence[str], layout: PlayLayout, buttons: ButtonRow,
                    languages: ButtonRow, figure: FigureRegions, *,
                    dragging: bool) -> list[pygame.Rect] | None:
    """The window rectangles the play screen's ``changed`` parts draw in (``None``: all of
    it — a piece dragged anywhere, the winding key, a part without a known place)."""
    if dragging and "board" in changed:
        return None
    places: dict[str, pygame.Rect | None] = {
        "body": figure.body,
        "arm": figure.arm[0].union(figure.arm[1]),
        "resting_arm": figure.resting_arm[0].union(figure.resting_arm[1]),
        "face": layout.stage.rect(*FACE),
        "letters": figure.letters,
        "captures": figure.captures,
        "board": layout.board.inflate(layout.board.width // 8, layout.board.height // 8),
        "status": layout.status,
        "buttons": buttons.bounds(),
        "languages": languages.bounds(),
        "sheet": layout.moves,
        "captions": layout.caption.inflate(16, 16),
    }
    rects: list[pygame.Rect] = []
    for part in changed:
        if part not in places:
            return None
        rect = places[part]
        if rect is not None:
            rects.append(rect)
    return rects
