"""The console's cards: what is happening (with the countdown), the engine's suggestions, the
letter board and the tally of the operator's work.

Owns: ``status_lines`` (the two lines of the status card, from the desk — tested on its own),
``draw_status``, ``hint_buttons``, ``draw_hints``, ``draw_letters`` and ``draw_tally``. Cards
are paper slips and brass plaques lit by the candle; nothing here changes the desk.
"""

from __future__ import annotations

import math

import chess
import pygame

from game.content.strings import Strings
from game.net.protocol import GameOver
from game.ui.console.desk import ConsoleDesk, hint_score, piece_name_key
from game.ui.layout import Viewport
from game.ui.text import Face, TextPainter, TextStyle
from game.ui.widgets import Button, ButtonRow, draw_plaque

PAPER_TOP = (238, 224, 192)
PAPER_BOTTOM = (214, 194, 150)
PAPER_EDGE = (104, 70, 36)
INK = (44, 28, 14)
INK_SOFT = (104, 74, 46)
INK_URGENT = (128, 30, 18)
GILT = (222, 186, 112)
GILT_DARK = (150, 112, 50)
BRASS_TUBE = (70, 46, 20)
HINT_INK = (52, 32, 10)


def status_lines(desk: ConsoleDesk, strings: Strings) -> tuple[str, str]:
    """The main line (the situation) and the quiet line (the countdown or the latest news)."""
    s = strings
    if desk.phase in ("connecting", "lost", "refused"):
        key = "console.status.lost" if desk.phase == "lost" else "console.status.connecting"
        return s.get(key), ""
    state = desk.state
    if state is None:
        return s.get("console.status.waiting"), ""
    news = "" if desk.notice is None else s.get(desk.notice.key, **dict(desk.notice.fields))
    if state.status == "over":
        ending = desk.ending
        reason = ending.reason if ending is not None and ending.game_id == state.game_id \
            else None
        return game_over_line(strings, state.result or ending_result(ending), reason), news
    if not state.is_turk_to_move:
        return _visitor_line(desk, strings), news
    if desk.sent is not None:
        return s.get("console.status.sent", san=desk.board.san(desk.sent)), ""
    if desk.countdown_s is None:
        return s.get("console.status.engine_has_it"), news
    san = desk.last_san
    main = (s.get("console.status.your_move", san=san) if san
            else s.get("console.status.first_move"))
    countdown = s.get("console.status.countdown", seconds=str(math.ceil(desk.countdown_s)))
    return main, f"{news} {countdown}" if news else countdown


def ending_result(ending: GameOver | None) -> str:
    return ending.result if ending is not None else "*"


def game_over_line(strings: Strings, result: str, reason: str | None) -> str:
    """"The game is over: 0-1 (resignation)." — the reason in words, or left out when the
    kiosk gave none the console knows (never an empty pair of brackets)."""
    key = f"console.ending.{reason}"
    if reason and strings.has(key):
        return strings.get("console.status.game_over", result=result, reason=strings.get(key))
    return strings.get("console.status.game_over_plain", result=result)


def _visitor_line(desk: ConsoleDesk, strings: Strings) -> str:
    lifted = desk.lifted
    if lifted is not None:
        key = piece_name_key(desk.board, lifted)
        if key is not None:
            return strings.get("console.status.visitor_holds", piece=strings.get(key),
                               square=chess.square_name(lifted))
    return strings.get("console.status.visitor_thinking")


def draw_card(surface: pygame.Surface, rect: pygame.Rect, vp: Viewport) -> None:
    """A paper card (drawn once into the scene's composed background)."""
    draw_plaque(surface, rect, radius=vp.length(14), top=PAPER_TOP, bottom=PAPER_BOTTOM,
                edge=PAPER_EDGE)


def draw_tally_plates(surface: pygame.Surface, rect: pygame.Rect, vp: Viewport) -> None:
    """The tally's two brass plaques (drawn once into the composed background)."""
    for plate in _tally_plates(rect, vp):
        draw_plaque(surface, plate, radius=vp.length(12))


def _tally_plates(rect: pygame.Rect, vp: Viewport) -> tuple[pygame.Rect, pygame.Rect]:
    gap = vp.length(20)
    half = (rect.width - gap) // 2
    return (pygame.Rect(rect.left, rect.top, half, rect.height),
            pygame.Rect(rect.left + half + gap, rect.top, half, rect.height))


def _inner(rect: pygame.Rect, vp: Viewport) -> pygame.Rect:
    return rect.inflate(-vp.length(56), -vp.length(40))


def draw_status(surface: pygame.Surface, rect: pygame.Rect, desk: ConsoleDesk, *,
                strings: Strings, text: TextPainter, vp: Viewport) -> None:
    """The situation, the countdown line and, while it runs, a brass gauge emptying."""
    inner = _inner(rect, vp)
    main, quiet = status_lines(desk, strings)
    urgent = desk.countdown_s is not None and desk.countdown_s <= 10 and desk.sent is None
    total, left = desk.countdown_total_s, desk.countdown_s
    gauge = bool(total and left is not None and desk.sent is None)
    draw_status_lines(surface, rect, main, quiet, urgent=urgent, text=text, vp=vp,
                      gauge=gauge)
    if total and left is not None and desk.sent is None:
        tube = pygame.Rect(inner.left, inner.bottom - vp.length(18), inner.width, vp.length(18))
        pygame.draw.rect(surface, BRASS_TUBE, tube, border_radius=tube.height // 2)
        fill = tube.inflate(-vp.length(6), -vp.length(6))
        fill.width = round(fill.width * max(0.0, min(1.0, left / total)))
        if fill.width > 0:
            pygame.draw.rect(surface, INK_URGENT if urgent else GILT, fill,
                             border_radius=fill.height // 2)


def draw_status_lines(surface: pygame.Surface, rect: pygame.Rect, main: str, quiet: str, *,
                      urgent: bool, text: TextPainter, vp: Viewport,
                      gauge: bool = False) -> None:
    """The status card's two lines, as large as fits above the gauge (``gauge``: it shows);
    the quiet one red when time runs short (upright: the bold face has no ü or é)."""
    inner = _inner(rect, vp)
    if gauge:
        inner.height -= vp.length(26)
    for main_px in (40, 36, 32, 28, 24):
        main_style = TextStyle(Face.SERIF, vp.length(main_px), INK)
        quiet_style = TextStyle(Face.SERIF if urgent else Face.ITALIC,
                                vp.length(round(main_px * 0.75)),
                                INK_URGENT if urgent else INK_SOFT)
        height = _block_height(text, main, main_style, inner.width)
        if quiet:
            height += vp.length(8) + _block_height(text, quiet, quiet_style, inner.width)
        if height <= inner.height:
            break
    used = text.draw_block(surface, main, main_style, inner, line_gap=1.08)
    if quiet:
        top = inner.top + used + vp.length(8)
        below = pygame.Rect(inner.left, top, inner.width, inner.bottom - top)
        text.draw_block(surface, quiet, quiet_style, below, line_gap=1.08)


def _block_height(text: TextPainter, words: str, style: TextStyle, width: int) -> int:
    return round(style.size * 1.08) * len(text.wrap(words, style, width))


def hint_buttons(desk: ConsoleDesk, text: TextPainter) -> ButtonRow:
    """One plaque per suggestion, best first (their words are drawn by :func:`draw_hints`,
    in a face that keeps SAN's capitals apart: ``c3`` is not ``C3``)."""
    buttons = [Button("hint", "", enabled=desk.is_our_move, value=hint.uci)
               for hint in desk.hints]
    return ButtonRow(text, buttons)


def _hint_area(rect: pygame.Rect, vp: Viewport) -> pygame.Rect:
    inner = rect.inflate(-vp.length(56), -vp.length(40))
    return pygame.Rect(inner.left, inner.top + vp.length(56), inner.width,
                       inner.height - vp.length(56))


def layout_hints(row: ButtonRow, rect: pygame.Rect, vp: Viewport) -> None:
    """Place the suggestion plaques in the card at ``rect``."""
    area = _hint_area(rect, vp)
    gap = vp.length(12)
    row.layout(area, vertical=True, gap=gap, size=min(vp.length(70), (area.height - 2 * gap) // 3))


def draw_hints(surface: pygame.Surface, rect: pygame.Rect, row: ButtonRow, desk: ConsoleDesk,
               *, strings: Strings, text: TextPainter, vp: Viewport) -> None:
    """The suggestions card with its plaques (placed by :func:`layout_hints`)."""
    inner = _inner(rect, vp)
    title = TextStyle(Face.SMALL_CAPS, vp.length(34), INK)
    text.draw(surface, strings.get("console.hints.title"), title, inner.midtop, anchor="midtop")
    if not row.buttons:
        key = "console.hints.looking" if desk.is_our_move else "console.hints.not_now"
        text.draw_block(surface, strings.get(key), TextStyle(Face.ITALIC, vp.length(30),
                                                             INK_SOFT), _hint_area(rect, vp),
                        align="center")
        return
    row.draw(surface)
    for rank, (button, hint) in enumerate(zip(row.buttons, desk.hints, strict=False), start=1):
        if button.rect is None:
            continue
        plate = button.rect.inflate(-vp.length(40), 0)
        size = max(10, round(plate.height * 0.5))
        fade = 255 if button.enabled else 130
        text.draw(surface, f"{rank}.", TextStyle(Face.SMALL_CAPS, size, (*HINT_INK, fade)),
                  plate.midleft, anchor="midleft")
        text.draw(surface, hint.san, TextStyle(Face.BOLD, round(size * 1.1), (*HINT_INK, fade)),
                  (plate.left + size * 1.6, plate.centery), anchor="midleft")
        text.draw(surface, hint_score(hint), TextStyle(Face.ITALIC, size, (*HINT_INK, fade)),
                  plate.midright, anchor="midright")


def draw_letters(surface: pygame.Surface, rect: pygame.Rect, desk: ConsoleDesk, *,
                 strings: Strings, text: TextPainter, vp: Viewport) -> None:
    """The letter board's card (the field and its button are drawn by the scene)."""
    inner = _inner(rect, vp)
    title = TextStyle(Face.SMALL_CAPS, vp.length(32), INK)
    text.draw(surface, strings.get("console.letters.title"), title, inner.topleft)
    if desk.last_said:
        said = strings.get("console.letters.spelled", text=desk.last_said)
        style = TextStyle(Face.ITALIC, vp.length(26), INK_SOFT)
        while len(said) > 8 and text.size(said, style)[0] > inner.width * 0.6:
            said = said[:-2] + "…"
        text.draw(surface, said, style, inner.topright, anchor="topright")


def draw_tally(surface: pygame.Surface, rect: pygame.Rect, desk: ConsoleDesk, *,
               strings: Strings, text: TextPainter, vp: Viewport) -> None:
    """On the two brass plaques: the moves the operator made, and minutes at the lever."""
    minutes = strings.get("console.tally.minutes", minutes=str(int(desk.lever_s // 60)))
    words = ((strings.get("console.tally.moves"), str(desk.moves_made)),
             (strings.get("console.tally.lever"), minutes))
    for plate, (label, value) in zip(_tally_plates(rect, vp), words, strict=True):
        small = TextStyle(Face.SMALL_CAPS, max(10, round(plate.height * 0.24)), (70, 44, 16))
        big = TextStyle(Face.BOLD, max(12, round(plate.height * 0.42)), (48, 28, 8))
        if plate.height > vp.length(90):
            text.draw(surface, label, small, (plate.centerx, plate.top + plate.height * 0.3),
                      anchor="center")
            text.draw(surface, value, big, (plate.centerx, plate.top + plate.height * 0.66),
                      anchor="center")
        else:  # a low strip (portrait): label and value on one line
            line = TextStyle(Face.SMALL_CAPS, max(10, round(plate.height * 0.42)), (48, 28, 8))
            text.draw(surface, f"{label}: {value}", line, plate.center, anchor="center")
