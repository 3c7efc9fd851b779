"""Signal building blocks for the sound generator: noise, filters, resonators, envelopes, WAV.

Owns: the small DSP kit every sound recipe is built from. A signal is a plain ``list[float]``
at :data:`RATE` samples per second, nominally within -1..1. Filters are written out here (RBJ
biquads, two-pole resonators, a feedback comb) so the assets need nothing but the standard
library to rebuild. Randomness always comes from a ``random.Random`` the caller seeds, so every
run gives the same bytes.

Must not import: pygame, numpy or anything from the game package (this is a build tool).
"""

from __future__ import annotations

import math
import random
import sys
import wave
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

RATE = 22050
"""Sample rate of every asset (Hz): enough for wood, metal and speech up to 11 kHz."""

PEAK = 10 ** (-1.0 / 20.0)
"""Peak level after normalising: -1 dBFS, leaving headroom so nothing clips."""

Signal = list[float]


def seconds(n: int) -> float:
    """The duration of ``n`` samples."""
    return n / RATE


def samples(duration: float) -> int:
    """The number of samples in ``duration`` seconds (rounded)."""
    return round(duration * RATE)


def silence(duration: float) -> Signal:
    """A signal of zeros."""
    return [0.0] * samples(duration)


def white(n: int, rng: random.Random) -> Signal:
    """``n`` samples of uniform white noise in -1..1."""
    u = rng.uniform
    return [u(-1.0, 1.0) for _ in range(n)]


# --- biquads ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Biquad:
    """Normalised coefficients of one second-order IIR section (a0 == 1)."""

    b0: float
    b1: float
    b2: float
    a1: float
    a2: float


def _omega(freq: float, q: float) -> tuple[float, float, float]:
    w = 2.0 * math.pi * min(freq, RATE * 0.49) / RATE
    return math.cos(w), math.sin(w), math.sin(w) / (2.0 * q)


def lowpass(freq: float, q: float = 0.707) -> Biquad:
    """A resonant low-pass (RBJ cookbook form)."""
    cw, _sw, alpha = _omega(freq, q)
    a0 = 1.0 + alpha
    return Biquad((1 - cw) / 2 / a0, (1 - cw) / a0, (1 - cw) / 2 / a0,
                  -2 * cw / a0, (1 - alpha) / a0)


def highpass(freq: float, q: float = 0.707) -> Biquad:
    """A resonant high-pass (RBJ cookbook form)."""
    cw, _sw, alpha = _omega(freq, q)
    a0 = 1.0 + alpha
    return Biquad((1 + cw) / 2 / a0, -(1 + cw) / a0, (1 + cw) / 2 / a0,
                  -2 * cw / a0, (1 - alpha) / a0)


def bandpass(freq: float, q: float) -> Biquad:
    """A band-pass with 0 dB gain at ``freq``; higher ``q`` is narrower."""
    cw, _sw, alpha = _omega(freq, q)
    a0 = 1.0 + alpha
    return Biquad(alpha / a0, 0.0, -alpha / a0, -2 * cw / a0, (1 - alpha) / a0)


def peaking(freq: float, q: float, gain_db: float) -> Biquad:
    """A peaking equaliser: boosts (or cuts) ``gain_db`` around ``freq``."""
    cw, _sw, alpha = _omega(freq, q)
    a = 10 ** (gain_db / 40.0)
    a0 = 1.0 + alpha / a
    return Biquad((1 + alpha * a) / a0, -2 * cw / a0, (1 - alpha * a) / a0,
                  -2 * cw / a0, (1 - alpha / a) / a0)


def filt(c: Biquad, x: Sequence[float], *, circular: bool = False) -> Signal:
    """Run ``x`` through one biquad (direct form I).

    With ``circular`` the input is treated as one period of a loop: the filter first runs
    over it once to reach the state it would have at the loop point, so the output joins
    its own start without a seam.
    """
    b0, b1, b2, a1, a2 = c.b0, c.b1, c.b2, c.a1, c.a2
    x1 = x2 = y1 = y2 = 0.0
    passes = 2 if circular else 1
    out: Signal = []
    for _ in range(passes):
        out = [0.0] * len(x)
        for i, xi in enumerate(x):
            y = b0 * xi + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
            x2, x1, y2, y1 = x1, xi, y1, y
            out[i] = y
    return out


def chain(x: Sequence[float], *sections: Biquad, circular: bool = False) -> Signal:
    """Run ``x`` through several biquads in series."""
    y = list(x)
    for c in sections:
        y = filt(c, y, circular=circular)
    return y


# --- resonators (modal synthesis) -------------------------------------------------------


@dataclass(frozen=True)
class Mode:
    """One vibrating mode of an object: its frequency, 1/e decay time and loudness."""

    freq: float
    decay: float
    amp: float


def resonate(excitation: Sequence[float], modes: Sequence[Mode], *,
             length: float | None = None, taper: bool = True) -> Signal:
    """Excite a bank of two-pole resonators with ``excitation`` and sum their ring.

    Each mode rings at its frequency and dies away with its own decay time, the way a struck
    piece of wood or metal does; a short excitation (a click) excites all modes, a soft one
    (a knuckle) mostly the low ones. A ring cut off by ``length`` would end in a click, so
    the last 10 ms are tapered unless ``taper`` is off (a loop must keep its ends intact).
    """
    n = samples(length) if length is not None else len(excitation)
    total = [0.0] * n
    src = list(excitation[:n]) + [0.0] * max(0, n - len(excitation))
    for m in modes:
        if m.freq >= RATE * 0.48:
            continue
        w = 2.0 * math.pi * m.freq / RATE
        r = math.exp(-1.0 / (m.decay * RATE))
        k1, k2, g = 2.0 * r * math.cos(w), -r * r, m.amp * math.sin(w)
        y1 = y2 = 0.0
        ring_out = min(n, len(excitation) + samples(m.decay * 9.0))
        for i in range(ring_out):
            y = g * src[i] + k1 * y1 + k2 * y2
            y2, y1 = y1, y
            total[i] += y
    if taper:
        m = min(samples(0.01), n // 4)
        for i in range(m):
            total[n - 1 - i] *= 0.5 - 0.5 * math.cos(math.pi * i / m)
    return total


def scaled_modes(modes: Sequence[Mode], rng: random.Random, spread: float) -> list[Mode]:
    """The same object, made a little different: each mode's frequency and level jittered."""
    return [Mode(m.freq * (1.0 + rng.uniform(-spread, spread)), m.decay,
                 m.amp * (1.0 + rng.uniform(-2 * spread, 2 * spread))) for m in modes]


def comb(x: Sequence[float], delay: float, feedback: float, *, damping: float = 0.3) -> Signal:
    """A feedback comb with a one-pole low-pass in the loop: the ring of a hollow box.

    ``delay`` in seconds is the round trip between the box's walls; ``damping`` (0..1) dulls
    each reflection, as wood absorbs the highs first.
    """
    d = max(1, samples(delay))
    buf = [0.0] * d
    out = [0.0] * len(x)
    low = 0.0
    for i, xi in enumerate(x):
        j = i % d
        echo = buf[j]
        low = (1.0 - damping) * echo + damping * low
        y = xi + feedback * low
        buf[j] = y
        out[i] = y
    return out


# --- excitations and envelopes ----------------------------------------------------------


def contact(duration: float, rng: random.Random, *, grit: float = 0.3) -> Signal:
    """The force pulse of an impact: a half-sine lasting ``duration`` with a little noise.

    Hard contacts (wood on wood) last a fraction of a millisecond and excite high modes;
    soft ones (a knuckle, a leather-covered hammer) last milliseconds and sound dull.
    """
    n = max(2, samples(duration))
    return [math.sin(math.pi * (i + 0.5) / n) * (1.0 + grit * rng.uniform(-1.0, 1.0))
            for i in range(n)]


def ramp_env(n: int, points: Sequence[tuple[float, float]]) -> Signal:
    """A piecewise-linear envelope through ``(time_s, level)`` points over ``n`` samples."""
    env = [0.0] * n
    pts = sorted(points)
    k = 0
    for i in range(n):
        t = i / RATE
        while k + 1 < len(pts) - 1 and t > pts[k + 1][0]:
            k += 1
        (t0, v0), (t1, v1) = pts[k], pts[min(k + 1, len(pts) - 1)]
        if t <= t0 or t1 <= t0:
            env[i] = v0 if t <= t0 else v1
        elif t >= t1:
            env[i] = v1
        else:
            env[i] = v0 + (v1 - v0) * (t - t0) / (t1 - t0)
    return env


def smooth_random(n: int, rng: random.Random, *, rate: float, depth: float) -> Signal:
    """A slowly wandering value around 1.0: random points ``rate`` per second, eased between.

    Gives the unsteadiness of a hand or of friction to levels and speeds.
    """
    step = max(1, samples(1.0 / rate))
    knots = [1.0 + depth * rng.uniform(-1.0, 1.0) for _ in range(n // step + 2)]
    out = [0.0] * n
    for i in range(n):
        k, frac = divmod(i, step)
        s = frac / step
        s = s * s * (3.0 - 2.0 * s)
        out[i] = knots[k] + (knots[k + 1] - knots[k]) * s
    return out


def multiply(x: Sequence[float], env: Sequence[float]) -> Signal:
    """Sample-by-sample product (the shorter length wins)."""
    return [a * b for a, b in zip(x, env, strict=False)]


def gain(x: Sequence[float], g: float) -> Signal:
    """``x`` scaled by ``g``."""
    return [v * g for v in x]


def mix_into(dst: Signal, src: Sequence[float], at: float, level: float = 1.0, *,
             wrap: bool = False) -> None:
    """Add ``src`` into ``dst`` starting at ``at`` seconds.

    With ``wrap`` the part running past the end comes round to the start (for loops);
    otherwise it is cut off.

    :raises ValueError: if ``at`` is negative (it would land at the far end of ``dst``).
    """
    if at < 0.0:
        raise ValueError(f"cannot mix in at {at:.4f} s, before the start")
    start = samples(at)
    n = len(dst)
    for i, v in enumerate(src):
        j = start + i
        if j >= n:
            if not wrap:
                break
            j %= n
        dst[j] += v * level


def fade(x: Signal, fade_in: float = 0.003, fade_out: float = 0.02) -> Signal:
    """Raised-cosine fades at both ends so a sound starts and stops without a click."""
    y = list(x)
    n_in, n_out = samples(fade_in), samples(fade_out)
    for i in range(min(n_in, len(y))):
        y[i] *= 0.5 - 0.5 * math.cos(math.pi * i / n_in)
    for i in range(min(n_out, len(y))):
        y[-1 - i] *= 0.5 - 0.5 * math.cos(math.pi * i / n_out)
    return y


def trim_tail(x: Signal, floor_db: float = -60.0, pad: float = 0.01) -> Signal:
    """Drop the silent tail below ``floor_db`` relative to the peak (keeping ``pad`` s)."""
    peak = max((abs(v) for v in x), default=0.0)
    if peak == 0.0:
        return x
    floor = peak * 10 ** (floor_db / 20.0)
    last = max((i for i, v in enumerate(x) if abs(v) > floor), default=0)
    return x[: min(len(x), last + samples(pad))]


def normalise(x: Sequence[float], peak: float = PEAK) -> Signal:
    """Scale so the loudest sample sits at ``peak``.

    :raises ValueError: if the signal is silent (a recipe went wrong).
    """
    top = max((abs(v) for v in x), default=0.0)
    if top == 0.0:
        raise ValueError("cannot normalise a silent signal")
    return [v * peak / top for v in x]


def write_wav(path: Path, x: Sequence[float]) -> None:
    """Write ``x`` as 16-bit mono PCM WAV at :data:`RATE`, rounding each sample.

    :raises ValueError: if a sample lies outside -1..1 (it would clip).
    """
    pcm = array("h")
    for v in x:
        if not -1.0 <= v <= 1.0:
            raise ValueError(f"{path.name}: sample {v:.3f} would clip; normalise first")
        pcm.append(round(v * 32767.0))
    if sys.byteorder == "big":
        pcm.byteswap()
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm.tobytes())
