"""How a byte stream becomes lines, and how many lines a peer may send per second.

Owns: :class:`LineReader` (splits received bytes at newlines, never holding more than one
line's limit in memory, and reports an over-long line once, when its newline finally
arrives) and :class:`TokenBucket` (a rate limit driven by clock values passed in).

Must not import: sockets, threads, pygame or anything from ``game`` (pure stdlib; time is
passed in by the caller).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OversizedLine:
    """A line that broke the limit; its bytes were dropped as they came."""

    size: int
    """Its length in bytes, newline included."""


class LineReader:
    """Newline framing with a limit: lines longer than ``max_bytes`` (newline included) are
    discarded while they stream in and come out as one :class:`OversizedLine`."""

    def __init__(self, max_bytes: int) -> None:
        self._max_bytes = max_bytes
        self._buffer = bytearray()
        self._discarded = 0
        self._is_discarding = False

    def feed(self, data: bytes) -> list[bytes | OversizedLine]:
        """The lines ``data`` completes, without their newlines, in order."""
        out: list[bytes | OversizedLine] = []
        start = 0
        while (end := data.find(b"\n", start)) >= 0:
            piece = data[start:end]
            if self._is_discarding:
                out.append(OversizedLine(self._discarded + len(piece) + 1))
                self._is_discarding = False
                self._discarded = 0
            elif len(self._buffer) + len(piece) + 1 > self._max_bytes:
                out.append(OversizedLine(len(self._buffer) + len(piece) + 1))
            else:
                out.append(bytes(self._buffer + piece))
            self._buffer.clear()
            start = end + 1
        rest = data[start:]
        if self._is_discarding:
            self._discarded += len(rest)
        else:
            self._buffer += rest
            if len(self._buffer) >= self._max_bytes:
                # Even a newline next would break the limit: stop storing, start counting.
                self._is_discarding = True
                self._discarded = len(self._buffer)
                self._buffer.clear()
        return out

    @property
    def pending_bytes(self) -> int:
        """Bytes received after the last newline (stored or counted)."""
        return self._discarded if self._is_discarding else len(self._buffer)


class TokenBucket:
    """Allows ``burst`` events at once and ``rate`` per second after that."""

    def __init__(self, *, rate: float, burst: int, now: float) -> None:
        self._rate = rate
        self._burst = float(burst)
        self._tokens = float(burst)
        self._last = now

    def take(self, now: float) -> bool:
        """Spend one token if there is one; ``False`` means the event is over the limit."""
        elapsed = max(0.0, now - self._last)
        self._last = max(self._last, now)
        self._tokens = min(self._burst, self._tokens + elapsed * self._rate)
        if self._tokens >= 1.0:
            self._tokens -= 1.0
            return True
        return False
