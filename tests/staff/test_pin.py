"""The staff PIN: a salted hash only, checked in constant time, five misses lock it."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.config import parse_settings
from game.model.pin import (
    LOCK_S,
    MAX_FAILURES,
    PinHashError,
    PinLock,
    check_pin,
    hash_pin,
    parse_pin_hash,
    verify_pin,
)
from game.pin_lock_store import PinLockStore

PIN = "73914682"


def test_the_right_pin_matches_its_hash_and_a_wrong_one_does_not() -> None:
    stored = hash_pin(PIN)
    assert verify_pin(PIN, stored)
    assert not verify_pin("73914683", stored)
    assert not verify_pin("", stored)
    assert PIN not in stored


def test_each_hash_has_its_own_salt_and_passes_the_settings_check() -> None:
    first, second = hash_pin(PIN), hash_pin(PIN)
    assert first != second
    assert first.count("$") == 3 and first.startswith("scrypt$n=16384,r=8,p=1$")
    settings = parse_settings(f'[kiosk]\npin_hash = "{first}"\n')
    assert verify_pin(PIN, settings.pin_hash)


@pytest.mark.parametrize("stored", [
    "scrypt$n=16384,r=8,p=1$!!!$AAAA", "bcrypt$x$y$z", "scrypt$n=3,r=8,p=1$AAAA$AAAA",
    "scrypt$n=1073741824,r=8,p=1$QUFBQQ==$" + "A" * 44, "scrypt$n=16384$AAAA$AAAA"])
def test_a_damaged_or_costly_hash_is_refused_with_the_fix(stored: str) -> None:
    with pytest.raises(PinHashError, match="--set-pin"):
        parse_pin_hash(stored)


@pytest.mark.parametrize("pin, ok", [("2468", True), ("123456789012", True), ("123", False),
                                     ("1234567890123", False), ("12a4", False),
                                     ("١٢٣٤", False), ("", False)])
def test_a_pin_is_four_to_twelve_digits(pin: str, ok: bool) -> None:
    assert (check_pin(pin) is None) == ok
    if not ok and pin:
        assert pin not in (check_pin(pin) or "")


def test_five_wrong_pins_lock_the_pad_for_five_minutes_then_it_opens_again() -> None:
    lock = PinLock()
    now = 1_000_000.0
    for attempt in range(MAX_FAILURES - 1):
        lock = lock.failed(now + attempt)
        assert not lock.is_locked(now + attempt)
    assert lock.tries_left(now) == 1
    lock = lock.failed(now + 10)
    assert lock.is_locked(now + 10) and lock.remaining_s(now + 10) == LOCK_S
    assert lock.failed(now + 20) == lock  # no attempts count while locked
    assert lock.is_locked(now + 10 + LOCK_S - 1)
    assert not lock.is_locked(now + 10 + LOCK_S)
    assert lock.tries_left(now + 10 + LOCK_S) == MAX_FAILURES


def test_the_right_pin_clears_the_misses() -> None:
    lock = PinLock().failed(0).failed(1).failed(2).failed(3)
    assert lock.succeeded().tries_left(4) == MAX_FAILURES


def test_a_clock_set_back_does_not_lock_the_pad_for_ever() -> None:
    lock = PinLock(0, 1_000_000.0 + LOCK_S)
    earlier = 1_000_000.0 - 86_400  # the clock went back a day after the lock began
    assert lock.remaining_s(earlier) == LOCK_S
    fixed = lock.normalized(earlier)
    assert not fixed.is_locked(earlier + LOCK_S)


def test_the_lock_survives_a_restart(tmp_path: Path) -> None:
    now = 5_000.0
    lock = PinLock()
    for attempt in range(MAX_FAILURES):
        lock = lock.failed(now + attempt)
    PinLockStore(tmp_path).save(lock)
    again = PinLockStore(tmp_path).load()  # a new process reads the data folder
    assert again.is_locked(now + 60)
    assert not again.is_locked(now + MAX_FAILURES + LOCK_S)


@pytest.mark.parametrize("text", ["{", '{"version": 1, "failures": 9, "locked_until": 0}',
                                  '{"version": 2}', "[]"])
def test_a_damaged_lock_file_is_logged_and_read_as_no_lock(
        tmp_path: Path, text: str, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "staff-lock.json").write_text(text)
    assert PinLockStore(tmp_path).load() == PinLock()
    assert "damaged PIN lock file" in caplog.text
