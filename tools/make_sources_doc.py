"""Write docs/sources.md from assets/content/sources.toml (and say where each source is shown).

Usage, from the repository root:

    python tools/make_sources_doc.py          # rewrite docs/sources.md
    python tools/make_sources_doc.py --check  # exit 1 if docs/sources.md is out of date

It reads the repository's own assets/ folder (not an installed copy), so the document always
matches the files being committed. Standard library and the game's pure content loaders only.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run from a plain checkout too, without installing the game

import tomllib  # noqa: E402

from game.content.openings import parse_table  # noqa: E402
from game.content.screens import load_operators, load_text_sources  # noqa: E402
from game.content.sources import Source, SourceKind, load_sources  # noqa: E402

ASSETS = REPO / "assets"
DOC = REPO / "docs" / "sources.md"
OPENINGS = ASSETS / "books" / "openings.toml"

_HEADINGS = {
    SourceKind.PRIMARY: ("Primary sources", "original documents and first-hand reports"),
    SourceKind.SECONDARY: ("Secondary sources", "later accounts, summaries, encyclopaedias "
                           "and mirrors"),
    SourceKind.FIRST_PARTY: ("This game's own records", "what the game itself recorded; on "
                             "screen their titles appear in the visitor's language"),
}


def shown_on(assets: Path) -> dict[str, list[str]]:
    """For each source id, the string-key prefixes (and roll entries) that cite it."""
    places: dict[str, list[str]] = {}
    for prefix, ids in load_text_sources(assets).items():
        for source_id in ids:
            places.setdefault(source_id, []).append(f"`{prefix}`")
    for operator in load_operators(assets, include_low=True):
        where = (f"roll: {operator.name or operator.id}" if operator.on_roll
                 else f"operators.toml (not shown): {operator.name or operator.id}")
        for source_id in operator.sources:
            places.setdefault(source_id, []).append(where)
    return places


def entry(source: Source, places: Sequence[str]) -> list[str]:
    """The Markdown lines for one source."""
    link = f" <{source.url}>" if source.url else ""
    lines = [f"- **{source.id}** — {source.citation}.{link}"]
    lines.append(f"  Cited by: {', '.join(places)}." if places else "  Not cited on screen.")
    return lines


def opening_sources(known: Mapping[str, Source]) -> list[str]:
    """Markdown for the sources of the opening names the reveal shows (books/openings.toml)."""
    table = parse_table(tomllib.loads(OPENINGS.read_text(encoding="utf-8")), str(OPENINGS))
    cited: dict[str, list[str]] = {}
    for opening in table.openings:
        for source_id in opening.source_ids:
            cited.setdefault(source_id, []).append(opening.name)
    lines = ["## Sources of the opening names", "",
             "The reveal names the opening a game followed and the people it is named after; "
             "those facts and their sources live in `assets/books/openings.toml`. Ids also "
             "in the list above are the same sources.", ""]
    for source_id in sorted(table.sources, key=str.casefold):
        source = table.sources[source_id]
        if source_id in known:
            continue
        link = f" <{source.url}>" if source.url else ""
        lines.append(f"- **{source_id}** — {source.title}.{link}")
        names = sorted(set(cited.get(source_id, [])))
        lines.append(f"  Cited by: {', '.join(names)}." if names else "  Not cited on screen.")
    lines.append("")
    return lines


def render(sources: Mapping[str, Source], places: Mapping[str, Sequence[str]]) -> str:
    """The whole of docs/sources.md."""
    out = [
        "# Sources",
        "",
        "Generated from `assets/content/sources.toml` by `tools/make_sources_doc.py`; "
        "do not edit by hand.",
        "",
        "Every fact the game shows carries one of these ids. The reveal prints the entry in "
        "small print under the screen. Most ids are those of the project's fact sheet; "
        "AAI, AMZ-P, GS, INS, SRN, STD and ZIE name works the fact sheet cites under other "
        "ids or only at second hand (a review, a catalogue entry, a quotation), and a museum "
        "should check them against the works themselves before printing. "
        "“Cited by” names the string keys (in `assets/i18n/<lang>/`) whose text cites the "
        "source, and the entries of the roll of operators.",
        "",
    ]
    for kind, (heading, meaning) in _HEADINGS.items():
        chosen = sorted((s for s in sources.values() if s.kind is kind),
                        key=lambda s: s.id.casefold())
        out += [f"## {heading}", "", f"{len(chosen)} sources: {meaning}.", ""]
        for source in chosen:
            out += entry(source, places.get(source.id, []))
        out.append("")
    out += opening_sources(sources)
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    """Write or check docs/sources.md; the exit status says whether it was current."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if docs/sources.md is out of date")
    args = parser.parse_args(argv)
    text = render(load_sources(ASSETS), shown_on(ASSETS))
    current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    if args.check:
        if current != text:
            print(f"{DOC.relative_to(REPO)} is out of date; run: python tools/make_sources_doc.py",
                  file=sys.stderr)
            return 1
        return 0
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC.relative_to(REPO)} ({len(text.splitlines())} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
