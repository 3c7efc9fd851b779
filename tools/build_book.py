"""Build the Turk's Polyglot opening book from the project's own opening lines.

Reads ``assets/books/openings.toml`` (through ``game.content.openings``, the same reader the
reveal uses) and writes ``assets/books/turk.bin``: for every position along every line with
a weight above zero, the move of that line, weighted by the sum of the weights of all lines
that play it there (lines reached by other move orders merge, since Polyglot keys are
positions). The file is then read back with ``chess.polyglot`` and checked entry by entry.

Usage: python tools/build_book.py [--output PATH]
"""

from __future__ import annotations

import argparse
import struct
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import chess
import chess.polyglot

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.content.openings import BookLine, load_table  # noqa: E402

DEFAULT_OUTPUT = ROOT / "assets" / "books" / "turk.bin"
_ENTRY = struct.Struct(">QHHI")
_PROMOTION_CODE = {None: 0, chess.KNIGHT: 1, chess.BISHOP: 2, chess.ROOK: 3, chess.QUEEN: 4}
_CASTLE_TARGET = {chess.G1: chess.H1, chess.C1: chess.A1, chess.G8: chess.H8,
                  chess.C8: chess.A8}


def polyglot_move(board: chess.Board, move: chess.Move) -> int:
    """A move in Polyglot's 16-bit form (castling written as the king taking its rook)."""
    to_square = move.to_square
    if board.is_castling(move):
        to_square = _CASTLE_TARGET[move.to_square]
    return (chess.square_file(to_square) | chess.square_rank(to_square) << 3
            | chess.square_file(move.from_square) << 6
            | chess.square_rank(move.from_square) << 9
            | _PROMOTION_CODE[move.promotion] << 12)


def collect(lines: Iterable[BookLine]) -> dict[tuple[int, int], int]:
    """Summed weight of each (position key, Polyglot move) along the lines."""
    weights: dict[tuple[int, int], int] = defaultdict(int)
    for line in lines:
        board = chess.Board()
        for san in line.moves:
            move = board.parse_san(san)
            weights[chess.polyglot.zobrist_hash(board), polyglot_move(board, move)] += line.weight
            board.push(move)
    return weights


def write_book(weights: dict[tuple[int, int], int], path: Path) -> int:
    """Write the entries sorted by key (heaviest move first); return how many."""
    entries = sorted(weights.items(), key=lambda item: (item[0][0], -item[1], item[0][1]))
    with path.open("wb") as stream:
        for (key, move), weight in entries:
            stream.write(_ENTRY.pack(key, move, min(weight, 0xFFFF), 0))
    return len(entries)


def verify(lines: Iterable[BookLine], path: Path) -> None:
    """Every move of every line must come back from the file as a legal book move.

    :raises SystemExit: naming the first move that does not.
    """
    with chess.polyglot.open_reader(path) as reader:
        for line in lines:
            board = chess.Board()
            for san in line.moves:
                move = board.parse_san(san)
                found = {entry.move for entry in reader.find_all(board)}
                if move not in found:
                    raise SystemExit(f"book check failed: {san} missing in {board.fen()}")
                board.push(move)


def main(argv: list[str] | None = None) -> int:
    """Build and check the book; print a one-line summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    table = load_table()
    count = write_book(collect(table.lines), args.output)
    verify(table.lines, args.output)
    print(f"{args.output}: {count} entries from {len(table.lines)} lines "
          f"({len(table.openings)} named openings)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
