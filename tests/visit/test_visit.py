"""A whole visit in a real window with real X input, at 1920×1080, 1280×720 and 1080×1920.

The real `turk` program runs under Xvfb and is driven with xdotool as a visitor would: the
presenter's show (its last "Next" tapped twice over b1), a short game — a tap-tap move, a
drag, an illegal move, a language change mid-game, a move typed in German notation — then
resigning, the guess, "More" during the reveal, and "Play again". Each step is checked in the
game's trace (the scene shown, the move applied, the status line) and its log (no ERROR);
screenshots go to ``out/visit/<size>/``. At 1920×1080 the play screen then idles for a
minute: memory is judged (≤ 250 MB), CPU recorded. Run by `.ci/run` (``pytest -m xvfb``);
skipped where Xvfb or xdotool is missing unless ``TURK_REQUIRE_XVFB=1``.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import chess
import pytest

from game.content.notation import PieceLetters, localize_san
from tests.visit.driver import OUT, TurkRun, missing_tools, start_turk, xvfb

pytestmark = [pytest.mark.xvfb, pytest.mark.timeout(900)]

GERMAN = PieceLetters("KDTLS")
IDLE_S = 60.0
MEMORY_LIMIT_MB = 250.0

SIZES = {
    # size: the command line (fullscreen kiosk; a chosen window size; plain `turk`, which
    # must fit a portrait screen by itself — item 13)
    (1920, 1080): ["--fullscreen"],
    (1280, 720): ["--size", "1280x720"],
    (1080, 1920): [],
}


def displays() -> list[int | None]:
    """X display numbers to use (``TURK_TEST_DISPLAYS=66,68,69``), else free ones."""
    given = os.environ.get("TURK_TEST_DISPLAYS", "")
    return [int(n) for n in given.split(",") if n.strip()] or [None]


@pytest.fixture(autouse=True)
def _tools() -> None:
    missing = missing_tools()
    if missing:
        message = f"the real-window visit needs {', '.join(missing)} (apt install xvfb xdotool " \
                  "imagemagick)"
        if os.environ.get("TURK_REQUIRE_XVFB") == "1":
            pytest.fail(message)
        pytest.skip(message)


@pytest.mark.parametrize("size", list(SIZES), ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_whole_visit_in_a_real_window(size: tuple[int, int], tmp_path: Path) -> None:
    numbers = displays()
    number = numbers[list(SIZES).index(size) % len(numbers)]
    shots = OUT / f"{size[0]}x{size[1]}"
    for old in shots.glob("*.png"):
        old.unlink()
    args = [*SIZES[size], "--no-pacing", "--level", "1", "--language", "en", "--color",
            "white"]
    with xvfb(size, number) as screen, \
            start_turk(screen, args, data_dir=tmp_path, shots=shots) as turk:
        the_window_fits(turk, size)
        the_show(turk)
        game_id = a_short_game(turk)
        the_end_and_the_reveal(turk, game_id)
        if size == (1920, 1080):
            idle_a_minute(turk, shots)
        assert turk.errors() == [], "\n".join(turk.errors())
        assert turk.quit() == 0, turk.log_tail()


# -- the steps of a visit (reusable by a kiosk walk-through) ---------------------------------

def the_window_fits(turk: TurkRun, size: tuple[int, int]) -> None:
    """The first window lies wholly on its screen, in the screen's orientation (item 13)."""
    turk.wait("the first scene", lambda t: bool(t.scenes))
    x, y, width, height = turk.trace.scene["window"]
    assert x >= 0 and y >= 0 and x + width <= size[0] and y + height <= size[1], \
        f"window {width}x{height}+{x}+{y} on a {size[0]}x{size[1]} screen"
    assert (height > width) == (size[1] > size[0])


def the_show(turk: TurkRun) -> None:
    """Next through the presenter's show; the last Next, tapped twice over b1, only ends
    the show (item 7)."""
    turk.wait_scenes("PlayScene", "ExhibitionScene")
    turk.screenshot("show")
    show = turk.trace.states["ExhibitionScene"]
    for step in range(show["step"], show["steps"] - 1):
        turk.click("next")
        turk.wait(f"show step {step + 1}",
                  lambda t, s=step: t.states.get("ExhibitionScene", {}).get("step", -1) > s)
    turk.screenshot("show-last-step")
    turk.click("next", repeat=2)
    turk.wait_scenes("PlayScene")
    # The show was watched to its end, so the Turk greets the visitor on its letter board;
    # a tap on the board skips it.
    turk.wait_play("the greeting", lambda p: p["spelling"] and p["ply"] == 0)
    assert turk.trace.play["selected"] is None, "a tap of the show reached the board"
    turk.click_at(turk.square("e5"))
    turk.wait_play("the greeting skipped", lambda p: not p["spelling"])
    assert turk.trace.play["selected"] is None
    turk.screenshot("play")


def visitor_moved(turk: TurkRun, ply: int, uci: str) -> None:
    game = turk.trace.play["game_id"]
    turk.wait(f"the visitor's {uci}", lambda t: (game, ply + 1) in t.moves)
    last = turk.trace.moves[(game, ply + 1)]
    assert (last["uci"], last["by"]) == (uci, "visitor"), last


def turk_answered(turk: TurkRun, ply: int) -> None:
    game = turk.trace.play["game_id"]
    turk.wait_play("the Turk's answer", lambda p: p["ply"] == ply + 1 and p["still"],
                   timeout_s=60)
    assert turk.trace.moves[(game, ply + 1)]["by"] == "turk"


def a_short_game(turk: TurkRun) -> str:
    """A tap-tap move, a drag, an illegal move, German, a move typed in German notation."""
    game_id = turk.trace.play["game_id"]
    turk.click_at(turk.square("e2"))
    turk.wait_play("e2 lifted", lambda p: p["selected"] == "e2")
    turk.click_at(turk.square("e4"))
    visitor_moved(turk, 0, "e2e4")
    turk_answered(turk, 1)
    turk.screenshot("tap-tap-e4")

    turk.drag(turk.square("g1"), turk.square("f3"))
    visitor_moved(turk, 2, "g1f3")
    turk_answered(turk, 3)
    turk.screenshot("drag-nf3")

    turk.drag(turk.square("a2"), turk.square("a6"))  # a pawn cannot go three squares
    play = turk.wait_play("the refusal", lambda p: p["flash"] is not None)
    assert play["flash"] == "board.refusal.not_how_it_moves" and play["ply"] == 4, play
    assert play["status"][0] == "A pawn does not move like that.", play["status"]
    turk.screenshot("illegal-a6")
    turk.wait_play("the pawn put back", lambda p: p["still"])

    turk.click("language:de")
    turk.wait("German", lambda t: t.scene["language"] == "de" and
              t.play["status"][0] in ("Sie sind am Zug.", "Schach! Sie sind am Zug."))
    turk.screenshot("deutsch")

    board = chess.Board(turk.trace.play["fen"])
    move = next(m for m in board.legal_moves
                if board.piece_type_at(m.from_square) in (chess.BISHOP, chess.KNIGHT))
    typed = localize_san(board.san(move), GERMAN)
    assert typed[0] in "LS", typed
    turk.type_text(typed)
    turk.wait_play(f"{typed} typed", lambda p: p["typed"] == typed)
    turk.screenshot("typed-german")
    turk.key("Return")
    visitor_moved(turk, 4, move.uci())
    turk_answered(turk, 5)
    return str(game_id)


def the_end_and_the_reveal(turk: TurkRun, game_id: str) -> None:
    """Resign (the result stays in view, no file path), the guess, More, Play again."""
    turk.click("resign")
    turk.wait_play("resign armed", lambda p: p["resign_armed"])
    turk.click("resign")
    play = turk.wait_play("the resignation", lambda p: p["termination"] == "resignation")
    turk.wait_scenes("PlayScene", "GameOverScene")
    main, quiet = turk.trace.play["status"]
    assert main == "Der Türke gewinnt." and "aufgegeben" in quiet, (main, quiet)
    assert "/" not in main + quiet and not turk.trace.play["enabled"]["save"], play
    turk.screenshot("resigned")

    turk.click("reveal")
    turk.wait_scenes("PlayScene", "GuessScene")
    turk.screenshot("guess")
    turk.click("machine")
    turk.wait_scenes("PlayScene", "RevealScene", timeout_s=30)
    turk.screenshot("reveal")
    turk.click("more")
    turk.wait("More", lambda t: t.states.get("RevealScene", {}).get("layer", 0) >= 1
              and t.states["RevealScene"]["held"])
    turk.screenshot("reveal-more")
    turk.click("skip")
    turk.wait("the last page", lambda t: "play_again" in t.scene["targets"])
    turk.screenshot("reveal-end")
    turk.click("play_again")
    turk.wait_scenes("PlayScene")
    turk.wait_play("a new game", lambda p: p["game_id"] != game_id and p["ply"] == 0)
    assert turk.trace.play["cursor"] is None and turk.trace.play["selected"] is None
    turk.screenshot("play-again")


def idle_a_minute(turk: TurkRun, shots: Path) -> None:
    """Nobody touches the play screen for a minute: memory is judged, CPU recorded."""
    cpu_before, started = turk.cpu_s(), time.monotonic()
    deadline = started + IDLE_S
    while (left := deadline - time.monotonic()) > 0:
        time.sleep(min(left, 5.0))  # waiting out the idle minute itself is the measurement
        assert turk.process.poll() is None, turk.log_tail()
    elapsed = time.monotonic() - started
    engine = {pid: round(turk.rss_mb(pid), 1) for pid in turk.children()}
    numbers = {"idle_s": round(elapsed, 1),
               "cpu_percent_of_a_core": round(100 * (turk.cpu_s() - cpu_before) / elapsed, 1),
               "rss_mb": round(turk.rss_mb(), 1), "children_rss_mb": engine}
    (shots / "idle.json").write_text(json.dumps(numbers, indent=2) + "\n")
    print(f"idle play screen at 1920x1080: {numbers}")
    turk.screenshot("idle-minute")
    assert numbers["rss_mb"] <= MEMORY_LIMIT_MB, numbers
