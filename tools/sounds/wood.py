"""Recipes for the wooden sounds: chessmen on the board, knuckles on the cabinet, door, drawer.

Owns: the modal descriptions of the boxwood pieces, the board, the cabinet's panels and the
drawer, and the recipes that strike, rub and knock them. Each recipe takes a seeded
``random.Random`` and returns an unnormalised signal.

Must not import: pygame or anything from the game package (this is a build tool).
"""

from __future__ import annotations

import random

from sounds.dsp import (
    RATE,
    Mode,
    Signal,
    bandpass,
    chain,
    comb,
    contact,
    highpass,
    lowpass,
    mix_into,
    multiply,
    ramp_env,
    resonate,
    samples,
    scaled_modes,
    silence,
    smooth_random,
    white,
)

# A boxwood chessman is small and dense: its own modes sit high and die within milliseconds.
PIECE = (Mode(1480, 0.016, 0.30), Mode(2350, 0.011, 0.45), Mode(3850, 0.007, 0.30),
         Mode(5600, 0.004, 0.15))
# The board is a thin veneered top over the hollow cabinet: low, longer modes.
BOARD = (Mode(185, 0.050, 0.25), Mode(320, 0.045, 0.45), Mode(605, 0.035, 0.55),
         Mode(960, 0.025, 0.50), Mode(1330, 0.018, 0.40), Mode(1910, 0.012, 0.30))
# The cabinet's side seen from the knuckle: a large panel and the air in the box behind it.
CABINET = (Mode(118, 0.090, 0.30), Mode(205, 0.080, 0.50), Mode(338, 0.060, 0.55),
           Mode(521, 0.045, 0.45), Mode(787, 0.035, 0.35), Mode(1150, 0.022, 0.25),
           Mode(1710, 0.014, 0.15))
# Cabinet 3.5 ft (1.07 m) long: a reflection across it and back takes about 6.2 ms.
CABINET_ROUND_TRIP = 2 * 1.07 / 343.0
# Brass: hinge, latch, drawer handles. Bright, ringing a little longer than wood.
BRASS = (Mode(1930, 0.030, 0.45), Mode(3120, 0.022, 0.40), Mode(4710, 0.015, 0.30),
         Mode(6830, 0.008, 0.18))
# A squeaking hinge pin and the door panel it drives: broad, quickly damped resonances that
# colour the slip pulses without drowning their pitch.
HINGE = (Mode(1150, 0.005, 0.50), Mode(2350, 0.004, 0.60), Mode(3650, 0.003, 0.40),
         Mode(5300, 0.0025, 0.20))
DOOR_SHORT = (Mode(245, 0.012, 0.25), Mode(460, 0.010, 0.35), Mode(820, 0.008, 0.35))
DOOR = (Mode(240, 0.050, 0.50), Mode(452, 0.040, 0.45), Mode(806, 0.030, 0.35),
        Mode(1290, 0.020, 0.22))
DRAWER = (Mode(162, 0.040, 0.45), Mode(271, 0.035, 0.50), Mode(433, 0.030, 0.45),
          Mode(688, 0.025, 0.35), Mode(1105, 0.020, 0.25), Mode(1790, 0.012, 0.15))


def knock(rng: random.Random, body: tuple[Mode, ...], *, hardness: float,
          length: float, spread: float = 0.04) -> Signal:
    """One impact on a wooden body; ``hardness`` 0..1 (1 = boxwood on boxwood).

    The contact lasts from 4 ms (soft) down to 0.16 ms (hard), falling geometrically; a
    faint click of noise rides on hard contacts, which is what the ear reads as "wood"
    rather than "cardboard".
    """
    duration = 0.004 * 0.04 ** hardness
    hit = resonate(contact(duration, rng), scaled_modes(body, rng, spread), length=length)
    if hardness > 0.5:
        click = chain(white(samples(0.0015), rng), highpass(2500.0))
        mix_into(hit, click, 0.0, 0.15 * hardness)
    return hit


def piece_place(rng: random.Random) -> Signal:
    """A boxwood chessman set down on the board: a short, soft "tock" with a tiny settle."""
    out = silence(0.22)
    mix_into(out, knock(rng, PIECE, hardness=0.9, length=0.08), 0.0, 1.3)
    mix_into(out, knock(rng, BOARD, hardness=0.8, length=0.2), 0.0, 1.0)
    # The piece rocks once on its base before it stands still.
    settle = rng.uniform(0.009, 0.018)
    mix_into(out, knock(rng, PIECE + BOARD[2:], hardness=0.7, length=0.06), settle,
             rng.uniform(0.15, 0.3))
    return chain(out, lowpass(6500.0), highpass(90.0))


def piece_capture(rng: random.Random) -> Signal:
    """A capture: the taken piece knocked by the capturing one, then set down aside.

    The first knock is piece on piece (bright, little board); the second is the taken piece
    put down on the cabinet top beside the board (duller, more body).
    """
    gap = rng.uniform(0.2, 0.27)
    out = silence(gap + 0.25)
    mix_into(out, knock(rng, PIECE, hardness=1.0, length=0.06), 0.0, 1.4)
    mix_into(out, knock(rng, PIECE, hardness=0.95, length=0.05, spread=0.08), 0.0015, 0.7)
    mix_into(out, knock(rng, BOARD, hardness=0.6, length=0.12), 0.001, 0.35)
    mix_into(out, knock(rng, PIECE, hardness=0.7, length=0.06), gap, 0.45)
    mix_into(out, knock(rng, CABINET[1:5], hardness=0.7, length=0.2), gap, 0.9)
    return chain(out, lowpass(7000.0), highpass(80.0))


def tap_cabinet(rng: random.Random) -> Signal:
    """Three knuckle raps on the cabinet's side, with the hollow ring of the box behind it."""
    out = silence(0.85)
    for k, level in enumerate((1.0, 0.82, 0.93)):
        rap = knock(rng, CABINET, hardness=0.4, length=0.35, spread=0.03)
        bone = chain(contact(0.003, rng, grit=0.6), lowpass(2500.0))
        mix_into(rap, bone, 0.0, 0.25)
        # A hand is not a metronome: each later rap lands up to 12 ms off the beat.
        mix_into(out, rap, k * 0.19 + (rng.uniform(-0.012, 0.012) if k else 0.0), level)
    hollow = comb(out, CABINET_ROUND_TRIP, 0.42, damping=0.45)
    return chain(hollow, lowpass(4000.0), highpass(70.0))


def latch(rng: random.Random) -> Signal:
    """A small brass latch or catch snapping free in a wooden frame (with a rattle)."""
    out = silence(0.12)
    mix_into(out, knock(rng, BRASS, hardness=1.0, length=0.1), 0.0, 0.8)
    mix_into(out, knock(rng, DOOR, hardness=0.8, length=0.1), 0.0, 0.6)
    mix_into(out, knock(rng, BRASS, hardness=0.9, length=0.06, spread=0.06),
             rng.uniform(0.018, 0.03), 0.3)
    return out


def creak(rng: random.Random, length: float) -> Signal:
    """A dry brass hinge turning: stick-slip pulses whose rate follows the door's speed.

    Each slip is an impulse. The slip rate (about 170-400 Hz, gliding with the door's
    speed) is the pitch of the creak; short, broad hinge and panel resonances colour it,
    and a few missed slips make it rough.
    """
    n = samples(length)
    speed = multiply(ramp_env(n, [(0.0, 0.7), (0.3 * length, 1.35), (0.55 * length, 1.0),
                                  (0.8 * length, 1.25), (length, 0.8)]),
                     smooth_random(n, rng, rate=7.0, depth=0.2))
    level = multiply(ramp_env(n, [(0.0, 0.0), (0.06, 0.8), (0.4 * length, 1.0),
                                  (0.8 * length, 0.75), (length, 0.0)]),
                     smooth_random(n, rng, rate=13.0, depth=0.35))
    pulses = [0.0] * n
    phase = 0.0
    for i in range(n):
        phase += 290.0 * speed[i] / RATE
        if phase >= 1.0:
            phase -= 1.0
            if rng.random() > 0.06:
                pulses[i] = level[i] * rng.uniform(0.65, 1.0)
    ring = resonate(pulses, HINGE + DOOR_SHORT, length=length + 0.03)
    return chain(ring, highpass(200.0), lowpass(7000.0))


def door_creak(rng: random.Random) -> Signal:
    """An old cabinet door on brass hinges: the latch lets go, then the hinges creak open."""
    out = silence(1.1)
    mix_into(out, latch(rng), 0.0, 1.0)
    mix_into(out, creak(rng, 0.85), 0.1, 0.8)
    return out


def _grains(rng: random.Random, speed: Signal, rate: float) -> Signal:
    """Tiny impulses where the wood grain catches, more often the faster it slides."""
    out = [0.0] * len(speed)
    for i, v in enumerate(speed):
        if rng.random() < rate * v / RATE:
            out[i] = rng.uniform(0.3, 1.0) * v
    return out


def drawer_slide(rng: random.Random) -> Signal:
    """A long wooden drawer pulled out: it breaks free, slides, slows and stops."""
    length = 1.6
    n = samples(length)
    speed = multiply(ramp_env(n, [(0.0, 0.0), (0.05, 0.75), (0.12, 0.55), (0.35, 1.0),
                                  (1.0, 0.85), (1.3, 0.45), (1.44, 0.0), (length, 0.0)]),
                     smooth_random(n, rng, rate=11.0, depth=0.22))
    rub = chain(multiply(white(n, rng), speed), bandpass(700.0, 0.7), lowpass(2500.0))
    body = resonate(_grains(rng, speed, 90.0), DRAWER, length=length)
    out = [0.8 * a + 1.6 * b for a, b in zip(rub, body, strict=True)]
    # The two brass handles rattle as the pull starts; the drawer bumps its stop at the end.
    mix_into(out, knock(rng, BRASS, hardness=0.9, length=0.06), 0.012, 0.25)
    mix_into(out, knock(rng, BRASS, hardness=0.8, length=0.05, spread=0.07), 0.05, 0.15)
    mix_into(out, knock(rng, DRAWER, hardness=0.4, length=0.15), 1.44, 0.35)
    hollow = comb(out, 0.0035, 0.3, damping=0.5)
    return chain(hollow, highpass(60.0), lowpass(5000.0))
