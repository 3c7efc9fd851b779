"""Pay: what each accepted answer earns its worker, and what the platform keeps.

Owns: ``split_reward`` (a reward split into the platform's fee and the worker's earnings, in
whole points, so the two always add up to the reward), ``Payment`` and ``Ledger`` (every
payment of the session, with each worker's earnings, the fees kept and the rewards paid out).
The requester pays the full reward; the worker receives it less the fee.

Must not import: pygame, ``game.web`` or anything above ``game.crowd``.
"""

from __future__ import annotations

from dataclasses import dataclass


def split_reward(reward: int, fee_percent: int) -> tuple[int, int]:
    """``(fee, earned)`` for a reward: the fee is the platform's percentage, rounded down to
    whole points; the worker gets the rest.

    :raises ValueError: for a negative reward or a percentage outside 0–100.
    """
    if reward < 0 or not 0 <= fee_percent <= 100:
        raise ValueError(f"reward {reward} and fee {fee_percent} % are out of range")
    fee = reward * fee_percent // 100
    return fee, reward - fee


@dataclass(frozen=True)
class Payment:
    """One accepted answer, paid."""

    task_id: str
    worker_id: str
    reward: int
    """What the requester paid for the answer."""
    fee: int
    """What the platform kept of it."""
    earned: int
    """What the worker received."""


class Ledger:
    """Every payment of the session."""

    def __init__(self) -> None:
        self._payments: list[Payment] = []
        self._earned: dict[str, int] = {}
        self._fees = 0
        self._paid_out = 0

    def pay(self, task_id: str, worker_id: str, *, reward: int, fee_percent: int) -> Payment:
        """Pay ``worker_id`` for an accepted answer to ``task_id``."""
        fee, earned = split_reward(reward, fee_percent)
        payment = Payment(task_id, worker_id, reward, fee, earned)
        self._payments.append(payment)
        self._earned[worker_id] = self._earned.get(worker_id, 0) + earned
        self._fees += fee
        self._paid_out += reward
        return payment

    @property
    def payments(self) -> tuple[Payment, ...]:
        return tuple(self._payments)

    def earned(self, worker_id: str) -> int:
        """Points ``worker_id`` has earned so far."""
        return self._earned.get(worker_id, 0)

    @property
    def fees(self) -> int:
        """Points the platform has kept."""
        return self._fees

    @property
    def paid_out(self) -> int:
        """Points the requester has paid for accepted answers (earnings plus fees)."""
        return self._paid_out

    @property
    def earnings(self) -> int:
        """Points all workers together have received."""
        return sum(self._earned.values())
