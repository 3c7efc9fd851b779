"""Sources: every id on every screen resolves, every entry is usable, docs/sources.md is current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.content.screens import HistoricalOperator, Screen, load_text_sources, unknown_sources
from game.content.sources import (
    CitationWords,
    ContentError,
    Source,
    SourceKind,
    load_sources,
)

REPO = Path(__file__).resolve().parents[2]


def test_every_source_id_on_screen_resolves(assets: Path, sources: dict[str, Source]) -> None:
    assert unknown_sources(load_text_sources(assets), sources) == []


def test_every_operator_source_resolves(all_operators: list[HistoricalOperator],
                                        sources: dict[str, Source]) -> None:
    assert unknown_sources({o.id: o.sources for o in all_operators}, sources) == []


def test_every_source_is_cited_somewhere(assets: Path, sources: dict[str, Source],
                                         all_operators: list[HistoricalOperator]) -> None:
    cited = {i for ids in load_text_sources(assets).values() for i in ids}
    cited |= {i for o in all_operators for i in o.sources}
    assert sorted(set(sources) - cited) == []


def test_factual_screens_cite_sources(screens: list[Screen]) -> None:
    # Only the discussion question and the goodbye state no fact.
    assert [s.id for s in screens if not s.sources] == ["history.question", "history.end"]


def test_web_sources_say_when_they_were_read_and_books_where_they_appeared(
        sources: dict[str, Source]) -> None:
    for source in sources.values():
        if source.is_first_party:
            continue
        if source.url:
            assert source.url.startswith(("http://", "https://")), source.id
            assert source.accessed, source.id
        else:  # a printed work: a reader finds it by its publisher (or journal) and year
            assert source.publication and source.date, source.id


def test_citation_joins_what_a_source_has() -> None:
    poe = Source("POE", SourceKind.PRIMARY, title="Maelzel’s Chess-Player",
                 author="Edgar Allan Poe", publication="Southern Literary Messenger",
                 volume="2", pages="318–326", date="1836-04", url="https://example.org/poe",
                 accessed="2026-11")
    assert poe.citation == ("Edgar Allan Poe, “Maelzel’s Chess-Player”, "
                            "Southern Literary Messenger, vol. 2, pp. 318–326, 1836-04, "
                            "read online: 2026-11")
    german = CitationWords(quoted="„{}“".format, volume="Bd. {}".format,
                           pages="S. {}".format, accessed="online gelesen: {}".format)
    assert poe.cite(german) == ("Edgar Allan Poe, „Maelzel’s Chess-Player“, "
                                "Southern Literary Messenger, Bd. 2, S. 318–326, 1836-04, "
                                "online gelesen: 2026-11")
    game = Source("GAME", SourceKind.FIRST_PARTY, title="This game's move record")
    assert game.citation == "This game's move record"


def test_docs_sources_md_is_current() -> None:
    result = subprocess.run([sys.executable, "tools/make_sources_doc.py", "--check"],
                            cwd=REPO, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr


def write(folder: Path, relative: str, text: str) -> Path:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(("toml", "message"), [
    ('[X1]\nkind = "primary"\ntitle = "T"\n', "printed work"),
    ('[X1]\nkind = "primary"\ntitle = "T"\nurl = "https://e.org"\n', "needs 'accessed'"),
    ('[X1]\nkind = "primary"\ntitle = "T"\nurl = "https://e.org"\naccessed = "last May"\n',
     "YYYY"),
    ('[X1]\nkind = "tertiary"\ntitle = "T"\nurl = "https://e.org"\n', "not one of"),
    ('[X1]\nkind = "primary"\ntitel = "T"\nurl = "https://e.org"\n', "did you mean 'title'"),
    ('[X1]\nkind = "primary"\ntitle = "T"\nurl = "https://e.org"\ndate = "May 1836"\n',
     "YYYY"),
    ('[X1]\nkind = "first-party"\ntitle = "T"\nurl = "https://e.org"\n', "no url"),
    ('[x_1]\nkind = "primary"\ntitle = "T"\nurl = "https://e.org"\n', "not a source id"),
    ('[X1]\nkind = "primary"\ntitle = 3\nurl = "https://e.org"\n', "must be text"),
    ('[X1\nkind = "primary"\n', "fix the TOML syntax"),
    ("", "no sources"),
])
def test_malformed_sources_name_the_file_and_the_fix(tmp_path: Path, toml: str,
                                                     message: str) -> None:
    write(tmp_path, "content/sources.toml", toml)
    with pytest.raises(ContentError, match=r"assets/content/sources\.toml") as info:
        load_sources(tmp_path)
    assert message in str(info.value)


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="file not found"):
        load_sources(tmp_path)


def test_sources_load_in_file_order(tmp_path: Path) -> None:
    write(tmp_path, "content/sources.toml",
          '[B2]\nkind = "secondary"\npublication = "P"\nurl = "https://e.org/b"\n'
          'accessed = "2026-11"\n'
          '[A1]\nkind = "first-party"\ntitle = "Our record"\n')
    loaded = load_sources(tmp_path)
    assert list(loaded) == ["B2", "A1"]
    assert loaded["A1"].is_first_party and not loaded["B2"].is_first_party


def test_loaders_find_the_installed_assets() -> None:
    # Without a root the loaders read the installed package's assets, as the game does.
    assert "POE" in load_sources()
