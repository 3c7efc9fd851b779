"""The sound assets: manifest, WAV format, levels, the whirr's loop point, captions, loading.

Every check reads the committed files in ``assets/sounds/`` as the game will; the last one
runs ``tools/make_sounds.py`` as a real process and compares its output byte for byte.
"""

from __future__ import annotations

import array
import itertools
import math
import subprocess
import sys
import tomllib
import wave
from dataclasses import dataclass
from pathlib import Path

import pytest

from game.content.strings import compare_tables, load_table

ROOT = Path(__file__).resolve().parents[2]
SOUNDS = ROOT / "assets" / "sounds"
I18N = ROOT / "assets" / "i18n"
LANGUAGES = ("en", "de", "fr")

# Acceptable length of each sound, in seconds: short enough for a visit, long enough to read.
LENGTHS = {
    "whirr": (2.0, 3.0),
    "wind_key": (1.5, 2.5),
    "piece_place": (0.08, 0.4),
    "piece_capture": (0.25, 0.7),
    "tap_cabinet": (0.4, 1.2),
    "head_turn": (0.2, 1.0),
    "door_creak": (0.5, 1.6),
    "drawer_slide": (0.8, 2.2),
    "echec": (0.5, 1.2),
    "chime": (0.8, 2.5),
}
FULL_SCALE = 32767


@dataclass(frozen=True)
class Clip:
    """One WAV file as read from disk."""

    name: str
    rate: int
    width: int
    channels: int
    compression: str
    data: array.array[int]

    @property
    def seconds(self) -> float:
        return len(self.data) / self.rate


def read_clip(path: Path) -> Clip:
    with wave.open(str(path), "rb") as w:
        frames = w.readframes(w.getnframes())
        data = array.array("h")
        if w.getsampwidth() == 2:
            data.frombytes(frames)
            if sys.byteorder == "big":
                data.byteswap()
        return Clip(path.name, w.getframerate(), w.getsampwidth(), w.getnchannels(),
                    w.getcomptype(), data)


@dataclass(frozen=True)
class Entry:
    """One sound's table in ``sounds.toml``, with its types checked."""

    files: tuple[str, ...]
    loop: bool
    volume: float
    caption: str


def parse_entry(sound_id: str, table: object) -> Entry:
    assert isinstance(table, dict), sound_id
    files, loop, volume, caption = (table.get(k) for k in ("files", "loop", "volume", "caption"))
    assert isinstance(files, list) and files and all(isinstance(f, str) for f in files), sound_id
    assert isinstance(loop, bool) and isinstance(volume, float) and isinstance(caption, str)
    return Entry(tuple(files), loop, volume, caption)


@pytest.fixture(scope="module")
def manifest() -> dict[str, object]:
    return tomllib.loads((SOUNDS / "sounds.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sounds(manifest: dict[str, object]) -> dict[str, Entry]:
    table = manifest["sound"]
    assert isinstance(table, dict)
    return {sound_id: parse_entry(sound_id, entry) for sound_id, entry in table.items()}


@pytest.fixture(scope="module")
def clips(sounds: dict[str, Entry]) -> dict[str, list[Clip]]:
    return {sound_id: [read_clip(SOUNDS / name) for name in entry.files]
            for sound_id, entry in sounds.items()}


def rms(values: array.array[int] | list[int]) -> float:
    return math.sqrt(sum(v * v for v in values) / max(1, len(values)))


def test_manifest_describes_every_sound(manifest: dict[str, object],
                                        sounds: dict[str, Entry]) -> None:
    assert manifest["version"] == 1
    assert manifest["rate"] in (22050, 44100)
    assert set(sounds) == set(LENGTHS), "give every sound a length range in LENGTHS"
    for sound_id, entry in sounds.items():
        assert all(f.endswith(".wav") and f == f.lower() for f in entry.files), sound_id
        assert 0.0 < entry.volume <= 1.0, sound_id
        assert entry.caption == f"sounds.caption.{sound_id}"
    assert [e.loop for e in sounds.values()].count(True) >= 1


def test_folder_holds_exactly_the_listed_files(sounds: dict[str, Entry]) -> None:
    listed = [f for e in sounds.values() for f in e.files]
    assert len(listed) == len(set(listed)), "a file is listed twice"
    on_disk = {p.name for p in SOUNDS.glob("*.wav")}
    assert on_disk == set(listed)
    assert {p.name for p in SOUNDS.iterdir()} - on_disk == {"sounds.toml"}


def test_variants_exist_and_differ(clips: dict[str, list[Clip]]) -> None:
    for sound_id in ("piece_place", "piece_capture"):
        variants = clips[sound_id]
        assert len(variants) >= 2, f"{sound_id} needs variants so repeats do not sound alike"
        for a, b in itertools.combinations(variants, 2):
            assert a.data != b.data, f"{a.name} and {b.name} are identical"


def test_every_file_is_16_bit_mono_pcm(manifest: dict[str, object],
                                       clips: dict[str, list[Clip]]) -> None:
    for clip in itertools.chain.from_iterable(clips.values()):
        assert (clip.rate, clip.width, clip.channels, clip.compression) == \
            (manifest["rate"], 2, 1, "NONE"), clip.name


def test_levels_are_normalised_and_never_clip(clips: dict[str, list[Clip]]) -> None:
    for clip in itertools.chain.from_iterable(clips.values()):
        peak = max(abs(v) for v in clip.data)
        assert 0.7 * FULL_SCALE <= peak < FULL_SCALE, f"{clip.name}: peak {peak}"
        level_db = 20 * math.log10(rms(clip.data) / FULL_SCALE)
        assert level_db > -35.0, f"{clip.name} is nearly silent ({level_db:.1f} dBFS)"


def test_lengths_fit_their_use(clips: dict[str, list[Clip]]) -> None:
    for sound_id, variants in clips.items():
        low, high = LENGTHS[sound_id]
        for clip in variants:
            assert low <= clip.seconds <= high, f"{clip.name}: {clip.seconds:.2f} s"


def test_one_shots_start_and_end_in_silence(sounds: dict[str, Entry],
                                           clips: dict[str, list[Clip]]) -> None:
    for sound_id, variants in clips.items():
        if sounds[sound_id].loop:
            continue
        for clip in variants:
            # An impact may rise fast, but from zero: the first 0.2 ms stay low (fade-in),
            # and the last millisecond has died away (fade-out).
            assert abs(clip.data[0]) < 0.01 * FULL_SCALE, clip.name
            assert max(abs(v) for v in clip.data[:clip.rate // 5000]) < 0.05 * FULL_SCALE, \
                clip.name
            assert max(abs(v) for v in clip.data[-(clip.rate // 1000):]) < 0.01 * FULL_SCALE, \
                clip.name


def _percentile(values: list[int], fraction: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def test_loops_join_without_a_click(sounds: dict[str, Entry],
                                    clips: dict[str, list[Clip]]) -> None:
    """Played end to start, the seam must look like any other moment of the loop."""
    loops = [c for sid, cs in clips.items() if sounds[sid].loop for c in cs]
    assert loops
    for clip in loops:
        x = clip.data
        steps = [abs(b - a) for a, b in itertools.pairwise(x)]
        bends = [abs(x[i + 1] - 2 * x[i] + x[i - 1]) for i in range(1, len(x) - 1)]
        assert abs(x[0] - x[-1]) <= _percentile(steps, 0.99), clip.name
        assert abs(x[0] - 2 * x[-1] + x[-2]) <= _percentile(bends, 0.99), clip.name
        assert abs(x[1] - 2 * x[0] + x[-1]) <= _percentile(bends, 0.99), clip.name
        # Loudness across the seam matches loudness elsewhere (no dip, no swell).
        window = clip.rate // 20
        seam = rms(list(x[-window // 2:]) + list(x[:window // 2]))
        others = sorted(rms(x[i:i + window]) for i in range(0, len(x) - window, window))
        assert others[0] * 0.7 <= seam <= others[-1] * 1.3, clip.name


def abrupt_cuts(clip: Clip, jump_db: float = 12.0) -> list[float]:
    """Times (s) where the highs leap up while the level does not: a ring cut off short.

    A sound that stops dead mid-ring clicks; a new impact is allowed, since its level rises.
    The second difference of the signal stands in for its high-frequency content.
    """
    x, hop = clip.data, clip.rate // 200
    highs, levels = [], []
    for i in range(1, len(x) - hop - 1, hop):
        highs.append(sum((x[j + 1] - 2 * x[j] + x[j - 1]) ** 2 for j in range(i, i + hop))
                     / hop + 1.0)
        levels.append(sum(x[j] * x[j] for j in range(i, i + hop)) / hop + 1.0)
    return [k * hop / clip.rate for k in range(2, len(highs) - 2)
            if 10 * math.log10(highs[k] / max(highs[k - 2], highs[k + 2])) > jump_db
            and levels[k + 2] <= levels[k - 2] * 1.26]


def test_no_sound_is_cut_off_mid_ring(clips: dict[str, list[Clip]]) -> None:
    for clip in itertools.chain.from_iterable(clips.values()):
        assert abrupt_cuts(clip) == [], clip.name


def _segments(clip: Clip) -> list[tuple[str, int]]:
    """10 ms frames labelled Silence, Fricative noise or Voiced, as runs of (label, count)."""
    n = clip.rate // 100
    frames = [clip.data[i:i + n] for i in range(0, len(clip.data) - n + 1, n)]
    levels = [rms(f) for f in frames]
    top = max(levels)
    labels = []
    for frame, level in zip(frames, levels, strict=True):
        crossings = sum(1 for a, b in itertools.pairwise(frame) if (a < 0) != (b < 0)) / n
        labels.append("S" if level < top * 10 ** (-30 / 20) else "F" if crossings > 0.2 else "V")
    return [(label, len(list(run))) for label, run in itertools.groupby(labels)]


def test_echec_has_the_shape_of_the_word(clips: dict[str, list[Clip]]) -> None:
    """[e] voiced, [ʃ] hiss, stressed [ɛ] voiced and longer, [k] closure then burst."""
    runs = [(label, count) for label, count in _segments(clips["echec"][0]) if count >= 2]
    shape = "".join(label for label, _count in runs)
    assert "VFVSF" in shape, shape
    start = shape.index("VFVSF")
    e, sh, eh, closure, burst = (count for _label, count in runs[start:start + 5])
    assert e >= 8 and sh >= 8 and eh > e and closure >= 3 and burst >= 2, runs


def onsets(clip: Clip, min_level: float) -> list[float]:
    """Times (s) where the level jumps from quiet to at least ``min_level`` of the peak."""
    step = clip.rate // 200  # 5 ms windows
    env = [0, 0, 0] + [max(abs(v) for v in clip.data[i:i + step])
                       for i in range(0, len(clip.data) - step, step)]
    top = max(env)
    found: list[int] = []
    for i in range(3, len(env)):
        rising = env[i] > 2 * max(env[i - 3:i])
        strong = max(env[i:i + 4]) >= min_level * top
        if rising and strong and (not found or i - found[-1] >= 10):
            found.append(i)
    return [(i - 3) * step / clip.rate for i in found]


def test_gestures_have_their_number_of_knocks(clips: dict[str, list[Clip]]) -> None:
    """Three raps; two knocks per capture; the key always the same eight turns (CONTENT 1.6)."""
    assert len(onsets(clips["tap_cabinet"][0], 0.3)) == 3
    for clip in clips["piece_capture"]:
        assert len(onsets(clip, 0.3)) == 2, clip.name
    assert len(onsets(clips["wind_key"][0], 0.6)) == 8


def test_folder_stays_small() -> None:
    size = sum(p.stat().st_size for p in SOUNDS.iterdir())
    assert size <= 1_500_000, f"assets/sounds holds {size} bytes"


def test_every_sound_has_a_caption_in_every_language(
        sounds: dict[str, Entry]) -> None:
    tables = {lang: load_table(I18N / lang) for lang in LANGUAGES}
    for lang, table in tables.items():
        captions = {k for k in table if k.startswith("sounds.caption.")}
        assert captions == {e.caption for e in sounds.values()}, lang
        for key in captions:
            text = table[key]
            assert isinstance(text, str) and text.strip(), (lang, key)
        assert "Échec" in str(table["sounds.caption.echec"]), lang
        assert compare_tables(tables["en"], table) == [], lang


def test_every_file_loads_in_the_mixer(clips: dict[str, list[Clip]]) -> None:
    pygame = pytest.importorskip("pygame")
    try:
        pygame.mixer.init(frequency=22050, size=-16, channels=2)
    except pygame.error as exc:
        pytest.skip(f"no audio mixer here: {exc}")
    try:
        for clip in itertools.chain.from_iterable(clips.values()):
            sound = pygame.mixer.Sound(str(SOUNDS / clip.name))
            assert sound.get_length() == pytest.approx(clip.seconds, abs=0.01), clip.name
    finally:
        pygame.mixer.quit()


def test_rebuilding_gives_the_same_bytes(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_sounds.py"),
                    "--out", str(tmp_path), "--quiet"], check=True, timeout=60)
    committed = sorted(p.name for p in SOUNDS.iterdir())
    assert sorted(p.name for p in tmp_path.iterdir()) == committed
    for name in committed:
        assert (tmp_path / name).read_bytes() == (SOUNDS / name).read_bytes(), \
            f"{name} differs: run python tools/make_sounds.py and commit the result"
