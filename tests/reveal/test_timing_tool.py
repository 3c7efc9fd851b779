"""tools/reveal_timing.py: the quick pass of every mode and language, read aloud at 150 words
a minute and as the scene paces it, fits in 90 s — and docs/reveal.md carries its table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "tools/reveal_timing.py", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=120, check=False)


def test_every_quick_pass_fits_in_90_seconds() -> None:
    result = run("--check")
    assert result.returncode == 0, result.stderr
    rows = result.stdout.strip().splitlines()
    assert len(rows) == 4 * 3  # four modes, three languages
    for row in rows:
        read = float(row.split("read aloud")[1].split("s")[0])
        scene = float(row.split("scene")[1].split("s")[0])
        assert 0 < read <= 90 and 0 < scene <= 90, row


def test_the_docs_table_is_the_tools_table() -> None:
    table = run("--markdown").stdout.strip()
    assert table.startswith("| mode | pages | en | de | fr |")
    assert table in (REPO / "docs" / "reveal.md").read_text(encoding="utf-8"), (
        "docs/reveal.md is out of date: paste `python tools/reveal_timing.py --markdown`")
