"""Finished demonstration games for each way the Turk can be played, and a way to any page.

Owns: ``demo_match`` (a short real game — the Turk, with White, plays Légal's mate out of
Philidor's Defence — whose Turk
moves carry the authors of one mode: the program with its book; a hidden operator; an
operator taking or refusing the program's suggestions; an operator who left and was replaced
by the program) and ``show_page`` (drives a ``RevealFlow`` through the guess to one page and
layer). Used by ``turk screenshot`` and by the reveal's tests; nothing here is shown in play.
"""

from __future__ import annotations

from dataclasses import dataclass

import chess

from game.match import Crew, Match
from game.model.pacing import Pacing
from game.model.records import MoveAuthor
from game.model.reveal import Guess, TurkMode
from game.model.session import GameSession
from game.opponents.idle import IdleOpponent
from game.ui.reveal.plan import PageKind
from game.ui.scenes.guess import GuessScene
from game.ui.scenes.reveal import RevealScene
from game.ui.scenes.reveal_flow import RevealFlow

GAME = ("e2e4", "e7e5", "g1f3", "d7d6", "f1c4", "c8g4", "b1c3", "g7g6", "f3e5", "g4d1",
        "c4f7", "e8e7", "c3d5")
"""The Turk (White) against the visitor: 1.e4 e5 2.Nf3 d6 (Philidor's Defence) 3.Bc4 Bg4
4.Nc3 g6 5.Nxe5 Bxd1 6.Bxf7+ Ke7 7.Nd5# — Légal's mate, named after Philidor's teacher."""
MODES = ("engine", "operator", "hybrid", "standin")

_TURK_AUTHORS = {
    "engine": (MoveAuthor.BOOK, MoveAuthor.BOOK, MoveAuthor.ENGINE, MoveAuthor.ENGINE,
               MoveAuthor.ENGINE, MoveAuthor.ENGINE, MoveAuthor.ENGINE),
    "operator": (MoveAuthor.OPERATOR,) * 7,
    "hybrid": (MoveAuthor.OPERATOR_HINT, MoveAuthor.OPERATOR, MoveAuthor.OPERATOR_HINT,
               MoveAuthor.OPERATOR, MoveAuthor.OPERATOR, MoveAuthor.OPERATOR_HINT,
               MoveAuthor.OPERATOR),
    "standin": (MoveAuthor.OPERATOR, MoveAuthor.OPERATOR, MoveAuthor.OPERATOR,
                MoveAuthor.ENGINE_STANDIN, MoveAuthor.ENGINE_STANDIN, MoveAuthor.OPERATOR,
                MoveAuthor.OPERATOR),
}
OPERATOR_NAME = "Clara Lindqvist"
EARLIER_OPERATOR = "Jonas Weber"


@dataclass(frozen=True)
class DemoTally:
    """Guesses other visitors made today (so the tally has something to show)."""

    machine: int = 7
    person: int = 5


def demo_match(mode: str) -> Match:
    """The demonstration game, finished, with its crew set for ``mode``.

    :raises ValueError: for an unknown mode.
    """
    if mode not in _TURK_AUTHORS:
        raise ValueError(f"unknown demo mode {mode!r}; use {', '.join(MODES)}")
    turk = iter(_TURK_AUTHORS[mode])
    authors = [next(turk) if index % 2 == 0 else MoveAuthor.VISITOR
               for index in range(len(GAME))]
    session = GameSession(visitor_color=chess.BLACK, game_id=f"demo-{mode}")
    for uci, author in zip(GAME, authors, strict=True):
        session.apply(chess.Move.from_uci(uci), author)
    match = Match(session, IdleOpponent(), pacing=Pacing.instant())
    crew_mode = TurkMode.OPERATOR if mode == "standin" else TurkMode(mode)
    operator = OPERATOR_NAME if crew_mode is not TurkMode.ENGINE else ""
    match.crew = Crew(mode=crew_mode, operator_name=operator, engine_name="The Turk 1.0",
                      engine_author="The Mechanical Turk project")
    match.operator_seconds = 0.0 if crew_mode is TurkMode.ENGINE else 7 * 60 + 20
    return match


def seed_store(flow: RevealFlow, mode: str, tally: DemoTally = DemoTally()) -> None:
    """Earlier guesses today and an earlier operator on the roll."""
    turk_mode = TurkMode.OPERATOR if mode == "standin" else TurkMode(mode)
    for guess, count in ((Guess.MACHINE, tally.machine), (Guess.PERSON, tally.person)):
        for _ in range(count):
            flow.store.record_guess(turk_mode, guess)
    flow.store.add_operator(EARLIER_OPERATOR, moves=23, game_id="demo-earlier")


def open_reveal(flow: RevealFlow, match: Match, guess: Guess | None) -> RevealScene:
    """Through the guess (answered at once) to the reveal's first page.

    :raises RuntimeError: if the reveal did not open.
    """
    scene = flow.open_guess(match)
    if not isinstance(scene, GuessScene):
        raise RuntimeError("the guess did not open for the demo game")
    scene.answer(guess)
    scene.update(60.0)  # past the thank-you
    top = flow.services.stack.top
    if not isinstance(top, RevealScene):
        raise RuntimeError("the reveal did not open after the guess")
    return top


def show_page(reveal: RevealScene, page: str, *, layer: int = 0, sources: bool = False,
              settle_s: float = 2.5) -> None:
    """Go to the page whose screen id ends with ``page`` (or number ``page``) and layer.

    :raises ValueError: if the reveal has no such page.
    """
    ids = [p.screen.id for p in reveal.pages]
    if page.isdigit() and int(page) < len(ids):
        index = int(page)
    else:
        matches = [i for i, screen in enumerate(ids) if screen.split(".")[-1] == page
                   or screen == page]
        if not matches:
            raise ValueError(f"no page {page!r} in this reveal; pages: "
                             f"{', '.join(s.split('.')[-1] for s in ids)}")
        index = matches[0]
    reveal.go_to(index)
    for _ in range(layer):
        reveal.more()
    if sources:
        reveal.act("sources")
    held, reveal.held = reveal.held, True
    if reveal.page.kind is PageKind.LEDGER:
        settle_s = max(settle_s, reveal.ledger.ply_s * len(reveal.facts.ledger) + 0.5)
    steps = round(settle_s * 60)
    for _ in range(steps):
        reveal.update(1 / 60)
    reveal.held = held

