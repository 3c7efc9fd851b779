"""The operator protocol's limits, its error type and the checks for single fields.

Owns: every number docs/operator-protocol.md calls a limit, :class:`ProtocolError` with its
codes, and small functions that check one field (a square, a UCI move, a name, a letter-board
text…) and raise :class:`ProtocolError` with a reason naming the field.

Must not import: sockets, threads, pygame or anything from ``game`` (pure: chess + stdlib).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

import chess

PROTOCOL_VERSION: Final = 1
DEFAULT_PORT: Final = 1770
PAIRING_CODE_ENV: Final = "TURK_PAIRING_CODE"
"""Environment variable a kiosk reads its pairing code from (staff and tests)."""

MAX_OPERATOR_LINE_BYTES: Final = 1024
"""Longest line (with its newline) an operator may send."""
MAX_KIOSK_LINE_BYTES: Final = 32768
"""Longest line (with its newline) a kiosk sends; clients must accept lines this long."""
MAX_PLY: Final = 2000
MAX_GAME_ID_CHARS: Final = 40
MAX_NAME_CHARS: Final = 24
MAX_SAY_CHARS: Final = 80
MAX_HINTS: Final = 3
MAX_REASON_CHARS: Final = 200
MAX_COUNTDOWN_S: Final = 3600.0
OPERATOR_LINES_PER_S: Final = 10.0
"""Sustained rate of operator lines the kiosk reads; more are answered ``rate_limited``."""
OPERATOR_BURST: Final = 20
"""Lines an operator may send at once before the sustained rate applies."""
MAX_PENDING_CONNECTIONS: Final = 16
"""Connections that may be authenticating at the same time; a newcomer beyond it is still let
in, and the oldest connection of the address holding the most slots is closed instead."""
MAX_PENDING_PER_ADDRESS: Final = 4
"""Of those, how many may come from one address; a newcomer beyond it closes that address's
oldest one."""

#: Letters beyond ASCII that English, German and French need, both cases.
ACCENTED_LETTERS: Final = "ÀÂÄÆÇÈÉÊËÎÏÔÖŒÙÛÜŸẞàâäæçèéêëîïôöœùûüÿß"
SAY_PUNCTUATION: Final = " .,!?'-:;\"()"
NAME_PUNCTUATION: Final = " .'-"

_ASCII_LETTERS_DIGITS = "A-Za-z0-9"
_SAY_RE = re.compile(f"[{_ASCII_LETTERS_DIGITS}{ACCENTED_LETTERS}{re.escape(SAY_PUNCTUATION)}]+")
_NAME_RE = re.compile(f"[{_ASCII_LETTERS_DIGITS}{ACCENTED_LETTERS}{re.escape(NAME_PUNCTUATION)}]+")
_GAME_ID_RE = re.compile(r"[A-Za-z0-9_-]+")
_SQUARE_RE = re.compile(r"[a-h][1-8]")
_UCI_RE = re.compile(r"[a-h][1-8][a-h][1-8][qrbn]?")
_SAN_RE = re.compile(r"[KQRBNa-h1-8xO=+#-]{2,10}")
_HEX_RE = re.compile(r"[0-9a-f]+")
_TERMINATION_RE = re.compile(r"[a-z_]{1,32}")

RESULTS: Final = ("1-0", "0-1", "1/2-1/2", "*")
STATUSES: Final = ("waiting", "playing", "over")

#: Codes a kiosk (or the decoder) puts into an ``error`` message.
ERROR_CODES: Final = (
    "too_long", "bad_encoding", "bad_json", "bad_version", "unknown_type", "bad_field",
    "not_authenticated", "already_authenticated",
    "no_game", "wrong_game", "stale_ply", "not_playing", "not_your_turn", "illegal_move",
    "already_moved", "rate_limited", "timeout", "internal",
)
#: Codes of an ``auth_refused`` message.
REFUSAL_CODES: Final = ("bad_proof", "blocked", "busy")


class ProtocolError(ValueError):
    """A line or a field breaks the operator protocol.

    ``code`` is one of :data:`ERROR_CODES`; ``str(error)`` is the human-readable reason;
    ``ref_type`` is the offending message's ``type`` when it could be read.
    """

    def __init__(self, code: str, reason: str, *, ref_type: str | None = None) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.ref_type = ref_type


def field_error(name: str, problem: str) -> ProtocolError:
    """A ``bad_field`` error whose reason names the field."""
    return ProtocolError("bad_field", f"field '{name}' {problem}")


def check_int(name: str, value: object, *, low: int, high: int) -> int:
    """An integer (not a bool) within ``low..high``.

    :raises ProtocolError: otherwise.
    """
    if type(value) is not int:
        raise field_error(name, f"must be an integer, got {type_name(value)}")
    if not low <= value <= high:
        raise field_error(name, f"must be between {low} and {high}, got {value}")
    return value


def check_float(name: str, value: object, *, low: float, high: float) -> float:
    """A finite number (int or float, not bool) within ``low..high``, as a float.

    :raises ProtocolError: otherwise.
    """
    if type(value) not in (int, float):
        raise field_error(name, f"must be a number, got {type_name(value)}")
    number = float(value)  # type: ignore[arg-type]
    if not low <= number <= high:  # also false for NaN
        raise field_error(name, f"must be between {low} and {high}, got {value}")
    return number


def check_bool(name: str, value: object) -> bool:
    """A JSON ``true`` or ``false``.

    :raises ProtocolError: otherwise.
    """
    if type(value) is not bool:
        raise field_error(name, f"must be true or false, got {type_name(value)}")
    return value


def check_str(name: str, value: object, *, max_chars: int) -> str:
    """A string of 1..``max_chars`` characters.

    :raises ProtocolError: otherwise.
    """
    if type(value) is not str:
        raise field_error(name, f"must be a string, got {type_name(value)}")
    if not value:
        raise field_error(name, "must not be empty")
    if len(value) > max_chars:
        raise field_error(name, f"must be at most {max_chars} characters, got {len(value)}")
    return value


def check_pattern(name: str, value: object, pattern: re.Pattern[str], *, max_chars: int,
                  what: str) -> str:
    """A string that matches ``pattern`` completely; ``what`` describes the pattern.

    :raises ProtocolError: otherwise.
    """
    text = check_str(name, value, max_chars=max_chars)
    if not pattern.fullmatch(text):
        raise field_error(name, f"must be {what}, got {text!r}")
    return text


def check_game_id(name: str, value: object) -> str:
    """A game id: 1–40 ASCII letters, digits, ``_`` or ``-``.

    :raises ProtocolError: otherwise.
    """
    return check_pattern(name, value, _GAME_ID_RE, max_chars=MAX_GAME_ID_CHARS,
                         what="letters, digits, '_' or '-'")


def check_square(name: str, value: object) -> str:
    """A square name such as ``e4``.

    :raises ProtocolError: otherwise.
    """
    return check_pattern(name, value, _SQUARE_RE, max_chars=2, what="a square such as 'e4'")


def check_uci(name: str, value: object) -> str:
    """A move in UCI notation such as ``e2e4`` or ``e7e8q`` (no null move).

    :raises ProtocolError: otherwise.
    """
    uci = check_pattern(name, value, _UCI_RE, max_chars=5,
                        what="a move in UCI notation such as 'e2e4' or 'e7e8q'")
    if uci[:2] == uci[2:4]:
        raise field_error(name, f"must move a piece to another square, got {uci!r}")
    return uci


def check_san(name: str, value: object) -> str:
    """A move in SAN such as ``Nf3``, ``exd5``, ``O-O`` or ``e8=Q+``.

    :raises ProtocolError: otherwise.
    """
    return check_pattern(name, value, _SAN_RE, max_chars=10,
                         what="a move in SAN such as 'Nf3' or 'O-O'")


def check_hex(name: str, value: object, *, chars: int) -> str:
    """Exactly ``chars`` lower-case hexadecimal digits.

    :raises ProtocolError: otherwise.
    """
    text = check_pattern(name, value, _HEX_RE, max_chars=chars, what="lower-case hexadecimal")
    if len(text) != chars:
        raise field_error(name, f"must be {chars} hexadecimal digits, got {len(text)}")
    return text


def check_termination(name: str, value: object) -> str:
    """Why a game ended: a short lower-case word such as ``checkmate`` or ``time_cap``.

    :raises ProtocolError: otherwise.
    """
    return check_pattern(name, value, _TERMINATION_RE, max_chars=32,
                         what="a lower-case word such as 'checkmate'")


def check_choice(name: str, value: object, choices: tuple[str, ...]) -> str:
    """One of ``choices``.

    :raises ProtocolError: otherwise.
    """
    if type(value) is not str or value not in choices:
        raise field_error(name, f"must be one of {', '.join(choices)}, got {value!r}")
    return value


def check_fen(name: str, value: object) -> str:
    """A full FEN (all six fields) of a legal standard chess position.

    :raises ProtocolError: otherwise.
    """
    fen = check_str(name, value, max_chars=100)
    if len(fen.split(" ")) != 6:
        raise field_error(name, "must be a full FEN: six fields separated by single spaces")
    try:
        board = chess.Board(fen)
    except ValueError as error:
        raise field_error(name, f"is not a valid FEN ({error})") from None
    if not board.is_valid():
        raise field_error(name, f"is not a legal chess position ({board.status()!r})")
    return fen


def check_reason(name: str, value: object) -> str:
    """A human-readable reason: 1–200 characters, no control characters.

    :raises ProtocolError: otherwise.
    """
    text = check_str(name, value, max_chars=MAX_REASON_CHARS)
    if any(unicodedata.category(char).startswith("C") for char in text):
        raise field_error(name, "must not contain control characters")
    return text


def clip_reason(text: str) -> str:
    """``text`` made fit for a ``reason`` field: control characters dropped, at most 200
    characters."""
    kept = "".join(char for char in text if not unicodedata.category(char).startswith("C"))
    kept = kept.strip() or "no reason given"
    return kept if len(kept) <= MAX_REASON_CHARS else kept[:MAX_REASON_CHARS - 1] + "…"


def normalize_text(text: str) -> str:
    """NFC-compose ``text``, trim it and collapse runs of spaces, as the kiosk does."""
    return " ".join(part for part in unicodedata.normalize("NFC", text).split(" ") if part)


def _check_words(name: str, value: object, pattern: re.Pattern[str], *, max_chars: int,
                 allowed: str) -> str:
    text = check_str(name, value, max_chars=max_chars)
    if text != normalize_text(text):
        raise field_error(name, "must be NFC, without leading, trailing or double spaces")
    bad = sorted({char for char in text if not pattern.fullmatch(char)})
    if bad:
        raise field_error(name, f"may hold only {allowed}; not {''.join(bad)!r}")
    if not any(char.isalnum() for char in text):
        raise field_error(name, "must hold at least one letter or digit")
    return text


def check_name(name: str, value: object) -> str:
    """An operator's name for the reveal: 1–24 letters (English, German, French), digits,
    spaces, ``.``, ``'`` or ``-``.

    :raises ProtocolError: otherwise.
    """
    return _check_words(name, value, _NAME_RE, max_chars=MAX_NAME_CHARS,
                        allowed="letters, digits, spaces and . ' -")


def check_say_text(name: str, value: object) -> str:
    """Letter-board text: 1–80 letters (English, German, French), digits, spaces and
    ``. , ! ? ' - : ; " ( )``.

    :raises ProtocolError: otherwise.
    """
    return _check_words(name, value, _SAY_RE, max_chars=MAX_SAY_CHARS,
                        allowed="letters, digits, spaces and . , ! ? ' - : ; \" ( )")


def type_name(value: object) -> str:
    """The JSON name of a decoded value's type, for reasons."""
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string",
             list: "a list", dict: "an object", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def color_name(color: chess.Color) -> str:
    """``"white"`` or ``"black"``."""
    return "white" if color else "black"


def parse_color(name: str, value: object) -> chess.Color:
    """``"white"`` → ``chess.WHITE``, ``"black"`` → ``chess.BLACK``.

    :raises ProtocolError: otherwise.
    """
    return check_choice(name, value, ("white", "black")) == "white"
