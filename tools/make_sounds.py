"""Synthesise every sound in ``assets/sounds/`` and write its manifest ``sounds.toml``.

Usage::

    python tools/make_sounds.py                 # rebuild everything into assets/sounds/
    python tools/make_sounds.py --only echec    # rebuild one sound
    python tools/make_sounds.py --out /tmp/snd  # write somewhere else (tests do this)

Pure standard library (``wave``, ``math``, ``random``, ``array``): every sound is made from
noise, resonators and filters written in ``tools/sounds/``, with fixed seeds, so running it
again gives the same bytes. No outside tool or recording is used.

Must not import: pygame or anything from the game package (this is a build tool).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sounds.catalogue import CATALOGUE, build

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "assets" / "sounds"


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and build; returns the process exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="folder to write into (default: assets/sounds)")
    parser.add_argument("--only", action="append", metavar="ID",
                        choices=[s.id for s in CATALOGUE],
                        help="build only this sound id (repeatable)")
    parser.add_argument("--quiet", action="store_true", help="print nothing")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    say = (lambda _text: None) if args.quiet else print
    written = build(args.out, set(args.only) if args.only else None, say)
    say(f"{len(written)} files in {args.out} ({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
