"""The list of the game's sounds: which recipe makes which file, and the manifest the game reads.

Owns: one :class:`SoundSpec` per sound (id, files, recipe, looping, default volume, caption
key, fades) and rendering them to WAV files plus ``sounds.toml``. Every file gets its own
random generator seeded from its file name, so each file is reproducible on its own.

Must not import: pygame or anything from the game package (this is a build tool).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sounds import clockwork, voice, wood
from sounds.dsp import RATE, Signal, fade, normalise, trim_tail, write_wav

Recipe = Callable[[random.Random], Signal]


@dataclass(frozen=True)
class SoundSpec:
    """One sound the game can play, possibly in several variants (one file each)."""

    id: str
    files: tuple[str, ...]
    recipe: Recipe
    volume: float
    description: str
    loop: bool = False
    fade_out: float = 0.02

    @property
    def caption(self) -> str:
        """The string key of the on-screen caption shown while the sound plays."""
        return f"sounds.caption.{self.id}"


def _variants(stem: str, count: int) -> tuple[str, ...]:
    return tuple(f"{stem}_{k}.wav" for k in range(1, count + 1))


CATALOGUE = (
    SoundSpec("whirr", ("whirr_loop.wav",), clockwork.whirr_loop, 0.35,
              "clockwork whirring while the Turk thinks and moves (seamless loop)", loop=True),
    SoundSpec("wind_key", ("wind_key.wav",), clockwork.wind_key, 0.7,
              f"the presenter winds the key: {clockwork.WIND_TURNS} ratchet clicks"),
    SoundSpec("piece_place", _variants("piece_place", 3), wood.piece_place, 0.8,
              "a boxwood chessman set down on the board"),
    SoundSpec("piece_capture", _variants("piece_capture", 3), wood.piece_capture, 0.8,
              "a capture: the taken piece knocked, then set down aside"),
    SoundSpec("tap_cabinet", ("tap_cabinet.wav",), wood.tap_cabinet, 0.8,
              "three knuckle raps on the hollow cabinet"),
    SoundSpec("head_turn", ("head_turn.wav",), clockwork.head_turn, 0.55,
              "the head turning: catch, short gear run, stop"),
    SoundSpec("door_creak", ("door_creak.wav",), wood.door_creak, 0.6,
              "a cabinet door on brass hinges: latch, then creak", fade_out=0.08),
    SoundSpec("drawer_slide", ("drawer_slide.wav",), wood.drawer_slide, 0.6,
              "the long drawer pulled out until it stops"),
    SoundSpec("echec", ("echec.wav",), voice.echec, 0.9,
              "the voice box says \"Échec!\" (check)"),
    SoundSpec("chime", ("chime.wav",), clockwork.chime, 0.5,
              "a soft two-note clock chime for the end of a game", fade_out=0.4),
)


def render(spec: SoundSpec, file_name: str) -> Signal:
    """Make one file's samples, normalised; one-shots get fades, loops stay seamless."""
    rng = random.Random(f"mechanical-turk/sounds/{file_name}")
    x = spec.recipe(rng)
    if not spec.loop:
        x = fade(trim_tail(x), fade_in=0.002, fade_out=spec.fade_out)
    return normalise(x)


def manifest(specs: Iterable[SoundSpec]) -> str:
    """The text of ``sounds.toml``: one table per sound id, in catalogue order."""
    lines = [
        "# The game's sounds. Written by tools/make_sounds.py; edit the catalogue there,",
        "# not this file. Every file is 16-bit mono PCM WAV at the rate below.",
        "",
        "version = 1",
        f"rate = {RATE}",
    ]
    for s in specs:
        files = ", ".join(f'"{f}"' for f in s.files)
        lines += [
            "",
            f"[sound.{s.id}]",
            f"files = [{files}]",
            f"loop = {'true' if s.loop else 'false'}",
            f"volume = {s.volume}",
            f'caption = "{s.caption}"',
            f"description = {_toml_string(s.description)}",
        ]
    return "\n".join(lines) + "\n"


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def build(out_dir: Path, only: set[str] | None = None,
          report: Callable[[str], None] = print) -> list[Path]:
    """Render the catalogue (or only the named ids) into ``out_dir`` with its manifest.

    :raises ValueError: if ``only`` names an id that is not in the catalogue.
    """
    unknown = (only or set()) - {s.id for s in CATALOGUE}
    if unknown:
        raise ValueError(f"unknown sound id(s): {', '.join(sorted(unknown))}")
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for spec in CATALOGUE:
        if only and spec.id not in only:
            continue
        for name in spec.files:
            x = render(spec, name)
            path = out_dir / name
            write_wav(path, x)
            written.append(path)
            rms = (sum(v * v for v in x) / len(x)) ** 0.5
            report(f"{name:22s} {len(x) / RATE:5.2f} s  rms {rms:.3f}  "
                   f"{path.stat().st_size / 1024:6.1f} KiB")
    path = out_dir / "sounds.toml"
    path.write_text(manifest(CATALOGUE), encoding="utf-8")
    written.append(path)
    return written
