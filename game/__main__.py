"""``python -m game`` is the ``turk`` command."""

from game.cli import main

raise SystemExit(main())
