"""Who gets a slot to authenticate: a newcomer always does, and the crowd makes room.

Owns: :func:`crowded_out` — when a new connection arrives and the connections still
authenticating are at their limit (in all, or from the newcomer's address), which one is
closed to make room. A newcomer is never turned away for want of a slot, so idle connections
cannot keep the real operator from authenticating: the oldest connection of the newcomer's own
address goes first, and otherwise the oldest of the address holding the most slots. Only a
peer that keeps opening connections from the operator's own address (or from more addresses
than there are slots) can push an operator's attempt out before it answers.

Must not import: sockets, threads, pygame or anything from ``game`` (pure stdlib).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Pending:
    """A connection still authenticating: where from, and when it connected."""

    address: str
    opened_at: float


def crowded_out(pending: Sequence[Pending], newcomer: str, *, max_total: int,
                max_per_address: int) -> int | None:
    """The index in ``pending`` of the connection to close before the newcomer from address
    ``newcomer`` joins them, or ``None`` if there is room."""
    own = [i for i, p in enumerate(pending) if p.address == newcomer]
    if len(own) + 1 > max_per_address:
        return min(own, key=lambda i: pending[i].opened_at)
    if len(pending) + 1 <= max_total:
        return None
    counts = Counter(p.address for p in pending)
    counts[newcomer] += 1
    most = max(counts.values())
    crowded = [i for i, p in enumerate(pending) if counts[p.address] == most]
    return min(crowded or range(len(pending)), key=lambda i: pending[i].opened_at)
