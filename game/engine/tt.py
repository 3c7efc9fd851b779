"""The transposition table: what earlier searches learned about positions, by Zobrist key.

Owns: :class:`TranspositionTable`, a fixed-size list of slots indexed by the low bits of the
key. Each slot holds one tuple ``(key, move, depth, flag, score, static_eval, generation)``
so the search can read a slot with a single index and compare. Mate scores are stored
relative to the node (distance to mate from there) and turned back into distance from the
root when read, so an entry stays right wherever the position is met again.

Must not import: anything but ``chess`` and the standard library.
"""

from __future__ import annotations

EXACT, LOWER, UPPER = 0, 1, 2
MATE = 30000
MATE_BOUND = MATE - 1000
"""Scores beyond this are mates; their distance is counted in plies."""

_SLOT_BYTES = 150  # a tuple of seven ints in CPython, with its big key


Entry = tuple[int, int, int, int, int, int, int]


class TranspositionTable:
    """Slots of ``(key, move, depth, flag, score, static_eval, generation)``."""

    def __init__(self, megabytes: int) -> None:
        slots = max(1, megabytes) * 1024 * 1024 // _SLOT_BYTES
        size = 1 << max(10, slots.bit_length() - 1)
        self.mask = size - 1
        self.slots: list[Entry | None] = [None] * size
        self.generation = 0

    def clear(self) -> None:
        """Empty every slot."""
        self.slots = [None] * len(self.slots)
        self.generation = 0

    def new_search(self) -> None:
        """Mark entries from earlier searches as old (they are replaced first)."""
        self.generation = (self.generation + 1) & 255

    def probe(self, key: int) -> Entry | None:
        """The entry for ``key``, or None."""
        entry = self.slots[key & self.mask]
        return entry if entry is not None and entry[0] == key else None

    def store(self, key: int, move: int, depth: int, flag: int,  # noqa: PLR0917 - hot path
              score: int, static_eval: int) -> None:
        """Remember a search result, unless the slot holds deeper news of this search."""
        index = key & self.mask
        old = self.slots[index]
        if (old is not None and old[6] == self.generation and old[2] > depth
                and flag != EXACT and (old[0] == key or old[2] > depth + 2)):
            return
        if not move and old is not None and old[0] == key:
            move = old[1]
        self.slots[index] = (key, move, depth, flag, score, static_eval, self.generation)

    def hashfull(self) -> int:
        """Permille of sampled slots used by the current search (UCI ``hashfull``)."""
        sample = self.slots[:1000]
        used = sum(1 for e in sample if e is not None and e[6] == self.generation)
        return used * 1000 // max(1, len(sample))
