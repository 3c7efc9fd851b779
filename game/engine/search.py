"""Search: iterative deepening alpha-beta with quiescence, on python-chess boards.

Owns: finding the best move of a position within the limits of one ``go`` command and
reporting progress as :class:`~game.engine.control.SearchInfo`.

Must not import: anything but ``chess`` and the standard library.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

import chess
import chess.polyglot

from game.engine.control import SearchControl, SearchInfo, SearchResult
from game.engine.limits import GoLimits
from game.engine.pst import PHASE_TOTAL, PHASE_WEIGHT, white_tables
from game.engine.skill import Skill, choose

MATE = 30000
INF = 32000
_EXACT, _LOWER, _UPPER = 0, 1, 2
_VALUE = (0, 100, 320, 330, 500, 900, 20000)


class _StopSearchError(Exception):
    """Raised inside the search when time is up or ``stop`` arrived."""


class Searcher:
    """Searches positions; keeps its transposition table between moves of a game."""

    def __init__(self, hash_mb: int = 32) -> None:
        self._mg, self._eg = white_tables()
        self._tt: dict[int, tuple[int, int, int, chess.Move | None]] = {}
        self._tt_limit = max(1024, hash_mb * 1024 * 1024 // 200)
        self._pending_limit = self._tt_limit
        self._nodes = 0
        self._seldepth = 0
        self._control = SearchControl.__new__(SearchControl)
        self._rng = random.Random()

    def clear(self) -> None:
        """Forget everything learned in earlier searches (a new game)."""
        self._tt.clear()

    def resize(self, hash_mb: int) -> None:
        """Change the transposition table size (and empty it) before the next search."""
        self._pending_limit = max(1024, hash_mb * 1024 * 1024 // 200)

    def search(self, board: chess.Board, *, limits: GoLimits, control: SearchControl,
               skill: Skill, multipv: int,
               report: Callable[[SearchInfo], None]) -> SearchResult:
        """Search ``board`` until a limit is reached; return the move to play."""
        root_moves = [m for m in board.legal_moves
                      if not limits.searchmoves or m.uci() in limits.searchmoves]
        if not root_moves:
            return SearchResult(None)
        self._nodes = 0
        self._control = control
        if self._pending_limit != self._tt_limit:
            self._tt_limit = self._pending_limit
            self._tt.clear()
        board = board.copy(stack=True)
        best: list[tuple[int, chess.Move]] = [(0, root_moves[0])]
        max_depth = min(limits.depth or 64, skill.max_depth or 64)
        depth = 0
        while depth < max_depth and (depth == 0 or control.may_start_iteration()):
            depth += 1
            self._seldepth = 0
            base = len(board.move_stack)
            try:
                scored = self._root(board, root_moves, depth)
            except _StopSearchError:
                while len(board.move_stack) > base:
                    board.pop()
                break
            best = scored
            root_moves = [m for _, m in scored]
            for index, (score, move) in enumerate(scored[:multipv]):
                report(self._info(board, depth, index + 1, score, move))
            if limits.nodes is not None and self._nodes >= limits.nodes:
                break
            if abs(best[0][0]) >= MATE - 100 and limits.mate is None and not limits.infinite:
                break
        while (limits.infinite or control.pondering) and not control.stopped:
            time.sleep(0.002)  # UCI: no bestmove before stop (or ponderhit)
        chosen = choose([(s, m.uci()) for s, m in best], skill, self._rng)
        move = chess.Move.from_uci(chosen)
        return SearchResult(chosen, self._ponder_move(board, move))

    def _ponder_move(self, board: chess.Board, move: chess.Move) -> str | None:
        board.push(move)
        entry = self._tt.get(chess.polyglot.zobrist_hash(board))
        reply = entry[3] if entry else None
        legal = reply is not None and board.is_legal(reply)
        board.pop()
        return reply.uci() if legal and reply is not None else None

    def _info(self, board: chess.Board, depth: int, multipv: int, score: int,
              move: chess.Move) -> SearchInfo:
        pv = [move]
        board.push(move)
        while len(pv) < depth:
            entry = self._tt.get(chess.polyglot.zobrist_hash(board))
            if entry is None or entry[3] is None or not board.is_legal(entry[3]):
                break
            pv.append(entry[3])
            board.push(entry[3])
        for _ in pv:
            board.pop()
        mate = None
        if abs(score) >= MATE - 500:
            plies = MATE - abs(score)
            mate = (plies + 1) // 2 if score > 0 else -(plies // 2)
        return SearchInfo(depth, max(depth, self._seldepth), multipv,
                          None if mate is not None else score, mate, self._nodes,
                          int(self._control.elapsed() * 1000),
                          min(1000, len(self._tt) * 1000 // self._tt_limit),
                          tuple(m.uci() for m in pv))

    def _root(self, board: chess.Board, moves: list[chess.Move],
              depth: int) -> list[tuple[int, chess.Move]]:
        scored: list[tuple[int, chess.Move]] = []
        for move in moves:
            board.push(move)
            score = -self._negamax(board, depth - 1, -INF, INF, 1)
            board.pop()
            scored.append((score, move))
        scored.sort(key=lambda item: -item[0])
        return scored

    def _negamax(self, board: chess.Board, depth: int, alpha: int, beta: int, ply: int) -> int:
        if board.is_repetition(2) or board.halfmove_clock >= 100:
            return 0
        if depth <= 0:
            return self._quiesce(board, alpha, beta, ply)
        self._tick()
        key = chess.polyglot.zobrist_hash(board)
        entry = self._tt.get(key)
        hash_move = None
        if entry is not None:
            e_depth, e_flag, e_score, hash_move = entry
            if e_depth >= depth and (e_flag == _EXACT or (e_flag == _LOWER and e_score >= beta)
                                     or (e_flag == _UPPER and e_score <= alpha)):
                return e_score
        moves = self._ordered(board, list(board.legal_moves), hash_move)
        if not moves:
            return -MATE + ply if board.is_check() else 0
        original_alpha = alpha
        best_move = moves[0]
        for move in moves:
            board.push(move)
            extension = 1 if board.is_check() else 0
            score = -self._negamax(board, depth - 1 + extension, -beta, -alpha, ply + 1)
            board.pop()
            if score > alpha:
                alpha, best_move = score, move
                if alpha >= beta:
                    break
        flag = _LOWER if alpha >= beta else _UPPER if alpha <= original_alpha else _EXACT
        if len(self._tt) >= self._tt_limit:
            self._tt.clear()
        self._tt[key] = (depth, flag, alpha, best_move)
        return alpha

    def _quiesce(self, board: chess.Board, alpha: int, beta: int, ply: int) -> int:
        self._tick()
        self._seldepth = max(self._seldepth, ply)
        stand = self.evaluate(board)
        if stand >= beta:
            return stand
        alpha = max(alpha, stand)
        captures = self._ordered(board, list(board.generate_legal_captures()), None)
        for move in captures:
            board.push(move)
            score = -self._quiesce(board, -beta, -alpha, ply + 1)
            board.pop()
            if score > alpha:
                alpha = score
                if alpha >= beta:
                    break
        return alpha

    def _tick(self) -> None:
        self._nodes += 1
        if self._nodes & 255 == 0 and self._control.out_of_time():
            raise _StopSearchError

    def _ordered(self, board: chess.Board, moves: list[chess.Move],
                 first: chess.Move | None) -> list[chess.Move]:
        def key(move: chess.Move) -> int:
            if move == first:
                return -1_000_000
            victim = board.piece_type_at(move.to_square)
            if victim is None:
                return 0 if not move.promotion else -800
            attacker = board.piece_type_at(move.from_square) or 1
            return -(_VALUE[victim] * 10 - _VALUE[attacker] // 10)
        return sorted(moves, key=key)

    def evaluate(self, board: chess.Board) -> int:
        """Static evaluation from the side to move's point of view, in centipawns."""
        mg = eg = phase = 0
        for square, piece in board.piece_map().items():
            kind = piece.piece_type
            phase += PHASE_WEIGHT[kind]
            if piece.color == chess.WHITE:
                mg += self._mg[kind][square]
                eg += self._eg[kind][square]
            else:
                mg -= self._mg[kind][chess.square_mirror(square)]
                eg -= self._eg[kind][chess.square_mirror(square)]
        phase = min(phase, PHASE_TOTAL)
        score = (mg * phase + eg * (PHASE_TOTAL - phase)) // PHASE_TOTAL
        return score if board.turn == chess.WHITE else -score
