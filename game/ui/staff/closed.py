"""The "closed" card: what the kiosk shows outside its opening hours.

Owns: ``ClosedScene`` — the Turk's cabinet dimmed in a dark room, "Closed" and when the kiosk
opens again ("Open again Tuesday at 09:00") in the kiosk's language. Picture and words drift
very slowly along a long Lissajous path (periods of minutes), so no pixel shows the same thing
for hours and nothing burns into the screen. Touches do nothing here; staff reach their menu
by the usual corner gesture, which the kiosk looks for before any scene sees a tap.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

import pygame

from game.model.hours import OpeningHours
from game.ui.intents import Intent
from game.ui.layout import Viewport
from game.ui.reveal.portrait import AutomatonPortrait
from game.ui.scene import Scene
from game.ui.services import Services
from game.ui.text import Face, TextStyle

DIM = 70
"""How bright the dimmed automaton is (0-255, multiplied into the picture)."""
DRIFT = (70.0, 46.0)
"""Design pixels the card wanders at most, across and down."""
PERIODS_S = (173.0, 239.0)
"""How long a full swing across and down takes (two primes: the path rarely repeats)."""
RETEXT_S = 30.0
"""How often the "open again" line is worked out again from the clock."""
HEADLINE = (200, 178, 140)
BODY = (170, 150, 120)


def reopening_text(strings_get: Callable[..., str], day_names: list[str],
                   hours: OpeningHours, now: dt.datetime) -> str:
    """ "Open again today at 14:00", "… tomorrow …", "… Tuesday …", or "open again soon"."""
    opening = hours.next_opening(now)
    if opening is None:
        return strings_get("staff.closed.open_soon")
    time = strings_get("staff.closed.time", hour=opening.hour, minute=opening.minute)
    days_ahead = (opening.date() - now.date()).days
    if days_ahead == 0:
        return strings_get("staff.closed.open_today", time=time)
    if days_ahead == 1:
        return strings_get("staff.closed.open_tomorrow", time=time)
    return strings_get("staff.closed.open_day", day=day_names[opening.weekday()], time=time)


class ClosedScene(Scene):
    """Closed, and when the kiosk opens again.

    :param hours: the opening hours (from ``[kiosk] hours``).
    :param now: the kiosk's local wall-clock time.
    """

    def __init__(self, services: Services, *, hours: OpeningHours,
                 now: Callable[[], dt.datetime]) -> None:
        self.services = services
        self.hours = hours
        self._now = now
        self.time_s = 0.0
        self._retext_s = 0.0
        self._portrait = AutomatonPortrait(services.assets)
        self._dimmed: tuple[tuple[int, int], pygame.Surface] | None = None
        self.reopening = ""
        self._work_out_text()

    def _work_out_text(self) -> None:
        strings = self.services.strings
        self.reopening = reopening_text(strings.get, strings.get_list("staff.closed.days"),
                                        self.hours, self._now())

    def handle(self, intent: Intent) -> bool:
        return True  # nothing for visitors to do while the kiosk is closed

    def update(self, dt: float) -> None:
        self.time_s += dt
        self._retext_s += dt
        if self._retext_s >= RETEXT_S:
            self._retext_s = 0.0
            self._work_out_text()

    def drift(self, alpha: float = 0.0) -> tuple[float, float]:
        """How far (design pixels) the card has wandered from the centre now."""
        t = self.time_s
        return (DRIFT[0] * math.sin(2 * math.pi * t / PERIODS_S[0]),
                DRIFT[1] * math.sin(2 * math.pi * t / PERIODS_S[1] + 1.0))

    def _picture(self, vp: Viewport) -> pygame.Surface:
        height = vp.length(vp.design[1] * (0.5 if vp.is_portrait else 0.62))
        size = (round(height * 0.62), height)
        if self._dimmed is None or self._dimmed[0] != size:
            picture = self._portrait.picture(size).copy()
            picture.fill((DIM, DIM, DIM, 255), special_flags=pygame.BLEND_RGBA_MULT)
            self._dimmed = (size, picture)
        return self._dimmed[1]

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        vp = Viewport.for_window(surface.get_size())
        surface.fill((6, 4, 3))
        dx, dy = self.drift(alpha)
        picture = self._picture(vp)
        if vp.is_portrait:
            centre = vp.point(vp.design[0] / 2 + dx, 700 + dy)
            text_top = vp.point(vp.design[0] / 2 + dx, 1320 + dy)
        else:
            centre = vp.point(600 + dx, vp.design[1] / 2 + dy)
            text_top = vp.point(1250 + dx, 380 + dy)
        surface.blit(picture, picture.get_rect(center=(round(centre[0]), round(centre[1]))))
        strings, text = self.services.strings, self.services.text
        headline = TextStyle(Face.SMALL_CAPS, vp.length(120), HEADLINE)
        rect = text.draw(surface, strings.get("staff.closed.headline"), headline, text_top,
                         anchor="midtop")
        body = TextStyle(Face.SERIF, vp.length(48), BODY)
        width = vp.length(980 if vp.is_portrait else 900)
        box = pygame.Rect(0, rect.bottom + vp.length(30), width, vp.length(300))
        box.centerx = rect.centerx
        used = text.draw_block(surface, self.reopening, body, box, align="center")
        quiet = TextStyle(Face.ITALIC, vp.length(38), BODY)
        box.top += used + vp.length(26)
        text.draw_block(surface, strings.get("staff.closed.resting"), quiet, box, align="center")
