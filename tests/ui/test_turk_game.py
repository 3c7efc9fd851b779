"""A game in which the Turk castles, captures, gives check and promotes — every piece carried
by its hand — and the board on screen matches the model whenever a move has landed."""

from __future__ import annotations

from pathlib import Path

import chess

from game.opponents.scripted import ScriptedOpponent
from game.ui.automaton.performance import Cue, Finished, Released, SoundCue
from tests.ui.helpers import drag, make_app, play_scene, settle

GAME = ["e4", "d5", "exd5", "Nf6", "Nf3", "a6", "Bc4", "b5", "O-O", "bxc4", "d6", "Bb7",
        "dxe7", "Nc6", "exf8=Q+"]


def test_the_turk_castles_captures_checks_and_promotes_by_hand(tmp_path: Path) -> None:
    board = chess.Board()
    moves = []
    for san in GAME:
        moves.append(board.parse_san(san))
        board.push(moves[-1])
    app = make_app(tmp_path, lambda setup: ScriptedOpponent(moves), color="black")
    try:
        scene = play_scene(app)
        landings: list[Released] = []
        sounds: list[str] = []
        mismatches: list[str] = []
        forward = scene.automaton.on_board_cue
        assert forward is not None

        def watch(cue: Cue) -> None:
            forward(cue)
            if isinstance(cue, Released):
                landings.append(cue)
            elif isinstance(cue, SoundCue):
                sounds.append(cue.sound)
            elif (isinstance(cue, Finished) and cue.name == "move"
                  and scene.board.state.pieces != scene.match.position.piece_map):
                mismatches.append(scene.match.position.fen)

        scene.automaton.on_board_cue = watch
        for ply, move in enumerate(moves):
            settle(app)
            if ply % 2 == 1:  # the visitor's moves, by mouse
                drag(app, move.from_square, move.to_square)
            assert scene.match.session.ply >= ply + 1 or ply % 2 == 0
        settle(app)
        session = scene.match.session
        assert [r.san for r in session.records] == GAME
        assert mismatches == []
        assert scene.board.state.pieces == session.position.piece_map
        # exd5 and dxe7: captured piece set aside, then the pawn — two landings each;
        # O-O: king and rook; exf8=Q+: the bishop aside, the pawn, the pawn away, the queen.
        assert len(landings) == 1 + 2 + 1 + 1 + 2 + 1 + 2 + 4
        assert sum(1 for landing in landings if landing.capture) == 3
        assert "echec" in sounds  # the check was given aloud
        assert scene.captures.taken_by(chess.WHITE) and scene.staging.pending_captures == 0
    finally:
        app.close()
