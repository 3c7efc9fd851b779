"""Operator-link latency: from the operator sending a move to the kiosk's model having it.

The kiosk side runs here as the game runs it: a 60 Hz loop that steps the kiosk's
``OperatorHost`` (the ``OperatorLink`` on 127.0.0.1, the director) and then the real ``Match``
whose source of Turk moves is an ``OperatorOpponent``, exactly in the app's order. A scripted
visitor replies at once to each Turk move, and a game that ends or grows long starts anew. The
operator runs in a separate process (this script with ``--operator``): an ``OperatorClient``
that answers every state in which the Turk is to move, after a random 0–40 ms "thought" so
that moves arrive at random points of the kiosk's frame, and prints the moment it sent each.
"Applied" is the moment ``Match.update`` reports the ``MovePlayed`` of that move.

The match's human-like pacing is off here: it deliberately holds every Turk move the same
way whoever made it, so it is not part of the link's latency.

Both processes read ``time.monotonic()``, which on Linux is CLOCK_MONOTONIC and therefore
the same clock system-wide, so "applied − sent" is a true one-way latency: it includes the
operator client's thread, loopback TCP, the link thread, the director and the match, and the
wait for the kiosk's next frame (up to 16.7 ms at 60 Hz).

Usage: ``nice -n 10 python benchmarks/link.py [--moves 300]``. The last line is exactly
``move_latency_p50_ms=X move_latency_p99_ms=X``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time

import chess

from game.match import GameSetup, Match, MovePlayed
from game.model.director import Director, DirectorSettings
from game.model.pacing import Pacing
from game.model.session import GameSession
from game.net import protocol
from game.net.client import OperatorClient
from game.net.link import OperatorLink
from game.operator_host import OperatorHost
from game.opponents.idle import IdleOpponent

FRAME_S = 1 / 60
MAX_GAME_PLIES = 80
CODE_ENV = protocol.PAIRING_CODE_ENV


def run_operator(host: str, port: int) -> None:
    """The operator process: answer every Turk-to-move state with a random legal move."""
    rng = random.Random(1769)
    client = OperatorClient(host=host, port=port, pairing_code=os.environ[CODE_ENV],
                            name="Benchmark Operator")
    client.start()
    answered: set[tuple[str, int]] = set()
    pending: list[tuple[float, protocol.GameState]] = []
    while True:
        for event in client.poll():
            if isinstance(event, protocol.GameState) and event.is_turk_to_move:
                key = (event.game_id, event.ply)
                if key not in answered:
                    answered.add(key)
                    pending.append((time.monotonic() + rng.uniform(0.0, 0.040), event))
        now = time.monotonic()
        for due, state in [item for item in pending if item[0] <= now]:
            pending.remove((due, state))
            board = chess.Board(state.fen)
            uci = rng.choice(sorted(move.uci() for move in board.legal_moves))
            sent = time.monotonic()
            client.send_move(game_id=state.game_id, ply=state.ply, uci=uci)
            print(json.dumps({"game_id": state.game_id, "ply": state.ply, "sent": sent}),
                  flush=True)
        time.sleep(0.0005)


class Kiosk:
    """The kiosk's side: the host, a match against the operator, a scripted visitor."""

    def __init__(self, host: OperatorHost, seed: int) -> None:
        self.host = host
        self.rng = random.Random(seed)
        self.games = 0
        self.match = self._new_match()
        self.applied: dict[tuple[str, int], float] = {}

    def _new_match(self) -> Match:
        self.games += 1
        session = GameSession(visitor_color=chess.WHITE, game_id=f"bench-{self.games}")
        match = Match(session, self.host.opponent_for(GameSetup("white", 3)),
                      pacing=Pacing.instant())
        self.host.follow(match)  # as the app does for every match it builds
        match.start()
        return match

    def visitor_moves(self) -> None:
        """The visitor replies at once; a finished or long game starts anew."""
        session = self.match.session
        if session.is_over or session.ply >= MAX_GAME_PLIES:
            self.match.close()
            self.match = self._new_match()
            session = self.match.session
        board = session.board()
        self.match.play_visitor_move(self.rng.choice(sorted(board.legal_moves,
                                                            key=chess.Move.uci)))

    def frame(self) -> None:
        """One frame of the kiosk's loop: the host, then the match (the app's order)."""
        self.host.update(FRAME_S)
        for event in self.match.update(FRAME_S):
            if isinstance(event, MovePlayed) and not event.by_visitor:
                self.applied[(self.match.session.game_id, event.record.ply)] = time.monotonic()
        if self.match.session.is_visitor_turn or self.match.session.is_over:
            self.visitor_moves()


def run_kiosk(moves: int) -> list[float]:
    """Play until ``moves`` operator moves were applied; their latencies in ms."""
    code = protocol.new_pairing_code()
    # This operator moves some thirty times a second, far beyond the human rate the default
    # limit is set for; lift the limit so the benchmark measures the link, not the limiter.
    link = OperatorLink(pairing_code=code, lines_per_s=1000.0, burst=1000)
    operator_host = OperatorHost(link, director=Director(DirectorSettings(), now=0.0),
                                 standby=lambda setup: IdleOpponent(), pacing=Pacing.instant())
    operator_host.start()
    host, port = link.address
    kiosk = Kiosk(operator_host, seed=1770)
    operator = subprocess.Popen(
        [sys.executable, __file__, "--operator", host, str(port)],
        env={**os.environ, CODE_ENV: code, "PYGAME_HIDE_SUPPORT_PROMPT": "1"},
        stdout=subprocess.PIPE, text=True)
    sent: dict[tuple[str, int], float] = {}

    def read_sent() -> None:
        assert operator.stdout is not None
        for line in operator.stdout:
            record = json.loads(line)
            sent[(record["game_id"], record["ply"])] = record["sent"]

    reader = threading.Thread(target=read_sent, daemon=True)
    reader.start()
    next_frame = time.monotonic()
    deadline = next_frame + 30 + moves * 0.2
    try:
        while len(kiosk.applied) < moves and time.monotonic() < deadline:
            kiosk.frame()
            next_frame += FRAME_S
            time.sleep(max(0.0, next_frame - time.monotonic()))
    finally:
        time.sleep(0.1)  # let the last "sent" lines arrive
        operator.terminate()
        operator.wait(5)
        reader.join(5)
        kiosk.match.close()
        operator_host.close()
    print(f"games={kiosk.games} operator_moves_applied={len(kiosk.applied)}")
    return [(kiosk.applied[key] - sent[key]) * 1000 for key in kiosk.applied if key in sent]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=300)
    parser.add_argument("--operator", nargs=2, metavar=("HOST", "PORT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.operator:
        run_operator(args.operator[0], int(args.operator[1]))
        return 0
    latencies = run_kiosk(args.moves)
    if len(latencies) < args.moves:
        print(f"only {len(latencies)} of {args.moves} moves measured", file=sys.stderr)
        return 1
    p50 = statistics.median(latencies)
    p99 = statistics.quantiles(latencies, n=100, method="inclusive")[98]
    print(f"samples={len(latencies)} min_ms={min(latencies):.2f} max_ms={max(latencies):.2f}")
    print(f"move_latency_p50_ms={p50:.2f} move_latency_p99_ms={p99:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
