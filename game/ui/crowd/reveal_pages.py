"""The pages of a crowd game's reveal, and the words on them, from the typed summary.

Owns: ``CrowdPage`` and ``plan_crowd_reveal`` — the cabinet opening on a crowd; the ledger
(each Turk move with the tasks behind it, how many answered, how many agreed, who was paid
what), in pages of a few moves; the platform's accounts (workers, tasks, minutes worked,
points per worker, the platform's cut, answers rejected, the program's stand-ins); the layers
of hidden work tied to what the class did (proposing = writing, labelling = annotation,
rating = RLHF, the visitor's guess = users' free work); the platform in the middle. And the
text helpers the scene draws with (``move_lines``, ``total_rows``), so the words are tested
without a display. Every fact's source ids travel with its page (from CONTENT.md).

Reads only ``CrowdSummary`` (frozen data), never parsed text. Imports no pygame.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from game.content.strings import Strings
from game.crowd.summary import CrowdSummary, MoveWork, WorkerLabel
from game.crowd.tasks import TaskKind
from game.model.reveal import Guess

MOVES_PER_PAGE = 4
NAMES_SHOWN = 6
"""Payees named on a ledger line before "and N more"."""


class CrowdPageKind(enum.StrEnum):
    CABINET = "cabinet"
    LEDGER = "ledger"
    TOTALS = "totals"
    LAYERS = "layers"
    PLATFORM = "platform"


SOURCES: dict[CrowdPageKind, tuple[str, ...]] = {
    CrowdPageKind.CABINET: ("GAME",),
    CrowdPageKind.LEDGER: ("GAME",),
    CrowdPageKind.TOTALS: ("GAME",),
    CrowdPageKind.LAYERS: ("GPT3", "VG", "STAR", "HF", "OAI-C", "OAI-H"),
    CrowdPageKind.PLATFORM: ("MT", "PW", "HF"),
}
"""The source ids of each page's facts (this game's record is ``GAME``)."""

LAYERS: tuple[tuple[str, TaskKind | None], ...] = (
    ("propose", TaskKind.PROPOSE), ("label", TaskKind.LABEL), ("rate", TaskKind.RATE),
    ("guess", None))
"""The essay's layers in the order the page shows them, with the task kind each one is."""


@dataclass(frozen=True)
class CrowdPage:
    kind: CrowdPageKind
    first: int = 0
    """Ledger pages: the index of the first move shown."""
    count: int = 0
    """Ledger pages: how many moves are shown."""

    @property
    def sources(self) -> tuple[str, ...]:
        return SOURCES[self.kind]


def plan_crowd_reveal(summary: CrowdSummary, *,
                      moves_per_page: int = MOVES_PER_PAGE) -> tuple[CrowdPage, ...]:
    """The pages for ``summary``: the ledger takes as many pages as the game needs."""
    pages = [CrowdPage(CrowdPageKind.CABINET)]
    moves = len(summary.moves)
    for first in range(0, moves, moves_per_page):
        pages.append(CrowdPage(CrowdPageKind.LEDGER, first, min(moves_per_page, moves - first)))
    pages += [CrowdPage(CrowdPageKind.TOTALS), CrowdPage(CrowdPageKind.LAYERS),
              CrowdPage(CrowdPageKind.PLATFORM)]
    return tuple(pages)


def _get(strings: Strings, key: str, **fields: object) -> str:
    return strings.get(key, language=strings.language, **fields)


def worker_name(worker: WorkerLabel, strings: Strings) -> str:
    """The pseudonym, or "worker N" when it is hidden."""
    return worker.name or _get(strings, "crowd.ledger.worker", number=worker.number)


def guess_line(guess: Guess | None, strings: Strings) -> str:
    if guess is None:
        return _get(strings, "crowd.cabinet.guess_none")
    return _get(strings, f"crowd.cabinet.guess_{guess.value}")


def move_label(move: MoveWork) -> str:
    """``12. Nf6`` for White's move, ``12… Nf6`` for Black's (from the ply)."""
    number = move.ply // 2 + 1
    return f"{number}. {move.san}" if move.ply % 2 == 0 else f"{number}… {move.san}"


def move_lines(move: MoveWork, strings: Strings) -> tuple[str, str]:
    """A ledger row: what the tasks were, and who was paid what."""
    if not move.tasks or all(t.stood_in for t in move.tasks if t.kind.decides_move):
        work = _get(strings, "crowd.ledger.standin")
    else:
        work = _get(strings, "crowd.ledger.separator").join(_get(strings, "crowd.ledger.task",
                              kind=_get(strings, f"crowd.ledger.kind_{t.kind.value}"),
                              answered=t.answered, percent=t.agreement_percent)
                         for t in move.tasks)
    paid: dict[WorkerLabel, int] = {}
    for task in move.tasks:
        for payee in task.paid:
            paid[payee.worker] = paid.get(payee.worker, 0) + payee.points
    if not paid:
        return work, _get(strings, "crowd.ledger.nobody_paid")
    amounts = set(paid.values())
    if len(amounts) == 1:
        names = [worker_name(w, strings) for w in paid]
    else:  # different pay: each name with its points
        names = [f"{worker_name(w, strings)} {points}" for w, points in paid.items()]
    shown = ", ".join(names[:NAMES_SHOWN])
    if len(names) > NAMES_SHOWN:
        shown = _get(strings, "crowd.ledger.paid_more", names=shown, more=len(names) - NAMES_SHOWN)
    if len(amounts) == 1:
        return work, _get(strings, "crowd.ledger.paid", points=amounts.pop(), names=shown)
    return work, _get(strings, "crowd.ledger.paid_each", names=shown)


def total_rows(summary: CrowdSummary, strings: Strings) -> list[tuple[str, str]]:
    """The accounts, as (label, value) rows."""
    totals = summary.totals
    earned = totals.earned_by_worker
    per_worker = _get(strings, "crowd.totals.per_worker_value", average=totals.points_per_worker,
                      lowest=min(earned, default=0), highest=max(earned, default=0))
    cut_percent = round(100 * totals.platform_cut / totals.paid_out) if totals.paid_out else 0
    return [
        (_get(strings, "crowd.totals.workers"), str(totals.workers)),
        (_get(strings, "crowd.totals.tasks"), str(totals.tasks)),
        (_get(strings, "crowd.totals.minutes"), str(totals.minutes_worked)),
        (_get(strings, "crowd.totals.paid_out"), str(totals.paid_out)),
        (_get(strings, "crowd.totals.per_worker"), per_worker),
        (_get(strings, "crowd.totals.cut"), _get(strings, "crowd.totals.cut_value",
                                           points=totals.platform_cut, percent=cut_percent)),
        (_get(strings, "crowd.totals.rejected"), str(totals.rejected)),
        (_get(strings, "crowd.totals.standins"), str(totals.stand_ins)),
    ]


def layer_rows(summary: CrowdSummary, guess: Guess | None,
               strings: Strings) -> list[tuple[str, str, bool]]:
    """The layers: (icon, sentence, whether the class did it in this game)."""
    icons = {"propose": "page", "label": "book", "rate": "person_gear", "guess": "you"}
    rows = []
    for name, kind in LAYERS:
        done = guess is not None if kind is None else kind in summary.kinds
        rows.append((icons[name], _get(strings, f"crowd.layers.{name}"), done))
    return rows


def headline_and_glance(page: CrowdPage, summary: CrowdSummary, guess: Guess | None,
                        strings: Strings) -> tuple[str, Sequence[str]]:
    """The page's headline and the lines under it."""
    kind = page.kind
    if kind is CrowdPageKind.CABINET:
        totals = summary.totals
        if totals.workers == 0:
            return _get(strings, "crowd.cabinet.nobody"), (guess_line(guess, strings),)
        return (_get(strings, "crowd.cabinet.headline", workers=totals.workers),
                (_get(strings, "crowd.cabinet.glance", moves=len(summary.moves)),
                 guess_line(guess, strings)))
    if kind is CrowdPageKind.LEDGER:
        total = len(summary.moves)
        return (_get(strings, "crowd.ledger.headline"),
                (_get(strings, "crowd.ledger.glance"),
                 _get(strings, "crowd.ledger.page", first=page.first + 1,
                      last=page.first + page.count, total=total)))
    if kind is CrowdPageKind.TOTALS:
        return _get(strings, "crowd.totals.headline"), (_get(strings, "crowd.totals.glance"),)
    if kind is CrowdPageKind.LAYERS:
        return _get(strings, "crowd.layers.headline"), (guess_line(guess, strings),)
    percent = summary.totals.fee_percent
    return (_get(strings, "crowd.platform.headline"),
            (_get(strings, "crowd.platform.glance", percent=percent),
             _get(strings, "crowd.platform.balance"), _get(strings, "crowd.platform.question")))
