"""Fuzzing the UCI input: nothing a GUI (or a cat on the keyboard) sends may crash it."""

from __future__ import annotations

import io
import random
import subprocess
import time
from typing import IO

import chess
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.uci import UciSession

from .conftest import ENGINE_COMMAND

WORDS = ["uci", "isready", "ucinewgame", "position", "startpos", "fen", "moves", "go",
         "stop", "ponderhit", "quit", "setoption", "name", "value", "Hash", "MultiPV",
         "Skill", "Level", "UCI_Elo", "UCI_LimitStrength", "OwnBook", "BookFile", "true",
         "false", "wtime", "btime", "winc", "binc", "movestogo", "depth", "nodes", "mate",
         "movetime", "infinite", "ponder", "searchmoves", "e2e4", "e7e5", "g1f3", "e1g1",
         "a7a8q", "0000", "-5", "0", "1", "99999999999", "debug", "on", "register", "later",
         "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR", "w", "b", "KQkq", "-", "8/8/8/8"]

token = st.one_of(st.sampled_from(WORDS), st.text(max_size=8))
line = st.lists(token, max_size=10).map(" ".join)


def _finish(session: UciSession) -> None:
    session.handle("stop")
    session.handle("isready")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line, max_size=12))
def test_random_lines_never_raise_and_always_answer_isready(lines: list[str]) -> None:
    out = io.StringIO()
    session = UciSession(out)
    for raw in lines:
        if raw.split()[:1] == ["quit"]:
            continue
        session.handle(raw.replace("infinite", "depth 1").replace("ponder", "depth 1"))
        session.handle("stop")
    _finish(session)
    answer = out.getvalue()
    assert answer.rstrip().endswith("readyok")
    assert "Traceback" not in answer


def test_garbage_to_a_real_process_leaves_it_working() -> None:
    rng = random.Random(1770)
    lines = []
    for _ in range(400):
        words = [rng.choice(WORDS) for _ in range(rng.randrange(0, 8))]
        if rng.random() < 0.2:
            words.append("".join(chr(rng.randrange(32, 0x2FF)) for _ in range(6)))
        text = " ".join(words)
        if "quit" in text or "infinite" in text or "ponder" in text:
            continue
        lines.extend([text, "stop"])
    lines += ["ucinewgame", "isready"]
    process = subprocess.Popen(ENGINE_COMMAND, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, encoding="utf-8")
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write("\n".join(lines) + "\n")
        process.stdin.flush()
        expected = sum(1 for text in lines if text.split()[:1] == ["isready"])
        for _ in range(expected):  # the garbage held some isready commands too
            assert _read_until(process.stdout, "readyok")[-1] == "readyok"
        process.stdin.write("position startpos moves e2e4\ngo depth 2\n")
        process.stdin.flush()
        answer = _read_until(process.stdout, "bestmove")
        board = chess.Board()
        board.push_san("e4")
        assert chess.Move.from_uci(answer[-1].split()[1]) in board.legal_moves
    finally:
        process.stdin.write("quit\n")
        process.stdin.flush()
        assert process.wait(timeout=10) == 0


def _read_until(stream: IO[str], start: str, timeout: float = 60.0) -> list[str]:
    """Lines read up to and including the first one starting with ``start``."""
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = stream.readline()
        if not text:
            break
        seen.append(text.strip())
        if text.startswith(start):
            break
    return seen
