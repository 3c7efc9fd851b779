"""The staff PIN: kept only as a salted hash, checked in constant time, locked after misses.

Owns: ``check_pin`` (what a PIN may be: 4 to 12 digits), ``hash_pin`` and ``verify_pin``
(scrypt from the standard library, written ``scrypt$n=16384,r=8,p=1$<salt>$<hash>`` with the
salt and hash in base64 — the settings file's ``[kiosk] pin_hash``), and ``PinLock`` (five
wrong PINs lock the pad for five minutes; the lock is data, so it can be kept on disk and
survive a restart). The PIN itself is never stored, logged or shown.

Time is handed in (``now``: seconds since the epoch, because a lock must outlive the process);
nothing here reads a clock.

Must not import: pygame or anything above ``game.model``.
"""

from __future__ import annotations

import base64
import binascii
import enum
import hashlib
import hmac
import json
import os
from dataclasses import dataclass

PIN_DIGITS = (4, 12)
"""The shortest and longest PIN, in digits."""
SCHEME = "scrypt"
N, R, P = 16384, 8, 1
"""scrypt's cost (about 16 MB and a few tens of milliseconds per check)."""
SALT_BYTES = 16
HASH_BYTES = 32
MAX_FAILURES = 5
"""Wrong PINs in a row that lock the pad…"""
LOCK_S = 300.0
"""…for this many seconds."""
_LIMITS = {"n": 1 << 20, "r": 32, "p": 16}
"""Bounds on the cost read from a settings file (a hand-edited hash must not exhaust memory)."""


class PinHashError(ValueError):
    """A stored PIN hash is not one this version writes; the message says how to fix it."""


def check_pin(pin: str) -> str | None:
    """What is wrong with ``pin`` as a new staff PIN, or ``None`` (the PIN is never quoted)."""
    low, high = PIN_DIGITS
    if not (pin.isascii() and pin.isdigit()):
        return "a PIN is made of digits only (0-9)"
    if not low <= len(pin) <= high:
        return f"a PIN has {low} to {high} digits"
    return None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=256 * r * n + (1 << 20), dklen=HASH_BYTES)


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """The text to keep in ``[kiosk] pin_hash`` for ``pin`` (a fresh random salt unless given).

    :raises ValueError: if ``pin`` is not a valid PIN (``check_pin``).
    """
    problem = check_pin(pin)
    if problem is not None:
        raise ValueError(problem)
    salt = os.urandom(SALT_BYTES) if salt is None else salt
    digest = _scrypt(pin, salt, N, R, P)
    return f"{SCHEME}$n={N},r={R},p={P}${_b64(salt)}${_b64(digest)}"


@dataclass(frozen=True)
class PinHash:
    """A parsed ``pin_hash``."""

    n: int
    r: int
    p: int
    salt: bytes
    digest: bytes


def parse_pin_hash(stored: str) -> PinHash:
    """Read a ``pin_hash``.

    :raises PinHashError: if it is not ``scrypt$n=…,r=…,p=…$<salt>$<hash>`` within bounds.
    """
    fix = "set the PIN again with `turk kiosk --set-pin`"
    parts = stored.split("$")
    if len(parts) != 4 or parts[0] != SCHEME:
        raise PinHashError(f"pin_hash is not a {SCHEME} hash; {fix}")
    try:
        params = dict(item.split("=", 1) for item in parts[1].split(","))
        n, r, p = (int(params[name]) for name in ("n", "r", "p"))
        salt = base64.b64decode(parts[2], validate=True)
        digest = base64.b64decode(parts[3], validate=True)
    except (ValueError, KeyError, binascii.Error):
        raise PinHashError(f"pin_hash is damaged; {fix}") from None
    if not (1 < n <= _LIMITS["n"] and n & (n - 1) == 0 and 1 <= r <= _LIMITS["r"]
            and 1 <= p <= _LIMITS["p"] and salt and len(digest) == HASH_BYTES):
        raise PinHashError(f"pin_hash has costs or sizes out of range; {fix}")
    return PinHash(n, r, p, salt, digest)


def verify_pin(pin: str, stored: str) -> bool:
    """Whether ``pin`` is the PIN behind ``stored`` (compared in constant time).

    :raises PinHashError: if ``stored`` is not a valid hash.
    """
    parsed = parse_pin_hash(stored)
    if check_pin(pin) is not None:
        pin = ""  # still hash something, so a malformed entry takes as long as a wrong one
    candidate = _scrypt(pin, parsed.salt, parsed.n, parsed.r, parsed.p)
    return hmac.compare_digest(candidate, parsed.digest) and bool(pin)


@dataclass(frozen=True)
class PinLock:
    """Wrong PINs so far, and until when the pad is locked (seconds since the epoch)."""

    failures: int = 0
    locked_until: float = 0.0

    def remaining_s(self, now: float) -> float:
        """Seconds the pad stays locked (0 when open). Never more than ``LOCK_S``, even if
        the clock was set back after the lock began."""
        return min(LOCK_S, max(0.0, self.locked_until - now))

    def is_locked(self, now: float) -> bool:
        return self.remaining_s(now) > 0

    def tries_left(self, now: float) -> int:
        return 0 if self.is_locked(now) else MAX_FAILURES - self.failures

    def normalized(self, now: float) -> PinLock:
        """The same lock, re-anchored if the clock was set back (so it still ends)."""
        if self.locked_until - now > LOCK_S:
            return PinLock(self.failures, now + LOCK_S)
        return self

    def failed(self, now: float) -> PinLock:
        """After a wrong PIN: one more failure, and the lock on the ``MAX_FAILURES``-th."""
        if self.is_locked(now):
            return self
        failures = self.failures + 1
        if failures >= MAX_FAILURES:
            return PinLock(0, now + LOCK_S)
        return PinLock(failures, 0.0)

    def succeeded(self) -> PinLock:
        """After the right PIN: nothing held against the next person."""
        return PinLock()

    def to_json(self) -> str:
        return json.dumps({"version": 1, "failures": self.failures,
                           "locked_until": round(self.locked_until, 3)})

    @classmethod
    def from_json(cls, text: str) -> PinLock:
        """:raises ValueError: if ``text`` is not a lock this version writes."""
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("version") != 1:
            raise ValueError("not a PIN lock file of version 1")
        failures, until = data.get("failures"), data.get("locked_until")
        if (isinstance(failures, bool) or not isinstance(failures, int)
                or not 0 <= failures < MAX_FAILURES
                or isinstance(until, bool) or not isinstance(until, int | float) or until < 0):
            raise ValueError("the PIN lock file holds values out of range")
        return cls(failures, float(until))


class PinStatus(enum.Enum):
    """Whether the staff menu can be opened at all."""

    NOT_SET = "not_set"
    """No PIN: the pad says how to set one and cannot be passed."""
    SET = "set"
    DAMAGED = "damaged"
    """A ``pin_hash`` that cannot be read: like no PIN, until it is set again."""


def pin_status(stored: str) -> PinStatus:
    if not stored:
        return PinStatus.NOT_SET
    try:
        parse_pin_hash(stored)
    except PinHashError:
        return PinStatus.DAMAGED
    return PinStatus.SET
