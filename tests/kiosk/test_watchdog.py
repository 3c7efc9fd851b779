"""The heartbeat: systemd hears READY and WATCHDOG over a real datagram socket, and the
health file is written whole; a frozen loop sends nothing."""

from __future__ import annotations

import json
import socket
from pathlib import Path

from game.watchdog import BEAT_S, Heartbeat, systemd_unit


def receive_all(sock: socket.socket) -> list[str]:
    messages = []
    while True:
        try:
            messages.append(sock.recv(4096).decode())
        except BlockingIOError:
            return messages


def test_beats_reach_systemd_and_the_health_file(tmp_path: Path) -> None:
    address = str(tmp_path / "notify.sock")
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as server:
        server.bind(address)
        server.setblocking(False)
        health = tmp_path / "health.json"
        beat = Heartbeat(health, notify_socket=address)
        beat.ready()
        beat.update(BEAT_S - 0.1, phase="attract", frames=10)  # the first beat comes at once
        beat.update(BEAT_S - 0.1, phase="attract", frames=20)
        assert receive_all(server) == ["READY=1", "WATCHDOG=1\nSTATUS=attract"]
        beat.update(0.2, phase="playing", frames=40)
        beat.close()
        assert receive_all(server) == ["WATCHDOG=1\nSTATUS=playing", "STOPPING=1"]
        record = json.loads(health.read_text())
        assert record["phase"] == "playing" and record["frames"] == 40


def test_without_systemd_or_a_writable_file_it_stays_quiet(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    beat = Heartbeat(blocker / "health.json", notify_socket="")
    beat.update(BEAT_S, phase="attract", frames=1)
    beat.close()  # one warning logged, no exception


def test_the_unit_restarts_always_and_watches_the_heartbeat(tmp_path: Path) -> None:
    unit = systemd_unit("/opt/turk/bin/turk", data_dir=tmp_path)
    assert "ExecStart=/opt/turk/bin/turk kiosk" in unit and "Restart=always" in unit
    assert "Type=notify" in unit and "WatchdogSec=" in unit
