"""The link cannot be flooded or blocked, against a real ``turk host`` process: a stranger's
sixty thousand bad lines cost its log a handful of lines (the pairing code stays where staff
read it), idle connections cannot keep the operator out, and the code is shown where it is
meant to be — the log for a code the kiosk made, an owner-only file when staff ask for one,
and nowhere when staff chose it."""

from __future__ import annotations

import json
import socket
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import minimal_client
import pytest
from kiosk_process import KioskProcess

pytestmark = pytest.mark.slow

FLOOD_LINES = 60_000
NAME = "Johann Allgaier"


@pytest.fixture
def kiosks() -> Iterator[list[KioskProcess]]:
    started: list[KioskProcess] = []
    yield started
    for kiosk in started:
        kiosk.stop()


def start(kiosks: list[KioskProcess], data_dir: Path, *args: str,
          env: dict[str, str] | None = None) -> KioskProcess:
    kiosk = KioskProcess(data_dir, *args, env=env)
    kiosks.append(kiosk)
    return kiosk


def authenticates(kiosk: KioskProcess, code: str) -> bool:
    """Whether an operator with ``code`` gets ``auth_ok`` (from 127.0.0.1)."""
    conversation = minimal_client.KioskConversation(*kiosk.address)
    try:
        return minimal_client.authenticate(conversation, code, NAME)["type"] == "auth_ok"
    finally:
        conversation.close()


class Flood:
    """One unauthenticated connection that sends lines and reads every answer."""

    def __init__(self, address: tuple[str, int]) -> None:
        self.sock = socket.create_connection(address, timeout=30)
        self.answered = 0
        self.codes: dict[str, int] = {}
        self.all_answered = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        buffer = b""
        while self.answered < FLOOD_LINES:
            data = self.sock.recv(65536)
            if not data:
                break
            buffer += data
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                message = json.loads(line)
                if message["type"] == "error" and message["ref_line"] is not None:
                    self.answered = max(self.answered, int(message["ref_line"]))
                    self.codes[message["code"]] = self.codes.get(message["code"], 0) + 1
        self.all_answered.set()

    def send(self, count: int) -> None:
        chunk = b"{}\n" * 1000
        for _ in range(count // 1000):
            self.sock.sendall(chunk)

    def close(self) -> None:
        self.sock.close()


def test_sixty_thousand_lines_from_a_stranger_leave_the_log_short_and_the_code_readable(
        tmp_path: Path, kiosks: list[KioskProcess]) -> None:
    settings = tmp_path / "settings.toml"
    # Long enough that the kiosk answers every line before the stranger's time to
    # authenticate runs out (it would close the connection then, which is no test).
    settings.write_text("[operator]\ntimeout_s = 120\n[game]\nshow = false\n")
    kiosk = start(kiosks, tmp_path / "data", "--settings", str(settings))
    code = kiosk.code_shown
    flood = Flood(kiosk.address)
    flood.send(FLOOD_LINES)
    assert flood.all_answered.wait(120), f"only {flood.answered} lines answered"
    assert flood.answered == FLOOD_LINES and sum(flood.codes.values()) == FLOOD_LINES
    assert flood.codes["rate_limited"] > 59_000  # 10 lines a second, after a burst of 20
    flood.close()
    summary = kiosk.wait_for_log(lambda line: "before authentication were refused" in line)
    assert f"{FLOOD_LINES} lines" in summary.group(0)
    lines = kiosk.log_lines()
    assert len(lines) < 100, lines[-20:]
    assert sum(code in line for line in lines) == 1  # the line staff read it from, kept
    assert authenticates(kiosk, code)


def test_an_operator_gets_in_while_ten_idle_connections_are_open(
        tmp_path: Path, kiosks: list[KioskProcess]) -> None:
    kiosk = start(kiosks, tmp_path / "data")
    sources = [f"127.0.0.{2 + n // 2}" for n in range(10)]  # five loopback addresses
    idle = [socket.create_connection(kiosk.address, timeout=10, source_address=(source, 0))
            for source in sources]
    tunnelled = [socket.create_connection(kiosk.address, timeout=10) for _ in range(10)]
    try:
        for sock in idle:
            assert sock.recv(4096).startswith(b'{"v":1,"type":"hello"')
        for sock in tunnelled:  # the later ones make the earlier ones room
            sock.recv(4096)
        # Ten idle from several addresses, ten more from the operator's own address (as
        # through an SSH tunnel): the real operator still gets in.
        assert authenticates(kiosk, kiosk.code_shown)
    finally:
        for sock in idle + tunnelled:
            sock.close()


def test_a_generated_code_can_go_to_an_owner_only_file_instead_of_the_log(
        tmp_path: Path, kiosks: list[KioskProcess]) -> None:
    code_file = tmp_path / "pairing-code"
    code_file.write_text("an old code, readable by all\n")
    code_file.chmod(0o644)
    kiosk = start(kiosks, tmp_path / "data", "--pairing-code-file", str(code_file))
    assert kiosk.code_shown == f"written to {code_file} (readable by its owner only)"
    mode = stat.S_IMODE(code_file.stat().st_mode)
    assert mode == 0o600, oct(mode)
    code = code_file.read_text().strip()
    assert authenticates(kiosk, code)
    assert not [line for line in kiosk.log_lines() if code in line]


@pytest.mark.parametrize("how", ["option", "environment"])
def test_a_code_staff_chose_is_never_logged(tmp_path: Path, kiosks: list[KioskProcess],
                                            how: str) -> None:
    code = "K7MX-4RWD"
    if how == "option":
        kiosk = start(kiosks, tmp_path / "data", "--pairing-code", code)
    else:
        kiosk = start(kiosks, tmp_path / "data", env={"TURK_PAIRING_CODE": code})
    assert kiosk.code_shown == "the one staff set (not written to the log)"
    assert authenticates(kiosk, "k7mx 4rwd")
    logged = "\n".join(kiosk.log_lines()).upper()
    assert "K7MX" not in logged and "4RWD" not in logged
