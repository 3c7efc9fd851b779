"""The PIN pad between the secret gesture and the staff menu.

Owns: ``PinPadScene`` — large digit keys, a dot for each digit typed (never the digits), Delete
and Open, and Back to the exhibit. The PIN is checked against the stored hash on a worker
thread (scrypt takes tens of milliseconds: never in a frame). Five wrong PINs lock the pad for
five minutes with a visible countdown; the lock is written to the data folder
(``game.pin_lock_store``) so a restart does not lift it. With no PIN set, the pad says how to
set one and cannot be passed. Nobody touching it for ``IDLE_CLOSE_S`` closes it, so a visitor
who found the gesture is back at the exhibit soon.
"""

from __future__ import annotations

import concurrent.futures
import logging
import math
from collections.abc import Callable

import pygame

from game.model.pin import (
    MAX_FAILURES,
    PIN_DIGITS,
    PinHashError,
    PinLock,
    PinStatus,
    pin_status,
    verify_pin,
)
from game.pin_lock_store import PinLockStore
from game.ui.intents import Command, CommandIssued, Intent, PointerPressed, TextTyped
from game.ui.layout import Viewport
from game.ui.scene import Scene
from game.ui.services import Services
from game.ui.staff.look import BAD, LABEL, QUIET, VALUE, Ground, draw_inset, draw_title
from game.ui.text import Face, TextStyle
from game.ui.widgets import ENGRAVED, Button, ButtonRow, Pressed

log = logging.getLogger(__name__)

IDLE_CLOSE_S = 30.0
"""Seconds without a touch after which the pad closes by itself."""
SHAKE_S = 0.45
KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "delete", "0", "open")


class PinPadScene(Scene):
    """Asks for the staff PIN.

    :param pin_hash: ``[kiosk] pin_hash`` ("" when no PIN is set).
    :param lock_store: where the lock-out is kept (the data folder).
    :param clock: seconds since the epoch (the lock must outlive the process).
    :param on_open: the right PIN was entered (show the staff menu).
    :param on_cancel: closed without the right PIN (back to the exhibit).
    """

    def __init__(self, services: Services, *, pin_hash: str, lock_store: PinLockStore,
                 clock: Callable[[], float], on_open: Callable[[], None],
                 on_cancel: Callable[[], None]) -> None:
        self.services = services
        self._pin_hash = pin_hash
        self.status = pin_status(pin_hash)
        self._store = lock_store
        self._clock = clock
        self._on_open = on_open
        self._on_cancel = on_cancel
        self._worker = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="pin-pad")
        self._loading: concurrent.futures.Future[PinLock] | None = None
        self._checking: concurrent.futures.Future[bool] | None = None
        self._saving: concurrent.futures.Future[None] | None = None
        self.lock: PinLock | None = None
        """The lock-out, once read from the data folder."""
        self.digits = ""
        self.message = ""
        self.idle_s = 0.0
        self._shake_s = 0.0
        self._ground = Ground()
        strings = services.strings
        # Digits are drawn over blank plaques in a sans face: the serif's old-style figures make
        # a 1 look like an I.
        labels = {"delete": strings.get("staff.pin.delete"), "open": strings.get("staff.pin.open")}
        self.keys = ButtonRow(services.text, [Button(key, labels.get(key, "")) for key in KEYS]
                              + [Button("cancel", strings.get("staff.pin.cancel"))])
        self._was_locked = False
        self.resize(services.window_size)

    # -- life -------------------------------------------------------------------------------

    def enter(self) -> None:
        if self.status is PinStatus.SET:
            self._loading = self._worker.submit(self._store.load)
        self._sync_keys()

    def exit(self) -> None:
        self._worker.shutdown(wait=False)  # a lock being written still reaches the disk

    def is_settled(self) -> bool:
        """Whether nothing is being read, checked or written (tests and screenshots)."""
        return self._loading is None and self._checking is None

    def settle(self, timeout: float = 10.0) -> None:
        """Wait for the worker (tests and screenshots only; the loop never waits)."""
        for future in (self._loading, self._checking):
            if future is not None:
                future.exception(timeout=timeout)
        self.update(0.0)  # may start a save
        if self._saving is not None:
            self._saving.exception(timeout=timeout)

    @property
    def is_locked(self) -> bool:
        return self.lock is not None and self.lock.is_locked(self._clock())

    # -- input ------------------------------------------------------------------------------

    def handle(self, intent: Intent) -> bool:
        if isinstance(intent, PointerPressed | CommandIssued | TextTyped):
            self.idle_s = 0.0
        answer = self.keys.handle(intent)
        if answer == Pressed("cancel"):
            self.cancel()
        elif isinstance(answer, Pressed):
            self._press(answer.action)
        elif answer is not None:
            pass
        elif isinstance(intent, TextTyped):
            for char in intent.text:
                if char.isdigit() and char.isascii():
                    self._press(char)
        elif isinstance(intent, CommandIssued):
            if intent.command is Command.BACKSPACE:
                self._press("delete")
            elif intent.command is Command.ACTIVATE:
                self._press("open")
            elif intent.command is Command.CANCEL:
                self.cancel()
        return True

    def _press(self, key: str) -> None:
        if not self._can_type():
            return
        if key == "delete":
            self.digits = self.digits[:-1]
        elif key == "open":
            self._submit()
        elif len(self.digits) < PIN_DIGITS[1]:
            self.digits += key
            self.message = ""
        self._sync_keys()

    def _can_type(self) -> bool:
        return (self.status is PinStatus.SET and self.lock is not None
                and self._checking is None and not self.is_locked)

    def _submit(self) -> None:
        if len(self.digits) < PIN_DIGITS[0]:
            return
        entered, self.digits = self.digits, ""
        self._checking = self._worker.submit(_check, entered, self._pin_hash)
        self.message = self.services.strings.get("staff.pin.checking")

    def cancel(self) -> None:
        self.digits = ""
        self._on_cancel()

    # -- time -------------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        self.idle_s += dt
        self._shake_s = max(0.0, self._shake_s - dt)
        if self._loading is not None and self._loading.done():
            self.lock = self._loading.result().normalized(self._clock())
            self._loading = None
            self._sync_keys()
        if self._checking is not None and self._checking.done():
            right = self._checking.result()
            self._checking = None
            self._checked(right)
        if self.is_locked != self._was_locked:  # the lock began or ran out
            self._was_locked = self.is_locked
            self._sync_keys()
        if self.idle_s >= IDLE_CLOSE_S and self._checking is None:
            log.info("staff: the PIN pad closed itself (nobody touched it)")
            self.idle_s = 0.0
            self.cancel()

    def _checked(self, right: bool) -> None:
        assert self.lock is not None
        now = self._clock()
        strings = self.services.strings
        if right:
            self.lock = self.lock.succeeded()
            self.message = ""
            self._save()
            log.info("staff: the staff menu was opened with the PIN")
            self._on_open()
            return
        self.lock = self.lock.failed(now)
        self._shake_s = SHAKE_S
        self._save()
        if self.lock.is_locked(now):
            log.warning("staff: %d wrong PINs; the PIN pad is locked for %.0f minutes",
                        MAX_FAILURES, self.lock.remaining_s(now) / 60)
            self.message = ""
        else:
            tries = self.lock.tries_left(now)
            log.info("staff: a wrong PIN was entered (%d tries left)", tries)
            self.message = (strings.get("staff.pin.wrong_last") if tries == 1
                            else strings.get("staff.pin.wrong", tries=tries))
        self._sync_keys()

    def _save(self) -> None:
        lock = self.lock
        if lock is not None:
            self._saving = self._worker.submit(self._store.save, lock)
            self._saving.add_done_callback(_log_save_failure)

    def _sync_keys(self) -> None:
        typing = self._can_type()
        shown = self.status is PinStatus.SET and not self.is_locked
        for button in self.keys.buttons:
            if button.action == "cancel":
                continue
            button.visible = shown
            if button.action == "open":
                button.enabled = typing and len(self.digits) >= PIN_DIGITS[0]
            elif button.action == "delete":
                button.enabled = typing and bool(self.digits)
            else:
                button.enabled = typing and len(self.digits) < PIN_DIGITS[1]

    # -- layout and drawing ---------------------------------------------------------------

    @property
    def viewport(self) -> Viewport:
        return Viewport.for_window(self.services.window_size)

    def resize(self, size: tuple[int, int]) -> None:
        vp = self.viewport
        portrait = vp.is_portrait
        key_w, key_h, gap = (250, 170, 34) if portrait else (168, 116, 22)
        pad_w, pad_h = 3 * key_w + 2 * gap, 4 * key_h + 3 * gap
        left = (vp.design[0] - pad_w) / 2
        top = 640 if portrait else 360
        for index, button in enumerate(self.keys.buttons[:len(KEYS)]):
            row, column = divmod(index, 3)
            button.rect = vp.rect(left + column * (key_w + gap), top + row * (key_h + gap),
                                  key_w, key_h)
        self.pad_area = vp.rect(left, top, pad_w, pad_h)
        back_w = 620 if portrait else 560
        back_top = top + pad_h + (90 if portrait else 40)
        self.keys.button("cancel").rect = vp.rect((vp.design[0] - back_w) / 2, back_top, back_w,
                                            110 if portrait else 84)
        self.dots_center = vp.point(vp.design[0] / 2, 420 if portrait else 240)
        self.message_center = vp.point(vp.design[0] / 2, 530 if portrait else 318)
        self.text_area = vp.rect(40, 0, vp.design[0] - 80, vp.design[1])
        """Where the pad's words must stay (clear of the screen's edges)."""

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        vp, strings, text = self.viewport, self.services.strings, self.services.text
        self._ground.draw(surface)
        draw_title(surface, text, vp, strings.get("staff.pin.title"),
                   top=110 if vp.is_portrait else 30)
        if self.status is not PinStatus.SET:
            self._draw_unset(surface, vp)
        elif self.is_locked:
            self._draw_locked(surface, vp)
        else:
            prompt = TextStyle(Face.SERIF, vp.length(40), LABEL)
            text.draw(surface, strings.get("staff.pin.prompt"), prompt,
                      (self.dots_center[0], self.dots_center[1] - vp.length(64)),
                      anchor="midbottom", within=self.text_area)
            self._draw_dots(surface, vp)
            if self.message:
                style = TextStyle(Face.SERIF, vp.length(32), BAD if self.lock and
                                  self.lock.failures else LABEL)
                text.draw(surface, self.message, style, self.message_center, anchor="center",
                          within=self.text_area)
        self.keys.draw(surface)
        self._draw_digits(surface)

    def _draw_digits(self, surface: pygame.Surface) -> None:
        for button in self.keys.buttons:
            if button.visible and button.rect is not None and button.action.isdigit():
                size = round(button.rect.height * 0.42)
                color = ENGRAVED if button.enabled else (*ENGRAVED, 110)
                self.services.text.draw(surface, button.action,
                                        TextStyle(Face.SANS_BOLD, size, color),
                                        button.rect.center, anchor="center")

    def _draw_dots(self, surface: pygame.Surface, vp: Viewport) -> None:
        field = pygame.Rect(0, 0, vp.length(620), vp.length(92))
        shake = math.sin(self._shake_s * 60) * vp.length(18) * (self._shake_s / SHAKE_S)
        field.center = (round(self.dots_center[0] + shake), round(self.dots_center[1]))
        draw_inset(surface, field, vp)
        radius, step = vp.length(15), vp.length(46)
        count = len(self.digits)
        x0 = field.centerx - (count - 1) * step / 2
        for index in range(count):
            pygame.draw.circle(surface, VALUE, (round(x0 + index * step), field.centery), radius)

    def _draw_locked(self, surface: pygame.Surface, vp: Viewport) -> None:
        strings, text = self.services.strings, self.services.text
        assert self.lock is not None
        remaining = math.ceil(self.lock.remaining_s(self._clock()))
        clock = f"{remaining // 60}:{remaining % 60:02d}"
        area = self.pad_area.inflate(vp.length(200), 0).clip(
            vp.rect(80, 0, vp.design[0] - 160, vp.design[1]))
        style = TextStyle(Face.SERIF, vp.length(40), BAD)
        used = text.draw_block(surface, strings.get("staff.pin.locked"), style, area,
                               align="center")
        big = TextStyle(Face.BOLD, vp.length(150), VALUE)
        text.draw(surface, clock, big, (area.centerx, area.top + used + vp.length(40)),
                  anchor="midtop", within=area)
        quiet = TextStyle(Face.ITALIC, vp.length(34), QUIET)
        text.draw(surface, strings.get("staff.pin.locked_for", time=clock), quiet,
                  (area.centerx, area.top + used + vp.length(240)), anchor="midtop",
                  within=area)

    def _draw_unset(self, surface: pygame.Surface, vp: Viewport) -> None:
        strings, text = self.services.strings, self.services.text
        area = self.pad_area.inflate(vp.length(300), 0).clip(
            vp.rect(80, 0, vp.design[0] - 160, vp.design[1]))
        key = "staff.pin.not_set" if self.status is PinStatus.NOT_SET else "staff.pin.damaged"
        style = TextStyle(Face.SERIF, vp.length(42), LABEL)
        used = text.draw_block(surface, strings.get(key), style, area, align="center")
        quiet = TextStyle(Face.ITALIC, vp.length(34), QUIET)
        box = pygame.Rect(area.left, area.top + used + vp.length(50), area.width,
                          vp.length(120))
        used += vp.length(50) + text.draw_block(surface, strings.get("staff.pin.not_set_fix"),
                                                quiet, box, align="center")
        command = strings.get("staff.pin.set_pin_command")
        field = pygame.Rect(0, 0, vp.length(560), vp.length(84))
        field.midtop = (area.centerx, area.top + used + vp.length(24))
        draw_inset(surface, field, vp)
        text.draw(surface, command, TextStyle(Face.SANS, vp.length(34), VALUE), field.center,
                  anchor="center", within=field)


def _check(pin: str, stored: str) -> bool:
    """On the worker: whether ``pin`` is right (a damaged hash is never right)."""
    try:
        return verify_pin(pin, stored)
    except PinHashError:
        return False


def _log_save_failure(future: concurrent.futures.Future[None]) -> None:
    error = future.exception()
    if error is not None:
        log.warning("staff: the PIN lock could not be written (%s); it holds until restart",
                    error)
