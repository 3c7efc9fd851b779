"""The Turk's voice box saying "Échec!" [e.ˈʃɛk], by formant synthesis.

Owns: a small source-filter speech synthesiser in the spirit of Kempelen's speaking machine:
bellows air sets a beating reed buzzing (the source), the buzz passes through resonators that
shape it into vowels (here a cascade of formant filters instead of a leather mouth), a hiss
of air through a narrow gap makes the [ʃ], and a closed-then-opened passage makes the [k].
The result is passed through the ring of the small wooden box the voice sits in.

Parameters come as a timeline of frames; each track is interpolated linearly between them.
Formant targets follow measured French vowels ([e]: F1 ~370, F2 ~2150 Hz; [ɛ]: F1 ~560,
F2 ~1850 Hz); the French [ʃ] is lip-rounded, so its noise peaks low, around 2.5 kHz.

Must not import: pygame or anything from the game package (this is a build tool).
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, fields

from sounds.dsp import (
    RATE,
    Mode,
    Signal,
    chain,
    highpass,
    lowpass,
    mix_into,
    resonate,
    samples,
    white,
)


@dataclass(frozen=True)
class Frame:
    """Synthesiser settings at one instant; between frames every value moves linearly."""

    t: float  # seconds
    f0: float  # reed pitch, Hz
    av: float  # reed (voicing) level
    ah: float  # breath noise level through the vocal tract
    af: float  # hiss level through the narrow gap (frication, bursts)
    f1: float
    f2: float
    f3: float
    f4: float
    b1: float = 80.0
    b2: float = 110.0
    b3: float = 170.0
    ff: float = 2500.0  # centre of the hiss band
    fb: float = 900.0  # width of the hiss band


# e — ʃ — ɛ — k. Stress sits on the second syllable: it is louder, longer and pitched
# higher, then falls as an exclamation does. Pitch moves in steps, as a reed's would when
# the bellows are pressed harder, which keeps the voice mechanical rather than sung.
ECHEC = (
    Frame(0.000, 126, 0.00, 0.00, 0.0, 300, 2050, 2650, 3500),
    Frame(0.030, 126, 1.00, 0.06, 0.0, 370, 2150, 2700, 3500, 70, 100),
    Frame(0.150, 126, 1.00, 0.06, 0.0, 380, 2150, 2700, 3500, 70, 100),
    Frame(0.185, 126, 0.10, 0.10, 0.25, 320, 1950, 2450, 3400, 110, 150, 220),
    Frame(0.210, 126, 0.00, 0.00, 1.0, 300, 1900, 2400, 3400, 150, 200, 250, 2450, 800),
    Frame(0.300, 148, 0.00, 0.00, 1.0, 300, 1900, 2400, 3400, 150, 200, 250, 2600, 900),
    Frame(0.320, 148, 0.35, 0.10, 0.2, 350, 1980, 2500, 3500, 100, 130, 200, 2600, 900),
    Frame(0.360, 150, 1.00, 0.06, 0.0, 560, 1880, 2550, 3500),
    Frame(0.480, 144, 1.00, 0.06, 0.0, 575, 1850, 2520, 3500),
    Frame(0.545, 128, 0.80, 0.06, 0.0, 460, 2020, 2400, 3400),
    Frame(0.575, 118, 0.00, 0.00, 0.0, 330, 2100, 2330, 3400),
    Frame(0.640, 118, 0.00, 0.00, 0.0, 330, 2100, 2330, 3400, ff=2300, fb=450),
    Frame(0.641, 118, 0.00, 0.00, 2.2, 330, 2100, 2330, 3400, ff=2300, fb=450),
    Frame(0.650, 118, 0.00, 0.50, 0.6, 480, 1950, 2450, 3500, 200, 250, 300, 2300, 800),
    Frame(0.705, 118, 0.00, 0.00, 0.0, 560, 1850, 2500, 3500, 250, 300, 350, 2300, 900),
)

FRICATION_GAIN = 0.9
"""Level of the hiss branch against the reed branch ([ʃ] about 12 dB under the vowel)."""

BELLOWS_LEAK = 0.06
"""Breath that leaks past the reed while it sounds: the machine's airy edge."""

# The wooden voice box in the figure's chest: a little body under the reed.
VOICE_BOX = (Mode(310, 0.025, 0.5), Mode(790, 0.018, 0.35), Mode(1620, 0.010, 0.2))


def tracks(frames: Sequence[Frame], n: int) -> dict[str, list[float]]:
    """Every frame field as a per-sample track, linearly interpolated (held past the ends)."""
    names = [f.name for f in fields(Frame) if f.name != "t"]
    out = {name: [0.0] * n for name in names}
    k = 0
    for i in range(n):
        t = i / RATE
        while k + 2 < len(frames) and t >= frames[k + 1].t:
            k += 1
        a, b = frames[k], frames[k + 1]
        s = 0.0 if b.t <= a.t else min(1.0, max(0.0, (t - a.t) / (b.t - a.t)))
        for name in names:
            va, vb = getattr(a, name), getattr(b, name)
            out[name][i] = va + (vb - va) * s
    return out


def reed(f0: Sequence[float], *, open_part: float = 0.45, close_part: float = 0.035) -> Signal:
    """The beating reed's airflow, differentiated (as sound leaving a mouth is).

    The reed opens smoothly over ``open_part`` of each period and slaps shut within
    ``close_part``; that quick closure is what gives a reed its buzz.
    """
    flow = [0.0] * len(f0)
    phase = 0.0
    for i, f in enumerate(f0):
        phase = (phase + f / RATE) % 1.0
        if phase < open_part:
            flow[i] = 0.5 - 0.5 * math.cos(math.pi * phase / open_part)
        elif phase < open_part + close_part:
            flow[i] = math.cos(0.5 * math.pi * (phase - open_part) / close_part)
    return [flow[i] - flow[i - 1] if i else 0.0 for i in range(len(flow))]


def formant(x: Sequence[float], freq: Sequence[float], bw: Sequence[float]) -> Signal:
    """A two-pole resonator with unity gain at 0 Hz whose centre and width may move.

    Chained, such resonators give vowels their natural balance of formant levels.
    Coefficients are refreshed every 16 samples: formants move far slower than that.
    """
    y1 = y2 = 0.0
    a = b = c = 0.0
    out = [0.0] * len(x)
    for i, xi in enumerate(x):
        if i % 16 == 0:
            r = math.exp(-math.pi * bw[i] / RATE)
            b = 2.0 * r * math.cos(2.0 * math.pi * freq[i] / RATE)
            c = -r * r
            a = 1.0 - b - c
        y = a * xi + b * y1 + c * y2
        y2, y1 = y1, y
        out[i] = y
    return out


def _band(x: Sequence[float], freq: Sequence[float], bw: Sequence[float]) -> Signal:
    """A moving band-pass with 0 dB peak: the shape of a hiss through a narrow gap."""
    y1 = y2 = x1 = x2 = 0.0
    b0 = a1 = a2 = 0.0
    out = [0.0] * len(x)
    for i, xi in enumerate(x):
        if i % 16 == 0:
            w = 2.0 * math.pi * freq[i] / RATE
            alpha = math.sin(w) * bw[i] / (2.0 * freq[i])
            b0, a1, a2 = alpha / (1 + alpha), -2 * math.cos(w) / (1 + alpha), \
                (1 - alpha) / (1 + alpha)
        y = b0 * (xi - x2) - a1 * y1 - a2 * y2
        x2, x1, y2, y1 = x1, xi, y1, y
        out[i] = y
    return out


def speak(frames: Sequence[Frame], rng: random.Random) -> Signal:
    """Render a frame timeline: reed and breath through the formants, hiss beside them."""
    n = samples(frames[-1].t + 0.02)
    tr = tracks(frames, n)
    buzz = reed(tr["f0"])
    breath = white(n, rng)
    # Bellows never press quite evenly: the reed's strength wavers a little, 5 times a second.
    press = [1.0 + 0.07 * math.sin(2.0 * math.pi * 5.0 * i / RATE) for i in range(n)]
    source = [8.0 * v * av * p + 0.5 * h * (ah + BELLOWS_LEAK * av)
              for v, av, p, h, ah in zip(buzz, tr["av"], press, breath, tr["ah"], strict=True)]
    y = source
    for fk, bk in (("f1", "b1"), ("f2", "b2"), ("f3", "b3")):
        y = formant(y, tr[fk], tr[bk])
    # The upper formants barely move between these sounds; fixed widths are enough.
    y = formant(y, tr["f4"], [250.0] * n)
    y = formant(y, [4300.0] * n, [350.0] * n)
    # Lift the highs the leather mouth of a speaking machine lets out: +6 dB per octave.
    y = [v - 0.92 * y[i - 1] if i else v for i, v in enumerate(y)]
    hiss = [v * af for v, af in zip(white(n, rng), tr["af"], strict=True)]
    upper = [f * 1.7 for f in tr["ff"]]
    fric = [p + 0.45 * q for p, q in zip(_band(hiss, tr["ff"], tr["fb"]),
                                         _band(hiss, upper, [1300.0] * n), strict=True)]
    fric = chain(fric, highpass(1500.0, 0.8))
    return [v + FRICATION_GAIN * f for v, f in zip(y, fric, strict=True)]


def echec(rng: random.Random) -> Signal:
    """ "Échec!" from the voice box, with the ring of its wooden case."""
    dry = speak(ECHEC, rng)
    out = [0.0] * (len(dry) + samples(0.08))
    mix_into(out, dry, 0.0)
    body = resonate(dry, VOICE_BOX, length=len(out) / RATE)
    mix_into(out, body, 0.0, 0.35)
    return chain(out, highpass(90.0), lowpass(7000.0))
