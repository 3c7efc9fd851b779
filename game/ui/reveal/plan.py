"""The reveal of one game as a sequence of pages, and how long each stays on screen.

Owns: ``plan_reveal`` — from the content's screen list (``assets/content/screens.toml``), the
facts of the game, the visitor's guess and today's tally, the pages to show, each with the
lines it shows in layers: the *glance* (the headline, and the line that carries this game's
facts: the credit, the counts, the verdict) that advances by itself; the *body* on a tap;
the second layer (``more``) on another tap. Also the pacing of the first pass
(``page_seconds``: the glance read aloud at 150 words a minute, plus the cabinet opening and
the ledger's replay) and ``PageText``, the words of a page in one language. The quick pass is
the pages whose screen is marked ``quick`` (``screens.toml``): the automatic page-turn goes
from one to the next; the others show when the visitor turns to them.

Imports no pygame: the plan and its timing are tested without a display.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from game.content.screens import Condition, Mode, Screen, count_words
from game.content.strings import Strings
from game.model.reveal import Guess, OpeningNote, RevealFacts, TurkMode
from game.reveal_store import TallyCount

LOOK_S = 0.5
"""Seconds to take in a page's picture before reading (a breath between pages: the picture
is seen while the words are read)."""
WORDS_PER_MINUTE = 150
"""The pace of the quick pass: the glance read aloud, unhurried."""
READ_S_PER_WORD = 60 / WORDS_PER_MINUTE
"""Reading time per word of the glance."""
GLANCE_MIN_S = 4.0
GLANCE_MAX_S = 12.0
OPENING_S = 1.6
"""The cabinet doors swinging open (instead of the look at a still picture)."""
PLY_S = 0.45
"""One move of the ledger's replay."""
REPLAY_MAX_S = 5.5
"""The whole replay at most (a long game moves faster)."""
LEDGER_HOLD_S = 1.0
"""The final position stays this long after the replay."""
MOVE_ANIMATION_S = 0.3
"""A move of the replay glides at most this long (at most 70% of its share of the replay)."""
FIRST_PASS_BUDGET_S = 90.0
"""The whole quick pass, glance by glance, must fit in this (checked by the tests and
measured by ``tools/reveal_timing.py``)."""


class PageKind(enum.StrEnum):
    CABINET = "cabinet"
    """The cabinet opens on who played this game."""
    TALLY = "tally"
    LEDGER = "ledger"
    ROLL = "roll"
    HISTORY = "history"
    END = "end"


class Role(enum.StrEnum):
    KICKER = "kicker"
    """A short line above the headline (the verdict on the guess)."""
    HEADLINE = "headline"
    GLANCE = "glance"
    """Shown with the headline at once."""
    BODY = "body"
    """Shown on a tap."""


@dataclass(frozen=True)
class Localized:
    """A placeholder value that is itself text in the visitor's language."""

    key: str


@dataclass(frozen=True)
class OpeningText:
    """A placeholder value naming an opening and the people it is named after."""

    opening: OpeningNote

    def render(self, language: str) -> str:
        name = self.opening.name_in(language)
        people = ", ".join(self.opening.people)
        return f"{name} ({people})" if people else name


Value = str | int | Localized | OpeningText


@dataclass(frozen=True)
class Line:
    key: str
    role: Role
    fields: Mapping[str, Value] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class Page:
    screen: Screen
    kind: PageKind
    lines: tuple[Line, ...]
    sources: tuple[str, ...]

    @property
    def more_key(self) -> str | None:
        return self.screen.key(self.screen.more) if self.screen.more else None

    @property
    def art(self) -> str:
        return self.screen.art

    @property
    def is_quick(self) -> bool:
        """Whether the quick pass stops at this page (see the module docstring)."""
        return self.screen.quick


_KINDS = {"reveal.operator": PageKind.CABINET, "reveal.engine": PageKind.CABINET,
          "reveal.people": PageKind.CABINET, "reveal.hybrid": PageKind.CABINET,
          "reveal.stand_in": PageKind.CABINET, "reveal.tally": PageKind.TALLY,
          "reveal.ledger": PageKind.LEDGER, "reveal.roll": PageKind.ROLL,
          "history.end": PageKind.END}
OPENS_CABINET = frozenset({"reveal.operator", "reveal.engine", "reveal.hybrid"})
"""Pages that start with the doors swinging open."""
VERDICTS = ("right", "fooled", "both")


def page_kind(screen: Screen) -> PageKind:
    return _KINDS.get(screen.id, PageKind.HISTORY)


def _mode(mode: TurkMode) -> Mode:
    return Mode(mode.value)


def game_fields(facts: RevealFacts, tally: TallyCount | None) -> dict[str, Value]:
    """The values of every placeholder the reveal's pages fill in."""
    fields: dict[str, Value] = {
        "name": facts.operator_name or Localized("reveal.operator.unnamed"),
        "moves": facts.operator_moves, "minutes": facts.minutes,
        "accepted": facts.accepted_hints, "own": facts.own_moves,
        "count": facts.stand_in_moves,
        "engine_name": facts.engine_name or Localized("reveal.engine.unnamed"),
        "engine_author": facts.engine_author or Localized("reveal.people.unknown_author"),
    }
    if facts.opening is not None:
        fields["openings"] = OpeningText(facts.opening)
    if tally is not None:
        fields.update(machine=tally.machine, person=tally.person, total=tally.total,
                      per=tally_scale(tally.total))
    return fields


TALLY_COUNTERS = 30
"""At most this many counters in a row of the tally; beyond, each stands for several."""


def tally_scale(total: int) -> int:
    """How many guesses one counter of the tally stands for (1 up to ``TALLY_COUNTERS``)."""
    return max(1, -(-total // TALLY_COUNTERS))


def _choose(screen: Screen, names: tuple[str, ...], facts: RevealFacts, guess: Guess | None,
            tally: TallyCount | None) -> str | None:
    """Which of a line's alternatives to show, or ``None`` to leave the line out."""
    if set(names) <= set(VERDICTS):
        verdict = facts.verdict(guess)
        return verdict.value if verdict is not None and verdict.value in names else None
    if "only_you" in names:
        seen = tally.total if tally is not None else 0
        if guess is not None and seen <= 1:
            return "only_you"
        return "body" if seen > 0 else None
    name = names[0]
    if name in screen.optional and not _has_value(screen, name, facts, guess, tally):
        return None
    return name


def _has_value(screen: Screen, name: str, facts: RevealFacts, guess: Guess | None,
               tally: TallyCount | None) -> bool:
    if name == "counts":
        seen = tally.total if tally is not None else 0
        return seen > (1 if guess is not None else 0)
    if name == "book":
        return facts.opening is not None and facts.book_moves > 0
    if name == "stand_in":
        return facts.has_stand_in
    return True


FEATURED = {"history.question": "question"}
"""Pages whose headline is a label for the line that matters (shown large instead)."""


def _role(screen: Screen, kind: PageKind, name: str) -> Role:
    featured = FEATURED.get(screen.id)
    if featured is not None:
        return Role.HEADLINE if name == featured else (
            Role.KICKER if name == "headline" else _role_of(kind, name))
    return _role_of(kind, name)


def _role_of(kind: PageKind, name: str) -> Role:
    if name == "headline":
        return Role.HEADLINE
    if name in VERDICTS:
        return Role.KICKER
    if name == "body" and kind is not PageKind.END:
        return Role.BODY  # the last page has no timer: all of it shows at once
    return Role.GLANCE


def plan_reveal(screens: Sequence[Screen], facts: RevealFacts, *, guess: Guess | None,
                tally: TallyCount | None, known_sources: Collection[str] = ()) -> tuple[Page, ...]:
    """The pages of the reveal for this game, in order.

    :param tally: today's guesses after games of this mode (this visitor's included).
    :param known_sources: source ids that resolve; an opening's other sources are left out.
    """
    conditions = {Condition.STAND_IN_MOVES} if facts.has_stand_in else set()
    fields = MappingProxyType(game_fields(facts, tally))
    pages = []
    for screen in screens:
        if not screen.shows_in(_mode(facts.mode), conditions):
            continue
        kind = page_kind(screen)
        lines = []
        for names in screen.lines:
            chosen = _choose(screen, names, facts, guess, tally)
            if chosen is not None:
                lines.append(Line(screen.key(chosen), _role(screen, kind, chosen), fields))
        if kind is PageKind.TALLY and not any(line.role is not Role.HEADLINE for line in lines):
            continue  # no guess and no one else's either: nothing to tell
        sources = screen.sources
        if screen.id == "reveal.people" and facts.opening is not None:
            cited = set(known_sources) | {i for i, _ in facts.opening.citations}
            extra = [s for s in facts.opening.sources if s in cited and s not in sources]
            sources = (*sources, *extra)
        pages.append(Page(screen, kind, tuple(lines), sources))
    return tuple(pages)


# -- the words of a page ---------------------------------------------------------------------

@dataclass(frozen=True)
class PageText:
    """A page's words in one language, by layer."""

    kicker: str
    headline: str
    glance: tuple[str, ...]
    body: tuple[str, ...]
    more: str
    note: str = ""
    """Shown with the body (the costume note)."""

    @property
    def glance_words(self) -> int:
        return sum(count_words(t) for t in (self.kicker, self.headline, *self.glance))

    @property
    def layers(self) -> int:
        """How many taps of "more" the page has (0, 1 or 2)."""
        return int(bool(self.body or self.note)) + int(bool(self.more))


def _value(value: Value, strings: Strings, language: str | None) -> str | int:
    if isinstance(value, Localized):
        return strings.get(value.key, language=language)
    if isinstance(value, OpeningText):
        return value.render(language or strings.language)
    return value


def line_text(line: Line, strings: Strings, language: str | None = None) -> str:
    """One line in the current (or given) language, placeholders filled.

    :raises KeyError: if the string tables lack the key.
    """
    values = {k: _value(v, strings, language) for k, v in line.fields.items()}
    return strings.get(line.key, language=language, **values)


def page_text(page: Page, strings: Strings, language: str | None = None) -> PageText:
    """The words of ``page`` in the current (or given) language."""
    by_role: dict[Role, list[str]] = {role: [] for role in Role}
    for line in page.lines:
        by_role[line.role].append(line_text(line, strings, language))
    more = strings.get(page.more_key, language=language) if page.more_key else ""
    note = strings.get(page.screen.note, language=language) if page.screen.note else ""
    return PageText(" ".join(by_role[Role.KICKER]), " ".join(by_role[Role.HEADLINE]),
                    tuple(by_role[Role.GLANCE]), tuple(by_role[Role.BODY]), more, note)


# -- pacing ----------------------------------------------------------------------------------

def glance_seconds(words: int) -> float:
    """How long a glance of ``words`` words stays before the page turns by itself."""
    return min(GLANCE_MAX_S, max(GLANCE_MIN_S, LOOK_S + READ_S_PER_WORD * words))


def replay_seconds(plies: int) -> float:
    """The ledger's replay of a game of ``plies`` moves."""
    return min(REPLAY_MAX_S, PLY_S * plies)


def ply_seconds(plies: int) -> float:
    """One move of the replay."""
    return replay_seconds(plies) / plies if plies else 0.0


def move_animation_seconds(ply_s: float) -> float:
    """How long one move of the replay glides, when moves start ``ply_s`` apart."""
    return min(MOVE_ANIMATION_S, ply_s * 0.7)


def ledger_seconds(plies: int) -> float:
    """The ledger page's own animation: the replay, the last move's glide, the hold."""
    last = move_animation_seconds(ply_seconds(plies)) if plies else 0.0
    return replay_seconds(plies) + last + LEDGER_HOLD_S


def page_seconds(page: Page, text: PageText, *, plies: int, extra_words: int = 0) -> float:
    """How long ``page`` stays in the first pass.

    :param plies: the game's length (the ledger replays it).
    :param extra_words: words the page shows besides its lines (the roll's names).
    """
    seconds = glance_seconds(text.glance_words + extra_words)
    if page.screen.id in OPENS_CABINET:
        seconds += OPENING_S - LOOK_S  # the headline is read while the doors swing open
    if page.kind is PageKind.LEDGER:
        seconds = max(seconds, ledger_seconds(plies))
    return seconds


def quick_pass(pages: Sequence[Page]) -> tuple[Page, ...]:
    """The pages the quick pass shows, in order (the last page always ends it)."""
    return tuple(p for i, p in enumerate(pages) if p.is_quick or i == len(pages) - 1)


def quick_words(pages: Sequence[Page], strings: Strings, *, roll_words: int = 0,
                language: str | None = None) -> int:
    """Words the quick pass shows, glance by glance, until the last page (which waits)."""
    total = 0
    for page in quick_pass(pages)[:-1]:
        extra = roll_words if page.kind is PageKind.ROLL else 0
        total += page_text(page, strings, language).glance_words + extra
    return total


def first_pass_seconds(pages: Sequence[Page], strings: Strings, *, plies: int,
                       roll_words: int = 0, language: str | None = None) -> float:
    """The whole quick pass as the scene paces it: every quick page's glance until the last
    page, which has no timer (it waits for "Play again")."""
    total = 0.0
    for page in quick_pass(pages)[:-1]:
        extra = roll_words if page.kind is PageKind.ROLL else 0
        total += page_seconds(page, page_text(page, strings, language), plies=plies,
                              extra_words=extra)
    return total
