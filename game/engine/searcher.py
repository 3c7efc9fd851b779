"""Iterative deepening at the root: aspiration windows, MultiPV, limits, progress reports.

Owns: :class:`Searcher`, the engine's long-lived search state (transposition table, pawn
cache, history) and :meth:`Searcher.search`, which answers one ``go`` command: it deepens
until a limit is reached, reports each finished depth as ``info`` lines, and returns the
move the current level chooses.

Must not import: anything but ``chess`` and the standard library.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import chess

from game.engine.board import Board, encode, uci
from game.engine.control import SearchControl, SearchInfo, SearchResult
from game.engine.evaluate import Evaluator
from game.engine.limits import GoLimits
from game.engine.search import INF, MAX_PLY, Search, StopSearchError
from game.engine.skill import Skill, choose, depth_for, overlooked_squares
from game.engine.tt import MATE, MATE_BOUND, TranspositionTable

_ASPIRATION = 24


@dataclass(frozen=True)
class Variation:
    """One principal variation of a finished depth."""

    score: int
    moves: tuple[int, ...]


def mate_in(score: int) -> int | None:
    """Moves to mate for a mate score (negative when getting mated), else None."""
    if score >= MATE_BOUND:
        return (MATE - score + 1) // 2
    if score <= -MATE_BOUND:
        return -((MATE + score) // 2)
    return None


class Searcher:
    """Searches positions; keeps what it learned between the moves of a game."""

    def __init__(self, hash_mb: int = 32, *, rng: random.Random | None = None) -> None:
        self._hash_mb = hash_mb
        self._pending_mb = hash_mb
        self.tt = TranspositionTable(hash_mb)
        self.evaluator = Evaluator()
        self.history = [0] * (16 * 64)
        self._rng = rng or random.Random()
        self._partial: Variation | None = None

    def clear(self) -> None:
        """Forget everything learned in earlier searches (a new game)."""
        self.tt.clear()
        self.evaluator.clear()
        self.history = [0] * (16 * 64)

    def resize(self, hash_mb: int) -> None:
        """Use a table of ``hash_mb`` megabytes from the next search on."""
        self._pending_mb = hash_mb

    def search(self, board: chess.Board, *, limits: GoLimits, control: SearchControl,
               skill: Skill, multipv: int,
               report: Callable[[SearchInfo], None]) -> SearchResult:
        """Search ``board`` within ``limits``; return the move to play and a ponder move."""
        if self._pending_mb != self._hash_mb:
            self._hash_mb = self._pending_mb
            self.tt = TranspositionTable(self._hash_mb)
        legal = [encode(m) for m in board.legal_moves]
        moves = [m for m in legal if uci(m) in limits.searchmoves] or legal
        result = SearchResult(None)
        if moves:
            lines = self._deepen(board, Board.from_chess(board), moves, limits=limits,
                                 control=control, skill=skill, multipv=multipv,
                                 report=report)
            result = self._choose(lines, skill)
        while (limits.infinite or control.pondering) and not control.stopped:
            time.sleep(0.002)  # UCI: no bestmove before stop (or ponderhit)
        return result

    def _choose(self, lines: Sequence[Variation], skill: Skill) -> SearchResult:
        pick = choose([(line.score, index) for index, line in enumerate(lines)], skill,
                      self._rng)
        moves = lines[pick].moves
        return SearchResult(uci(moves[0]), uci(moves[1]) if len(moves) > 1 else None)

    def _deepen(self, root: chess.Board, board: Board, moves: list[int], *, limits: GoLimits,
                control: SearchControl, skill: Skill, multipv: int,
                report: Callable[[SearchInfo], None]) -> list[Variation]:
        """Iterative deepening; returns the lines of the deepest finished iteration."""
        self.tt.new_search()
        self.history = [h // 4 for h in self.history]
        node_limit = min(n for n in (limits.nodes, skill.max_nodes, 1 << 62) if n is not None)
        blind = 0
        if not skill.is_full_strength:
            self.tt.clear()  # what the full-strength search knew, a weak level must not
            blind = overlooked_squares(root, skill, self._rng)

        def poll(nodes: int) -> bool:
            return control.out_of_time() or nodes >= node_limit

        search = Search(board, self.tt, self.evaluator, self.history, poll, blind=blind,
                        noise=skill.noise, salt=self._rng.getrandbits(64))
        wanted = min(len(moves), multipv)
        lines = [Variation(0, (moves[0],))]
        finished = 0
        max_depth = min(limits.depth or MAX_PLY - 1, depth_for(skill, root) or MAX_PLY - 1,
                        2 * limits.mate + 1 if limits.mate else MAX_PLY - 1)
        depth = 0
        while depth < max_depth:
            depth += 1
            found = self._iterate(search, moves, depth, lines, wanted)
            if found is None or search.board.stack:
                lines = found or lines
                break  # stopped inside the tree: the board is not usable any more
            lines = found
            finished = depth
            moves = [line.moves[0] for line in lines] + [
                m for m in moves if m not in {line.moves[0] for line in lines}]
            for index, line in enumerate(lines[:multipv]):
                report(self._info(search, depth, index + 1, line, control))
            if self._done(lines, limits, control, depth, len(moves)):
                break
        if skill.temperature > 0 and finished and not search.board.stack:
            lines = self._candidates(search, moves, finished, lines, skill)
        return lines

    def _candidates(self, search: Search, moves: list[int], depth: int, lines: list[Variation],
                    skill: Skill) -> list[Variation]:
        """Scores of every root move within the level's margin of the best, for choosing.

        One pass with the window opened down to the margin finds them all, at a fraction of
        the cost of a MultiPV search; if the time or node budget runs out, the best line
        found so far is all there is to choose from.
        """
        floor = lines[0].score - skill.margin - 1
        board = search.board
        found: list[Variation] = []
        try:
            for move in moves:
                board.make(move)
                check = board.in_check()
                score = -search.negamax(depth if check else depth - 1, -INF, -floor, 1, check,
                                        True)
                board.unmake()
                if score > floor:
                    found.append(Variation(score, (move, *search.pv[1])))
        except StopSearchError:
            return lines
        found.sort(key=lambda line: -line.score)
        return found[:skill.candidates] or lines

    def _done(
            self, lines: list[Variation], limits: GoLimits, control: SearchControl, depth: int,
            move_count: int) -> bool:
        """True when another iteration is not worth starting."""
        if control.stopped:
            return True
        best = lines[0].score
        if limits.mate is not None:
            return best >= MATE - 2 * limits.mate
        if limits.infinite or control.pondering:
            return False
        if abs(best) >= MATE_BOUND and depth >= 2 * (MATE - abs(best)) + 2:
            return True
        soft = control.budget.soft
        if soft is None:
            return False
        if move_count == 1 and depth >= 4:
            return True
        # The next iteration takes a few times as long as this one; do not start what
        # cannot finish, except under a fixed movetime, where stopping mid-way still helps.
        if control.budget.soft == control.budget.hard:
            return control.elapsed() >= soft
        return control.elapsed() >= soft * 0.6

    def _iterate(self, search: Search, moves: list[int], depth: int, previous: list[Variation],
                 wanted: int) -> list[Variation] | None:
        """One depth: ``wanted`` best lines, or None if stopped before the first was done."""
        lines: list[Variation] = []
        remaining = list(moves)
        for index in range(wanted):
            guess = previous[index].score if index < len(previous) else None
            try:
                line = self._aspirate(search, remaining, depth, guess)
            except StopSearchError:
                if index == 0 and self._partial is not None:
                    partial = self._partial
                    if partial.moves[0] != previous[0].moves[0]:
                        return [partial, *previous[1:]]
                return lines + previous[len(lines):] if lines else None
            lines.append(line)
            remaining.remove(line.moves[0])
            if not remaining:
                break
        return lines

    def _aspirate(self, search: Search, moves: list[int], depth: int,
                  guess: int | None) -> Variation:
        """Root search in a window around ``guess``, widened until the score falls inside."""
        delta = _ASPIRATION
        if guess is None or depth < 4 or abs(guess) >= MATE_BOUND:
            alpha, beta = -INF, INF
        else:
            alpha, beta = guess - delta, guess + delta
        while True:
            line = self._root(search, moves, depth, alpha, beta)
            if line.score <= alpha and alpha > -INF:
                alpha = max(-INF, alpha - delta)
                beta = (alpha + beta) // 2 + 1 if beta < INF else INF
            elif line.score >= beta and beta < INF:
                beta = min(INF, beta + delta)
            else:
                return line
            delta *= 2

    def _root(self, search: Search, moves: list[int], depth: int, alpha: int,
              beta: int) -> Variation:
        """Search the root moves (best guess first) with principal-variation search."""
        board = search.board
        best = Variation(-INF, (moves[0],))
        self._partial = None
        original_alpha = alpha
        for index, move in enumerate(moves):
            board.make(move)
            check = board.in_check()
            new_depth = depth if check else depth - 1
            # A StopSearchError leaves the board mid-tree; it is not used after that.
            if index == 0:
                score = -search.negamax(new_depth, -beta, -alpha, 1, check, True)
            else:
                score = -search.negamax(new_depth, -alpha - 1, -alpha, 1, check, True)
                if alpha < score < beta:
                    score = -search.negamax(new_depth, -beta, -alpha, 1, check, True)
            board.unmake()
            if score > best.score:
                best = Variation(score, (move, *search.pv[1]))
                if score > alpha:
                    alpha = score
                    if score > original_alpha and score < beta:
                        self._partial = best
                    if score >= beta:
                        break
        return best

    def _info(self, search: Search, depth: int, multipv: int, line: Variation,
              control: SearchControl) -> SearchInfo:
        mate = mate_in(line.score)
        return SearchInfo(
            depth=depth, seldepth=max(depth, search.seldepth), multipv=multipv,
            score_cp=None if mate is not None else line.score, mate=mate,
            nodes=search.nodes, time_ms=int(control.elapsed() * 1000),
            hashfull=self.tt.hashfull(), pv=tuple(uci(m) for m in line.moves))
