"""The client written only from docs/operator-protocol.md works against the real kiosk link:
it authenticates, receives the state and makes a move — in this process and as a separate
process that cannot import the game at all."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import chess
import minimal_client
from conftest import CODE, LinkFactory, state_after, wait_for_events

from game.net import protocol
from game.net.link import OperatorJoined

SOURCE = Path(minimal_client.__file__)
ALLOWED_IMPORTS = {"__future__", "collections.abc", "hashlib", "hmac", "json", "socket", "sys",
                   "time"}


def test_it_imports_only_the_standard_modules_it_may() -> None:
    tree = ast.parse(SOURCE.read_text())
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom)}
    assert imported <= ALLOWED_IMPORTS
    assert not any(name == "game" or name.startswith("game.") for name in imported)


def test_it_authenticates_receives_the_state_and_moves(make_link: LinkFactory) -> None:
    link = make_link()
    link.publish_state(state_after("d2d4"))
    seen: list[dict[str, object]] = []

    def choose(state: dict[str, object]) -> str:
        seen.append(state)
        return "g8f6"

    answer = minimal_client.play_one_move(*link.address, "test code", "Kempelen", choose)
    assert answer == {"v": 1, "type": "ack", "game_id": "g1", "ply": 1, "uci": "g8f6"}
    assert seen[0]["moves"] == ["d2d4"] and seen[0]["turk_color"] == "black"
    events = wait_for_events(link, lambda evs: any(isinstance(e, protocol.OperatorMove)
                                                   for e in evs))
    assert isinstance(events[0], OperatorJoined) and events[0].name == "Kempelen"
    assert [e for e in events if isinstance(e, protocol.OperatorMove)] == [
        protocol.OperatorMove(game_id="g1", ply=1, uci="g8f6", from_hint=False)]


def test_it_hears_about_an_illegal_move(make_link: LinkFactory) -> None:
    link = make_link()
    link.publish_state(state_after("d2d4"))
    answer = minimal_client.play_one_move(*link.address, CODE, "Kempelen", lambda s: "g8g6")
    assert answer["type"] == "error" and answer["code"] == "illegal_move"
    assert not [e for e in link.poll() if isinstance(e, protocol.OperatorMove)]


def test_it_is_refused_with_a_wrong_code(make_link: LinkFactory) -> None:
    link = make_link()
    answer = minimal_client.play_one_move(*link.address, "NOT-IT", "Kempelen", lambda s: "")
    assert answer["type"] == "auth_refused" and answer["code"] == "bad_proof"


def test_it_runs_as_its_own_process_without_the_game(make_link: LinkFactory) -> None:
    link = make_link()
    link.publish_state(state_after(turk_color=chess.WHITE))
    host, port = link.address
    # Poison the import system so that importing the game would fail outright.
    bootstrap = ("import sys, runpy; sys.modules['game'] = None; "
                 f"sys.argv = [{str(SOURCE)!r}, {host!r}, '{port}', 'Test-Code', "
                 "'Anonymous Operator', 'e2e4']; "
                 f"runpy.run_path({str(SOURCE)!r}, run_name='__main__')")
    done = subprocess.run([sys.executable, "-I", "-c", bootstrap], capture_output=True,
                          text=True, timeout=30, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1])["type"] == "ack"
    events = wait_for_events(link, lambda evs: any(isinstance(e, protocol.OperatorMove)
                                                   for e in evs))
    assert [e for e in events if isinstance(e, protocol.OperatorMove)] == [
        protocol.OperatorMove(game_id="g1", ply=0, uci="e2e4", from_hint=False)]
