"""The Turk's built-in chess engine: a standalone UCI program in pure Python.

Owns: the engine's search, evaluation, levels, opening-book use and the UCI protocol it
speaks on stdin/stdout (``python -m game.engine``). The game drives it out of process
through ``chess.engine``, exactly as it drives any other UCI engine.

Must not import: anything but ``chess`` and the standard library; nothing else in ``game``
may import this package (import-linter keeps it a separate program).
"""

from __future__ import annotations

ENGINE_NAME = "The Turk"
ENGINE_AUTHOR = "The Mechanical Turk project"
