"""The pairing code in a file only its owner can read: a way to hand staff a code the kiosk
made without showing it on a screen or writing it to the log.

Owns: :func:`write_code_file` — the code and a newline, written to a fresh file created with
owner-only permissions and moved over the old one at once, so a reader never sees half a
code and nobody else can read it, whatever the umask or an older file allowed.

Must not import: pygame or anything from ``game`` above ``game.net`` (stdlib only).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

OWNER_ONLY = 0o600


def write_code_file(path: Path, code: str) -> None:
    """Write ``code`` to ``path``, readable and writable by its owner only.

    :raises OSError: if the folder does not exist or cannot be written.
    """
    # A fresh, unguessable name opened with O_EXCL: an existing file or a planted symbolic
    # link there makes the open fail instead of being followed.
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY)
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, OWNER_ONLY)  # the umask may have taken bits away, never added
            os.write(fd, f"{code}\n".encode("ascii"))
        finally:
            os.close(fd)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
