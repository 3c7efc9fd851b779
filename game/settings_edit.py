"""Changing one value in a settings file's text while keeping everything else as staff wrote it.

Owns: ``set_value`` and ``remove_key`` — a small line-based editor for TOML settings files:
the line ``key = value`` in ``[section]`` gets a new value (its indentation, spacing and
trailing comment kept, a value spread over several lines replaced whole); a missing key is
added at the end of its section, a missing section at the end of the file. Every other line,
comment and blank line stays as it was. ``toml_value`` writes a Python value as TOML.

The editor does not understand every TOML layout (dotted keys, inline tables): the caller
reads the result back and checks that exactly the intended value changed
(``game.settings_file``).

Must not import: pygame or ``game.ui``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from pathlib import PurePath

_HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\s*(#.*)?$")
_TABLE_ARRAY = re.compile(r"^\s*\[\[")

TomlValue = bool | int | float | str | PurePath | Sequence[str] | Sequence[int]


class SettingsEditError(ValueError):
    """The text cannot be edited this way (e.g. an unterminated value)."""


def _string(text: str) -> str:
    out = ['"']
    for char in text:
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def toml_value(value: TomlValue) -> str:
    """``value`` written as TOML (booleans, numbers, texts, paths, lists of these).

    :raises SettingsEditError: for a value TOML cannot hold this way.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise SettingsEditError(f"{value!r} cannot be written to a settings file")
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, PurePath):
        return _string(str(value))
    if isinstance(value, Sequence):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    raise SettingsEditError(f"{value!r} cannot be written to a settings file")


def _section_of(line: str) -> str | None:
    if _TABLE_ARRAY.match(line):
        return "[[]]"  # an array of tables: never one of ours
    match = _HEADER.match(line)
    if match is None:
        return None
    return ".".join(part.strip().strip("\"'") for part in match.group(1).split("."))


def _value_end(text: str, start: int) -> int:
    """The index just after the TOML value that begins at ``text[start]`` (which may run over
    several lines: arrays, multi-line strings), before any spaces and comment after it.

    :raises SettingsEditError: if the value never ends.
    """
    depth = 0
    index = start
    while index < len(text):
        char = text[index]
        if text.startswith(('"""', "'''"), index):
            index = _multiline_end(text, index)
        elif char in "\"'":
            index = _string_end(text, index)
        elif char in "[{":
            depth += 1
            index += 1
        elif char in "]}":
            depth -= 1
            index += 1
        elif char in "#\n" and depth <= 0:
            break
        elif char == "#":  # a comment inside a list spread over lines
            newline = text.find("\n", index)
            index = len(text) if newline == -1 else newline
        else:
            index += 1
    if depth > 0:
        raise SettingsEditError("a list or table is never closed")
    while index > start and text[index - 1] in " \t\r":
        index -= 1
    return index


def _multiline_end(text: str, index: int) -> int:
    quote = text[index:index + 3]
    close = text.find(quote, index + 3)
    while close != -1 and quote == '"""' and _escaped(text, close):
        close = text.find(quote, close + 1)
    if close == -1:
        raise SettingsEditError("a multi-line text is never closed")
    return close + 3


def _escaped(text: str, index: int) -> bool:
    backslashes = 0
    while index - backslashes - 1 >= 0 and text[index - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _string_end(text: str, index: int) -> int:
    quote = text[index]
    cursor = index + 1
    while cursor < len(text) and text[cursor] != "\n":
        if text[cursor] == quote and (quote == "'" or not _escaped(text, cursor)):
            return cursor + 1
        cursor += 1
    raise SettingsEditError("a text in quotes is never closed")


def _find(text: str, section: str, key: str) -> tuple[int, int, int] | None:
    """``(line start, value start, value end)`` of ``key`` in ``[section]``, or ``None``."""
    current: str | None = None
    pattern = re.compile(rf"[ \t]*(?:{re.escape(key)}|\"{re.escape(key)}\")[ \t]*=[ \t]*")
    offset = 0
    lines = text.splitlines(keepends=True)
    skip_until = 0
    for line in lines:
        start = offset
        offset += len(line)
        if start < skip_until:
            continue
        header = _section_of(line)
        if header is not None:
            current = header
            continue
        match = pattern.match(line)
        if match is not None and current == section:
            value_start = start + match.end()
            return start, value_start, _value_end(text, value_start)
        if "=" in line and not line.lstrip().startswith("#"):
            # Step over values that run over several lines (their lines are not keys).
            value_start = start + line.index("=") + 1
            while value_start < len(text) and text[value_start] in " \t":
                value_start += 1
            try:
                skip_until = _value_end(text, value_start)
            except SettingsEditError:
                skip_until = offset
    return None


def _section_end(text: str, section: str) -> int | None:
    """Where a new key goes in ``[section]``: after its last non-blank line (``None`` if the
    section is not in the text)."""
    lines = text.splitlines(keepends=True)
    inside = False
    last_content: int | None = None
    offset = 0
    for line in lines:
        offset += len(line)
        header = _section_of(line)
        if header is not None:
            if inside:
                break
            inside = header == section
            if inside:
                last_content = offset
            continue
        if inside and line.strip():
            last_content = offset
    return last_content


def set_value(text: str, section: str, key: str, value: TomlValue) -> str:
    """``text`` with ``key`` in ``[section]`` set to ``value``.

    :raises SettingsEditError: if the text cannot be edited (a value never ends).
    """
    written = toml_value(value)
    found = _find(text, section, key)
    if found is not None:
        _line, value_start, value_end = found
        return text[:value_start] + written + text[value_end:]
    new_line = f"{key} = {written}\n"
    end = _section_end(text, section)
    if end is not None:
        before = text[:end]
        if not before.endswith("\n"):
            before += "\n"
        return before + new_line + text[end:]
    prefix = text if not text or text.endswith("\n") else text + "\n"
    gap = "\n" if prefix.strip() else ""
    return f"{prefix}{gap}[{section}]\n{new_line}"


def remove_key(text: str, section: str, key: str) -> str:
    """``text`` without the line(s) that set ``key`` in ``[section]`` (unchanged if absent).

    :raises SettingsEditError: if the text cannot be edited (a value never ends).
    """
    found = _find(text, section, key)
    if found is None:
        return text
    line_start, _value_start, value_end = found
    line_end = text.find("\n", value_end)
    return text[:line_start] + ("" if line_end == -1 else text[line_end + 1:])
