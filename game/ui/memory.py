"""Giving memory back: a kiosk runs all day, and the art of a scene left behind should not
stay in the process once its cache lets it go.

Owns: ``lean_process`` (call it before pygame opens a window), which on Linux

- lets SDL show pygame's screen surface the plain way (X shared memory) unless the
  environment says otherwise: by default SDL passes it through a 3D renderer, which on a
  machine without a GPU is Mesa's software rasteriser — over 100 MB more memory, for a
  surface pygame has already drawn in software (SDL's ``SDL_FRAMEBUFFER_ACCELERATION`` hint);
- and, with glibc, gives allocations from 64 KiB up (the pixel buffers of rendered art and
  text) mappings of their own (``mallopt(M_MMAP_THRESHOLD)``), so a surface dropped from a
  cache goes back to the system at once instead of staying in the heap for good.

Elsewhere it does nothing. The caches themselves are bounded by bytes
(``game.ui.assets.SurfaceCache``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import sys

log = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3
"""glibc's ``mallopt`` parameter number (malloc.h)."""
LARGE_BYTES = 64 * 1024


def lean_process() -> None:
    """Both settings above (Linux only; an explicit environment setting wins)."""
    if sys.platform.startswith("linux"):
        os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
        map_large_allocations()


def map_large_allocations() -> bool:
    """Ask glibc to map large allocations on their own; whether it did."""
    if not sys.platform.startswith("linux"):
        return False
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6")
        done = bool(libc.mallopt(M_MMAP_THRESHOLD, LARGE_BYTES))
    except (OSError, AttributeError):  # another C library (musl): nothing to tune
        return False
    log.debug("large allocations mapped on their own: %s", done)
    return done
