"""The order of the attract loop's acts: varied, complete, never the same act twice running.

Owns: ``Programme``. The acts come in rounds; each round holds every act once (a replay
several times, each time the next game from a shuffled bag of replays), shuffled by the
injected ``random.Random`` so a seeded test sees the same order every time. No act follows
itself, within a round or across the seam between rounds. An act that failed is dropped.

Pure: no pygame, no clock.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Sequence

REPLAY = "replay"


class Programme:
    """Hands out act keys (``"tour"``, ``"replay:napoleon-1809"``…) one after another.

    :param acts: the acts other than replays, by key.
    :param replays: the replay keys.
    :param replays_per_round: how many replays each round holds (the games are the main act).
    """

    def __init__(self, acts: Sequence[str], replays: Sequence[str], rng: random.Random, *,
                 replays_per_round: int = 2) -> None:
        self._acts = list(dict.fromkeys(acts))
        self._replays = list(dict.fromkeys(replays))
        self._rng = rng
        self._per_round = max(0, replays_per_round)
        self._round: deque[str] = deque()
        self._replay_bag: deque[str] = deque()
        self.last: str | None = None
        self.last_replay: str | None = None

    @property
    def keys(self) -> tuple[str, ...]:
        """Every act still in the programme."""
        return (*self._acts, *self._replays)

    def drop(self, key: str) -> None:
        """Leave an act out from now on (it failed)."""
        for pool in (self._acts, self._replays):
            if key in pool:
                pool.remove(key)
        self._round = deque(k for k in self._round if k != key)
        self._replay_bag = deque(k for k in self._replay_bag if k != key)

    def next(self) -> str | None:
        """The next act's key, or ``None`` when no act is left."""
        if not self._round:
            self._round = deque(self._new_round())
        if not self._round:
            return None
        slot = self._round.popleft()
        key = self._next_replay() if slot == REPLAY else slot
        self.last = key
        return key

    def _new_round(self) -> list[str]:
        slots = list(self._acts) + ([REPLAY] * self._per_round if self._replays else [])
        self._rng.shuffle(slots)
        previous = REPLAY if self.last is not None and self.last.startswith(REPLAY) \
            else self.last
        return _spread(slots, previous)

    def _next_replay(self) -> str:
        if not self._replay_bag:
            bag = list(self._replays)
            self._rng.shuffle(bag)
            if len(bag) > 1 and bag[0] == self.last_replay:
                bag.append(bag.pop(0))  # never the same game twice running
            self._replay_bag = deque(bag)
        key = self._replay_bag.popleft()
        self.last_replay = key
        return key


def _spread(slots: list[str], previous: str | None) -> list[str]:
    """``slots`` reordered so that no slot equals the one before it, the first one included
    (``previous`` ended the last round), whenever that is possible; otherwise in the shuffled
    order."""
    result: list[str] = []
    pending = list(slots)
    last = previous
    while pending:
        index = next((i for i, slot in enumerate(pending) if slot != last), 0)
        for kind in set(pending) - {last}:
            # Placing anything else now would leave too many of this kind to keep apart.
            if pending.count(kind) > len(pending) // 2:
                index = pending.index(kind)
        slot = pending.pop(index)
        result.append(slot)
        last = slot
    return result
