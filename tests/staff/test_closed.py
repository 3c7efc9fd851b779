"""Outside opening hours: the closed card, when it opens again, and its slow drift."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game.app import App
from game.content.strings import Strings
from game.kiosk import Phase
from game.model.hours import OpeningHours, parse_hours
from game.opponents.idle import IdleOpponent
from game.ui.assets import asset_root
from game.ui.services import Services
from game.ui.staff.closed import DRIFT, ClosedScene, reopening_text
from tests.kiosk.helpers import make_kiosk, run_for
from tests.staff.helpers import staff_app

HOURS = parse_hours(["tue-fri 09:00-17:00", "sat,sun 10:00-18:00"])
SUNDAY_EVENING = dt.datetime(2026, 12, 6, 19, 30)


@pytest.fixture(scope="module")
def strings() -> Strings:
    return Strings.from_folder(asset_root() / "i18n")


@pytest.mark.parametrize("language, text", [
    ("en", "Open again Tuesday at 09:00"),
    ("de", "Wieder geöffnet am Dienstag um 9:00\u00a0Uhr"),
    ("fr", "Réouverture mardi à 9\u00a0h\u00a000")])
def test_the_card_says_when_the_kiosk_opens_in_its_language(strings: Strings, language: str,
                                                             text: str) -> None:
    strings.language = language
    days = strings.get_list("staff.closed.days")
    assert reopening_text(strings.get, days, HOURS, SUNDAY_EVENING) == text


def test_today_and_tomorrow_are_said_as_such(strings: Strings) -> None:
    strings.language = "en"
    days = strings.get_list("staff.closed.days")
    early = dt.datetime(2026, 12, 8, 7, 0)  # Tuesday morning
    assert reopening_text(strings.get, days, HOURS, early) == "Open again today at 09:00"
    late = dt.datetime(2026, 12, 8, 18, 0)
    assert reopening_text(strings.get, days, HOURS, late) == "Open again tomorrow at 09:00"
    assert reopening_text(strings.get, days, OpeningHours(), late) == "We open again soon."


@pytest.fixture
def app(tmp_path: Path) -> Iterator[App]:
    application = staff_app(tmp_path)
    yield application
    application.close()


def frame(services: Services, scene: ClosedScene) -> pygame.Surface:
    surface = pygame.Surface(services.window_size)
    scene.draw(surface, 0.0)
    return surface


def pixels_within(surface: pygame.Surface, color: tuple[int, int, int], by: int) -> int:
    """How many pixels have every channel within ``by`` of ``color``."""
    return pygame.mask.from_threshold(surface, color, (by, by, by, 255)).count()


def pixels_changed(before: pygame.Surface, after: pygame.Surface, *, by: int = 40) -> int:
    """Pixels whose colour changed by more than ``by`` in some channel."""
    total = before.get_width() * before.get_height()
    up, down = after.copy(), before.copy()
    up.blit(before, (0, 0), special_flags=pygame.BLEND_RGB_SUB)  # after - before, clipped
    down.blit(after, (0, 0), special_flags=pygame.BLEND_RGB_SUB)  # before - after
    same_up = pygame.mask.from_threshold(up, (0, 0, 0), (by, by, by, 255))
    same_down = pygame.mask.from_threshold(down, (0, 0, 0), (by, by, by, 255))
    return total - same_up.overlap_mask(same_down, (0, 0)).count()


def test_the_card_drifts_so_nothing_burns_in(app: App) -> None:
    scene = ClosedScene(app.services, hours=HOURS, now=lambda: SUNDAY_EVENING)
    app.stack.push(scene)
    start = frame(app.services, scene)
    positions = []
    for _ in range(60):  # ten minutes in steps of ten seconds
        scene.update(10.0)
        positions.append(scene.drift())
        later = frame(app.services, scene)
        assert pixels_changed(start, later) > 500  # no frame stays the same for 10 s
        start = later
    xs, ys = zip(*positions, strict=True)
    assert max(xs) - min(xs) > DRIFT[0] and max(ys) - min(ys) > DRIFT[1]  # it really moves
    assert max(map(abs, xs)) <= DRIFT[0] and max(map(abs, ys)) <= DRIFT[1]  # but not far


def test_the_card_is_dim(app: App) -> None:
    scene = ClosedScene(app.services, hours=HOURS, now=lambda: SUNDAY_EVENING)
    picture = frame(app.services, scene)
    assert max(pygame.transform.average_color(picture)[:3]) < 20
    total = picture.get_width() * picture.get_height()
    assert pixels_within(picture, (0, 0, 0), 231) == total  # nothing near full white


def test_outside_opening_hours_the_kiosk_dims_to_the_closed_card(tmp_path: Path) -> None:
    clock = [dt.datetime(2026, 12, 7, 8, 58)]  # a Monday: closed all day

    def closed(services: Services, hours: OpeningHours,
               now: object) -> ClosedScene:
        return ClosedScene(services, hours=hours, now=lambda: clock[0])

    app, kiosk = make_kiosk(tmp_path, lambda _setup: IdleOpponent(),
                            hours=["tue-fri 09:00-17:00"], closed=closed,
                            now=lambda: clock[0])
    try:
        assert kiosk.phase is Phase.CLOSED
        card = app.stack.top
        assert isinstance(card, ClosedScene)
        assert card.reopening == "Open again tomorrow at 09:00"
        clock[0] = dt.datetime(2026, 12, 8, 9, 0)
        run_for(app, 25)
        assert kiosk.phase is Phase.ATTRACT and not isinstance(app.stack.top, ClosedScene)
    finally:
        app.close()
