"""Kiosk mode is locked: closing the window, Ctrl+Q and F11 do nothing; solo play still quits."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.opponents.idle import IdleOpponent
from tests.ui.helpers import key, make_app, post, steps


def idle(_setup: object) -> IdleOpponent:
    return IdleOpponent()


def test_a_kiosk_cannot_be_quit_by_a_visitor(tmp_path: Path) -> None:
    app = make_app(tmp_path, idle, kiosk=True)
    try:
        post(pygame.QUIT)
        post(pygame.WINDOWCLOSE)
        steps(app)
        key(app, pygame.K_q, mod=pygame.KMOD_CTRL)
        key(app, pygame.K_F4, mod=pygame.KMOD_ALT)
        key(app, pygame.K_ESCAPE)
        fullscreen = app.fullscreen
        key(app, pygame.K_F11)
        steps(app, 3)
        assert app.running and app.fullscreen == fullscreen
    finally:
        app.close()


def test_solo_play_still_quits(tmp_path: Path) -> None:
    app = make_app(tmp_path, idle)
    try:
        key(app, pygame.K_q, mod=pygame.KMOD_CTRL)
        assert not app.running
    finally:
        app.close()


def test_a_kiosk_hides_a_still_mouse_pointer(tmp_path: Path) -> None:
    app = make_app(tmp_path, idle, kiosk=True)
    try:
        post(pygame.MOUSEMOTION, pos=(10, 10), rel=(1, 1), buttons=(0, 0, 0))
        steps(app)
        assert pygame.mouse.get_visible()
        steps(app, 60 * 4)
        assert not pygame.mouse.get_visible()
        post(pygame.MOUSEMOTION, pos=(12, 10), rel=(2, 0), buttons=(0, 0, 0))
        steps(app)
        assert pygame.mouse.get_visible()
    finally:
        app.close()
