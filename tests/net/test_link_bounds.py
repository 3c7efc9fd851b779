"""The pieces that keep the link bounded, on their own: who makes room for a newcomer, what
the log may carry from outside, how repeats are summarised, the owner-only code file — and
a new pairing code made for the staff screen."""

from __future__ import annotations

import logging
import os
import stat
import time
from pathlib import Path

import pytest
from conftest import CODE, LinkFactory, RawOperator

from game.net import protocol
from game.net.admission import Pending, crowded_out
from game.net.code_file import write_code_file
from game.net.logbook import (
    LOGGED_REFUSALS_PER_OPERATOR,
    LinkLog,
    Refusals,
    Summary,
    Tally,
    loggable,
)


def pending(*addresses: str) -> list[Pending]:
    return [Pending(address, float(n)) for n, address in enumerate(addresses)]


def test_there_is_room_below_the_limits() -> None:
    assert crowded_out(pending("a", "b"), "c", max_total=3, max_per_address=2) is None


def test_a_newcomer_past_its_addresss_limit_closes_that_addresss_oldest() -> None:
    crowd = pending("a", "t", "b", "t")
    assert crowded_out(crowd, "t", max_total=16, max_per_address=2) == 1


def test_past_the_total_the_address_holding_the_most_makes_room() -> None:
    crowd = pending("a", "b", "b", "c", "b", "a")
    assert crowded_out(crowd, "d", max_total=6, max_per_address=4) == 1  # b's oldest
    crowd = pending("a", "b", "c", "d")
    assert crowded_out(crowd, "e", max_total=4, max_per_address=4) == 0  # all equal: oldest


def test_what_the_log_carries_from_outside_is_escaped_and_cut() -> None:
    forged = "ok\n2026-01-01 INFO game: operator Mallory joined\x1b[2J"
    shown = loggable(forged)
    assert "\n" not in shown and "\x1b" not in shown and "\\n2026" in shown
    assert len(loggable("x" * 10_000)) == 120 and loggable("x" * 10_000).endswith("…")


def test_repeats_are_logged_once_then_summarised_per_window() -> None:
    tally = Tally(window_s=60.0)
    assert tally.note("from 10.0.0.9", 0.0)
    assert not any(tally.note("from 10.0.0.9", 1.0, amount=5) for _ in range(3))
    assert tally.note("from 10.0.0.8", 2.0)
    assert tally.due(59.0) == []
    assert tally.due(60.0) == [Summary("from 10.0.0.9", 15)]
    assert tally.note("from 10.0.0.9", 61.0)  # a new window


def test_only_an_operators_first_refused_lines_are_logged_one_by_one(
        caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("test.link")
    book = LinkLog(logger)
    stranger, operator = Refusals.none(), Refusals.none()
    with caplog.at_level(logging.INFO, logger="test.link"):
        for line in range(1, 1001):
            book.line_refused(stranger, address=("10.0.0.9", 1), authenticated=False,
                              line_no=line, code="bad_json", reason="x\ny")
            book.line_refused(operator, address=("127.0.0.1", 2), authenticated=True,
                              line_no=line, code="stale_ply", reason="x\ny")
        assert len(caplog.records) == LOGGED_REFUSALS_PER_OPERATOR
        book.connection_closed(stranger, address=("10.0.0.9", 1), authenticated=False, now=0)
        book.connection_closed(operator, address=("127.0.0.1", 2), authenticated=True, now=0)
    summaries = [r.getMessage() for r in caplog.records[LOGGED_REFUSALS_PER_OPERATOR:]]
    assert summaries == [
        "operator link: 1000 lines 10.0.0.9:1 sent before authentication were refused "
        "(bad_json 1000)",
        "operator link: 980 lines 127.0.0.1:2 sent from the operator were refused "
        "(stale_ply 1000)"]
    assert all("\n" not in r.getMessage() for r in caplog.records)


def test_the_code_file_is_its_owners_alone(tmp_path: Path) -> None:
    path = tmp_path / "code"
    path.write_text("old\n")
    path.chmod(0o666)
    write_code_file(path, "K7MX-4RWD")
    assert path.read_text() == "K7MX-4RWD\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert os.listdir(tmp_path) == ["code"]  # no temporary left behind
    with pytest.raises(OSError):
        write_code_file(tmp_path / "missing" / "code", "K7MX-4RWD")


def test_a_new_pairing_code_is_the_only_one_that_works_from_then_on(
        make_link: LinkFactory, tmp_path: Path) -> None:
    code_file = tmp_path / "code"
    link = make_link(code_file=code_file)
    assert code_file.read_text() == f"{CODE}\n" and link.pairing_code == CODE
    first = RawOperator(link.address)
    old_salt = first.read_hello()["salt"]
    first.close()
    fresh = link.new_pairing_code()
    assert link.pairing_code == fresh and fresh != CODE
    protocol.normalize_pairing_code(fresh)
    operator = RawOperator(link.address)
    try:
        deadline = time.monotonic() + 5.0
        while operator.read_hello()["salt"] == old_salt:  # until the link thread rekeyed
            assert time.monotonic() < deadline, "the new code never took effect"
            operator.close()
            operator = RawOperator(link.address)
        assert operator.authenticate(code=CODE)["code"] == "bad_proof"
    finally:
        operator.close()
    operator = RawOperator(link.address)
    try:
        assert operator.authenticate(code=fresh)["type"] == "auth_ok"
    finally:
        operator.close()
    assert code_file.read_text() == f"{fresh}\n"


def test_a_new_pairing_code_ends_a_lock_out(make_link: LinkFactory) -> None:
    """The remedy for a tunnel's lock-out (every peer 127.0.0.1): staff make a new code."""
    link = make_link(refuse_after=1)
    locked = RawOperator(link.address)
    try:
        assert locked.authenticate(code="WRONG")["code"] == "bad_proof"
    finally:
        locked.close()
    blocked = RawOperator(link.address)
    try:
        assert blocked.read_hello()["code"] == "blocked"
    finally:
        blocked.close()
    fresh = link.new_pairing_code()
    deadline = time.monotonic() + 5.0
    while True:
        operator = RawOperator(link.address)
        try:
            if operator.read_hello()["type"] == "hello":
                assert operator.authenticate(code=fresh)["type"] == "auth_ok"
                return
        finally:
            operator.close()
        assert time.monotonic() < deadline, "still locked out after a new code"
