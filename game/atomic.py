"""Writing a file so that it is either the old one or the new one, never half of each.

Owns: ``write_atomically`` — the text goes to a temporary file beside the target, is flushed
and fsynced, then renamed over the target (an atomic step on POSIX and Windows), and the
folder is fsynced so the rename itself survives a power cut. On any failure the temporary
file is removed and the target is left exactly as it was.

Must not import: pygame or ``game.ui``.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def write_atomically(path: Path, text: str, *, newline: str | None = None) -> Path:
    """Replace ``path`` with ``text`` (UTF-8) in one step; keeps the old file's permissions.

    :raises OSError: if the folder cannot be written (the old file is then untouched).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "w", encoding="utf-8", newline=newline) as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    _sync_folder(path.parent)
    return path


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX only; Windows cannot open a folder this way)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
