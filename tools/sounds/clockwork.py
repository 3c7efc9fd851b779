"""Recipes for the mechanical sounds: the clockwork whirr, the winding key, the head, the bell.

Owns: the gear, ratchet and bell descriptions and the recipes built from them. The whirr is
made as one period of a loop: every event that runs past the end wraps round to the start
and every filter runs circularly, so the file repeats without a seam.

Must not import: pygame or anything from the game package (this is a build tool).
"""

from __future__ import annotations

import math
import random

from sounds.dsp import (
    RATE,
    Mode,
    Signal,
    bandpass,
    chain,
    contact,
    highpass,
    lowpass,
    mix_into,
    multiply,
    ramp_env,
    resonate,
    samples,
    silence,
    white,
)
from sounds.wood import CABINET, knock

LOOP_SECONDS = 2.4
"""Length of one period of the whirr; every periodic part repeats a whole number of times."""

WIND_TURNS = 8
"""Turns of the key per winding. Willis noticed it was always the same number (CONTENT 1.6)."""

# Small brass wheels meshing: a bright, very short ring per tooth.
GEAR = (Mode(830, 0.010, 0.30), Mode(1460, 0.008, 0.50), Mode(2650, 0.005, 0.35),
        Mode(3900, 0.003, 0.20))
# Steel pawl dropping onto a brass ratchet wheel.
RATCHET = (Mode(1270, 0.015, 0.25), Mode(2250, 0.012, 0.40), Mode(3480, 0.009, 0.45),
           Mode(5150, 0.006, 0.30), Mode(7300, 0.004, 0.15))
# The steel key itself rings faintly when it meets the arbor.
KEY = (Mode(1650, 0.050, 0.40), Mode(4420, 0.030, 0.30), Mode(8200, 0.010, 0.10))


def _resonate_loop(x: Signal, modes: tuple[Mode, ...]) -> Signal:
    """Resonate one loop period as if it had been playing forever (no start-up transient)."""
    n = len(x)
    return resonate(x + x, modes, taper=False)[n:]


def _tooth_train(rng: random.Random, n: int, teeth: int, *, wow: float,
                 lumps: int) -> Signal:
    """``teeth`` evenly spaced impulses per period, their timing and force slightly uneven.

    ``wow`` bends the spacing once per period (a wheel a little off centre); ``lumps`` makes
    the force swell that many times per period. Whole numbers keep it periodic.
    """
    train = [0.0] * n
    for k in range(teeth):
        pos = (k + wow * math.sin(2 * math.pi * k / teeth)) / teeth
        force = rng.uniform(0.8, 1.0) * (1.0 + 0.3 * math.sin(2 * math.pi * lumps * k / teeth))
        train[round(pos * n) % n] += force
    return train


def whirr_loop(rng: random.Random) -> Signal:
    """Clockwork running behind the cabinet wall: gear whine, a fly's flutter, soft ticks."""
    n = samples(LOOP_SECONDS)
    mesh = _resonate_loop(_tooth_train(rng, n, 264, wow=0.25, lumps=3), GEAR)
    slow = _resonate_loop(_tooth_train(rng, n, 90, wow=0.3, lumps=1), CABINET[:4])
    # The fly (air brake) beats the air 45 times per period: a soft fluttering rush.
    air = chain(white(n, rng), bandpass(520.0, 0.8), circular=True)
    flutter = [0.6 + 0.4 * math.sin(2 * math.pi * 45 * i / n) for i in range(n)]
    ticks = [0.0] * n
    for k in range(18):
        ticks[round((k / 18 + rng.uniform(-0.0012, 0.0012)) * n) % n] = rng.uniform(0.7, 1.0)
    tick = _resonate_loop(ticks, RATCHET + CABINET[1:3])
    out = [0.6 * a + 0.3 * b + 0.2 * c * f + 0.4 * d
           for a, b, c, f, d in zip(mesh, slow, air, flutter, tick, strict=True)]
    return chain(out, lowpass(4200.0), highpass(45.0), circular=True)


def _ratchet_click(rng: random.Random, level: float) -> Signal:
    """The pawl dropping into the next tooth, heard through the cabinet it is mounted in."""
    out = knock(rng, RATCHET, hardness=1.0, length=0.09)
    mix_into(out, knock(rng, CABINET, hardness=0.75, length=0.09), 0.0, 0.45)
    return [v * level for v in out]


def wind_key(rng: random.Random) -> Signal:
    """The presenter winds the key: it goes in, makes its eight turns, and comes out."""
    out = silence(2.1)
    # The key going in is quieter than the clicks, so the eight turns stand out to be counted.
    mix_into(out, knock(rng, KEY, hardness=0.9, length=0.15), 0.0, 0.12)
    mix_into(out, knock(rng, CABINET, hardness=0.6, length=0.2), 0.002, 0.15)
    at = 0.16
    for _ in range(WIND_TURNS):
        stroke = rng.uniform(0.185, 0.215)
        # The key turning in its bush: a dry scrape that grows until the pawl drops.
        m = samples(stroke * 0.85)
        scrape = chain(multiply(white(m, rng), ramp_env(m, [(0.0, 0.0), (m / RATE, 1.0)])),
                       bandpass(2300.0, 1.1), highpass(900.0))
        mix_into(out, scrape, at + stroke * 0.1, 0.06)
        mix_into(out, _ratchet_click(rng, rng.uniform(0.8, 1.0)), at + stroke, 1.0)
        at += stroke
    mix_into(out, knock(rng, KEY, hardness=0.9, length=0.1), at + 0.12, 0.3)
    return chain(out, lowpass(7500.0), highpass(60.0))


def head_turn(rng: random.Random) -> Signal:
    """The head turning: a catch released, a short run of gears, a stop."""
    length = 0.62
    n = samples(length)
    rate = ramp_env(n, [(0.0, 60.0), (0.12, 150.0), (0.38, 130.0), (0.48, 55.0)])
    level = ramp_env(n, [(0.0, 0.0), (0.05, 1.0), (0.4, 0.9), (0.49, 0.0), (length, 0.0)])
    train = [0.0] * n
    phase = 0.0
    for i in range(n):
        phase += rate[i] / RATE
        if phase >= 1.0:
            phase -= 1.0
            train[i] = level[i] * rng.uniform(0.6, 1.0)
    out = resonate(train, GEAR + CABINET[:3], length=length)
    air = chain(multiply(white(n, rng), level), bandpass(600.0, 0.9))
    mix_into(out, air, 0.0, 0.12)
    mix_into(out, _ratchet_click(rng, 0.9), 0.0, 1.0)
    mix_into(out, knock(rng, CABINET[2:], hardness=0.55, length=0.12), 0.5, 0.9)
    return chain(out, lowpass(6000.0), highpass(60.0))


def _bell(rng: random.Random, fundamental: float, length: float) -> Signal:
    """One stroke of a small clock gong with a soft leather hammer.

    Partials follow a struck bar (1, 2.76, 5.40, 8.93); the fundamental is split into two
    modes a fraction of a hertz apart, so it beats slowly the way real bells do.
    """
    f = fundamental
    modes = (Mode(f, 0.75, 0.8), Mode(f * 1.0016, 0.8, 0.2), Mode(f * 2.756, 0.45, 0.5),
             Mode(f * 5.404, 0.22, 0.25), Mode(f * 8.933, 0.1, 0.12))
    return resonate(contact(0.0006, rng, grit=0.1), modes, length=length)


def chime(rng: random.Random) -> Signal:
    """A soft two-note clock chime, high then low (E5, C5), for the end of a game."""
    out = silence(2.0)
    mix_into(out, _bell(rng, 659.26, 2.0), 0.0, 0.9)
    mix_into(out, _bell(rng, 523.25, 1.6), 0.42, 1.0)
    # The gong is screwed to the wooden case, which adds a little body to each stroke.
    mix_into(out, knock(rng, CABINET[2:], hardness=0.3, length=0.1), 0.0, 0.15)
    mix_into(out, knock(rng, CABINET[2:], hardness=0.3, length=0.1), 0.42, 0.15)
    return chain(out, highpass(120.0), lowpass(6000.0))
