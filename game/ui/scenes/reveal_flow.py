"""The way from a finished game to the guess, the reveal, and the next game.

Owns: ``RevealFlow`` — the composition root hands it the store, the content and a ``finish``
hook. ``open_guess(match)`` reads the finished game (its sealed records and crew), pushes the
guess; the answer is counted (anonymously, per mode and day), an operator who played joins the
kiosk's roll, and the reveal replaces the guess. "Play again" on the reveal's last page calls
``finish`` — a new game in solo play; the kiosk's attract loop can take its place.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from game.content.screens import HistoricalOperator, Screen
from game.content.sources import Source
from game.match import Match
from game.model.reveal import Guess, RevealFacts, TurkMode
from game.reveal_store import RevealStore, TallyCount
from game.ui.reveal.facts import facts_from_match
from game.ui.reveal.plan import Page, plan_reveal
from game.ui.scenes.guess import GuessScene
from game.ui.scenes.reveal import RevealContent, RevealScene
from game.ui.services import Services

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RevealTexts:
    """The content the reveal reads once at start-up (``game.content`` loaders)."""

    screens: Sequence[Screen]
    sources: Mapping[str, Source]
    historical: Sequence[HistoricalOperator]


@dataclass
class RevealTimeouts:
    """Unattended kiosks move on by themselves; solo play waits (``None``)."""

    guess_s: float | None = None
    end_s: float | None = None


@dataclass
class RevealFlow:
    """Guess → reveal → finish, for one window."""

    services: Services
    store: RevealStore
    texts: RevealTexts
    finish: Callable[[], None]
    """What "Play again" does (the kiosk's attract loop will be wired here)."""
    timeouts: RevealTimeouts = field(default_factory=RevealTimeouts)
    guessed: Callable[[RevealFacts, Guess | None], None] | None = None
    """Told of every answer (the kiosk's anonymous statistics listen here)."""

    def open_guess(self, match: Match) -> GuessScene | None:
        """Push the guess for ``match``'s finished game (``None`` if it cannot be read)."""
        try:
            facts = facts_from_match(match)
        except ValueError as exc:
            log.warning("the reveal cannot read this game: %s", exc)
            return None
        final = facts.ledger[-1].fen if facts.ledger else facts.start_fen
        scene = GuessScene(self.services, lambda guess: self._guessed(scene, facts, guess),
                           timeout_s=self.timeouts.guess_s, fen=final)
        self.services.stack.push(scene)
        return scene

    def _guessed(self, guess_scene: GuessScene, facts: RevealFacts, guess: Guess | None) -> None:
        tally = self.count(facts, guess)
        if self.guessed is not None:
            self.guessed(facts, guess)
        pages = self.plan(facts, guess, tally)
        reveal = RevealScene(self.services, pages, facts, tally=tally, content=RevealContent(
            self.texts.sources, self.texts.historical, self.store.operators),
            finish=self._finished, auto_finish_s=self.timeouts.end_s)
        self.services.stack.remove(guess_scene)
        self.services.stack.push(reveal)

    def count(self, facts: RevealFacts, guess: Guess | None) -> TallyCount:
        """Count the guess and put the operator on the roll; today's tally for the mode."""
        if guess is not None:
            tally = self.store.record_guess(facts.mode, guess)
        else:
            tally = self.store.today_count(facts.mode)
        if facts.mode is not TurkMode.ENGINE and facts.operator_moves > 0:
            self.store.add_operator(facts.operator_name, moves=facts.operator_moves,
                                    game_id=facts.game_id)
        return tally

    def plan(self, facts: RevealFacts, guess: Guess | None,
             tally: TallyCount | None) -> tuple[Page, ...]:
        return plan_reveal(self.texts.screens, facts, guess=guess, tally=tally,
                           known_sources=self.texts.sources.keys())

    def _finished(self) -> None:
        top = self.services.stack.top
        if isinstance(top, RevealScene):
            self.services.stack.remove(top)
        self.finish()
