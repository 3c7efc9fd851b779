"""Make the engine's test positions from Stockfish analysis of Stockfish games.

Writes two files under tests/data/ (Stockfish is needed only here, to make them):

* ``tactics.epd`` — positions where one move is clearly best: at depth 16 Stockfish rates
  it at least 200 centipawns above the second-best move, and the side to move is neither
  lost nor already winning by a mile (the best move wins material, mates, or is the only
  move that holds). A one-ply Stockfish search (with an empty hash) must miss it, so
  taking a piece that simply hangs does not count: these need a search. Each line is EPD
  with ``bm`` (the move), ``id`` and a ``c0`` comment giving both scores and the depth at
  which Stockfish first found the move, and a label made here, independently of the
  engine's own rules: ``kind "free"`` when the move simply wins material — a capture that
  wins at least a pawn by static exchange (``see``, in centipawns, computed below on
  python-chess's legal moves, so pins and x-rays count) and that Stockfish's principal
  variation keeps (at least a pawn up four plies later) — else ``kind "tactic"`` (quiet
  moves, checks, sacrifices, even exchanges). ``--relabel`` labels an existing file again
  without playing new games.
* ``human.jsonl`` — positions where a human would simply recapture, or save an attacked
  queen or rook: the opponent's last move is known (so a program can be told the game),
  every move within 100 centipawns of the best (``good``) is a recapture / moves the
  attacked piece (or takes its attacker), and the best move of any other kind is at least
  250 worse. ``right`` lists the moves of that kind that Stockfish rates above every move
  of any other kind: playing one of them is "finding" the recapture or the rescue (a
  recapture with a clumsier piece counts, a "rescue" that loses more than ignoring the
  threat does not). ``scores`` holds Stockfish's score of every legal move.

The positions come from games between weakened Stockfish instances (``Skill Level``
0-4, 30 ms a move) started from the project's match openings — weak play is where
tactics arise. Stockfish (Debian package ``stockfish``) is used only by this script.

Usage: python tools/make_tactics.py [--games 120] [--seed 1770] [--only tactics|human]
                                     [--fresh]
       python tools/make_tactics.py --relabel

Found positions are appended to the files at once, so a long run can be stopped and
resumed (with another --seed, to play other games).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import chess
import chess.engine

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
VALUE = {chess.PAWN: 1, chess.KNIGHT: 3, chess.BISHOP: 3, chess.ROOK: 5, chess.QUEEN: 9,
         chess.KING: 100}
CENTIPAWNS = {kind: 100 * value for kind, value in VALUE.items()}
FREE_SEE_CP = 100
"""A capture "simply wins material" when the exchange on its square wins at least a pawn..."""
KEPT_PLIES = 4
"""...and Stockfish's best line is still at least a pawn up this many plies after it (and
after any exchange still going on then: see :func:`kept_cp`)."""
LINE_PLIES_MAX = 12


def stockfish() -> str:
    """Path of Stockfish.

    :raises SystemExit: if it is not installed.
    """
    path = shutil.which("stockfish") or "/usr/games/stockfish"
    if not Path(path).is_file():
        raise SystemExit("Stockfish is needed to make the test positions (apt install stockfish)")
    return path


def openings() -> list[list[str]]:
    lines = []
    for raw in (DATA / "match_openings.txt").read_text(encoding="utf-8").splitlines():
        text = raw.split("#", 1)[0].strip()
        if text:
            lines.append(text.split())
    return lines


def play_games(engine: chess.engine.SimpleEngine, games: int,
               rng: random.Random) -> Iterator[tuple[chess.Board, chess.Move | None]]:
    """Positions (with the move that led to each) from weak Stockfish self-play."""
    lines = openings()
    for index in range(games):
        board = chess.Board()
        for san in lines[index % len(lines)]:
            board.push_san(san)
        while not board.is_game_over() and board.ply() < 160:
            engine.configure({"Skill Level": rng.randint(0, 4)})
            move = engine.play(board, chess.engine.Limit(time=0.03)).move
            if move is None:
                break
            board.push(move)
            if board.ply() >= 12 and not board.is_game_over():
                yield board.copy(), board.peek()


def cp(score: chess.engine.PovScore, turn: chess.Color) -> int:
    return score.pov(turn).score(mate_score=10_000)


def shallow_best(probe: chess.engine.SimpleEngine, board: chess.Board,
                 depth: int) -> chess.Move:
    """Stockfish's move at ``depth`` with an empty hash (so nothing deeper leaks in)."""
    probe.configure({"Clear Hash": None})
    return probe.analyse(board, chess.engine.Limit(depth=depth))["pv"][0]


def tactic(engine: chess.engine.SimpleEngine, probe: chess.engine.SimpleEngine,
           board: chess.Board) -> str | None:
    """The EPD line if ``board`` has one clearly best move, else None."""
    quick = engine.analyse(board, chess.engine.Limit(depth=6), multipv=2)
    if len(quick) < 2 or cp(quick[0]["score"], board.turn) - cp(quick[1]["score"],
                                                                    board.turn) < 150:
        return None
    if shallow_best(probe, board, 1) == quick[0]["pv"][0]:
        return None  # a one-ply search sees it: too plain to test a search
    deep = engine.analyse(board, chess.engine.Limit(depth=16), multipv=2)
    if len(deep) < 2:
        return None
    best, second = (cp(info["score"], board.turn) for info in deep[:2])
    if best - second < 200 or not -300 <= best <= 1500:
        return None
    move = deep[0]["pv"][0]
    found = next((d for d in range(2, 13) if shallow_best(probe, board, d) == move), 13)
    return labelled(engine, f"{board.epd()} bm {board.san(move)}; c0 \"sf16 best {best} "
                            f"second {second} found at depth {found}\";")


def _captured_cp(board: chess.Board, move: chess.Move) -> int:
    if board.is_en_passant(move):
        return CENTIPAWNS[chess.PAWN]
    piece = board.piece_at(move.to_square)
    return CENTIPAWNS[piece.piece_type] if piece is not None else 0


def see(board: chess.Board, move: chess.Move) -> int:
    """Centipawns that ``move`` wins once the exchange on its square is played out: each side
    recaptures with its cheapest legal capture there, or stops when that would lose. 0 for a
    move that takes nothing. Written for labelling, apart from the engine's own exchange code."""
    if not board.is_capture(move):
        return 0
    gained = _captured_cp(board, move)
    after = board.copy(stack=False)
    after.push(move)
    return gained - _best_recapture(after, move.to_square)


def _best_recapture(board: chess.Board, square: chess.Square) -> int:
    """What the side to move wins by recapturing on ``square`` (0 if it had better not)."""
    captures = [m for m in board.legal_moves if m.to_square == square and board.is_capture(m)]
    if not captures:
        return 0
    cheapest = min(captures, key=lambda m: VALUE[board.piece_type_at(m.from_square)
                                                 or chess.PAWN])
    gained = _captured_cp(board, cheapest)
    after = board.copy(stack=False)
    after.push(cheapest)
    return max(0, gained - _best_recapture(after, square))


def material_cp(board: chess.Board, color: chess.Color) -> int:
    """``color``'s material minus the other side's, in centipawns (kings not counted)."""
    return sum((1 if piece.color == color else -1) * CENTIPAWNS[piece.piece_type]
               for piece in board.piece_map().values() if piece.piece_type != chess.KING)


def label(judge: chess.engine.SimpleEngine, board: chess.Board,
          move: chess.Move) -> tuple[str, int, int]:
    """(``"free"`` or ``"tactic"``, the move's exchange value, material kept after Stockfish's
    line) for the best move ``move`` in ``board``."""
    exchange = see(board, move)
    if exchange < FREE_SEE_CP:
        return "tactic", exchange, 0
    judge.configure({"Clear Hash": None})  # the same line whatever was labelled before
    info = judge.analyse(board, chess.engine.Limit(depth=16), root_moves=[move])
    kept = kept_cp(board, info.get("pv", [move]))
    return ("free" if kept >= FREE_SEE_CP else "tactic"), exchange, kept


def kept_cp(board: chess.Board, line: list[chess.Move]) -> int:
    """Material the side to move has gained along ``line`` after its first ``1 + KEPT_PLIES``
    moves, played on while the last of them was a capture (a trade is counted whole)."""
    after = board.copy()
    took = False
    for index, move in enumerate(line[:LINE_PLIES_MAX]):
        if index > KEPT_PLIES and not took:
            break
        took = after.is_capture(move)
        after.push(move)
    return material_cp(after, board.turn) - material_cp(board, board.turn)


def labelled(judge: chess.engine.SimpleEngine, line: str) -> str:
    """An EPD line of the tactics file with its ``kind``, ``see`` and ``kept`` (re)made."""
    board, ops = chess.Board.from_epd(line)
    best = ops["bm"]
    assert isinstance(best, list) and best, f"no bm in {line!r}"
    kind, exchange, kept = label(judge, board, best[0])
    ops = {key: value for key, value in ops.items() if key not in ("kind", "see", "kept")}
    return board.epd(**ops, see=exchange, kept=kept, kind=kind)


def _attacked_big_pieces(board: chess.Board) -> set[chess.Square]:
    """Our queens and rooks attacked by a cheaper piece or attacked and undefended."""
    found = set()
    for square in board.pieces(chess.QUEEN, board.turn) | board.pieces(chess.ROOK, board.turn):
        attackers = board.attackers(not board.turn, square)
        value = VALUE[board.piece_type_at(square) or chess.PAWN]
        cheaper = any(VALUE[board.piece_type_at(a) or chess.KING] < value for a in attackers)
        if attackers and (cheaper or not board.attackers(board.turn, square)):
            found.add(square)
    return found


def human(engine: chess.engine.SimpleEngine, board: chess.Board,
          last: chess.Move) -> dict[str, object] | None:
    """The record if recapturing or rescuing is clearly right here, else None."""
    before = board.copy()
    before.pop()
    recapture = before.is_capture(last)
    threatened = _attacked_big_pieces(board)
    if not recapture and not threatened:
        return None

    def fits(move: chess.Move) -> bool:
        if recapture and move.to_square == last.to_square and board.is_capture(move):
            return True
        return move.from_square in threatened or (
            board.is_capture(move) and any(move.to_square in board.attackers(not board.turn, s)
                                           for s in threatened))

    legal = list(board.legal_moves)
    infos = engine.analyse(board, chess.engine.Limit(depth=9), multipv=len(legal))
    scored = [(cp(info["score"], board.turn), info["pv"][0]) for info in infos]
    best = scored[0][0]
    good = [move for score, move in scored if score >= best - 100]
    others = [score for score, move in scored if not fits(move)]
    if not good or not all(fits(m) for m in good) or (others and max(others) > best - 250):
        return None
    recaptures = any(board.is_capture(m) and m.to_square == last.to_square for m in good)
    floor = max(others) if others else best - 1000
    right = [move.uci() for score, move in scored if fits(move) and score > floor]
    return {"fen_before": before.fen(), "last": last.uci(), "fen": board.fen(),
            "kind": "recapture" if recapture and recaptures else "rescue",
            "good": [m.uci() for m in good], "right": right, "best_cp": best,
            "scores": {move.uci(): score for score, move in scored}}


def _existing(path: Path, fresh: bool) -> list[str]:
    """Lines already made (kept unless ``fresh``), so a long run can be resumed."""
    if fresh or not path.exists():
        path.write_text("", encoding="utf-8")
        return []
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as stream:
        stream.write(line + "\n")


def relabel(path: Path) -> int:
    """Label every position of the tactics file again, in place; print the counts."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    judge = chess.engine.SimpleEngine.popen_uci(stockfish())
    try:
        judge.configure({"Hash": 64})
        lines = [labelled(judge, line) for line in lines]
    finally:
        judge.quit()
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    kinds = [chess.Board.from_epd(line)[1]["kind"] for line in lines]
    print(f"{path}: {kinds.count('free')} free material, {kinds.count('tactic')} tactics proper",
          file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=120)
    parser.add_argument("--seed", type=int, default=1770)
    parser.add_argument("--tactics", type=int, default=150)
    parser.add_argument("--human", type=int, default=120)
    parser.add_argument("--only", choices=("tactics", "human"), default=None,
                        help="make only one of the two files (keep the other)")
    parser.add_argument("--fresh", action="store_true",
                        help="start the files afresh instead of adding to them")
    parser.add_argument("--relabel", action="store_true",
                        help="only (re)label the positions already in tactics.epd")
    args = parser.parse_args(argv)
    if args.relabel:
        return relabel(DATA / "tactics.epd")
    if args.only == "tactics":
        args.human = 0
    if args.only == "human":
        args.tactics = 0
    tactics_file, human_file = DATA / "tactics.epd", DATA / "human.jsonl"
    tactics = _existing(tactics_file, args.fresh) if args.tactics else []
    humans = _existing(human_file, args.fresh) if args.human else []
    seen = {" ".join(line.split()[:4]) for line in tactics}
    seen |= {" ".join(json.loads(line)["fen"].split()[:4]) for line in humans}
    rng = random.Random(args.seed)
    player = chess.engine.SimpleEngine.popen_uci(stockfish())
    judge = chess.engine.SimpleEngine.popen_uci(stockfish())
    judge.configure({"Hash": 64})
    probe = chess.engine.SimpleEngine.popen_uci(stockfish())
    try:
        for board, last in play_games(player, args.games, rng):
            if len(tactics) >= args.tactics and len(humans) >= args.human:
                break
            if board.epd() in seen:
                continue
            seen.add(board.epd())
            if last is not None and len(humans) < args.human and rng.random() < 0.5:
                record = human(judge, board, last)
                if record is not None:
                    humans.append(json.dumps(record, sort_keys=True))
                    _append(human_file, humans[-1])
                    continue
            if len(tactics) < args.tactics:
                line = tactic(judge, probe, board)
                if line is not None:
                    name = f"turk-{len(tactics) + 1:03d}"
                    tactics.append(line.replace(" c0 ", f' id "{name}"; c0 '))
                    _append(tactics_file, tactics[-1])
            print(f"\r{len(seen)} positions: {len(tactics)} tactics, {len(humans)} human",
                  end="", file=sys.stderr, flush=True)
    finally:
        player.quit()
        judge.quit()
        probe.quit()
    print(f"\n{len(tactics)} tactics and {len(humans)} human positions", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
