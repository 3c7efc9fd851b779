"""docs/operator-protocol.md and the kiosk agree, over real sockets, on every point a client
written from the document alone found unclear: the order in which a move is judged, which
error wins before authentication, ``ref_type``, the codes of awkward lines, the silence after
a ``say``, the settings behind the numbers staff may change, and the key derivation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import CODE, LinkFactory, RawOperator, state_after
from test_link import Connect, joined, move

from game.config import Settings, SettingsError, parse_settings
from game.net import protocol
from game.operator_host import host_from_settings
from game.opponents.engine import builtin_command

DOC = Path(__file__).resolve().parents[2] / "docs" / "operator-protocol.md"
BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "pairing.py"


def section(title: str) -> str:
    """The text of the document's section whose heading starts with ``title``."""
    text = DOC.read_text()
    start = text.index(f"## {title}")
    end = text.find("\n## ", start + 1)
    return text[start:end if end >= 0 else len(text)]


def next_reply(operator: RawOperator) -> dict[str, object]:
    """The kiosk's next line that is not a heartbeat."""
    while (message := operator.read())["type"] == "heartbeat":
        pass
    return message


# --- section 7: the order in which a move is judged --------------------------------------------

def test_the_same_move_again_is_acknowledged_until_the_game_has_played_it(
        make_link: LinkFactory, operators: Connect) -> None:
    link = make_link()
    link.publish_state(state_after("e2e4"))
    operator = joined(link, operators)
    move(operator, "e7e5", ply=1)
    assert next_reply(operator)["type"] == "state"
    assert next_reply(operator)["type"] == "ack"
    move(operator, "e7e5", ply=1)  # the ack was lost: sent again before the game played it
    assert next_reply(operator) == {"v": 1, "type": "ack", "game_id": "g1", "ply": 1,
                                    "uci": "e7e5"}
    link.publish_state(state_after("e2e4", "e7e5"))  # the game played it
    assert next_reply(operator)["ply"] == 2
    line = move(operator, "e7e5", ply=1)  # now it is simply stale: nothing changes
    error = next_reply(operator)
    assert (error["type"], error["code"], error["ref_line"]) == ("error", "stale_ply", line)
    judged = section("7.")
    assert judged.index("`already_moved`") < judged.index("`stale_ply`")
    assert "once the game has played it" in judged


# --- section 3: before authentication ------------------------------------------------------------

@pytest.mark.parametrize(("line", "code"), [
    (b"hello?", "bad_json"),
    (b'{"v":1,"type":"move","game_id":"g1","ply":"1","uci":"e7e5","from_hint":false}',
     "bad_field"),
    (b'{"v":1,"type":"resign","game_id":"g1","ply":1}', "unknown_type"),
    (b'{"v":1,"type":"move","game_id":"g1","ply":1,"uci":"e7e5","from_hint":false}',
     "not_authenticated"),
    (b'{"v":1,"type":"say","game_id":"g1","ply":1,"text":"Hello"}', "not_authenticated"),
])
def test_before_authentication_a_broken_line_gets_its_own_error_first(
        make_link: LinkFactory, operators: Connect, line: bytes, code: str) -> None:
    link = make_link()
    link.publish_state(state_after("e2e4"))
    operator = operators(link)
    operator.read_hello()
    assert operator.error_for(operator.send_line(line))["code"] == code
    assert operator.authenticate()["type"] == "auth_ok"  # and the connection goes on
    assert "checked like any other line first" in section("3.")


# --- section 5: ref_type, and section 8: the codes of awkward lines -----------------------------

MOVE = b'"game_id":"g1","ply":1,"from_hint":false'


@pytest.mark.parametrize(("line", "code", "ref_type"), [
    (b"hello?", "bad_json", None),
    (b'{"v":2,"type":"move"}', "bad_version", "move"),
    (b'{"type":"say"}', "bad_version", "say"),
    (b'{"v":1,"type":"resign","game_id":"g1","ply":1}', "unknown_type", "resign"),
    (b'{"v":1,"type":"state","game_id":"g1","ply":1}', "unknown_type", "state"),
    (b'{"v":1,"type":"' + b"x" * 40 + b'"}', "unknown_type", "x" * 32),
    (b'{"v":1,"type":""}', "unknown_type", None),
    (b'{"v":1,"game_id":"g1","ply":1}', "bad_field", None),  # no type at all
    (b'{"v":1,"type":7}', "bad_field", None),
    (b'{"v":1,"type":"move",' + MOVE + b',"uci":"E7E5"}', "bad_field", "move"),
    (b'{"v":1,"type":"move","game_id":null,"ply":1,"uci":"e7e5","from_hint":false}',
     "bad_field", "move"),
    (b'\xef\xbb\xbf{"v":1,"type":"move",' + MOVE + b',"uci":"e7e5"}', "bad_json", None),
    (b"[" * 511 + b"]" * 511, "bad_json", None),  # as deep as a line can nest: no crash
    (b"[" * 1023, "bad_json", None),
    (b'{"v":1,"type":"move",' + MOVE + b',"uci":' + b"[" * 400 + b"]" * 400 + b"}",
     "bad_field", "move"),
])
def test_errors_name_the_lines_type_whenever_it_could_be_read(
        make_link: LinkFactory, operators: Connect, line: bytes, code: str,
        ref_type: str | None) -> None:
    link = make_link()
    link.publish_state(state_after("e2e4"))
    operator = joined(link, operators)
    error = operator.error_for(operator.send_line(line))
    assert (error["code"], error["ref_type"]) == (code, ref_type)


def test_the_document_gives_the_codes_of_awkward_lines() -> None:
    codes = section("8.")
    for words in ("a missing `type`", "upper-case", "`game_id` of `null`", "byte order mark",
                  "nest"):
        assert words in codes, words


# --- section 6: say ------------------------------------------------------------------------------

def test_a_say_that_reaches_the_game_is_not_answered(make_link: LinkFactory,
                                                     operators: Connect) -> None:
    link = make_link()
    link.publish_state(state_after("e2e4"))
    operator = joined(link, operators)
    assert next_reply(operator)["type"] == "state"
    operator.send(protocol.Say(game_id="g1", ply=1, text="Échec!"))
    line = move(operator, "e7e4", ply=1)
    error = next_reply(operator)  # nothing came for the say: the next line is about the move
    assert (error["type"], error["ref_line"], error["code"]) == ("error", line, "illegal_move")
    assert "no reply" in section("6.")


# --- section 4 and 9: the numbers staff may change, and the key derivation ----------------------

def test_the_numbers_staff_may_change_are_operator_settings(tmp_path: Path) -> None:
    settings = parse_settings("[operator]\nheartbeat_s = 1.5\ntimeout_s = 4.5\n"
                              "wrong_codes = 2\nwrong_codes_window_s = 30\nrefuse_for_s = 45\n")
    host = host_from_settings(settings, pairing_code=CODE, engine=builtin_command(), port=0)
    host.start()
    try:
        first = RawOperator(host.link.address)
        hello = first.read_hello()
        assert (hello["heartbeat_s"], hello["timeout_s"]) == (1.5, 4.5)
        assert first.authenticate(code="WRONG")["code"] == "bad_proof"
        second = RawOperator(host.link.address)
        refusal = second.authenticate(code="WRONG")
        assert refusal["code"] == "bad_proof" and refusal["retry_after_s"] == 45.0
        assert second.is_closed() and first.is_closed()
        third = RawOperator(host.link.address)
        assert third.read_hello()["code"] == "blocked"
        for operator in (first, second, third):
            operator.close()
    finally:
        host.close()
    limits = section("9.")
    for key in ("heartbeat_s", "timeout_s", "wrong_codes", "wrong_codes_window_s",
                "refuse_for_s"):
        assert f"`{key}`" in limits, key
    with pytest.raises(SettingsError, match=r":3: \[operator\] heartbeat_s"):
        parse_settings("[operator]\ntimeout_s = 4\nheartbeat_s = 3\n", source="s.toml")
    assert Settings().operator_wrong_codes == 5  # the document's defaults


def test_the_key_derivation_is_as_written_and_its_cost_is_measured() -> None:
    pairing = section("4.")
    assert f"iterations = {protocol.PBKDF2_ITERATIONS}" in pairing
    assert "benchmarks/pairing.py" in pairing and BENCHMARK.is_file()
    measured = re.search(r"about (\d+) ms", pairing)
    assert measured is not None, "the document gives the measured cost"
