"""The kiosk's heartbeat: proof, from the frame loop itself, that the game is alive.

Owns: ``Heartbeat`` — every few seconds of the loop it tells systemd ``WATCHDOG=1`` over
``$NOTIFY_SOCKET`` (the ``sd_notify`` datagram protocol: no library needed) and writes a small
health file (``<data_dir>/health.json``: time, phase, frames) whole and renamed, on a worker
thread so a slow disk never holds up a frame. If the loop freezes, the beats stop and
systemd's ``WatchdogSec`` restarts the game; anything else can watch the file's age. At
start-up it says ``READY=1``; at a clean exit, ``STOPPING=1``.

Must not import: pygame or ``game.ui``.
"""

from __future__ import annotations

import concurrent.futures
import json
import logging
import os
import socket
import threading
import time
from pathlib import Path

log = logging.getLogger(__name__)

BEAT_S = 5.0
"""Seconds between beats (the systemd unit's ``WatchdogSec`` is several times this)."""


class Heartbeat:
    """Beats from the loop; silent where there is no systemd and no file to write.

    :param health_file: where to write the health file (``None``: no file).
    :param notify_socket: systemd's notification socket (default: ``$NOTIFY_SOCKET``).
    """

    def __init__(self, health_file: Path | None, *, notify_socket: str | None = None) -> None:
        self.health_file = health_file
        self._address = notify_socket if notify_socket is not None \
            else os.environ.get("NOTIFY_SOCKET", "")
        self._since_s = BEAT_S
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="heartbeat")
        self._lock = threading.Lock()
        self._latest: dict[str, object] | None = None
        """The newest record not yet written (older ones are simply replaced)."""
        self._writing = False
        self._warned = False

    def ready(self) -> None:
        """The first frame is on the screen."""
        self._notify("READY=1")

    def update(self, dt: float, *, phase: str, frames: int) -> None:
        """Called every frame; beats every ``BEAT_S`` seconds."""
        self._since_s += dt
        if self._since_s < BEAT_S:
            return
        self._since_s = 0.0
        self._notify(f"WATCHDOG=1\nSTATUS={phase}")
        if self.health_file is None:
            return
        record = {"time": time.time(), "phase": phase, "frames": frames, "pid": os.getpid()}
        with self._lock:
            self._latest = record
            if self._writing:
                return  # the worker writes the newest record when it is done with this one
            self._writing = True
        self._executor.submit(self._write_latest, self.health_file)

    def close(self) -> None:
        self._notify("STOPPING=1")
        self._executor.shutdown(wait=True)

    def _notify(self, message: str) -> None:
        address = self._address
        if not address:
            return
        if address.startswith("@"):  # an abstract socket
            address = "\0" + address[1:]
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
                sock.sendto(message.encode(), address)
        except OSError as exc:
            if not self._warned:
                self._warned = True
                log.warning("cannot reach systemd's notification socket: %s", exc)

    def _write_latest(self, path: Path) -> None:
        while True:
            with self._lock:
                record, self._latest = self._latest, None
                if record is None:
                    self._writing = False
                    return
            self._write(path, record)

    def _write(self, path: Path, record: dict[str, object]) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(".tmp")
            temporary.write_text(json.dumps(record) + "\n", encoding="utf-8")
            os.replace(temporary, path)
        except OSError as exc:
            if not self._warned:
                self._warned = True
                log.warning("cannot write the health file %s: %s", path, exc)


def systemd_unit(command: str, *, data_dir: Path, display: str = ":0") -> str:
    """A systemd **user** unit that keeps the kiosk running (see ``docs/kiosk.md``)."""
    return f"""\
# The Mechanical Turk as a kiosk: ~/.config/systemd/user/mechanical-turk.service
# Enable:  systemctl --user daemon-reload && systemctl --user enable --now mechanical-turk
# and, once, as root: loginctl enable-linger <user>   (it then starts at boot, without a login)
[Unit]
Description=The Mechanical Turk (museum kiosk)
# Keep trying while the screen comes up after a power cut; never give up.
StartLimitIntervalSec=0

[Service]
Type=notify
NotifyAccess=main
ExecStart={command} kiosk
Restart=always
RestartSec=3
# "Quit to the desktop" in the staff menu exits with 75: then it stays stopped.
RestartPreventExitStatus=75
# The game beats every {BEAT_S:g} s from its frame loop; a frozen loop is restarted.
WatchdogSec=30
TimeoutStartSec=60
# The autologin X session's display (docs/kiosk.md); for Wayland (cage) see the docs.
Environment=DISPLAY={display}
Environment=PYGAME_HIDE_SUPPORT_PROMPT=1
# Health file, for other monitoring: {data_dir / "health.json"}

[Install]
WantedBy=default.target
"""
