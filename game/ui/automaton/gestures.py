"""The automaton's gestures, from the historical record, as performances.

Owns: ``BoardFrame`` (squares and the places beside the board, in stage units, for either
orientation) and the builders: a move (captured piece taken off and set beside the board
first, castling's rook after the king, a promoted pawn exchanged), the head moving for check
with "Échec!", shaking the head, rapping the cabinet and putting a piece back after an
illegal move, tapping impatiently, looking round after a win, pausing while the key is wound,
pointing at letters, and the knight's hops of the Knight's Tour.

Pure arithmetic: no pygame. Timings are in seconds; a move takes about 1–2 s by distance.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import chess

from game.ui.animation import plan_move
from game.ui.automaton.performance import (
    Gripped,
    KeyWound,
    LetterPointed,
    Performance,
    Released,
    Said,
    SoundCue,
)
from game.ui.automaton.pose import REST_HAND

Point = tuple[float, float]
CAPTURE_SLOT = 0.105
"""Width of one captured piece's place on an end zone (stage units)."""
TURK_CAPTURES_LEFT = 1.085
VISITOR_CAPTURES_LEFT = -0.295
CAPTURES_TOP = 0.16
SPARE: Point = (1.21, 1.0)
"""Where a promoted piece is taken from (the near corner of the Turk's end of the top)."""


def capture_point(left: float, index: int) -> Point:
    """The stage point of captured piece number ``index`` on an end zone (two columns)."""
    column, row = index // 8, index % 8
    return (left + column * CAPTURE_SLOT + CAPTURE_SLOT / 2,
            CAPTURES_TOP + row * CAPTURE_SLOT + CAPTURE_SLOT / 2)


@dataclass(frozen=True)
class BoardFrame:
    """Squares in stage units, for the board's orientation."""

    white_at_bottom: bool = True

    def point(self, square: chess.Square) -> Point:
        file, rank = chess.square_file(square), chess.square_rank(square)
        if self.white_at_bottom:
            return ((file + 0.5) / 8, (7 - rank + 0.5) / 8)
        return ((7 - file + 0.5) / 8, (rank + 0.5) / 8)


def _travel_s(a: Point, b: Point, *, base: float, per_unit: float) -> float:
    return base + per_unit * math.dist(a, b)


@dataclass(frozen=True)
class _Trip:
    piece: chess.Piece
    """The piece as it is picked up."""
    lands_as: chess.Piece
    """The piece as it is set down (differs for a promoted pawn)."""
    source: chess.Square | None
    target: chess.Square | None
    beside: Point | None = None
    """Set down beside the board (a captured piece) instead of on ``target``."""
    from_beside: Point | None = None
    captured: bool = False
    """A captured piece set beside the board (not a promoted pawn put away)."""


def _trips(before: Mapping[chess.Square, chess.Piece],
           after: Mapping[chess.Square, chess.Piece], captured_so_far: int) -> list[_Trip]:
    plan = plan_move(before, after)
    trips: list[_Trip] = []
    for index, fade in enumerate(plan.fades):
        slot = capture_point(TURK_CAPTURES_LEFT, captured_so_far + index)
        trips.append(_Trip(fade.piece, fade.piece, fade.square, None, beside=slot,
                           captured=True))
    # Castling: the king first, then the rook.
    motions = sorted(plan.motions, key=lambda m: m.piece.piece_type != chess.KING)
    for motion in motions:
        original = before[motion.from_square]
        if original == motion.piece:
            trips.append(_Trip(original, original, motion.from_square, motion.to_square))
            continue
        # Promotion: the pawn goes to the last rank, is exchanged there for the new piece.
        slot = capture_point(TURK_CAPTURES_LEFT, captured_so_far + len(plan.fades))
        trips.append(_Trip(original, original, motion.from_square, motion.to_square))
        trips.append(_Trip(original, original, motion.to_square, None, beside=slot))
        trips.append(_Trip(motion.piece, motion.piece, None, motion.to_square, from_beside=SPARE))
    return trips


def _carry(performance: Performance, frame: BoardFrame, start: Point, trip: _Trip) -> Point:
    """Append one trip (reach, grip, lift, carry, lower, release); returns the end point."""
    source = trip.from_beside if trip.source is None else frame.point(trip.source)
    assert source is not None
    target = trip.beside if trip.target is None else frame.point(trip.target)
    assert target is not None
    performance.to(_travel_s(start, source, base=0.22, per_unit=0.42), hand=source,
                   hand_shape="open", lift=0.0, ease="inout")
    performance.to(0.1, hand_shape="grip").cue(Gripped(trip.piece, trip.source))
    performance.to(0.14, lift=1.0, ease="out")
    performance.to(_travel_s(source, target, base=0.18, per_unit=0.38), hand=target, ease="inout")
    performance.to(0.14, lift=0.0, ease="inout")
    sound = "piece_capture" if trip.captured else "piece_place"
    performance.to(0.08, hand_shape="open").cue(
        Released(trip.lands_as, trip.target, trip.beside, capture=trip.captured),
        SoundCue(sound))
    return target


def move_performance(before: Mapping[chess.Square, chess.Piece],
                     after: Mapping[chess.Square, chess.Piece], frame: BoardFrame, *,
                     captured_so_far: int = 0, name: str = "move") -> Performance:
    """The hand makes the Turk's move: from the rest, each trip in turn, back to the rest."""
    performance = Performance(name)
    here = REST_HAND
    for trip in _trips(before, after, captured_so_far):
        here = _carry(performance, frame, here, trip)
    performance.to(_travel_s(here, REST_HAND, base=0.25, per_unit=0.3), hand=REST_HAND,
                   hand_shape="open", lift=0.0, ease="inout")
    return performance


def return_to_rest(name: str = "rest") -> Performance:
    """Whatever it was doing, the figure settles: hand back on the cushion, head straight."""
    return Performance(name).to(0.45, hand=REST_HAND, hand_shape="open", lift=0.0, nod=0.0,
                                head_deg=0.0, face=0.0, gaze=(0.0, 0.0), tap=0.0,
                                lean=(0.0, 0.0), ease="inout")


def check_performance() -> Performance:
    """It moves its head to give check, and says "Échec!" (both from the record)."""
    return (Performance("check")
            .to(0.18, nod=1.0, head_deg=-3.0, ease="out").cue(SoundCue("head_turn"))
            .to(0.22, nod=0.0, head_deg=0.0).cue(SoundCue("echec"), Said("turk.caption.check"))
            .to(0.16, nod=0.7, ease="out")
            .to(0.24, nod=0.0)
            .hold(0.4))


def shake_head() -> Performance:
    return (Performance("shake").cue(SoundCue("head_turn"))
            .to(0.16, face=-1.0, gaze=(-1.0, 0.0), ease="out")
            .to(0.24, face=1.0, gaze=(1.0, 0.0))
            .to(0.24, face=-0.8, gaze=(-0.8, 0.0))
            .to(0.18, face=0.0, gaze=(0.0, 0.0)))


def rap_cabinet(times: int = 3, *, name: str = "rap") -> Performance:
    """The right hand raps the cabinet (one sound holds the raps)."""
    performance = Performance(name).cue(SoundCue("tap_cabinet"), Said("turk.caption.rap"))
    for _ in range(times):
        performance.to(0.09, tap=1.0, ease="out").to(0.08, tap=0.0, ease="linear")
    return performance.hold(0.2)


def put_back_performance(piece: chess.Piece, dropped_on: chess.Square,
                         origin: chess.Square, frame: BoardFrame) -> Performance:
    """After an illegal move: shake the head, rap the cabinet, put the piece back."""
    performance = Performance("put_back").then(shake_head()).then(rap_cabinet())
    end = _carry(performance, frame, REST_HAND, _Trip(piece, piece, dropped_on, origin))
    performance.to(_travel_s(end, REST_HAND, base=0.25, per_unit=0.3), hand=REST_HAND,
                   hand_shape="open")
    return performance


def impatience() -> Performance:
    """It taps impatiently when the visitor takes very long."""
    return (Performance("impatient").to(0.3, gaze=(0.0, 1.0), face=0.0)
            .then(rap_cabinet(2, name="impatient_tap")).to(0.4, gaze=(0.0, 0.0)))


def look_round() -> Performance:
    """After winning it looks round at the audience."""
    return (Performance("look_round").cue(SoundCue("head_turn"))
            .to(0.9, face=-1.0, gaze=(-1.0, -0.3), head_deg=-2.0, ease="sine")
            .hold(0.5)
            .to(1.4, face=1.0, gaze=(1.0, -0.3), head_deg=2.0, ease="sine")
            .hold(0.5)
            .to(0.8, face=0.0, gaze=(0.0, 0.0), head_deg=0.0, ease="sine"))


def wind_key_pause(duration_s: float = 2.3) -> Performance:
    """The figure stands still while the presenter winds the key."""
    return (Performance("wind").cue(KeyWound(duration_s), SoundCue("wind_key"),
                                    Said("turk.caption.winding"))
            .hold(duration_s))


def point_letters(text: str, cells: Mapping[str, Point], *, dwell_s: float = 0.32) -> Performance:
    """Point at each letter of ``text`` on the letter board (board units = stage units)."""
    performance = Performance("letters")
    here = REST_HAND
    for index, char in enumerate(text):
        cell = cells.get(_board_letter(char))
        if cell is None:  # a space or a character the board lacks: a pause, hand raised
            performance.to(0.25, lift=0.6).to(0.1, lift=0.0)
            continue
        performance.to(_travel_s(here, cell, base=0.18, per_unit=0.35), hand=cell,
                       hand_shape="point", lift=0.0, ease="inout")
        performance.to(0.08, lift=0.25, ease="out").to(0.08, lift=0.0).cue(LetterPointed(index))
        performance.hold(dwell_s)
        here = cell
    performance.to(_travel_s(here, REST_HAND, base=0.25, per_unit=0.3), hand=REST_HAND,
                   hand_shape="open")
    return performance


_PLAIN = {"É": "E", "È": "E", "Ê": "E", "À": "A", "Â": "A", "Ä": "A", "Ö": "O", "Ü": "U",
          "Ç": "C", "Ô": "O", "Û": "U", "Î": "I", "Ï": "I", "ß": "S"}


def _board_letter(char: str) -> str:
    """The letter-board cell for a character (accented letters point at their base letter)."""
    upper = char.upper()
    return _PLAIN.get(upper, upper)


def knight_hops(path: Sequence[chess.Square], frame: BoardFrame) -> Performance:
    """The Knight's Tour: the hand carries the knight along ``path``, square by square."""
    knight = chess.Piece(chess.KNIGHT, chess.WHITE)
    performance = Performance("knights_tour")
    here = REST_HAND
    for source, target in itertools.pairwise(path):
        here = _carry(performance, frame, here, _Trip(knight, knight, source, target))
    performance.to(_travel_s(here, REST_HAND, base=0.25, per_unit=0.3), hand=REST_HAND,
                   hand_shape="open")
    return performance
