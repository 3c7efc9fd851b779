"""Pairing codes and the challenge-response proof that an operator knows one.

Owns: making a one-time pairing code, normalising what a person typed, stretching the code
into a key (PBKDF2-HMAC-SHA256 over a per-session salt) and the HMAC proof over the kiosk's
nonce. The code itself never crosses the wire; a sniffed handshake costs an attacker
:data:`PBKDF2_ITERATIONS` hash rounds per guessed code.

Must not import: sockets, threads, pygame or anything from ``game`` (pure: stdlib only).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from typing import Final

CODE_ALPHABET: Final = "23456789ACDEFHJKMNPRTWXY"
"""Digits and capitals that cannot be mistaken for each other when read or typed: no 0/O/Q,
1/I/L, 5/S, 8/B, 2/Z, 6/G, U/V."""
CODE_LENGTH: Final = 8
MAX_CODE_CHARS: Final = 64
PBKDF2_ITERATIONS: Final = 200_000
SALT_BYTES: Final = 16
NONCE_BYTES: Final = 32
PROOF_LABEL: Final = b"turk-operator-v1\n"
"""Prefix of the HMAC message, so a proof for this protocol means nothing elsewhere."""

_NORMALIZED_RE = re.compile(r"[A-Z0-9]+")


def new_pairing_code() -> str:
    """A fresh code such as ``"K7MX-4RWD"``: 8 characters from :data:`CODE_ALPHABET`
    (about 37 bits), shown in two groups of four."""
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{chars[:4]}-{chars[4:]}"


def normalize_pairing_code(code: str) -> str:
    """What both sides feed into the key: spaces and hyphens removed, letters upper-cased.

    :raises ValueError: if the result is empty, longer than 64 characters, or holds
        anything but ASCII letters and digits.
    """
    normalized = code.replace(" ", "").replace("-", "").upper()
    if not normalized or len(normalized) > MAX_CODE_CHARS or not _NORMALIZED_RE.fullmatch(
            normalized):
        raise ValueError("a pairing code is 1-64 ASCII letters and digits "
                         "(spaces and hyphens are ignored)")
    return normalized


def new_salt() -> str:
    """A per-session salt, hex."""
    return secrets.token_hex(SALT_BYTES)


def new_nonce() -> str:
    """A per-connection challenge, hex."""
    return secrets.token_hex(NONCE_BYTES)


def derive_key(code: str, salt: str) -> bytes:
    """The 32-byte key both sides derive from the pairing code and the session's salt.

    Slow on purpose (about 0.1 s on a small two-core machine: ``benchmarks/pairing.py``); the
    kiosk derives it once per session and per new code, on its link thread; the operator's
    client once per salt.

    :raises ValueError: if ``code`` is not a valid pairing code or ``salt`` is not hex.
    """
    return hashlib.pbkdf2_hmac("sha256", normalize_pairing_code(code).encode("ascii"),
                               bytes.fromhex(salt), PBKDF2_ITERATIONS)


def compute_proof(key: bytes, nonce: str) -> str:
    """The operator's answer to the kiosk's challenge: HMAC-SHA256 over the label and the
    nonce (as its ASCII hex text), in lower-case hex."""
    return hmac.new(key, PROOF_LABEL + nonce.encode("ascii"), hashlib.sha256).hexdigest()


def is_valid_proof(key: bytes, nonce: str, proof: str) -> bool:
    """Whether ``proof`` answers ``nonce`` for ``key``, compared in constant time."""
    return hmac.compare_digest(compute_proof(key, nonce), proof)
