"""Entry point for ``python -m game.engine``: speak UCI on stdin/stdout."""

from __future__ import annotations

from game.engine.uci import main

raise SystemExit(main())
