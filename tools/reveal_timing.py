"""How long the reveal's quick pass takes, per mode and language, from the real content.

The quick pass is the pages the reveal turns by itself (``quick`` screens in
``assets/content/screens.toml``), glance by glance — the headline and the lines that carry this
game's facts — until "Play again". This script plans the reveal of a long demonstration game
(40 plies, an operator's name of the widest kind, an opening with its people) in every mode
and language and prints, for each:

- the quick pass's pages and words, and those words read aloud at 150 words a minute;
- the seconds the scene itself gives the pass (a look at each picture, the doors, the
  ledger's replay, the same reading pace), which tests/reveal checks too.

Both must stay within 90 s (``FIRST_PASS_BUDGET_S``). ``--markdown`` prints the table that
``docs/reveal.md`` carries; ``--check`` exits 1 when a cell runs over.

Usage: python tools/reveal_timing.py [--markdown] [--check]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import chess

from game.content.screens import load_operators, load_screens
from game.content.strings import Strings
from game.model.records import MoveAuthor, MoveRecord
from game.model.reveal import Guess, OpeningNote, RevealFacts, TurkMode, build_facts
from game.reveal_store import KioskOperator, TallyCount
from game.ui.reveal.plan import (
    FIRST_PASS_BUDGET_S,
    WORDS_PER_MINUTE,
    first_pass_seconds,
    plan_reveal,
    quick_pass,
    quick_words,
)
from game.ui.reveal.roll import glance_words, roll_entries

ASSETS = Path(__file__).resolve().parents[1] / "assets"
LANGUAGES = ("en", "de", "fr")
PLIES = 40
MODES: dict[str, tuple[TurkMode, tuple[MoveAuthor, ...]]] = {
    "program": (TurkMode.ENGINE, (MoveAuthor.BOOK, MoveAuthor.BOOK, MoveAuthor.ENGINE)),
    "operator": (TurkMode.OPERATOR, (MoveAuthor.OPERATOR,)),
    "hybrid": (TurkMode.HYBRID, (MoveAuthor.OPERATOR_HINT, MoveAuthor.OPERATOR)),
    "operator replaced by the program": (
        TurkMode.OPERATOR, (MoveAuthor.OPERATOR, MoveAuthor.ENGINE_STANDIN)),
}
OPENING = OpeningNote("Ruy Lopez", ("Ruy López de Segura",), "16th century", ("W1",))
KIOSK_OPERATORS = (KioskOperator("Jonas Weber", "2024-05-01", 23, "earlier"),)


@dataclass(frozen=True)
class Timing:
    mode: str
    language: str
    pages: int
    words: int

    @property
    def read_s(self) -> float:
        """The words read aloud at ``WORDS_PER_MINUTE``."""
        return self.words * 60 / WORDS_PER_MINUTE

    scene_s: float = 0.0


def records(authors: tuple[MoveAuthor, ...]) -> list[MoveRecord]:
    """A legal game of ``PLIES`` moves, the visitor White, the Turk's moves by ``authors``."""
    board = chess.Board()
    result = []
    turk = 0
    for ply in range(PLIES):
        moves = sorted(board.legal_moves, key=lambda m: m.uci())
        move = moves[(21 + ply * 13) % len(moves)]
        if board.turn == chess.WHITE:
            author = MoveAuthor.VISITOR
        else:
            author = authors[turk % len(authors)]
            turk += 1
        result.append(MoveRecord(ply, move.uci(), board.san(move), author))
        board.push(move)
        if board.is_game_over():
            break
    return result


def facts_for(mode: TurkMode, authors: tuple[MoveAuthor, ...]) -> RevealFacts:
    return build_facts(records(authors), game_id="timing", start_fen=chess.STARTING_FEN,
                       visitor_color=chess.WHITE, mode=mode,
                       operator_name="" if mode is TurkMode.ENGINE else "Maria Lindqvist-Weber",
                       engine_name="The Turk 1.0", engine_author="The Mechanical Turk project",
                       operator_seconds=600, opening=OPENING)


def measure() -> list[Timing]:
    """The quick pass of every mode in every language (the visitor guessed, others had too)."""
    screens = load_screens(ASSETS)
    strings = Strings.from_folder(ASSETS / "i18n")
    historical = load_operators(ASSETS)
    timings = []
    for name, (mode, authors) in MODES.items():
        facts = facts_for(mode, authors)
        pages = plan_reveal(screens, facts, guess=Guess.PERSON, tally=TallyCount(7, 5))
        for language in LANGUAGES:
            strings.language = language
            roll = glance_words(roll_entries(historical, KIOSK_OPERATORS, strings))
            words = quick_words(pages, strings, roll_words=roll)
            scene = first_pass_seconds(pages, strings, plies=len(facts.ledger),
                                       roll_words=roll)
            timings.append(Timing(name, language, len(quick_pass(pages)), words, scene))
    return timings


def markdown(timings: list[Timing]) -> str:
    """The table for docs/reveal.md: pages, then words · read-aloud seconds · scene seconds."""
    lines = ["| mode | pages | en | de | fr |", "|---|---|---|---|---|"]
    modes = dict.fromkeys(t.mode for t in timings)
    for mode in modes:
        row = {t.language: t for t in timings if t.mode == mode}
        cells = [f"{row[lang].words} words · {row[lang].read_s:.1f} s · {row[lang].scene_s:.1f} s"
                 for lang in LANGUAGES]
        lines.append(f"| {mode} | {row['en'].pages} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def over_budget(timings: list[Timing]) -> list[Timing]:
    return [t for t in timings
            if t.read_s > FIRST_PASS_BUDGET_S or t.scene_s > FIRST_PASS_BUDGET_S]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print the docs table")
    parser.add_argument("--check", action="store_true", help="exit 1 if any pass runs over")
    args = parser.parse_args(argv)
    timings = measure()
    if args.markdown:
        print(markdown(timings))
    else:
        for t in timings:
            print(f"{t.mode:34} {t.language}  pages {t.pages:2}  words {t.words:3}  "
                  f"read aloud {t.read_s:5.1f} s  scene {t.scene_s:5.1f} s")
    late = over_budget(timings)
    for t in late:
        print(f"over {FIRST_PASS_BUDGET_S:.0f} s: {t.mode}, {t.language}", file=sys.stderr)
    return 1 if args.check and late else 0


if __name__ == "__main__":
    sys.exit(main())
