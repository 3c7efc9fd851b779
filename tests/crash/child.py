"""A kiosk with a scripted visitor, run as its own process for the SIGKILL harness.

``python -m tests.crash.child --data-dir DIR --seed N [--resume-policy abandon]`` runs the real
app in kiosk mode as ``turk kiosk`` builds it (``game.kiosk_setup.start_kiosk``: the controller,
the attract loop, the staff door, the statistics) under SDL's dummy drivers, with the built-in
engine at level 1 and no pacing, and a visitor who touches the attract loop, taps moves on the
board's squares (posted mouse events, as a finger would), types a promotion, resigns with the
Resign button, lets the time cap decide, or walks away (the kiosk's idle reset abandons the
game). When a game ends the visitor goes back to the attract loop through the kiosk's public
``to_attract`` (instead of sitting through the guess and the reveal) and touches the screen
again. It never stops by itself: the harness kills it.

Its stdout is the harness's record, one short line each, flushed at once:

``ready PID`` (start-up done: a resumed game shown, the journal folder put in order),
``resumed GAME PLY FEN`` and ``had GAME PLY UCI AUTHOR`` (the game it resumed, record by
record), ``game GAME`` (a visit began), ``move GAME PLY UCI AUTHOR`` (a move reached the
screen: the model has it and the play screen was told), ``end GAME TERMINATION``.

The visitor's driving lives in ``Visitor.act`` alone: that is the one place to walk through the
guess and the reveal too.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import chess
import pygame

from game.app import App, Launch
from game.config import Settings
from game.kiosk import KioskController, Phase
from game.kiosk_setup import start_kiosk
from game.match import Match
from game.ui.loop import STEP_S
from game.ui.scenes.play import PlayScene

FRAME_S = 4 * STEP_S
"""Game time per frame: four logic steps."""
SPEED = 5.0
"""Game seconds per real second at most: a walk-away's idle reset and the time cap come five
times as soon, while the engine, which thinks in real time, still gets its time."""
SIZE = (960, 540)


def say(*words: object) -> None:
    """One line to the harness (bounded: ids, squares, names and a FEN)."""
    line = " ".join(str(word) for word in words)[:200]
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class Reporter:
    """Tells the harness what reached the screen, once each."""

    def __init__(self) -> None:
        self.match: Match | None = None
        self.shown = 0
        self.ended = False

    def follow(self, match: Match) -> None:
        if match is not self.match:
            self.match, self.shown, self.ended = match, 0, False
            say("game", match.session.game_id)

    def update(self) -> None:
        match = self.match
        if match is None:
            return
        session = match.session
        for record in session.records[self.shown:]:
            say("move", session.game_id, record.ply, record.uci, record.author.value)
        self.shown = session.ply
        if session.ending is not None and not self.ended:
            self.ended = True
            say("end", session.game_id, session.ending.termination.value)


class Visitor:
    """A visitor who plays quickly: taps moves, sometimes resigns or walks away."""

    def __init__(self, app: App, kiosk: KioskController, rng: random.Random,
                 reporter: Reporter) -> None:
        self.app, self.kiosk, self.rng, self.reporter = app, kiosk, rng, reporter
        self._taps: list[tuple[int, int]] = []
        self._typed = ""
        self._plan: tuple[str, int] = ("play", 0)
        self._waiting = 0
        self._game_id = ""

    def _plan_game(self) -> None:
        roll = self.rng.random()
        if roll < 0.35:
            self._plan = ("resign", self.rng.randint(4, 30))
        elif roll < 0.50:
            self._plan = ("walk away", self.rng.randint(2, 20))
        else:
            self._plan = ("play", 0)  # on to the end, or to the time cap

    def act(self) -> None:
        """One frame of the visitor (called after each ``app.step``)."""
        kiosk = self.kiosk
        self.reporter.update()  # a game the kiosk just closed is reported before the next
        if kiosk.phase is Phase.ATTRACT:
            self._tap((SIZE[0] // 2, SIZE[1] // 2))  # "touch to play"
            return
        play = kiosk.play
        if play is None:
            return
        self.reporter.follow(play.match)
        self.reporter.update()
        session = play.match.session
        if session.game_id != self._game_id:
            self._game_id = session.game_id
            self._plan_game()
        if kiosk.phase is Phase.AFTER or session.is_over:
            self._waiting += 1
            if self._waiting > 20:  # a look at the final position, then the next visitor
                self._waiting = 0
                kiosk.to_attract()
            return
        self._waiting = 0
        if self._taps:
            self._tap(self._taps.pop(0))
            return
        if self._typed:
            self._type(self._typed)
            self._typed = ""
            return
        if self.app.stack.top is not play or not self._ready(play):
            return
        kind, at = self._plan
        if kind == "walk away" and session.ply >= at:
            return  # nobody touches the screen any more
        if kind == "resign" and session.ply >= at:
            button = play.buttons.button("resign").rect
            if button is not None:
                self._taps = [button.center, button.center]
            return
        self._move(play)

    @staticmethod
    def _ready(play: PlayScene) -> bool:
        session = play.match.session
        return (session.is_visitor_turn and play.board.is_idle and not play.staging.is_busy
                and play.board.state.drag is None)

    def _move(self, play: PlayScene) -> None:
        board = play.match.session.board()
        moves = sorted(board.legal_moves, key=chess.Move.uci)
        captures = [move for move in moves if board.is_capture(move)]
        move = self.rng.choice(captures if captures and self.rng.random() < 0.6 else moves)
        if move.promotion is not None:
            self._typed = board.san(move)  # typed on the keyboard, then Enter
            return
        geometry = play.board.geometry
        self._taps = [_point(geometry.square_center(move.from_square)),
                      _point(geometry.square_center(move.to_square))]
        self._tap(self._taps.pop(0))

    @staticmethod
    def _tap(pos: tuple[int, int]) -> None:
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))

    @staticmethod
    def _type(text: str) -> None:
        for char in text:
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0,
                                             unicode="\r"))


def _point(center: tuple[float, float]) -> tuple[int, int]:
    return round(center[0]), round(center[1])


def settings_for(data_dir: Path, policy: str) -> Settings:
    return Settings(data_dir=data_dir, window_size=SIZE, fullscreen=False, kiosk=True,
                    pacing=False, level=1, engine="builtin", mute=True, show=False,
                    greeting=False, idle_s=15, still_there_s=20, leave_reveal_s=15,
                    time_cap_min=1, resume=policy)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--resume-policy", choices=("resume", "abandon"), default="resume")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    rng = random.Random(args.seed)
    app = App(Launch(settings_for(args.data_dir, args.resume_policy)),
              rng=random.Random(rng.random()))
    kiosk = start_kiosk(app, settings_file=args.data_dir / "settings.toml").controller
    reporter = Reporter()
    if kiosk.play is not None:
        session = kiosk.play.match.session
        say("resumed", session.game_id, session.ply, session.position.fen)
        for record in session.records:
            say("had", session.game_id, record.ply, record.uci, record.author.value)
        reporter.match, reporter.shown = kiosk.play.match, session.ply
    app.journal.flush()  # start-up's archiving done: the harness looks at the folders now
    say("ready", os.getpid())
    visitor = Visitor(app, kiosk, rng, reporter)
    started, game_s = time.monotonic(), 0.0
    while True:
        app.step(FRAME_S)
        visitor.act()
        game_s += FRAME_S
        ahead = game_s / SPEED - (time.monotonic() - started)
        if ahead > 0:
            time.sleep(ahead)


if __name__ == "__main__":
    sys.exit(main())
