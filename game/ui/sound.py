"""Sound through ``pygame.mixer``: the manifest, one-shots, loops — or silence, said once.

Owns: ``SoundBank``. It reads ``assets/sounds/sounds.toml``, loads every sound once, plays
one-shots (a sound with several files picks one at random, never the one just played) and
loops (the clockwork whirr), at the manifest's volume times the staff's volume. With no audio
device, or muted, it plays nothing and logs that once; the game goes on. Every sound played is
reported to the caption listener, so a caption is shown whether or not it is heard.
"""

from __future__ import annotations

import logging
import random
import tomllib
from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.ui.assets import AssetError, Assets

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SoundSpec:
    name: str
    files: tuple[str, ...]
    loop: bool
    volume: float
    caption: str
    """String key of the caption shown while it plays."""


def load_manifest(assets: Assets) -> dict[str, SoundSpec]:
    """The sounds listed in the manifest.

    :raises AssetError: if the manifest is unreadable or names a missing file.
    """
    path = assets.path("sounds/sounds.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise AssetError(f"{path}: {exc}") from exc
    specs: dict[str, SoundSpec] = {}
    for name, entry in dict(data.get("sound", {})).items():
        files = tuple(str(f) for f in entry.get("files", []))
        for file in files:
            assets.path(f"sounds/{file}")
        specs[name] = SoundSpec(name, files, bool(entry.get("loop", False)),
                                float(entry.get("volume", 1.0)), str(entry.get("caption", "")))
    return specs


class SoundBank:
    """Plays the game's sounds, or stays silent and says why."""

    def __init__(self, assets: Assets, *, volume: float = 0.8, muted: bool = False,
                 rng: random.Random | None = None) -> None:
        self.specs = load_manifest(assets)
        self.volume = max(0.0, min(1.0, volume))
        self.muted = muted
        self._rng = rng or random.Random()
        self._sounds: dict[str, list[pygame.mixer.Sound]] = {}
        self._last: dict[str, int] = {}
        self._loops: dict[str, pygame.mixer.Channel | None] = {}
        self.listener: Callable[[SoundSpec], None] | None = None
        """Told of every sound played (the captions)."""
        self.enabled = False
        if muted:
            log.info("sound is muted by the settings; captions still show")
            return
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(frequency=22050, size=-16, channels=1)
            for spec in self.specs.values():
                self._sounds[spec.name] = [pygame.mixer.Sound(assets.path(f"sounds/{f}"))
                                           for f in spec.files]
            self.enabled = True
        except pygame.error as exc:
            log.info("no audio device (%s): the game runs silently, with captions", exc)

    def play(self, name: str) -> None:
        """Play a one-shot sound (and report it for its caption)."""
        spec = self.specs.get(name)
        if spec is None:
            log.warning("no sound named %r", name)
            return
        if self.listener is not None:
            self.listener(spec)
        sounds = self._sounds.get(name)
        if not self.enabled or not sounds:
            return
        index = self._pick(name, len(sounds))
        sound = sounds[index]
        sound.set_volume(spec.volume * self.volume)
        sound.play()

    def _pick(self, name: str, count: int) -> int:
        if count == 1:
            return 0
        choices = [i for i in range(count) if i != self._last.get(name)]
        index = self._rng.choice(choices)
        self._last[name] = index
        return index

    def start_loop(self, name: str) -> None:
        """Start a looping sound, if it is not already running."""
        if name in self._loops:
            return
        spec = self.specs.get(name)
        if spec is None:
            return
        if self.listener is not None:
            self.listener(spec)
        sounds = self._sounds.get(name)
        channel = None
        if self.enabled and sounds:
            sounds[0].set_volume(spec.volume * self.volume)
            channel = sounds[0].play(loops=-1, fade_ms=150)
        self._loops[name] = channel

    def stop_loop(self, name: str) -> None:
        channel = self._loops.pop(name, None)
        if channel is not None:
            channel.fadeout(200)

    def is_looping(self, name: str) -> bool:
        return name in self._loops

    def stop_all(self) -> None:
        for name in list(self._loops):
            self.stop_loop(name)
        if self.enabled:
            pygame.mixer.stop()
