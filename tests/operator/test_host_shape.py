"""The kiosk's side of a session lives beside the match, not in the UI: nothing under
game/ui/ creates or looks up an operator opponent (``lint-imports`` checks the imports; this
checks the names too, so duck-typed access is caught as well)."""

from __future__ import annotations

import ast
from pathlib import Path

import game

UI = Path(game.__file__).parent / "ui"
OPERATOR_NAMES = {"OperatorOpponent", "OperatorHost", "opponent_for", "operator_moved",
                  "take_stood_in", "take_hints"}
"""The operator opponent, its host, and the methods only they have."""


def test_no_ui_module_names_the_operator_opponent_or_its_host() -> None:
    found = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = (node.id if isinstance(node, ast.Name)
                    else node.attr if isinstance(node, ast.Attribute)
                    else node.module if isinstance(node, ast.ImportFrom) else None)
            if name in OPERATOR_NAMES or (name or "").endswith(("opponents.operator",
                                                                 "operator_host")):
                found.append(f"{path.relative_to(UI)}:{node.lineno}: {name}")  # type: ignore[attr-defined]
    assert not found, found
