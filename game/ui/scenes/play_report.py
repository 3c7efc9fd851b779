"""The play screen as the trace reports it: a small snapshot for tests that drive the game
from outside (``turk --trace``).

Owns: ``play_report`` — the game (id, position, the last moves and who made each: the
visitor or the Turk, never who plays the Turk), the status line, the selection and the
keyboard cursor, the buttons' states, and whether the board is still.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import chess

from game.model.records import MoveAuthor

if TYPE_CHECKING:
    from game.ui.scenes.play import PlayScene

RECENT_MOVES = 8


def _square(square: chess.Square | None) -> str | None:
    return chess.square_name(square) if square is not None else None


def play_report(play: PlayScene) -> dict[str, object]:
    """The snapshot of ``play`` (JSON-friendly values)."""
    session, state = play.match.session, play.board.state
    main, quiet = play.status.lines(session, typed=play.typed,
                                    turk_moving=play.staging.is_busy)
    ending = session.ending
    return {
        "game_id": session.game_id, "fen": session.position.fen, "ply": session.ply,
        "visitor": "white" if session.visitor_color == chess.WHITE else "black",
        "white_at_bottom": play.board.geometry.white_at_bottom,
        # The last moves, each with the ply it leads to (two may land in one frame).
        "moves": [{"ply": r.ply + 1, "uci": r.uci, "san": r.san,
                   "by": "visitor" if r.author is MoveAuthor.VISITOR else "turk"}
                  for r in session.records[-RECENT_MOVES:]],
        "status": [main, quiet], "flash": play.status.flash_key, "typed": play.typed,
        "selected": _square(state.selected), "cursor": _square(state.cursor),
        "result": ending.result if ending is not None else None,
        "termination": ending.termination.value if ending is not None else None,
        "enabled": {b.action: b.enabled for b in play.buttons.buttons if b.visible},
        "still": play.board.is_idle and not play.staging.is_busy,
        "spelling": bool(play.automaton.spelling),
        "resign_armed": play.resign_armed,
    }
