"""Shared helpers of the engine benchmarks: players, games, matches, Elo with error bars.

A match plays a list of opening lines twice each (once with each colour), one game at a
time, and appends every finished game as one JSON line to a log file, so a long match can
be stopped and resumed. Games are adjudicated only where the outcome is no longer in doubt:
a draw by the rules (repetition, 50 moves, insufficient material, stalemate), a draw after
300 plies, or a win once both engines have reported at least 1000 centipawns for the same
side on six plies in a row. The log says which games ended that way.
"""

from __future__ import annotations

import json
import math
import shutil
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import chess
import chess.engine
import chess.pgn

ROOT = Path(__file__).resolve().parent.parent
OPENINGS_FILE = ROOT / "tests" / "data" / "match_openings.txt"
TURK_COMMAND = (sys.executable, "-m", "game.engine")
_ADJUDICATE_CP = 1000
_ADJUDICATE_PLIES = 6
_MAX_PLIES = 300


def stockfish_path() -> str | None:
    """Stockfish on PATH or in /usr/games, or None."""
    found = shutil.which("stockfish")
    if found:
        return found
    return "/usr/games/stockfish" if Path("/usr/games/stockfish").is_file() else None


@dataclass(frozen=True)
class Player:
    """An engine with its options and its limit per move (or a clock)."""

    name: str
    command: tuple[str, ...]
    options: Mapping[str, str | int | bool] = field(default_factory=dict)
    movetime: float | None = 1.0
    clock: tuple[float, float] | None = None
    """(base seconds, increment seconds) instead of a fixed time per move."""


@dataclass(frozen=True)
class GameRecord:
    """One finished game, as written to the match log."""

    white: str
    black: str
    opening: int
    result: str
    reason: str
    plies: int
    moves: str
    longest_move: dict[str, float]
    least_clock: dict[str, float] = field(default_factory=dict)
    """Least time each player had left after one of its moves (clock games only)."""

    def score_for(self, name: str) -> float:
        """1, 0.5 or 0 for the player called ``name``."""
        if self.result == "1/2-1/2":
            return 0.5
        white_won = self.result == "1-0"
        return 1.0 if white_won == (self.white == name) else 0.0


def read_openings(path: Path = OPENINGS_FILE) -> list[list[str]]:
    """Opening lines (SAN, one line of text each, '#' starts a comment)."""
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        text = raw.split("#", 1)[0].strip()
        if text:
            lines.append(text.split())
    return lines


def _open(player: Player) -> chess.engine.SimpleEngine:
    engine = chess.engine.SimpleEngine.popen_uci(list(player.command), timeout=60)
    options = {k: v for k, v in player.options.items() if k in engine.options}
    engine.configure(options)
    return engine


def _white_pov(info: Mapping[str, object], turn: chess.Color) -> int | None:
    score = info.get("score")
    if not isinstance(score, chess.engine.PovScore):
        return None
    return score.pov(chess.WHITE).score(mate_score=100_000)


def play_game(engines: Mapping[str, chess.engine.SimpleEngine], white: Player,
              black: Player, opening: Sequence[str], opening_index: int, *,
              adjudicate: bool = True) -> GameRecord:
    """Play one game from an opening line; clocks are kept here, a flag fall loses."""
    board = chess.Board()
    for san in opening:
        board.push_san(san)
    players = {chess.WHITE: white, chess.BLACK: black}
    clocks = {c: (p.clock[0] if p.clock else 0.0) for c, p in players.items()}
    longest = {white.name: 0.0, black.name: 0.0}
    least: dict[str, float] = {}
    streak, leader = 0, 0
    for engine in engines.values():
        engine.protocol.send_line("ucinewgame")
    while True:
        outcome = board.outcome(claim_draw=True)
        if outcome is not None:
            result, reason = outcome.result(), outcome.termination.name.lower()
            break
        if board.ply() >= _MAX_PLIES:
            result, reason = "1/2-1/2", "adjudicated: move limit"
            break
        player = players[board.turn]
        limit = _limit(player, clocks)
        started = time.perf_counter()
        reply = engines[player.name].play(board, limit, info=chess.engine.INFO_SCORE)
        used = time.perf_counter() - started
        longest[player.name] = max(longest[player.name], used)
        if player.clock:
            clocks[board.turn] -= used
            least[player.name] = min(least.get(player.name, clocks[board.turn]),
                                     clocks[board.turn])
            if clocks[board.turn] < 0:
                result = "0-1" if board.turn == chess.WHITE else "1-0"
                reason = "time forfeit"
                break
            clocks[board.turn] += player.clock[1]
        if reply.move is None:
            result, reason = ("0-1" if board.turn == chess.WHITE else "1-0"), "no move"
            break
        score = _white_pov(reply.info, board.turn)
        board.push(reply.move)
        sign = 0 if score is None or abs(score) < _ADJUDICATE_CP else (1 if score > 0 else -1)
        streak = streak + 1 if sign and sign == leader else (1 if sign else 0)
        leader = sign
        if adjudicate and streak >= _ADJUDICATE_PLIES:
            result = "1-0" if leader > 0 else "0-1"
            reason = "adjudicated: both engines see a decisive advantage"
            break
    moves = chess.Board().variation_san(board.move_stack)
    return GameRecord(white.name, black.name, opening_index, result, reason, board.ply(),
                      moves, longest, least)


def _limit(player: Player, clocks: Mapping[chess.Color, float]) -> chess.engine.Limit:
    if player.clock is None:
        return chess.engine.Limit(time=player.movetime)
    inc = player.clock[1]
    return chess.engine.Limit(white_clock=max(0.001, clocks[chess.WHITE]),
                              black_clock=max(0.001, clocks[chess.BLACK]),
                              white_inc=inc, black_inc=inc)


def run_match(a: Player, b: Player, games: int, log: Path, *,
              openings: Sequence[Sequence[str]] | None = None,
              progress: bool = True, adjudicate: bool = True) -> list[GameRecord]:
    """Play ``games`` games between ``a`` and ``b`` (resuming from ``log``)."""
    openings = list(openings) if openings is not None else read_openings()
    done = read_log(log)
    engines = {a.name: _open(a), b.name: _open(b)}
    try:
        for index in range(len(done), games):
            pair, second = divmod(index, 2)
            white, black = (a, b) if second == 0 else (b, a)
            opening = openings[pair % len(openings)]
            record = play_game(engines, white, black, opening, pair % len(openings),
                               adjudicate=adjudicate)
            with log.open("a", encoding="utf-8") as stream:
                stream.write(json.dumps(record.__dict__) + "\n")
            done.append(record)
            if progress:
                print(f"{log.name}: game {index + 1}/{games} {record.white}-{record.black} "
                      f"{record.result} ({record.reason}, {record.plies} plies); "
                      f"{summary(done, a.name)}", flush=True)
    finally:
        for engine in engines.values():
            engine.quit()
    return done


def read_log(log: Path) -> list[GameRecord]:
    """Games already recorded in a match log."""
    if not log.exists():
        return []
    return [GameRecord(**json.loads(line))
            for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]


@dataclass(frozen=True)
class Estimate:
    """A match score with its Elo difference and 95 % error bar."""

    games: int
    wins: int
    draws: int
    losses: int
    score: float
    elo: float
    error: float

    def text(self) -> str:
        """One human-readable line."""
        return (f"+{self.wins} ={self.draws} -{self.losses} of {self.games}: "
                f"{100 * self.score:.1f}% Elo {self.elo:+.0f} ± {self.error:.0f}")


def _elo(score: float) -> float:
    score = min(max(score, 1e-3), 1 - 1e-3)
    return -400.0 * math.log10(1.0 / score - 1.0)


def estimate(scores: Iterable[float]) -> Estimate:
    """Elo difference from per-game scores, with a 95 % interval from their spread."""
    values = list(scores)
    n = len(values)
    if n == 0:
        return Estimate(0, 0, 0, 0, 0.5, 0.0, float("inf"))
    mean = sum(values) / n
    variance = sum((v - mean) ** 2 for v in values) / n
    spread = 1.96 * math.sqrt(variance / n)
    low, high = _elo(mean - spread), _elo(mean + spread)
    return Estimate(n, values.count(1.0), values.count(0.5), values.count(0.0), mean,
                    _elo(mean), (high - low) / 2)


def summary(records: Sequence[GameRecord], name: str) -> str:
    """The score line of ``name`` over ``records``."""
    return estimate(r.score_for(name) for r in records).text()


def write_pgn(records: Sequence[GameRecord], path: Path) -> None:
    """All games of a log as PGN (for looking at how the engines play)."""
    with path.open("w", encoding="utf-8") as stream:
        for record in records:
            game = chess.pgn.Game()
            game.headers["White"] = record.white
            game.headers["Black"] = record.black
            game.headers["Result"] = record.result
            game.headers["Termination"] = record.reason
            board = chess.Board()
            node: chess.pgn.GameNode = game
            text = " ".join(t for t in record.moves.split() if not t.endswith("."))
            for san in text.split():
                if "..." in san:
                    continue
                move = board.parse_san(san)
                node = node.add_variation(move)
                board.push(move)
            print(game, file=stream, end="\n\n")
