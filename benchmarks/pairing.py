"""What proving the pairing code costs: the key derivation (PBKDF2-HMAC-SHA256, 200 000
rounds), the proof over a nonce, and the kiosk's check of a proof.

The kiosk derives its key once per session (and once per new code, on the link's thread); an
operator client derives it once per session's salt (the reference client keeps it); a kiosk
checks one proof per connection. An attacker who recorded a handshake pays one derivation per
guessed code. docs/operator-protocol.md section 4 quotes the derivation's cost from here.

Usage: ``nice -n 10 python benchmarks/pairing.py [--rounds 30]``. The last line is exactly
``derive_key_p50_ms=X derive_key_max_ms=X proof_us=X check_us=X``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from game.net import protocol


def timed_ms(action: object, rounds: int) -> list[float]:
    """``rounds`` timings of ``action()`` in milliseconds."""
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    code, salt, nonce = protocol.new_pairing_code(), protocol.new_salt(), protocol.new_nonce()
    derive = timed_ms(lambda: protocol.derive_key(code, salt), args.rounds)
    key = protocol.derive_key(code, salt)
    proof = protocol.compute_proof(key, nonce)
    proofs = timed_ms(lambda: protocol.compute_proof(key, nonce), 1000)
    checks = timed_ms(lambda: protocol.is_valid_proof(key, nonce, proof), 1000)
    print(f"iterations={protocol.PBKDF2_ITERATIONS} rounds={args.rounds} "
          f"derive_key_min_ms={min(derive):.1f}")
    print(f"derive_key_p50_ms={statistics.median(derive):.1f} "
          f"derive_key_max_ms={max(derive):.1f} "
          f"proof_us={statistics.median(proofs) * 1000:.1f} "
          f"check_us={statistics.median(checks) * 1000:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
