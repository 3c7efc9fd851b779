"""The automaton: its arm reaches every square within its joints' limits, its performances
keep time and fire their cues once, and its gestures are built the way the record says."""

from __future__ import annotations

import math

import chess
import pytest

from game.ui.animation import plan_move
from game.ui.art import ArtBook
from game.ui.assets import Assets
from game.ui.automaton.gestures import (
    TURK_CAPTURES_LEFT,
    BoardFrame,
    capture_point,
    check_performance,
    move_performance,
    point_letters,
    put_back_performance,
)
from game.ui.automaton.ik import MAX_LEAN, ArmRig, solve, within_limits
from game.ui.automaton.performance import (
    Finished,
    Gripped,
    LetterPointed,
    Performance,
    Performer,
    Released,
    SoundCue,
)
from game.ui.automaton.pose import REST_HAND, Pose


@pytest.fixture(scope="module")
def rig() -> ArmRig:
    return ArmRig.from_manifest(ArtBook.load(Assets()).rig)


@pytest.mark.parametrize("white_at_bottom", [True, False])
def test_every_square_is_reached_within_the_joint_limits(rig: ArmRig,
                                                         white_at_bottom: bool) -> None:
    frame = BoardFrame(white_at_bottom)
    for square in chess.SQUARES:
        target = frame.point(square)
        pose = solve(rig, target)
        assert math.dist(pose.grip, target) < 1e-6, chess.square_name(square)
        assert math.hypot(*pose.lean) <= MAX_LEAN + 1e-9
        assert within_limits(rig, pose), (chess.square_name(square), pose)
        # the drawn segments never grow beyond their real length
        assert 0 < pose.upper_stretch <= 1.0 + 1e-9 and 0 < pose.fore_stretch <= 1.0 + 1e-9


def test_the_places_beside_the_board_are_reached_too(rig: ArmRig) -> None:
    for target in [REST_HAND, *(capture_point(TURK_CAPTURES_LEFT, i) for i in range(16))]:
        pose = solve(rig, target)
        assert math.dist(pose.grip, target) < 1e-6
        assert within_limits(rig, pose), target


def test_the_elbow_moves_smoothly_from_rest_to_the_far_corner(rig: ArmRig) -> None:
    start, end = REST_HAND, BoardFrame().point(chess.A1)
    previous = solve(rig, start).elbow
    for step in range(1, 201):
        t = step / 200
        target = (start[0] + (end[0] - start[0]) * t, start[1] + (end[1] - start[1]) * t)
        elbow = solve(rig, target).elbow
        assert math.dist(elbow, previous) < 0.03, f"the elbow jumps at t={t}"
        previous = elbow


def test_far_targets_make_the_torso_lean() -> None:
    rig = ArmRig((0.8, -0.3), 0.66, 0.62, 0.12, (5.0, 165.0), (-45.0, 200.0))
    near = solve(rig, (0.5, 0.3))
    far = solve(rig, (-0.2, 1.2))
    assert near.lean == (0.0, 0.0)
    assert 0 < math.hypot(*far.lean) <= MAX_LEAN


def test_the_performer_keeps_time_and_fires_each_cue_once() -> None:
    performer = Performer()
    performance = (Performance("test").to(0.5, hand=(0.5, 0.5)).cue(SoundCue("a"))
                   .to(0.5, hand=(0.2, 0.2)).cue(SoundCue("b")))
    performer.play(performance)
    cues = performer.update(0.25)
    assert cues == [] and 0.5 < performer.pose.hand[0] < REST_HAND[0]
    mid = performer.sample(0.1)
    assert mid.hand != performer.pose.hand  # drawing can look a little ahead
    cues = performer.update(0.3)
    assert cues == [SoundCue("a")]
    cues = performer.update(5.0)  # one long step: the rest fires, in order, once
    assert cues == [SoundCue("b"), Finished("test")]
    assert performer.pose.hand == (0.2, 0.2) and not performer.is_busy
    assert performer.update(1.0) == []


def test_queued_performances_start_from_where_the_last_ended() -> None:
    performer = Performer(Pose())
    performer.play(Performance("one").to(0.2, face=1.0))
    performer.play(Performance("two").to(0.2, gaze=(1.0, 0.0)))
    performer.update(0.3)
    assert performer.current == "two"
    performer.update(0.2)
    assert performer.pose.face == 1.0 and performer.pose.gaze == (1.0, 0.0)


def cues_of(performance: Performance) -> list[object]:
    return [cue for segment in performance.segments for cue in segment.cues]


def move_plan(fen: str, san: str) -> tuple[dict[chess.Square, chess.Piece],
                                           dict[chess.Square, chess.Piece]]:
    board = chess.Board(fen)
    before = board.piece_map()
    board.push_san(san)
    return before, board.piece_map()


def test_a_move_takes_one_to_two_seconds_by_distance() -> None:
    # The Turk plays White at the top of the board: a2 is near its resting hand, b1 far.
    near = move_performance(*move_plan(chess.STARTING_FEN, "a3"), BoardFrame(False))
    far = move_performance(*move_plan(chess.STARTING_FEN, "Nc3"), BoardFrame(False))
    assert 1.0 <= near.duration_s < far.duration_s <= 2.2


def test_a_capture_takes_the_piece_off_first_and_sets_it_beside_the_board() -> None:
    before, after = move_plan("4k3/8/8/3p4/4P3/8/8/4K3 w - - 0 1", "exd5")
    performance = move_performance(before, after, BoardFrame(), captured_so_far=3)
    moves = [c for c in cues_of(performance) if isinstance(c, Gripped | Released)]
    black_pawn, white_pawn = chess.Piece.from_symbol("p"), chess.Piece.from_symbol("P")
    assert moves == [
        Gripped(black_pawn, chess.D5),
        Released(black_pawn, None, capture_point(TURK_CAPTURES_LEFT, 3), capture=True),
        Gripped(white_pawn, chess.E4), Released(white_pawn, chess.D5)]


def test_castling_moves_the_king_then_the_rook() -> None:
    before, after = move_plan("4k3/8/8/8/8/8/8/4K2R w K - 0 1", "O-O")
    grips = [c.square for c in cues_of(move_performance(before, after, BoardFrame()))
             if isinstance(c, Gripped)]
    assert grips == [chess.E1, chess.H1]


def test_promotion_exchanges_the_pawn() -> None:
    before, after = move_plan("4k3/1P6/8/8/8/8/8/4K3 w - - 0 1", "b8=Q+")
    landed = [c for c in cues_of(move_performance(before, after, BoardFrame()))
              if isinstance(c, Released)]
    assert landed[0].piece == chess.Piece.from_symbol("P") and landed[0].square == chess.B8
    assert landed[1].square is None and not landed[1].capture  # the pawn is put away
    assert landed[2] == Released(chess.Piece.from_symbol("Q"), chess.B8)
    assert plan_move(before, after).motions[0].to_square == chess.B8


def test_check_is_given_with_the_head_and_the_voice() -> None:
    sounds = [c.sound for c in cues_of(check_performance()) if isinstance(c, SoundCue)]
    assert sounds == ["head_turn", "echec"]
    segments = check_performance().segments
    assert any(dict(s.changes).get("nod", 0) == 1.0 for s in segments)


def test_an_illegal_move_gets_a_shake_a_rap_and_the_piece_put_back() -> None:
    pawn = chess.Piece.from_symbol("P")
    performance = put_back_performance(pawn, chess.E5, chess.E2, BoardFrame())
    cues = cues_of(performance)
    sounds = [c.sound for c in cues if isinstance(c, SoundCue)]
    assert sounds[:2] == ["head_turn", "tap_cabinet"]
    assert Gripped(pawn, chess.E5) in cues and Released(pawn, chess.E2) in cues
    faces = [dict(s.changes).get("face") for s in performance.segments]
    assert -1.0 in faces and 1.0 in faces  # the head turns both ways


def test_letters_are_pointed_at_one_by_one() -> None:
    cells = {"E": (0.6, 0.2), "C": (0.4, 0.2), "H": (0.1, 0.35)}
    performance = point_letters("ÉCHEC", cells)
    pointed = [c.index for c in cues_of(performance) if isinstance(c, LetterPointed)]
    assert pointed == [0, 1, 2, 3, 4]
    assert any(dict(s.changes).get("hand") == (0.6, 0.2) for s in performance.segments)
