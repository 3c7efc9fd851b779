"""The console in set situations, for ``turk screenshot`` and for looking at it.

Owns: ``CONSOLE_SCENES``, ``ScriptedClient`` (a client that reports a fixed list of the
link's events — the console's answer to ``IdleOpponent``: nothing is connected, so nothing
changes by itself) and ``take_console_screenshot``. Each recipe goes through the console's
real path: the login with the code and the name, the desk reading the events, the cabinet.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import chess
import pygame

from game.net import protocol
from game.net.client import ClientEvent
from game.ui.console.cabinet import CabinetScene
from game.ui.console.desk import ConsoleDesk
from game.ui.console.window import Console, ConsoleOptions

ADDRESS = ("192.168.1.20", 1770)
CODE = "K7MX-4RWD"
NAME = "Johann Allgaier"
OPENING = ("e2e4", "e7e5", "g1f3", "b8c6", "f1c4", "f8c5")
"""A Giuoco Piano; the Turk has White, as it usually had, and is to move."""
HINTS = (protocol.Hint(uci="c2c3", san="c3", cp=38, mate=None),
         protocol.Hint(uci="e1g1", san="O-O", cp=31, mate=None),
         protocol.Hint(uci="d2d3", san="d3", cp=22, mate=None))
CONSOLE_SCENES = ("login", "console", "console-hybrid", "console-magnets")


class ScriptedClient:
    """Reports ``events`` at the first poll and accepts anything sent."""

    def __init__(self, events: list[ClientEvent]) -> None:
        self._events = list(events)
        self.sent: list[str] = []

    def poll(self) -> list[ClientEvent]:
        events, self._events = self._events, []
        return events

    def send_move(self, *, game_id: str, ply: int, uci: str, from_hint: bool = False) -> None:
        self.sent.append(uci)

    def say(self, text: str) -> None:
        self.sent.append(protocol.check_say_text("text", protocol.normalize_text(text)))

    def close(self) -> None:
        """Nothing to close."""


def _state(moves: tuple[str, ...], countdown_s: float | None) -> protocol.GameState:
    board = chess.Board()
    for uci in moves:
        board.push_uci(uci)
    return protocol.GameState.from_board(board, game_id="showcase", turk_color=chess.WHITE,
                                         status="playing", countdown_s=countdown_s)


def _events(scene: str) -> list[ClientEvent]:
    events: list[ClientEvent] = [protocol.AuthOk(game_id="showcase", ply=0, name=NAME)]
    events += [protocol.MoveAck(game_id="showcase", ply=ply, uci=OPENING[ply])
               for ply in (0, 2, 4)]
    if scene == "console-magnets":
        moves = (*OPENING, "c2c3")
        return [*events, _state(moves, None),
                protocol.MoveAck(game_id="showcase", ply=6, uci="c2c3"),
                protocol.VisitorLift(game_id="showcase", ply=len(moves), square="g8")]
    events.append(_state(OPENING, 27.0))
    if scene == "console-hybrid":
        events.append(protocol.Hints(game_id="showcase", ply=len(OPENING), hints=HINTS))
    return events


def _connector(scene: str) -> Callable[[str, str], ConsoleDesk]:
    def connect(code: str, name: str) -> ConsoleDesk:
        desk = ConsoleDesk(ScriptedClient(_events(scene)), address=ADDRESS)
        desk.lever_s = 6 * 60 + 20
        return desk
    return connect


def take_console_screenshot(scene: str, size: tuple[int, int], language: str,
                            out: Path) -> Path:
    """Render a console scene (one of ``CONSOLE_SCENES``) to the PNG ``out``.

    :raises ValueError: for an unknown scene.
    """
    if scene not in CONSOLE_SCENES:
        raise ValueError(f"unknown console scene {scene!r}; scenes: {', '.join(CONSOLE_SCENES)}")
    pygame.init()
    try:
        screen = pygame.display.set_mode(size)
        login = scene == "login"
        options = ConsoleOptions(ADDRESS, code=CODE, name="" if login else NAME,
                                 hybrid=scene == "console-hybrid", language=language)
        console = Console(options, connect=_connector(scene))
        if login:
            console.step(1 / 60, [pygame.event.Event(pygame.TEXTINPUT, text=char)
                                  for char in NAME[:11]])
        for frame in range(40):
            console.step(1 / 60, [])
            top = console.stack.top
            if frame == 2 and scene == "console-magnets" and isinstance(top, CabinetScene):
                top.press("magnets")
        out.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(screen, str(out))
        console.close()
    finally:
        pygame.quit()
    return out
