"""A hidden operator as its own process, for the end-to-end test: a real ``OperatorClient``
playing the Turk's moves with a simple, greedy policy, and reporting every step as one JSON
line on standard output.

Usage: ``python operator_process.py HOST PORT NAME [--stall-after N] [--moves N]``, with the
pairing code in ``$TURK_PAIRING_CODE``. It answers each state in which the kiosk waits for the
Turk's move (the countdown runs) with mate in one, else the richest capture, else a check,
else a seeded random move. ``--stall-after N``: after N moves, stop answering (and wait to be
killed). ``--moves N``: after N acknowledged moves, hang up and exit. It exits when the game
is over, and with status 3 when the kiosk refuses the code.

Lines: ``joined``, ``state`` (the first full state after joining: ply, fen, moves), ``sent``,
``ack``, ``stood_in``, ``stalling``, ``refused``, ``game_over``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time

import chess

from game.net import protocol
from game.net.client import OperatorClient

VALUES = {chess.PAWN: 1, chess.KNIGHT: 3, chess.BISHOP: 3, chess.ROOK: 5, chess.QUEEN: 9,
          chess.KING: 0}


def say(event: str, **fields: object) -> None:
    print(json.dumps({"event": event, **fields}), flush=True)


def choose(board: chess.Board, rng: random.Random) -> chess.Move:
    """Mate in one, else the richest capture, else a check, else any move."""
    moves = sorted(board.legal_moves, key=chess.Move.uci)
    for move in moves:
        board.push(move)
        mate = board.is_checkmate()
        board.pop()
        if mate:
            return move
    captures = [m for m in moves if board.is_capture(m)]
    if captures:
        def gain(move: chess.Move) -> int:
            victim = board.piece_at(move.to_square)
            return VALUES[victim.piece_type] if victim else 1
        return max(captures, key=gain)
    checks = [m for m in moves if board.gives_check(m)]
    return rng.choice(checks or moves)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("name")
    parser.add_argument("--stall-after", type=int)
    parser.add_argument("--moves", type=int)
    parser.add_argument("--seed", type=int, default=1770)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    client = OperatorClient(host=args.host, port=args.port, name=args.name,
                            pairing_code=os.environ[protocol.PAIRING_CODE_ENV],
                            heartbeat_s=0.5, timeout_s=3.0, reconnect=False)
    client.start()
    answered: set[tuple[str, int]] = set()
    sent = acked = 0
    reported_state = False
    while True:
        for event in client.poll():
            if isinstance(event, protocol.AuthOk):
                say("joined", name=event.name)
            elif isinstance(event, protocol.AuthRefused):
                say("refused", code=event.code)
                client.close()
                return 3
            elif isinstance(event, protocol.GameState):
                state = event
                if not reported_state:
                    reported_state = True
                    say("state", ply=state.ply, fen=state.fen, moves=list(state.moves))
                key = (state.game_id, state.ply)
                if not state.is_turk_to_move or state.countdown_s is None or key in answered:
                    continue
                answered.add(key)
                if args.stall_after is not None and sent >= args.stall_after:
                    say("stalling", ply=state.ply)
                    continue
                move = choose(state.replay(), rng)
                client.send_move(game_id=state.game_id, ply=state.ply, uci=move.uci())
                sent += 1
                say("sent", ply=state.ply, uci=move.uci())
            elif isinstance(event, protocol.MoveAck):
                acked += 1
                say("ack", ply=event.ply, uci=event.uci)
                if args.moves is not None and acked >= args.moves:
                    time.sleep(0.05)  # let the kiosk apply it before we hang up
                    client.close()
                    return 0
            elif isinstance(event, protocol.StoodIn):
                say("stood_in", ply=event.ply, uci=event.uci)
            elif isinstance(event, protocol.GameOver):
                say("game_over", result=event.result, reason=event.reason)
                client.close()
                return 0
        time.sleep(0.002)


if __name__ == "__main__":
    sys.exit(main())
