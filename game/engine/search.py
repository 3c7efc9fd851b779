"""The tree search: principal-variation alpha-beta and quiescence on the internal board.

Owns: :class:`Search`, one search tree at a time — negamax with a transposition table,
null-move pruning, reverse futility and futility pruning, late-move reductions and pruning,
check extensions, killer and history move ordering, and a quiescence search of captures
ordered by victim and attacker (losing captures found by static exchange are skipped).

The two recursive functions are long on purpose: in CPython a function call costs as much
as a dozen lines of arithmetic, so splitting them would cost a good part of the speed.

Must not import: anything but ``chess`` and the standard library.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

from game.engine.board import PAWN, Board
from game.engine.evaluate import Evaluator
from game.engine.exchange import SEE_VALUE, see
from game.engine.movegen import captures, is_pseudo_legal, quiets
from game.engine.tt import EXACT, LOWER, MATE, MATE_BOUND, UPPER, TranspositionTable

INF = 32000
MAX_PLY = 96

_FUTILITY = (0, 110, 200, 300)
_LATE_MOVES = (0, 5, 9, 16)


def _lmr_table() -> list[list[int]]:
    table = [[0] * 64 for _ in range(64)]
    for depth in range(1, 64):
        for count in range(1, 64):
            table[depth][count] = int(0.6 + math.log(depth) * math.log(count) / 2.2)
    return table


class StopSearchError(Exception):
    """Raised inside the tree when the time is up or ``stop`` arrived."""


class Search:
    """Searches one position; the driver calls :meth:`negamax` at the root's children."""

    def __init__(self, board: Board, tt: TranspositionTable, evaluator: Evaluator,
                 history: list[int], poll: Callable[[int], bool], *, blind: int = 0,
                 noise: int = 0, salt: int = 0) -> None:
        self.board = board
        self.tt = tt
        self.evaluator = evaluator
        self.evaluate: Callable[..., int] = evaluator.evaluate
        if noise:
            self.evaluate = self._misjudged
        self._noise = noise
        self._salt = salt
        self.history = history
        self.poll = poll
        self.nodes = 0
        self.seldepth = 0
        self.killers: list[list[int]] = [[0, 0] for _ in range(MAX_PLY + 2)]
        self.pv: list[list[int]] = [[] for _ in range(MAX_PLY + 2)]
        self.lmr = _lmr_table()
        self.blind = blind
        """Squares whose pieces a weak level does not see capture (0 at full strength)."""

    def _misjudged(self, board: Board, alpha: int = -INF, beta: int = INF) -> int:
        """A weak level's evaluation: the real one, off by up to ``noise`` centipawns.

        The error depends on the position (so the search stays consistent) and on a salt
        drawn for each move (so the same position is not misjudged the same way twice).
        """
        spread = 2 * self._noise + 1
        error = ((board.hash ^ self._salt) * 0x9E3779B97F4A7C15 >> 40) % spread - self._noise
        return self.evaluator.evaluate(board) + error

    def negamax(  # noqa: PLR0912, PLR0915, PLR0917 - the hot path, see above
            self, depth: int, alpha: int, beta: int, ply: int, in_check: bool,
            null_ok: bool) -> int:
        """Score of the position for the side to move, searched ``depth`` plies deep."""
        board = self.board
        self.pv[ply] = []
        if depth <= 0:
            return self.quiesce(alpha, beta, ply, in_check)
        self.nodes += 1
        if not self.nodes & 127 and self.poll(self.nodes):
            raise StopSearchError
        if board.halfmove >= 100 or board.is_repetition():
            return 0
        if ply >= MAX_PLY:
            return self.evaluate(board)
        # A mate found nearer the root cannot be improved on here.
        alpha = max(alpha, -MATE + ply)
        beta = min(beta, MATE - ply - 1)
        if alpha >= beta:
            return alpha
        pv_node = beta - alpha > 1
        key = board.hash
        tt = self.tt
        entry = tt.slots[key & tt.mask]
        tt_move = 0
        static = -INF
        if entry is not None and entry[0] == key:
            tt_move = entry[1]
            static = entry[5]
            if entry[2] >= depth and not pv_node:
                score, flag = entry[4], entry[3]
                if score >= MATE_BOUND:
                    score -= ply
                elif score <= -MATE_BOUND:
                    score += ply
                if flag == EXACT or (flag == LOWER and score >= beta) or (
                        flag == UPPER and score <= alpha):
                    return score
        if in_check:
            static = -INF
        elif static == -INF:
            static = self.evaluate(board)
        if not pv_node and not in_check:
            if depth <= 6 and static - 90 * depth >= beta and beta < MATE_BOUND:
                return static - 90 * depth
            if depth <= 2 and static + 220 * depth < alpha:
                score = self.quiesce(alpha, alpha + 1, ply, False)
                if score <= alpha:
                    return score
            if (null_ok and depth >= 3 and static >= beta
                    and board.has_non_pawn_material(board.side)):
                reduction = 3 + depth // 5 + min(2, (static - beta) // 200)
                board.make_null()
                score = -self.negamax(depth - 1 - reduction, -beta, 1 - beta, ply + 1,
                                      False, False)
                board.unmake_null()
                if score >= beta:
                    return beta if score >= MATE_BOUND else score
        if pv_node and not tt_move and depth >= 5:
            self.negamax(depth - 2, alpha, beta, ply, in_check, False)
            entry = tt.slots[key & tt.mask]
            if entry is not None and entry[0] == key:
                tt_move = entry[1]
        best, best_move, legal = -INF, 0, 0
        original_alpha = alpha
        squares, history = board.squares, self.history
        tried_quiets: list[int] = []
        prune_quiets = not pv_node and not in_check and depth <= 3
        for move, quiet in self._ordered(tt_move, ply):
            if prune_quiets and quiet and legal and best > -MATE_BOUND and (
                    len(tried_quiets) >= _LATE_MOVES[depth]
                    or static + _FUTILITY[depth] <= alpha):
                continue
            board.make(move)
            if board.left_in_check():
                board.unmake()
                continue
            legal += 1
            gives_check = board.in_check()
            new_depth = depth if gives_check else depth - 1
            if legal == 1:
                score = -self.negamax(new_depth, -beta, -alpha, ply + 1, gives_check, True)
            else:
                reduction = 0
                if depth >= 3 and quiet and not in_check and not gives_check:
                    reduction = self.lmr[min(depth, 63)][min(legal, 63)]
                    if pv_node:
                        reduction -= 1
                    if history[squares[move >> 6 & 63] << 6 | move >> 6 & 63] > 2000:
                        reduction -= 1
                    reduction = max(0, min(reduction, new_depth - 1))
                score = -self.negamax(new_depth - reduction, -alpha - 1, -alpha, ply + 1,
                                      gives_check, True)
                if score > alpha and reduction:
                    score = -self.negamax(new_depth, -alpha - 1, -alpha, ply + 1,
                                          gives_check, True)
                if alpha < score < beta:
                    score = -self.negamax(new_depth, -beta, -alpha, ply + 1, gives_check, True)
            board.unmake()
            if score > best:
                best, best_move = score, move
                if score > alpha:
                    alpha = score
                    if pv_node:
                        self.pv[ply] = [move, *self.pv[ply + 1]]
                    if score >= beta:
                        if quiet:
                            self._reward(move, tried_quiets, depth, ply)
                        break
            if quiet:
                tried_quiets.append(move)
        if not legal:
            return -MATE + ply if in_check else 0
        flag = LOWER if best >= beta else EXACT if best > original_alpha else UPPER
        stored = best + ply if best >= MATE_BOUND else best - ply if best <= -MATE_BOUND else best
        tt.store(key, best_move, depth, flag, stored, static)
        return best

    def _reward(self, move: int, tried: list[int], depth: int, ply: int) -> None:
        """A quiet move caused a cut-off: remember it as a killer and in the history."""
        killers = self.killers[ply]
        if killers[0] != move:
            killers[1] = killers[0]
            killers[0] = move
        squares, history = self.board.squares, self.history
        bonus = depth * depth
        index = squares[move & 63] << 6 | move >> 6 & 63
        history[index] += bonus - history[index] * bonus // 8192
        for other in tried:
            index = squares[other & 63] << 6 | other >> 6 & 63
            history[index] -= bonus + history[index] * bonus // 8192

    def _ordered(self, tt_move: int, ply: int) -> Iterator[tuple[int, bool]]:
        """Moves in the order to try them, each with a flag telling whether it is quiet.

        Hash move, then winning and even captures (most valuable victim first), killers,
        quiet moves by history, and last the captures that lose material.
        """
        board = self.board
        squares = board.squares
        blind = self.blind
        if tt_move and is_pseudo_legal(board, tt_move):
            yield tt_move, not squares[tt_move >> 6 & 63] and not tt_move >> 12 and not (
                squares[tt_move & 63] & 7 == PAWN and tt_move >> 6 & 63 == board.ep)
        scored = []
        losing = []
        for move in captures(board):
            if move == tt_move or (blind and blind >> (move & 63) & 1):
                continue
            victim = SEE_VALUE[squares[move >> 6 & 63]] or 100
            attacker = SEE_VALUE[squares[move & 63]]
            if move >> 12:
                victim += SEE_VALUE[move >> 12]
            if attacker > victim and board.attacked(move >> 6 & 63, board.side ^ 1) and see(
                    board, move) < 0:
                losing.append(move)
            else:
                scored.append((victim * 16 - attacker // 64, move))
        scored.sort(reverse=True)
        for _, move in scored:
            yield move, False
        for killer in self.killers[ply]:
            if (killer and killer != tt_move and not squares[killer >> 6 & 63]
                    and not killer >> 12 and is_pseudo_legal(board, killer)
                    and not (squares[killer & 63] & 7 == PAWN and killer >> 6 & 63 == board.ep)):
                yield killer, True
        killers = self.killers[ply]
        history = self.history
        ranked = [(history[squares[m & 63] << 6 | m >> 6 & 63], m) for m in quiets(board)
                  if m != tt_move and m != killers[0] and m != killers[1]]
        ranked.sort(reverse=True)
        for _, move in ranked:
            yield move, True
        for move in losing:
            yield move, False

    def quiesce(self, alpha: int, beta: int, ply: int, in_check: bool) -> int:  # noqa: PLR0912
        """Score after the captures (or, in check, all replies) have settled."""
        board = self.board
        self.nodes += 1
        if not self.nodes & 127 and self.poll(self.nodes):
            raise StopSearchError
        self.seldepth = max(self.seldepth, ply)
        if ply >= MAX_PLY:
            return self.evaluate(board)
        if in_check:
            return self._evasions(alpha, beta, ply)
        stand = self.evaluate(board, alpha, beta)
        if stand >= beta:
            return stand
        alpha = max(alpha, stand)
        squares = board.squares
        blind = self.blind
        scored = []
        for move in captures(board, underpromotions=False):
            victim = SEE_VALUE[squares[move >> 6 & 63]] or 100
            if move >> 12:
                victim += SEE_VALUE[move >> 12] - 100
            elif stand + victim + 180 <= alpha:
                continue
            if blind and blind >> (move & 63) & 1:
                continue
            attacker = SEE_VALUE[squares[move & 63]]
            if attacker > victim and board.attacked(move >> 6 & 63, board.side ^ 1) and see(
                    board, move) < 0:
                continue
            scored.append((victim * 16 - attacker // 64, move))
        scored.sort(reverse=True)
        best = stand
        for _, move in scored:
            board.make(move)
            if board.left_in_check():
                board.unmake()
                continue
            score = -self.quiesce(-beta, -alpha, ply + 1, board.in_check())
            board.unmake()
            if score > best:
                best = score
                if score > alpha:
                    alpha = score
                    if score >= beta:
                        break
        return best

    def _evasions(self, alpha: int, beta: int, ply: int) -> int:
        """Quiescence when in check: every reply counts, and having none is mate."""
        board = self.board
        best = -MATE + ply
        for move in captures(board) + quiets(board):
            board.make(move)
            if board.left_in_check():
                board.unmake()
                continue
            score = -self.quiesce(-beta, -alpha, ply + 1, board.in_check())
            board.unmake()
            if score > best:
                best = score
                if score > alpha:
                    alpha = score
                    if score >= beta:
                        break
        return best
