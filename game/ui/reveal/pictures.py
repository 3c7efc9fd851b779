"""The pictures of the history screens, "From 1770 to now", in engraved brass on dark wood.

Owns: ``HistoryPictures`` — one picture per art name of ``screens.toml`` (``turk_1770``,
``secret_out``, ``showman``, ``amt``, ``platform``, ``hardware``, ``writers``,
``annotators``, ``raters``, ``red_team``, ``engineers``, ``users``, ``counterpoint``,
``question``, ``cabinet_closed``),
drawn from shapes and the game's own art, with a timeline rail beneath (1770 · 1857 · 2005 ·
2023) that marks where the screen stands. The recurring figure is a person half hidden behind
the thing that gets the credit — the Turk's secret, repeated.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pygame

from game.ui.assets import Assets
from game.ui.reveal.cabinet import ASPECT, CabinetView, fit_rect
from game.ui.reveal.icons import draw_book, draw_gear, draw_page, draw_person
from game.ui.reveal.portrait import AutomatonPortrait
from game.ui.text import Face, TextPainter, TextStyle

BRASS = (222, 186, 110)
BRASS_DIM = (162, 128, 74)
CREAM = (240, 226, 196)
SHADOW = (70, 50, 34)
INK = (30, 20, 14)
YEARS = ("1770", "1857", "2005", "2023")
STOPS = {"turk_1770": 0, "showman": 0, "secret_out": 1, "amt": 2}
MOVING = frozenset({"secret_out", "red_team", "counterpoint"})
"""Pictures that change with time (the others are drawn once per size and kept)."""
"""Where each picture stands on the rail (every other history screen: today, 2023)."""

Draw = Callable[[pygame.Surface, pygame.Rect, float], None]


def crowd(surface: pygame.Surface, rect: pygame.Rect, rows: int, columns: int,
          color: tuple[int, int, int], *, filled: bool = True) -> None:
    """Rows of small people filling ``rect``."""
    size = min(rect.width / columns, rect.height / rows) * 0.92
    for row in range(rows):
        shift = 0.5 if row % 2 else 0.0
        for column in range(columns - (1 if shift else 0)):
            x = rect.left + (column + 0.5 + shift) * rect.width / columns
            y = rect.top + (row + 0.5) * rect.height / rows
            draw_person(surface, (x, y), size, color, filled=filled)


def card(surface: pygame.Surface, rect: pygame.Rect, color: tuple[int, int, int],
         lines: int = 3) -> None:
    """A rounded card with lines of writing."""
    width = max(2, rect.width // 40)
    pygame.draw.rect(surface, INK, rect, border_radius=rect.width // 12)
    pygame.draw.rect(surface, color, rect, width, border_radius=rect.width // 12)
    for index in range(lines):
        y = rect.top + rect.height * (0.3 + 0.2 * index)
        right = rect.right - rect.width * (0.18 if index < lines - 1 else 0.4)
        pygame.draw.line(surface, color, (rect.left + rect.width * 0.18, y), (right, y), width)


def tick(surface: pygame.Surface, center: tuple[float, float], size: float,
         color: tuple[int, int, int]) -> None:
    x, y = center
    points = [(x - size * 0.45, y), (x - size * 0.12, y + size * 0.32), (x + size * 0.45,
                                                                          y - size * 0.35)]
    pygame.draw.lines(surface, color, False, points, max(2, round(size * 0.14)))


class HistoryPictures:
    """Draws the history screens' pictures into the picture area."""

    def __init__(self, assets: Assets, text: TextPainter, cabinet: CabinetView,
                 portrait: AutomatonPortrait) -> None:
        self._text = text
        self._cabinet = cabinet
        self._portrait = portrait
        self._still: dict[tuple[str, tuple[int, int]], pygame.Surface] = {}
        self._draw: dict[str, Draw] = {
            "turk_1770": self._turk, "cabinet_closed": self._turk,
            "secret_out": self._secret, "showman": self._showman, "amt": self._amt,
            "platform": self._platform, "hardware": self._hardware,
            "writers": self._writers, "annotators": self._annotators,
            "raters": self._raters, "red_team": self._red_team, "engineers": self._engineers,
            "users": self._users, "counterpoint": self._counterpoint,
            "question": self._question}

    def has(self, art: str) -> bool:
        return art in self._draw

    def draw(self, surface: pygame.Surface, area: pygame.Rect, art: str,
             time_s: float) -> None:
        """The picture ``art`` with the timeline under it.

        :raises KeyError: for an art name without a picture.
        """
        if art in MOVING:
            self._compose(surface, area, art, time_s)
            return
        key = (art, area.size)
        cached = self._still.get(key)
        if cached is None:
            cached = pygame.Surface(area.size, pygame.SRCALPHA)
            self._compose(cached, pygame.Rect((0, 0), area.size), art, 0.0)
            if len(self._still) > 30:
                self._still.clear()
            self._still[key] = cached
        surface.blit(cached, area.topleft)

    def _compose(self, surface: pygame.Surface, area: pygame.Rect, art: str,
                 time_s: float) -> None:
        rail = pygame.Rect(area.left, area.bottom - area.height // 9, area.width,
                           area.height // 9)
        plate = pygame.Rect(area.left, area.top, area.width, area.height - rail.height)
        self._draw[art](surface, plate.inflate(-area.width // 14, -area.height // 16), time_s)
        self._rail(surface, rail, STOPS.get(art, 3 if art != "cabinet_closed" else 4))

    def _rail(self, surface: pygame.Surface, rect: pygame.Rect, stop: int) -> None:
        y = rect.centery - rect.height // 6
        left, right = rect.left + rect.width * 0.1, rect.right - rect.width * 0.1
        width = max(2, rect.height // 16)
        pygame.draw.line(surface, BRASS_DIM, (left, y), (right, y), width)
        size = max(24, round(rect.height * 0.34))
        for index, year in enumerate(YEARS):
            x = left + (right - left) * index / (len(YEARS) - 1)
            lit = index <= stop
            if index <= stop and index > 0:
                prev = left + (right - left) * (index - 1) / (len(YEARS) - 1)
                pygame.draw.line(surface, BRASS, (prev, y), (x, y), width * 2)
            radius = rect.height * (0.14 if index == stop else 0.09)
            diamond = [(x, y - radius), (x + radius, y), (x, y + radius), (x - radius, y)]
            pygame.draw.polygon(surface, BRASS if lit else INK, diamond)
            pygame.draw.polygon(surface, BRASS if lit else BRASS_DIM, diamond, max(1, width))
            style = TextStyle(Face.SERIF, size, CREAM if index == stop else BRASS_DIM)
            self._text.draw(surface, year, style, (x, y + radius + size * 0.1), anchor="midtop")

    # -- the pictures ----------------------------------------------------------------------

    def _turk(self, surface: pygame.Surface, rect: pygame.Rect, time_s: float) -> None:
        picture = self._portrait.picture(rect.size)
        surface.blit(picture, picture.get_rect(center=rect.center))

    def _secret(self, surface: pygame.Surface, rect: pygame.Rect, time_s: float) -> None:
        cabinet = fit_rect(rect, ASPECT)
        self._cabinet.draw(surface, cabinet, "operator", opened=1.0, time_s=time_s)

    def _showman(self, surface: pygame.Surface, rect: pygame.Rect, time_s: float) -> None:
        """The closed cabinet on show; tickets and coins go to the showman, while the player
        inside stays small and in the dark."""
        cabinet = fit_rect(pygame.Rect(rect.left, rect.top, round(rect.width * 0.56),
                                       rect.height), ASPECT)
        self._cabinet.draw(surface, cabinet, "operator", opened=0.0, time_s=0.0)
        hidden = (cabinet.centerx, cabinet.bottom - cabinet.height * 0.28)
        draw_person(surface, hidden, cabinet.height * 0.2, SHADOW)
        owner = (rect.right - rect.width * 0.17, rect.top + rect.height * 0.36)
        size = rect.height * 0.42
        draw_person(surface, owner, size, CREAM)
        hat = pygame.Rect(0, 0, round(size * 0.36), round(size * 0.2))
        hat.midbottom = (round(owner[0]), round(owner[1] - size * 0.3))
        pygame.draw.rect(surface, BRASS, hat)
        pygame.draw.line(surface, BRASS, (hat.left - hat.width * 0.25, hat.bottom),
                         (hat.right + hat.width * 0.25, hat.bottom), max(2, hat.height // 5))
        tickets = pygame.Rect(0, 0, round(rect.width * 0.14), round(rect.height * 0.1))
        for index in range(3):  # tickets and coins on their way from the cabinet to him
            x = cabinet.right + (owner[0] - cabinet.right) * (index + 0.5) / 3
            y = rect.top + rect.height * (0.74 - 0.08 * index)
            tickets.center = (round(x), round(y))
            card(surface, tickets, BRASS if index % 2 else BRASS_DIM, lines=1)
            pygame.draw.circle(surface, BRASS, (round(x), round(y + tickets.height)),
                               tickets.height * 0.3)
            pygame.draw.circle(surface, INK, (round(x), round(y + tickets.height)),
                               tickets.height * 0.3, max(2, tickets.height // 12))

    def _platform(self, surface: pygame.Surface, rect: pygame.Rect, time_s: float) -> None:
        """The platform in the middle: many people in rows below, a gear above them that
        gathers their work, and a few at the top it flows to."""
        center = (rect.centerx, rect.top + rect.height * 0.42)
        radius = min(rect.width, rect.height) * 0.14
        draw_gear(surface, center, radius, BRASS, teeth=12, hole=INK)
        top = pygame.Rect(0, 0, round(rect.width * 0.3), round(rect.height * 0.16))
        top.midtop = (rect.centerx, rect.top)
        crowd(surface, top, 1, 3, CREAM)
        pygame.draw.line(surface, BRASS, (center[0], center[1] - radius * 1.1),
                         (center[0], top.bottom + 4), max(3, rect.width // 150))
        base = pygame.Rect(rect.left, round(center[1] + radius * 1.5), rect.width,
                           round(rect.bottom - center[1] - radius * 1.5))
        crowd(surface, base, 3, 11, BRASS_DIM)
        for index in range(7):  # the lines of work that meet in the middle
            x = base.left + base.width * (index + 0.5) / 7
            pygame.draw.line(surface, BRASS_DIM, (x, base.top), center, 2)

    def _amt(self, surface: pygame.Surface, rect: pygame.Rect, time_s: float) -> None:
        screen = pygame.Rect(0, 0, round(rect.width * 0.62), round(rect.height * 0.44))
        screen.midtop = (rect.centerx, rect.top)
        pygame.draw.rect(surface, BRASS, screen.inflate(16, 16), border_radius=14)
        pygame.draw.rect(surface, INK, screen, border_radius=8)
        for row in range(3):
            for column in range(4):
                tile = pygame.Rect(0, 0, screen.width // 5, screen.height // 4)
                tile.center = (screen.left + screen.width * (column + 0.5) / 4,
                               screen.top + screen.height * (row + 0.5) / 3)
                card(surface, tile, BRASS_DIM if (row + column) % 3 else BRASS, lines=2)
        stand = pygame.Rect(0, 0, screen.width // 6, rect.height // 16)
        stand.midtop = (screen.centerx, screen.bottom + 8)
        pygame.draw.rect(surface, BRASS_DIM, stand)
        hidden = pygame.Rect(rect.left, stand.bottom + rect.height // 30, rect.width,
                             rect.bottom - stand.bottom - rect.height // 30)
        pygame.draw.rect(surface, SHADOW, hidden, border_radius=12)
        crowd(surface, hidden.inflate(-hidden.width // 14, -hidden.height // 8), 2, 8, CREAM)

    def _hardware(self, surface: pygame.Surface, rect: pygame.Rect, time_s: float) -> None:
        program = self._cabinet.interior("program", (rect.width * 2, round(rect.width * 2 /
                                                                              ASPECT)))
        w, h = program.get_size()
        board = program.subsurface(pygame.Rect(round(w * 0.665), round(h * 0.34),
                                               round(w * 0.215), round(h * 0.36)))
        chip = board.get_rect(midtop=(rect.centerx, rect.top))
        scale = min(1.0, rect.height * 0.5 / chip.height)
        board = pygame.transform.smoothscale(board, (round(chip.width * scale),
                                                     round(chip.height * scale)))
        chip = board.get_rect(midtop=(rect.centerx, rect.top))
        surface.blit(board, chip)
        beam = pygame.Rect(rect.left + rect.width // 10, chip.bottom + 10, rect.width * 8 // 10,
                           max(6, rect.height // 40))
        pygame.draw.rect(surface, BRASS, beam)
        people = pygame.Rect(beam.left, beam.bottom + 6, beam.width, rect.bottom - beam.bottom)
        crowd(surface, people, 1, 6, CREAM)
        for index in range(6):
            x = people.left + (index + 0.5) * people.width / 6
            pygame.draw.line(surface, BRASS_DIM, (x, beam.bottom), (x, people.top + 8), 3)

    def _writers(self, surface: pygame.Surface, rect: pygame.Rect, time_s: float) -> None:
        book = rect.height * 0.42
        draw_book(surface, (rect.centerx, rect.top + book / 2), book * 1.4, BRASS)
        people = pygame.Rect(rect.left, rect.top + book + rect.height * 0.05, rect.width,
                             rect.height - book - rect.height * 0.05)
        columns = 6
        for row in range(2):
            for column in range(columns):
                x = people.left + (column + 0.5) * people.width / columns
                y = people.top + (row + 0.5) * people.height / 2
                size = min(people.width / columns, people.height / 2) * 0.7
                draw_person(surface, (x - size * 0.18, y), size, CREAM)
                draw_page(surface, (x + size * 0.42, y + size * 0.12), size * 0.5, BRASS)

    def _annotators(self, surface: pygame.Surface, rect: pygame.Rect, time_s: float) -> None:
        tiles = pygame.Rect(rect.left + rect.width * 0.36, rect.top, rect.width * 0.64,
                            rect.height)
        for row in range(4):
            for column in range(4):
                cell = pygame.Rect(0, 0, tiles.width // 4 - 14, tiles.height // 4 - 14)
                cell.center = (tiles.left + tiles.width * (column + 0.5) / 4,
                               tiles.top + tiles.height * (row + 0.5) / 4)
                pygame.draw.rect(surface, INK, cell, border_radius=8)
                pygame.draw.rect(surface, BRASS_DIM, cell, 3, border_radius=8)
                if (row * 4 + column) % 3 != 2:
                    tick(surface, cell.center, cell.height * 0.5, BRASS)
        size = min(rect.width * 0.3, rect.height * 0.45)
        draw_person(surface, (rect.left + rect.width * 0.17, rect.centery), size, CREAM)

    def _raters(self, surface: pygame.Surface, rect: pygame.Rect, time_s: float) -> None:
        size = round(min(rect.width * 0.34, rect.height * 0.5))
        style = TextStyle(Face.SERIF, max(24, size // 4), BRASS)
        for index, letter in enumerate(("A", "B")):
            box = pygame.Rect(0, 0, size, round(size * 1.1))
            box.midbottom = (rect.left + rect.width * (0.27 + 0.46 * index), rect.bottom)
            card(surface, box, BRASS if index == 0 else BRASS_DIM, lines=4)
            self._text.draw(surface, letter, style, (box.centerx, box.top - 6),
                            anchor="midbottom")
            if index == 0:
                tick(surface, (box.right - size * 0.12, box.bottom - size * 0.16), size * 0.3,
                     CREAM)
        draw_person(surface, (rect.centerx, rect.top + rect.height * 0.17),
                    rect.height * 0.3, CREAM)

    def _red_team(self, surface: pygame.Surface, rect: pygame.Rect, time_s: float) -> None:
        radius = min(rect.width, rect.height) * 0.2
        center = (rect.centerx, rect.centery - rect.height * 0.06)
        angle = time_s * 0.3
        draw_gear(surface, center, radius, BRASS, teeth=10, hole=INK)
        ring = radius * 2.0
        for index in range(7):  # the testers stand round the upper side; the rules below
            a = math.pi + math.pi * index / 6 + 0.08 * math.sin(angle + index)
            draw_person(surface, (center[0] + ring * math.cos(a), center[1] + ring *
                                  0.85 * math.sin(a)), radius * 0.75, CREAM)
        draw_page(surface, (rect.centerx, center[1] + radius * 1.75), radius * 0.9, BRASS)

    def _engineers(self, surface: pygame.Surface, rect: pygame.Rect, time_s: float) -> None:
        plaque = pygame.Rect(0, 0, round(rect.width * 0.6), round(rect.height * 0.18))
        plaque.midtop = (rect.centerx, rect.top)
        pygame.draw.rect(surface, BRASS, plaque, border_radius=plaque.height // 4)
        pygame.draw.rect(surface, BRASS_DIM, plaque.inflate(-14, -14), 3,
                         border_radius=plaque.height // 5)
        people = pygame.Rect(rect.left, plaque.bottom + rect.height // 20, rect.width,
                             rect.bottom - plaque.bottom - rect.height // 20)
        crowd(surface, people, 3, 9, CREAM)

    def _users(self, surface: pygame.Surface, rect: pygame.Rect, time_s: float) -> None:
        window = pygame.Rect(0, 0, round(rect.width * 0.52), round(rect.height * 0.8))
        window.midright = (rect.right - rect.width // 20, rect.centery)
        pygame.draw.rect(surface, INK, window, border_radius=18)
        pygame.draw.rect(surface, BRASS, window, 4, border_radius=18)
        for index in range(3):
            bubble = pygame.Rect(0, 0, round(window.width * 0.62), round(window.height * 0.17))
            x = window.left + window.width * (0.08 if index % 2 else 0.3)
            bubble.topleft = (round(x), round(window.top + window.height * (0.1 + 0.27 * index)))
            card(surface, bubble, BRASS if index % 2 else BRASS_DIM, lines=1)
        size = rect.height * 0.5
        draw_person(surface, (rect.left + rect.width * 0.22, rect.centery), size, CREAM,
                    filled=False)

    def _counterpoint(self, surface: pygame.Surface, rect: pygame.Rect, time_s: float) -> None:
        cx, top = rect.centerx, rect.top + rect.height * 0.12
        width = max(4, rect.width // 120)
        tilt = 0.05 * math.sin(time_s * 0.8)
        arm = rect.width * 0.36
        left = (cx - arm * math.cos(tilt), top + arm * math.sin(tilt))
        right = (cx + arm * math.cos(tilt), top - arm * math.sin(tilt))
        pygame.draw.line(surface, BRASS, (cx, top), (cx, rect.bottom - rect.height * 0.05),
                         width)
        pygame.draw.line(surface, BRASS, left, right, width)
        base = pygame.Rect(0, 0, rect.width // 3, rect.height // 22)
        base.midbottom = (cx, rect.bottom)
        pygame.draw.rect(surface, BRASS, base, border_radius=6)
        pan = rect.height * 0.34
        for end, draw_item in ((left, "gear"), (right, "person")):
            bottom = end[1] + pan
            pygame.draw.line(surface, BRASS_DIM, end, (end[0] - pan * 0.4, bottom), 2)
            pygame.draw.line(surface, BRASS_DIM, end, (end[0] + pan * 0.4, bottom), 2)
            dish = pygame.Rect(0, 0, round(pan * 1.0), round(pan * 0.2))
            dish.midtop = (round(end[0]), round(bottom))
            pygame.draw.ellipse(surface, BRASS, dish)
            item = (end[0], bottom - pan * 0.28)
            if draw_item == "gear":
                draw_gear(surface, item, pan * 0.26, CREAM, hole=INK)
            else:
                draw_person(surface, item, pan * 0.55, CREAM)

    def _question(self, surface: pygame.Surface, rect: pygame.Rect, time_s: float) -> None:
        oval = pygame.Rect(0, 0, round(rect.height * 0.62), round(rect.height * 0.86))
        oval.center = rect.center
        pygame.draw.ellipse(surface, INK, oval)
        pygame.draw.ellipse(surface, BRASS, oval, max(4, rect.height // 80))
        pygame.draw.ellipse(surface, BRASS_DIM, oval.inflate(-28, -28), 2)
        style = TextStyle(Face.SERIF, round(oval.height * 0.62), BRASS)
        self._text.draw(surface, "?", style, (oval.centerx, oval.centery + oval.height * 0.04),
                        anchor="center")
