"""The engine's internal board: fast make/unmake for search, checked against python-chess.

Owns: :class:`Board` — piece codes on 64 squares plus one bitboard per piece code, side to
move, castling rights, en-passant square, clocks, a Polyglot-compatible Zobrist key kept up
to date move by move, and the incremental material-and-placement score of the evaluation.

A move is an int: ``from_square | to_square << 6 | promotion << 12`` (python-chess square
numbers and piece types). Castling is the king's two-square move, as in UCI. The en-passant
square is only set when a pawn could capture there, the same rule the Polyglot key uses.

python-chess's general ``Board`` is the reference: ``from_chess`` builds this board from it,
and the tests compare move generation and keys with it on thousands of positions.

Must not import: anything but ``chess`` and the standard library.
"""

from __future__ import annotations

import chess

from game.engine.tables import Tables, tables

PAWN, KNIGHT, BISHOP, ROOK, QUEEN, KING = 1, 2, 3, 4, 5, 6
WHITE, BLACK = 0, 1

_CASTLE_BITS = ((chess.BB_H1, 1), (chess.BB_A1, 2), (chess.BB_H8, 4), (chess.BB_A8, 8))


def encode(move: chess.Move) -> int:
    """The internal int of a python-chess move."""
    return move.from_square | move.to_square << 6 | (move.promotion or 0) << 12


def decode(move: int) -> chess.Move:
    """The python-chess move of an internal int."""
    return chess.Move(move & 63, move >> 6 & 63, (move >> 12) or None)


def uci(move: int) -> str:
    """The UCI text of an internal move."""
    return decode(move).uci()


class Board:
    """A position that search changes in place with :meth:`make` and :meth:`unmake`."""

    __slots__ = ("bb", "castling", "eg", "ep", "halfmove", "hash", "history", "kings", "mg",
                 "occ", "pawn_hash", "phase", "side", "squares", "stack", "t")

    def __init__(self, t: Tables | None = None) -> None:
        self.t = t or tables()
        self.squares = [0] * 64
        self.bb = [0] * 16
        self.occ = [0, 0]
        self.kings = [0, 0]
        self.side = WHITE
        self.castling = 0
        self.ep = -1
        self.halfmove = 0
        self.hash = 0
        self.pawn_hash = 0
        self.mg = self.eg = self.phase = 0
        self.stack: list[tuple[int, ...]] = []
        self.history: list[int] = []

    @classmethod
    def from_chess(cls, board: chess.Board, t: Tables | None = None) -> Board:
        """The same position as ``board``, with its game history (for repetitions)."""
        root = board.root()
        result = cls(t)
        result._set_position(root)
        for move in board.move_stack:
            result.make(encode(move))
        result.stack.clear()
        return result

    def _set_position(self, board: chess.Board) -> None:
        t = self.t
        for square, piece in board.piece_map().items():
            self._put(square, piece.piece_type | (0 if piece.color else 8))
        self.side = WHITE if board.turn == chess.WHITE else BLACK
        self.castling = sum(bit for mask, bit in _CASTLE_BITS if board.castling_rights & mask)
        self.halfmove = board.halfmove_clock
        self.ep = -1
        if board.ep_square is not None and self._can_take_ep(board.ep_square):
            self.ep = board.ep_square
        key = t.castle_keys[self.castling] ^ (t.turn_key if self.side == WHITE else 0)
        if self.ep >= 0:
            key ^= t.ep_keys[self.ep & 7]
        self.hash ^= key

    def _put(self, square: int, piece: int) -> None:
        t = self.t
        self.squares[square] = piece
        self.bb[piece] |= 1 << square
        self.occ[piece >> 3] |= 1 << square
        self.hash ^= t.piece_keys[piece][square]
        if piece & 7 == PAWN:
            self.pawn_hash ^= t.piece_keys[piece][square]
        if piece & 7 == KING:
            self.kings[piece >> 3] = square
        self.mg += t.mg[piece][square]
        self.eg += t.eg[piece][square]
        self.phase += t.phase[piece]

    def _can_take_ep(self, ep_square: int) -> bool:
        """True if a pawn of the side to move attacks ``ep_square``."""
        them = self.side ^ 1
        return bool(self.t.pawn_attacks[them][ep_square] & self.bb[PAWN | self.side << 3])

    def make(self, move: int) -> None:  # noqa: PLR0915 - hot path, kept in one piece
        """Play a pseudo-legal move (the caller checks that it leaves no king in check)."""
        t = self.t
        squares, bb, occ = self.squares, self.bb, self.occ
        fr, to, promo = move & 63, move >> 6 & 63, move >> 12
        piece, captured, side = squares[fr], squares[to], self.side
        key, ep = self.hash, self.ep
        self.stack.append((move, captured, self.castling, ep, self.halfmove, key,
                           self.pawn_hash, self.mg, self.eg, self.phase))
        self.history.append(key)
        keys, mgt, egt = t.piece_keys, t.mg, t.eg
        key ^= t.turn_key ^ keys[piece][fr] ^ keys[piece][to]
        if ep >= 0:
            key ^= t.ep_keys[ep & 7]
        mg = self.mg + mgt[piece][to] - mgt[piece][fr]
        eg = self.eg + egt[piece][to] - egt[piece][fr]
        moved = 1 << fr | 1 << to
        bb[piece] ^= moved
        occ[side] ^= moved
        squares[fr] = 0
        squares[to] = piece
        self.halfmove += 1
        if captured:
            bit = 1 << to
            bb[captured] ^= bit
            occ[side ^ 1] ^= bit
            key ^= keys[captured][to]
            mg -= mgt[captured][to]
            eg -= egt[captured][to]
            self.phase -= t.phase[captured]
            self.halfmove = 0
            if captured & 7 == PAWN:
                self.pawn_hash ^= keys[captured][to]
        self.ep = -1
        kind = piece & 7
        if kind == PAWN:
            self.halfmove = 0
            self.pawn_hash ^= keys[piece][fr] ^ keys[piece][to]
            if promo:
                new = promo | side << 3
                bb[piece] ^= 1 << to
                bb[new] ^= 1 << to
                squares[to] = new
                key ^= keys[piece][to] ^ keys[new][to]
                self.pawn_hash ^= keys[piece][to]
                mg += mgt[new][to] - mgt[piece][to]
                eg += egt[new][to] - egt[piece][to]
                self.phase += t.phase[new]
            elif to == ep:
                victim_square = to - 8 if side == WHITE else to + 8
                victim = piece ^ 8
                squares[victim_square] = 0
                bb[victim] ^= 1 << victim_square
                occ[side ^ 1] ^= 1 << victim_square
                key ^= keys[victim][victim_square]
                self.pawn_hash ^= keys[victim][victim_square]
                mg -= mgt[victim][victim_square]
                eg -= egt[victim][victim_square]
            elif to - fr == 16 or fr - to == 16:
                middle = (fr + to) >> 1
                if t.pawn_attacks[side][middle] & bb[piece ^ 8]:
                    self.ep = middle
                    key ^= t.ep_keys[middle & 7]
        elif kind == KING:
            self.kings[side] = to
            if to - fr == 2 or fr - to == 2:
                rook = ROOK | side << 3
                rook_from, rook_to = (to + 1, to - 1) if to > fr else (to - 2, to + 1)
                rook_moved = 1 << rook_from | 1 << rook_to
                bb[rook] ^= rook_moved
                occ[side] ^= rook_moved
                squares[rook_from] = 0
                squares[rook_to] = rook
                key ^= keys[rook][rook_from] ^ keys[rook][rook_to]
                mg += mgt[rook][rook_to] - mgt[rook][rook_from]
                eg += egt[rook][rook_to] - egt[rook][rook_from]
        rights = self.castling
        if rights:
            mask = t.castle_mask
            new_rights = rights & mask[fr] & mask[to]
            if new_rights != rights:
                key ^= t.castle_keys[rights] ^ t.castle_keys[new_rights]
                self.castling = new_rights
        self.hash = key
        self.mg = mg
        self.eg = eg
        self.side = side ^ 1

    def unmake(self) -> None:
        """Take back the last :meth:`make`."""
        (move, captured, self.castling, ep, self.halfmove, self.hash, self.pawn_hash,
         self.mg, self.eg, self.phase) = self.stack.pop()
        self.history.pop()
        self.ep = ep
        side = self.side ^ 1
        self.side = side
        squares, bb, occ = self.squares, self.bb, self.occ
        fr, to = move & 63, move >> 6 & 63
        piece = squares[to]
        if move >> 12:
            bb[piece] ^= 1 << to
            piece = PAWN | side << 3
            bb[piece] ^= 1 << to
        moved = 1 << fr | 1 << to
        bb[piece] ^= moved
        occ[side] ^= moved
        squares[fr] = piece
        squares[to] = captured
        if captured:
            bb[captured] ^= 1 << to
            occ[side ^ 1] ^= 1 << to
        kind = piece & 7
        if kind == PAWN:
            if to == ep:
                victim_square = to - 8 if side == WHITE else to + 8
                victim = piece ^ 8
                squares[victim_square] = victim
                bb[victim] ^= 1 << victim_square
                occ[side ^ 1] ^= 1 << victim_square
        elif kind == KING:
            self.kings[side] = fr
            if to - fr == 2 or fr - to == 2:
                rook = ROOK | side << 3
                rook_from, rook_to = (to + 1, to - 1) if to > fr else (to - 2, to + 1)
                rook_moved = 1 << rook_from | 1 << rook_to
                bb[rook] ^= rook_moved
                occ[side] ^= rook_moved
                squares[rook_to] = 0
                squares[rook_from] = rook

    def make_null(self) -> None:
        """Pass the move to the other side (for null-move pruning)."""
        t = self.t
        key = self.hash
        self.stack.append((0, 0, self.castling, self.ep, self.halfmove, key,
                           self.pawn_hash, self.mg, self.eg, self.phase))
        self.history.append(key)
        key ^= t.turn_key
        if self.ep >= 0:
            key ^= t.ep_keys[self.ep & 7]
            self.ep = -1
        self.hash = key
        self.halfmove += 1
        self.side ^= 1

    def unmake_null(self) -> None:
        """Take back :meth:`make_null`."""
        (_, _, self.castling, self.ep, self.halfmove, self.hash, self.pawn_hash,
         self.mg, self.eg, self.phase) = self.stack.pop()
        self.history.pop()
        self.side ^= 1

    def attacked(self, square: int, by: int) -> bool:
        """True if a piece of side ``by`` attacks ``square``."""
        t, bb = self.t, self.bb
        base = by << 3
        if t.knight[square] & bb[KNIGHT | base] or t.king[square] & bb[KING | base]:
            return True
        if t.pawn_attacks[by ^ 1][square] & bb[PAWN | base]:
            return True
        occupied = self.occ[0] | self.occ[1]
        sliders = bb[ROOK | base] | bb[QUEEN | base]
        if sliders & t.rook_rays[square] and (
                t.rank_attacks[square][occupied & t.rank_mask[square]]
                | t.file_attacks[square][occupied & t.file_mask[square]]) & sliders:
            return True
        sliders = bb[BISHOP | base] | bb[QUEEN | base]
        return bool(sliders & t.bishop_rays[square] and (
            t.diag_attacks[square][occupied & t.diag_mask[square]]
            | t.anti_attacks[square][occupied & t.anti_mask[square]]) & sliders)

    def in_check(self) -> bool:
        """True if the side to move is in check."""
        return self.attacked(self.kings[self.side], self.side ^ 1)

    def left_in_check(self) -> bool:
        """After :meth:`make`: True if the side that moved left its king attacked."""
        side = self.side
        return self.attacked(self.kings[side ^ 1], side)

    def is_repetition(self) -> bool:
        """True if this position occurred before since the last capture or pawn move."""
        history, key = self.history, self.hash
        stop = max(-1, len(history) - 1 - self.halfmove)
        for index in range(len(history) - 2, stop, -2):  # noqa: SIM110 - faster than any()
            if history[index] == key:
                return True
        return False

    def has_non_pawn_material(self, side: int) -> bool:
        """True if ``side`` has a knight, bishop, rook or queen (null moves are then safe)."""
        bb, base = self.bb, side << 3
        return bool(bb[KNIGHT | base] | bb[BISHOP | base] | bb[ROOK | base] | bb[QUEEN | base])
