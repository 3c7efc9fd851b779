"""The files the worker page is made of, read once when the server starts.

Owns: ``Page`` (bytes and a content type) and ``load_pages`` — the page's own files from
``assets/web`` (``index.html``, ``app.js``, ``style.css``: plain HTML, CSS and JavaScript with
no build step), its words in every language (``/strings/<lang>.json``, made from the
``web`` string tables) and the chess pieces (``/pieces/<piece>.svg``, python-chess's own
drawings). The server serves these and nothing else: no directory is ever exposed.

Must not import: pygame or anything above ``game.web`` except ``game.content``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import chess
import chess.svg

from game.content.strings import load_table
from game.web.protocol import LANGUAGES

STATIC = {"index.html": "text/html", "app.js": "text/javascript", "style.css": "text/css"}
PREFIX = "web."


@dataclass(frozen=True)
class Page:
    body: bytes
    content_type: str


def _piece_svg(symbol: str) -> bytes:
    svg = chess.svg.piece(chess.Piece.from_symbol(symbol))
    if "xmlns=" not in svg:
        svg = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    if "viewBox" not in svg:
        svg = svg.replace("<svg ", '<svg viewBox="0 0 45 45" ', 1)
    return svg.encode("utf-8")


def strings_json(table: Mapping[str, str | list[str]]) -> bytes:
    """The page's words from one language's table (keys without the ``web.`` prefix;
    placeholders such as ``{points}`` are filled in by the page)."""
    words = {k.removeprefix(PREFIX): v for k, v in table.items() if k.startswith(PREFIX)}
    words["language_name"] = table.get("meta.language_name", "")
    return json.dumps(words, ensure_ascii=False, sort_keys=True).encode("utf-8")


def load_pages(web_root: Path, i18n_root: Path,
               languages: tuple[str, ...] = LANGUAGES) -> Mapping[str, Page]:
    """Every file the server may serve, by URL path (``/`` is the page itself).

    :raises OSError: if one of the page's files cannot be read.
    :raises StringsError: if a string table cannot be read.
    """
    pages: dict[str, Page] = {}
    for name, kind in STATIC.items():
        body = (web_root / name).read_bytes()
        pages[f"/{name}"] = Page(body, f"{kind}; charset=utf-8")
    pages["/"] = pages["/index.html"]
    for language in languages:
        pages[f"/strings/{language}.json"] = Page(
            strings_json(load_table(i18n_root / language)), "application/json; charset=utf-8")
    for color in "wb":
        for letter in "KQRBNP":
            symbol = letter if color == "w" else letter.lower()
            pages[f"/pieces/{color}{letter}.svg"] = Page(_piece_svg(symbol), "image/svg+xml")
    return MappingProxyType(pages)
