"""The operator's console as a window: alone (``turk operator``) or beside the visitor's
(``turk duo``), always over the operator link.

Owns: ``ConsoleOptions``, ``Console`` — one window's scene stack, input and fixed-step loop,
starting at the login and going into the cabinet — and ``connector`` (what the login calls to
open an ``OperatorClient``). A ``Console`` draws into the display's window or into a
``pygame.Window``; as the visitor's app's companion it claims the events of its own window
(``event.window``), so one process runs both windows and one link joins them: the same code
path as two computers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.content.strings import Strings
from game.net.client import OperatorClient
from game.ui.art import ArtBook, PartPainter
from game.ui.assets import Assets
from game.ui.console.cabinet import CabinetScene
from game.ui.console.desk import ConsoleDesk
from game.ui.console.login import Connect, LoginScene
from game.ui.input import InputTranslator
from game.ui.intents import Command, CommandIssued, QuitRequested, WindowResized
from game.ui.loop import STEP_S, FixedStep
from game.ui.memory import lean_process
from game.ui.placement import Placement, desktop_sizes, side_by_side
from game.ui.scene import SceneStack
from game.ui.services import Services
from game.ui.sound import SoundBank
from game.ui.stage_view import StageView
from game.ui.text import TextPainter

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ConsoleOptions:
    """Where the kiosk is and what the login starts with."""

    address: tuple[str, int]
    code: str = ""
    name: str = ""
    hybrid: bool = False
    language: str = "en"


def connector(address: tuple[str, int]) -> Connect:
    """Opens a real, reconnecting operator client to ``address`` for the login."""
    def connect(code: str, name: str) -> ConsoleDesk:
        client = OperatorClient(host=address[0], port=address[1], pairing_code=code, name=name)
        client.start()
        return ConsoleDesk(client, address=address)
    return connect


class Console:
    """The console in one window.

    :param window: a ``pygame.Window`` of its own, or ``None`` to draw into the display's.
    :param connect: opens a connection for the login (tests pass their own).
    """

    def __init__(self, options: ConsoleOptions, *, window: pygame.Window | None = None,
                 connect: Connect | None = None, assets: Assets | None = None) -> None:
        self.options = options
        self.window = window
        self.running = True
        assets = assets or Assets()
        strings = Strings.from_folder(assets.root / "i18n", language=options.language)
        if window is not None:
            window.title = strings.get("console.window_title")
        else:
            pygame.display.set_caption(strings.get("console.window_title"))
        self.stack = SceneStack()
        # The console is silent: the cabinet's sounds are the visitor's.
        text, painter = TextPainter(assets), PartPainter(assets, ArtBook.load(assets))
        self.services = Services(assets, text, strings, self.stack,
                                 InputTranslator(), self._surface().get_size(), painter,
                                 SoundBank(assets, muted=True), StageView(painter, text))
        self.loop = FixedStep()
        self.desk: ConsoleDesk | None = None
        self._login = LoginScene(self.services, address=options.address,
                                 connect=connect or connector(options.address),
                                 on_in=self._seated, code=options.code, name=options.name)
        self.stack.push(self._login)

    def _surface(self) -> pygame.Surface:
        if self.window is not None:
            return self.window.get_surface()
        surface = pygame.display.get_surface()
        if surface is None:
            raise RuntimeError("the console has no window to draw in")
        return surface

    def _seated(self, desk: ConsoleDesk) -> None:
        self.desk = desk
        self.stack.replace(CabinetScene(self.services, desk, hybrid=self.options.hybrid,
                                        on_refused=self._refused))

    def _refused(self) -> None:
        if self.desk is not None:
            self.desk.client.close()
            self.desk = None
        self.stack.replace(self._login)

    # -- the loop -----------------------------------------------------------------------------

    def owns(self, event: pygame.event.Event) -> bool:
        """Whether ``event`` belongs to this console's own window."""
        return self.window is not None and getattr(event, "window", None) is self.window

    def step(self, frame_s: float, events: list[pygame.event.Event]) -> None:
        """One frame: these events, the fixed updates, drawing, and showing it."""
        if not self.running:
            return
        size = self._surface().get_size()
        for event in events:
            if event.type in (pygame.WINDOWCLOSE, pygame.QUIT):
                self.running = False
                return
            intent = self.services.input.translate(event, size)
            if isinstance(intent, WindowResized):
                self._resized()
            elif isinstance(intent, QuitRequested) or (
                    isinstance(intent, CommandIssued) and intent.command is Command.QUIT):
                self.running = False
                return
            elif intent is not None:
                self.stack.handle(intent)
        steps, alpha = self.loop.advance(frame_s)
        for _ in range(steps):
            self.stack.update(STEP_S)
        self.stack.draw(self._surface(), alpha)
        if self.window is not None:
            self.window.flip()
        else:
            pygame.display.flip()

    def _resized(self) -> None:
        self.services.window_size = self._surface().get_size()
        self.stack.resize(self.services.window_size)

    def close(self) -> None:
        """Hang up and close the console's window."""
        self.running = False
        while self.stack.top is not None:
            self.stack.pop()
        if self.desk is not None:
            self.desk.client.close()
            self.desk = None
        if self._login.desk is not None:
            self._login.desk.client.close()
        if self.window is not None:
            self.window.destroy()
            self.window = None


class ConsoleCompanion:
    """The console in a second window of the visitor's app (``turk duo``)."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self._pending: list[pygame.event.Event] = []

    def attach(self, play: object) -> None:
        """The console follows the game over the link, not the play screen."""

    def claim(self, events: list[pygame.event.Event]) -> list[pygame.event.Event]:
        mine = [e for e in events if self.console.owns(e)]
        self._pending.extend(mine)
        return [e for e in events if not self.console.owns(e)]

    def update(self, dt: float) -> None:
        """The console keeps its own fixed step in :meth:`frame`."""

    def frame(self, frame_s: float) -> None:
        events, self._pending = self._pending, []
        was_running = self.console.running
        self.console.step(frame_s, events)
        if was_running and not self.console.running:
            log.info("the operator's console window was closed")
            self.console.close()

    def close(self) -> None:
        self.console.close()


@dataclass(frozen=True)
class DuoLayout:
    """Where `turk duo` puts its two windows."""

    visitor: Placement | None
    """The visitor's window (``None``: it fits its screen as usual)."""
    console: Placement | None
    console_display: int | None
    """The screen the console fills, when it has one of its own."""


def duo_layout(display: int | None) -> DuoLayout:
    """The console full-screen on display ``display`` when one is named, else on the second
    screen when there is one; on a single screen the two windows side by side, each half of
    it (initialises pygame's display to ask)."""
    pygame.display.init()
    screens = [] if pygame.display.get_driver() in ("dummy", "offscreen") else desktop_sizes()
    if display is not None:
        return DuoLayout(None, None, display)
    if len(screens) > 1:
        return DuoLayout(None, None, 1)
    if not screens:
        return DuoLayout(None, None, None)
    visitor, console = side_by_side(screens[0])
    return DuoLayout(visitor, console, None)


def open_console_window(options: ConsoleOptions, *, display: int | None = None,
                        size: tuple[int, int] = (1280, 720),
                        placement: Placement | None = None,
                        window_factory: Callable[..., pygame.Window] = pygame.Window,
                        ) -> ConsoleCompanion:
    """A console in a new window: on display ``display`` (filling it), at ``placement`` (the
    right half of the screen in `turk duo`), or at the right of the screen.

    :raises ValueError: if there is no such display.
    """
    if display is not None:
        count = pygame.display.get_num_displays()
        if not 0 <= display < count:
            raise ValueError(f"there is no display {display}: this computer has {count} "
                             f"(0 to {count - 1})")
        where = pygame.WINDOWPOS_CENTERED | display
        window = window_factory("", size, position=(where, where), resizable=True)
        window.set_fullscreen(desktop=True)
    elif placement is not None:
        window = window_factory("", placement.size, position=placement.position or
                                (pygame.WINDOWPOS_CENTERED, pygame.WINDOWPOS_CENTERED),
                                resizable=True)
    else:
        # Beside the visitor's window (centred) where the screen is wide enough: at its right.
        width = pygame.display.get_desktop_sizes()[0][0]
        right = (max(0, width - size[0]), pygame.WINDOWPOS_CENTERED)
        window = window_factory("", size, position=right, resizable=True)
    return ConsoleCompanion(Console(options, window=window))


def run_console(options: ConsoleOptions, *, size: tuple[int, int] = (1280, 720),
                fullscreen: bool = False) -> int:
    """``turk operator``: the console alone in the display's window until it is closed."""
    lean_process()
    pygame.init()
    try:
        if fullscreen:
            pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            pygame.display.set_mode(size, pygame.RESIZABLE)
        console = Console(options)
        clock = pygame.time.Clock()
        try:
            while console.running:
                console.step(clock.tick(60) / 1000, pygame.event.get())
        finally:
            console.close()
    finally:
        pygame.quit()
    return 0
