"""The secret passage: the console asks for the pairing code and the name to credit.

Owns: ``LoginScene`` — two fields (the code from the kiosk's staff; the name the reveal will
credit), a button, and one line saying what is happening: reaching the kiosk, a refused code,
a refused address, a busy seat, an unreachable kiosk. It checks both fields with the
protocol's own rules before connecting; once the kiosk lets the operator in, ``on_in`` takes
the desk to the cabinet. Given both values on the command line, it connects at once.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.net import protocol
from game.ui.console.desk import ConsoleDesk
from game.ui.console.fields import TextField
from game.ui.console.layout import console_layout
from game.ui.console.light import Candle, Lighting, compose_interior
from game.ui.intents import Command, CommandIssued, Intent
from game.ui.layout import Viewport
from game.ui.scene import Scene
from game.ui.services import Services
from game.ui.text import Face, TextStyle
from game.ui.widgets import Button, ButtonRow, Pressed, draw_plaque

Connect = Callable[[str, str], ConsoleDesk]
"""Connects with (code, name) and returns the desk following that connection."""

INK = (44, 28, 14)
INK_SOFT = (96, 66, 40)
INK_URGENT = (128, 30, 18)
PAPER_TOP = (240, 228, 198)
PAPER_BOTTOM = (214, 194, 150)


def _code_char(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in " -")


def _name_char(char: str) -> bool:
    try:
        protocol.check_name("name", f"a{char}a")
    except protocol.ProtocolError:
        return False
    return True


class LoginScene(Scene):
    """Code and name, then into the cabinet."""

    def __init__(self, services: Services, *, address: tuple[str, int], connect: Connect,
                 on_in: Callable[[ConsoleDesk], None], code: str = "", name: str = "") -> None:
        self.services = services
        self.address = address
        self._connect = connect
        self._on_in = on_in
        s = services.strings
        self.code = TextField(s.get("console.login.code"), s.get("console.login.code_hint"),
                              max_chars=24, accepts=_code_char, text=code)
        self.name = TextField(s.get("console.login.name"), s.get("console.login.name_hint"),
                              max_chars=protocol.MAX_NAME_CHARS, accepts=_name_char, text=name)
        self.buttons = ButtonRow(services.text, [Button("enter", s.get("console.login.enter"))])
        self.desk: ConsoleDesk | None = None
        self.message = ""
        self.urgent = False
        self._autostart = bool(code and name)
        self.candle = Candle(services.assets)
        self.lighting = Lighting()
        self._backdrop: tuple[tuple[int, int], pygame.Surface] | None = None
        self.card = pygame.Rect(0, 0, 0, 0)
        self.message_rect = pygame.Rect(0, 0, 0, 0)
        self.resize(services.window_size)

    def enter(self) -> None:
        (self.code if not self.code.text else self.name).focused = True
        self.services.input.text_mode = True
        if self._autostart:
            self.submit()

    def exit(self) -> None:
        self.services.input.text_mode = False

    def resize(self, size: tuple[int, int]) -> None:
        vp = Viewport.for_window(size)
        width, height = (1000, 740) if not vp.is_portrait else (960, 780)
        left = (vp.design[0] - width) / 2
        top = (vp.design[1] - height) / 2
        self.card = vp.rect(left, top, width, height)
        self.code.rect = vp.rect(left + 60, top + 300, width - 120, 76)
        self.name.rect = vp.rect(left + 60, top + 450, width - 120, 76)
        self.message_rect = vp.rect(left + 60, top + 536, width - 120, 66)
        self.buttons.layout(vp.rect(left + width / 2 - 220, top + 610, 440, 84),
                            vertical=False, gap=0, size=0)

    # -- intents ------------------------------------------------------------------------------

    def handle(self, intent: Intent) -> bool:
        answer = self.buttons.handle(intent)
        if answer == Pressed("enter"):
            self.submit()
            return True
        if isinstance(intent, CommandIssued) and intent.command in (
                Command.NEXT_FOCUS, Command.PREVIOUS_FOCUS):
            self.code.focused, self.name.focused = self.name.focused, not self.name.focused
            return True
        if isinstance(intent, CommandIssued) and intent.command is Command.ACTIVATE:
            if self.code.focused and not self.name.text:
                self.code.focused, self.name.focused = False, True
            else:
                self.submit()
            return True
        used = self.code.handle(intent)
        used = self.name.handle(intent) or used
        self.services.input.text_mode = self.code.focused or self.name.focused
        return used or answer is not None

    def submit(self) -> None:
        """Check both fields and connect (a connection in progress is given up)."""
        s = self.services.strings
        try:
            protocol.normalize_pairing_code(self.code.text)
        except ValueError:
            self._say(s.get("console.login.need_code"), urgent=True)
            return
        try:
            protocol.check_name("name", protocol.normalize_text(self.name.text).strip())
        except protocol.ProtocolError:
            self._say(s.get("console.login.need_name"), urgent=True)
            return
        self._hang_up()
        host, port = self.address
        self._say(s.get("console.login.connecting", address=f"{host}:{port}"))
        self.desk = self._connect(self.code.text, protocol.normalize_text(self.name.text).strip())

    def _say(self, message: str, *, urgent: bool = False) -> None:
        self.message, self.urgent = message, urgent

    def _hang_up(self) -> None:
        if self.desk is not None:
            self.desk.client.close()
            self.desk = None

    # -- time ---------------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        self.candle.update(dt)
        self.code.update(dt)
        self.name.update(dt)
        desk = self.desk
        if desk is None:
            return
        desk.update(dt)
        s = self.services.strings
        refusal = desk.refusal
        if desk.is_in:
            self.desk = None
            self._on_in(desk)
        elif desk.phase == "refused":
            code = refusal.code if refusal is not None else "bad_proof"
            self._say(s.get(f"console.login.{code}") if code in protocol.REFUSAL_CODES
                      else s.get("console.login.lost", reason=desk.lost_reason), urgent=True)
            self._hang_up()
        elif refusal is not None and refusal.code == "busy":
            self._say(s.get("console.login.busy"))
        elif desk.phase == "lost":
            self._say(s.get("console.login.lost", reason=desk.lost_reason), urgent=True)

    # -- drawing ------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        size = surface.get_size()
        vp = Viewport.for_window(size)
        layout = console_layout(size)
        if self._backdrop is None or self._backdrop[0] != size:
            canvas = compose_interior(self.services.assets, size)
            draw_plaque(canvas, self.card, radius=vp.length(18), top=PAPER_TOP,
                        bottom=PAPER_BOTTOM, edge=(104, 70, 36))
            self._backdrop = (size, canvas)
        surface.blit(self._backdrop[1], (0, 0))
        foot = (self.card.right + vp.length(110), self.card.bottom - vp.length(40))
        if foot[0] + vp.length(80) > size[0]:
            foot = (self.card.left - vp.length(110), foot[1])
        height = 280 * vp.scale
        self._draw_words(surface, vp)
        for field in (self.code, self.name):
            field.draw(surface, self.services.text, vp.scale)
        self.buttons.draw(surface)
        wick = self.candle.wick(foot, height)
        self.lighting.apply(surface, wick, layout.reach)
        self.candle.draw_glow(surface, wick, round(460 * vp.scale))
        self.candle.draw(surface, foot, height)

    def _draw_words(self, surface: pygame.Surface, vp: Viewport) -> None:
        s, text = self.services.strings, self.services.text
        inner = self.card.inflate(-vp.length(120), -vp.length(60))
        title = TextStyle(Face.SMALL_CAPS, vp.length(58), INK)
        text.draw(surface, s.get("console.login.title"), title, inner.midtop, anchor="midtop")
        intro = pygame.Rect(inner.left, inner.top + vp.length(86), inner.width,
                            vp.length(150))
        text.draw_block(surface, s.get("console.login.intro"),
                        TextStyle(Face.SERIF, vp.length(31), INK_SOFT), intro, align="center")
        if self.message:
            color = INK_URGENT if self.urgent else INK_SOFT
            for px in (28, 26, 24, 22, 20):  # the largest type at which the message fits
                style = TextStyle(Face.ITALIC, vp.length(px), color)
                lines = text.wrap(self.message, style, self.message_rect.width)
                if len(lines) * round(style.size * 1.15) <= self.message_rect.height:
                    break
            text.draw_block(surface, self.message, style, self.message_rect, align="center",
                            valign="center")
