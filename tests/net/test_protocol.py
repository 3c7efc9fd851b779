"""The pure protocol: every message round-trips, bad lines and fields are named, the pairing
proof matches the document's worked example, and the document lists what the code knows."""

from __future__ import annotations

import json
import re
from pathlib import Path

import chess
import pytest
from conftest import state_after

from game.net import protocol
from game.net.pairing import CODE_LENGTH

DOC = Path(__file__).resolve().parents[2] / "docs" / "operator-protocol.md"

HINT = protocol.Hint(uci="g1f3", san="Nf3", cp=35, mate=None)
KIOSK_MESSAGES: list[protocol.KioskMessage] = [
    protocol.Hello(game_id=None, ply=0, nonce="ab" * 32, salt="cd" * 16, heartbeat_s=2.0,
                   timeout_s=6.0, max_line_bytes=1024),
    protocol.AuthOk(game_id="g1", ply=3, name="Jacques-François Mouret"),
    protocol.AuthRefused(game_id=None, ply=0, code="blocked", reason="too many wrong codes",
                         retry_after_s=97.5),
    state_after("e2e4", "e7e5", countdown_s=12.5, turk_color=chess.WHITE),
    state_after("f2f3", "e7e5", "g2g4", "d8h4", status="over"),
    protocol.MoveAck(game_id="g1", ply=4, uci="e7e8q"),
    protocol.VisitorLift(game_id="g1", ply=4, square="h8"),
    protocol.VisitorDrop(game_id="g1", ply=4, from_square="h8", to_square=None),
    protocol.VisitorDrop(game_id="g1", ply=4, from_square="h8", to_square="h1"),
    protocol.Hints(game_id="g1", ply=4, hints=(
        HINT, protocol.Hint(uci="e1g1", san="O-O", cp=None, mate=-2),
        protocol.Hint(uci="e7e8q", san="e8=Q+", cp=900, mate=None))),
    protocol.Hints(game_id="g1", ply=4, hints=()),
    protocol.StoodIn(game_id="g1", ply=9, uci="a7a8n"),
    protocol.VisitorLeft(game_id="g1", ply=9),
    protocol.GameOver(game_id="g1", ply=9, result="1/2-1/2", reason="threefold_repetition"),
    protocol.ErrorReply(game_id="g1", ply=9, code="stale_ply", reason="ply 8 is not 9",
                        ref_line=12, ref_type="move"),
    protocol.ErrorReply(game_id=None, ply=0, code="timeout", reason="nothing heard",
                        ref_line=None, ref_type=None),
    protocol.Heartbeat(game_id="g1", ply=9),
]
OPERATOR_MESSAGES: list[protocol.OperatorMessage] = [
    protocol.Auth(game_id=None, ply=0, name="Ömer Öztürk", proof="0f" * 32),
    protocol.OperatorMove(game_id="g1", ply=5, uci="b7b8q", from_hint=True),
    protocol.Say(game_id="g1", ply=5, text="ÉCHEC! Ça va? (Oui.) \"Gut\": ÄÖÜẞ-1770;"),
    protocol.Heartbeat(),
]


@pytest.mark.parametrize("message", KIOSK_MESSAGES, ids=lambda m: m.TYPE)
def test_kiosk_messages_round_trip(message: protocol.KioskMessage) -> None:
    line = protocol.encode(message)
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert list(json.loads(line))[:4] == ["v", "type", "game_id", "ply"]
    assert protocol.decode_kiosk(line) == message


@pytest.mark.parametrize("message", OPERATOR_MESSAGES, ids=lambda m: m.TYPE)
def test_operator_messages_round_trip(message: protocol.OperatorMessage) -> None:
    line = protocol.encode(message)
    assert len(line) <= protocol.MAX_OPERATOR_LINE_BYTES
    assert protocol.decode_operator(line) == message
    assert protocol.decode_operator(line.rstrip(b"\n") + b"\r\n") == message


def test_the_wire_names_colours_and_lists_as_the_document_says() -> None:
    wire = json.loads(protocol.encode(state_after("e2e4", countdown_s=3.0)))
    assert wire["turk_color"] == "black" and wire["turn"] == "black"
    assert wire["moves"] == ["e2e4"] and wire["result"] is None
    hints = json.loads(protocol.encode(KIOSK_MESSAGES[9]))["hints"]
    assert hints[1] == {"uci": "e1g1", "san": "O-O", "cp": None, "mate": -2}


def test_a_state_is_checked_for_consistency() -> None:
    good = json.loads(protocol.encode(state_after("e2e4", "e7e5")))
    for field, value, words in [
        ("moves", ["e2e4", "e7e6"], "fen"),
        ("moves", ["e2e4", "e2e4"], "moves[1]"),
        ("moves", ["e2e4"], "'ply' = 2"),
        ("turn", "black", "turn"),
        ("status", "over", "result"),
        ("fen", "8/8/8/8/8/8/8/8 w - - 0 1", "legal chess position"),
        ("countdown_s", -1, "countdown_s"),
        ("turk_color", True, "turk_color"),
    ]:
        bad = dict(good, **{field: value})
        with pytest.raises(protocol.ProtocolError, match=re.escape(words)) as caught:
            protocol.decode_kiosk(json.dumps(bad).encode())
        assert caught.value.code == "bad_field" and caught.value.ref_type == "state"


def test_a_state_from_a_board_keeps_its_start_position() -> None:
    board = chess.Board("8/4P1k1/8/8/8/8/8/K7 w - - 0 1")
    board.push_uci("e7e8q")
    state = protocol.GameState.from_board(board, game_id="study-3", turk_color=chess.BLACK,
                                          status="playing", countdown_s=None)
    assert state.ply == 1 and state.moves == ("e7e8q",) and state.is_turk_to_move
    assert state.replay().fen() == board.fen()
    assert state.start_fen == "8/4P1k1/8/8/8/8/8/K7 w - - 0 1"


@pytest.mark.parametrize(("line", "code", "words"), [
    (b"x" * 2000, "too_long", "at most 1024"),
    (b"\xc3\x28", "bad_encoding", "UTF-8"),
    (b"", "bad_json", "JSON"),
    (b"[1, 2]", "bad_json", "got a list"),
    (b'{"v":1,"v":1}', "bad_json", "repeat"),
    (b'{"v":NaN}', "bad_json", "NaN"),
    (b"[" * 500 + b"]" * 500, "bad_json", "JSON"),
    (b'{"type":"move"}', "bad_version", "'v' must be 1"),
    (b'{"v":true,"type":"move"}', "bad_version", "'v' must be 1"),
    (b'{"v":1}', "bad_field", "'type' is missing"),
    (b'{"v":1,"type":7}', "bad_field", "'type' must be a string"),
    (b'{"v":1,"type":"shout"}', "unknown_type", "unknown message type"),
    (b'{"v":1,"type":"state"}', "unknown_type", "not a message an operator sends"),
    (b'{"v":1,"type":"move","game_id":"g1","ply":1,"uci":"e7e5"}', "bad_field",
     "'from_hint' is missing"),
    (b'{"v":1,"type":"move","game_id":null,"ply":1,"uci":"e7e5","from_hint":false}',
     "bad_field", "'game_id'"),
    (b'{"v":1,"type":"move","game_id":"g 1","ply":1,"uci":"e7e5","from_hint":false}',
     "bad_field", "'game_id'"),
    (b'{"v":1,"type":"move","game_id":"g1","ply":-1,"uci":"e7e5","from_hint":false}',
     "bad_field", "'ply' must be between"),
    (b'{"v":1,"type":"move","game_id":"g1","ply":1.0,"uci":"e7e5","from_hint":false}',
     "bad_field", "'ply' must be an integer"),
    (b'{"v":1,"type":"move","game_id":"g1","ply":1,"uci":"E7E5","from_hint":false}',
     "bad_field", "'uci'"),
    (b'{"v":1,"type":"move","game_id":"g1","ply":1,"uci":"0000","from_hint":false}',
     "bad_field", "'uci'"),
    (b'{"v":1,"type":"move","game_id":"g1","ply":1,"uci":"e7e5","from_hint":0}',
     "bad_field", "'from_hint' must be true or false"),
    (b'{"v":1,"type":"say","game_id":"g1","ply":1,"text":"' + b"A" * 81 + b'"}',
     "bad_field", "at most 80"),
    (b'{"v":1,"type":"say","game_id":"g1","ply":1,"text":"   "}', "bad_field", "empty"),
    (b'{"v":1,"type":"say","game_id":"g1","ply":1,"text":"..."}', "bad_field",
     "at least one letter"),
    (b'{"v":1,"type":"say","game_id":"g1","ply":1,"text":"line\\nbreak"}', "bad_field",
     "'text' may hold only"),
    ('{"v":1,"type":"say","game_id":"g1","ply":1,"text":"Hi 🙂"}'.encode(), "bad_field",
     "🙂"),
    (b'{"v":1,"type":"auth","game_id":null,"ply":0,"name":"Kempelen","proof":"ABCD"}',
     "bad_field", "'proof'"),
    (b'{"v":1,"type":"auth","game_id":null,"ply":0,"name":"","proof":"' + b"0" * 64 + b'"}',
     "bad_field", "'name'"),
])
def test_bad_operator_lines_are_named(line: bytes, code: str, words: str) -> None:
    with pytest.raises(protocol.ProtocolError) as caught:
        protocol.decode_operator(line)
    assert caught.value.code == code
    assert words in caught.value.reason


def test_deep_nesting_is_bad_json_not_a_crash() -> None:
    with pytest.raises(protocol.ProtocolError) as caught:
        protocol.decode_kiosk(b"[" * 16000 + b"]" * 16000)
    assert caught.value.code == "bad_json"


def test_text_is_composed_trimmed_and_collapsed() -> None:
    line = '{"v":1,"type":"say","game_id":"g1","ply":1,"text":"  E\u0301chec   au roi  "}'
    say = protocol.decode_operator(line.encode())
    assert isinstance(say, protocol.Say) and say.text == "Échec au roi"
    with pytest.raises(protocol.ProtocolError, match="NFC"):
        protocol.Say(game_id="g1", ply=1, text="E\u0301chec")


def test_pairing_codes_are_short_unambiguous_and_fresh() -> None:
    codes = {protocol.new_pairing_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code)
        assert set(code.replace("-", "")) <= set(protocol.CODE_ALPHABET)
    assert len(protocol.CODE_ALPHABET) ** CODE_LENGTH > 10**11
    for look_alikes in ("0OQD", "1IL", "5S", "8B", "6G", "2Z", "UV"):
        assert len(set(look_alikes) & set(protocol.CODE_ALPHABET)) <= 1, look_alikes


@pytest.mark.parametrize("code", ["", " - ", "ABC_DEF", "ÄBC", "A" * 65])
def test_malformed_pairing_codes_are_refused(code: str) -> None:
    with pytest.raises(ValueError, match="pairing code"):
        protocol.normalize_pairing_code(code)


def test_the_proof_matches_the_documents_worked_example() -> None:
    example = dict(re.findall(r"^(code|salt|key|nonce|proof)\s+(\S+)", DOC.read_text(),
                              flags=re.MULTILINE))
    assert set(example) == {"code", "salt", "key", "nonce", "proof"}
    key = protocol.derive_key(example["code"].lower(), example["salt"])
    assert key.hex() == example["key"]
    assert protocol.compute_proof(key, example["nonce"]) == example["proof"]
    assert protocol.is_valid_proof(key, example["nonce"], example["proof"])
    assert not protocol.is_valid_proof(key, example["nonce"], "0" * 64)
    other = protocol.derive_key(example["code"], "ff" * 16)
    assert protocol.compute_proof(other, example["nonce"]) != example["proof"]


def test_the_document_names_every_message_error_and_limit() -> None:
    doc = DOC.read_text()
    for cls in (*protocol.KIOSK_TYPES, *protocol.OPERATOR_TYPES):
        assert f"### `{cls.TYPE}`" in doc or f"`{cls.TYPE}`" in doc, cls.TYPE
    for code in (*protocol.ERROR_CODES, *protocol.REFUSAL_CODES):
        assert f"| `{code}` |" in doc or f"`{code}` (" in doc, code
    for number in (protocol.MAX_OPERATOR_LINE_BYTES, protocol.MAX_KIOSK_LINE_BYTES,
                   protocol.MAX_NAME_CHARS, protocol.MAX_SAY_CHARS, protocol.DEFAULT_PORT,
                   protocol.PBKDF2_ITERATIONS):
        assert str(number) in doc.replace(" 000", "000"), number
    assert protocol.ACCENTED_LETTERS in doc
