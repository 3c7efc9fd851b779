"""The journal's line format: every entry round-trips, a game replays with the very same
records, a torn last line (cut at any byte) is dropped and the rest replays, and anything
else damaged is reported with its line number."""

from __future__ import annotations

import dataclasses
import json

import chess
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.model.journal import (
    CrewLine,
    EndLine,
    Entry,
    GameLine,
    JournalDamagedError,
    JournalLineError,
    MoveLine,
    TakeBackLine,
    decode,
    encode,
    read_journal,
)
from game.model.records import MoveAuthor, MoveRecord
from game.model.session import DrawClaim, GameSession, Termination

texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
seconds = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)


def header(game_id: str = "0123abcd4567", fen: str = chess.STARTING_FEN,
           visitor: chess.Color = chess.WHITE) -> GameLine:
    return GameLine(game_id, fen, visitor, color="random", level=2,
                    headers=(("VisitFormat", "full"), ("TimeCap", "600")),
                    started="2025-05-01T10:00:00.000")


@st.composite
def games(draw: st.DrawFn) -> tuple[list[Entry], GameSession, CrewLine, float]:
    """A journal of a random game (random legal moves, authors, details, think times, crew
    changes, takebacks and an ending of any kind), with the session it must replay to."""
    visitor = draw(st.booleans())
    line = header(draw(st.text("0123456789abcdef", min_size=12, max_size=12)), visitor=visitor)
    session = GameSession(visitor_color=visitor, game_id=line.game_id, headers=dict(line.headers))
    entries: list[Entry] = [line]
    crew, lever = CrewLine(), 0.0
    for _ in range(draw(st.integers(0, 40))):
        if session.is_over:
            break
        step = draw(st.sampled_from(["move", "move", "move", "crew", "back"]))
        if step == "crew":
            crew = CrewLine(draw(st.sampled_from(["engine", "operator", "hybrid"])),
                            draw(texts), draw(texts), draw(texts))
            entries.append(crew)
        elif step == "back" and session.can_take_back():
            entries.append(TakeBackLine(session.take_back()))
        else:
            moves = sorted(session.board().legal_moves, key=chess.Move.uci)
            move = draw(st.sampled_from(moves))
            author = draw(st.sampled_from(list(MoveAuthor)))
            lever = draw(seconds)
            record = session.apply(move, author, detail=draw(texts), think_s=draw(seconds),
                                   engine_name=draw(texts),
                                   level=draw(st.none() | st.integers(1, 8)))
            entries.append(MoveLine(record, lever_s=lever))
    if not session.is_over and draw(st.booleans()):
        kind = draw(st.sampled_from(["resign", "abandon", "adjudicate", "claim"]))
        note = ""
        if kind == "resign":
            session.resign(draw(st.booleans()))
        elif kind == "abandon":
            session.abandon()
        elif kind == "adjudicate":
            note = draw(texts)
            session.adjudicate(draw(st.sampled_from([chess.WHITE, chess.BLACK, None])), note=note)
        elif session.draw_claims():
            session.claim_draw(session.draw_claims()[0])
    if session.ending is not None:
        lever = draw(seconds)
        ending = session.ending
        entries.append(EndLine(ending.termination, ending.winner,
                               note=session.headers.get("Adjudication", ""), lever_s=lever))
    return entries, session, crew, lever


@settings(max_examples=150, deadline=None)
@given(games())
def test_a_journal_replays_to_the_same_game(
        game: tuple[list[Entry], GameSession, CrewLine, float]) -> None:
    entries, session, crew, lever = game
    text = "".join(encode(entry) for entry in entries)
    assert text.isascii() and text.count("\n") == len(entries)
    assert [decode(line) for line in text.splitlines()] == entries
    replayed = read_journal(text)
    assert replayed is not None and replayed.torn == ""
    assert replayed.session.records == session.records  # authors, details, think times
    assert replayed.session.position == session.position
    assert replayed.session.ending == session.ending
    assert replayed.session.headers == session.headers
    assert replayed.session.game_id == session.game_id
    assert replayed.session.visitor_color == session.visitor_color
    assert replayed.crew == crew and replayed.lever_s == lever
    assert replayed.header == entries[0]


def test_every_field_of_a_move_record_is_written() -> None:
    """A field added to ``MoveRecord`` must be journaled too, or a resumed game's reveal
    would lose it."""
    record = MoveRecord(ply=0, uci="e2e4", san="e4", author=MoveAuthor.OPERATOR,
                        detail="Clara", think_s=3.5, engine_name="The Turk 1.0", level=4)
    data = json.loads(encode(MoveLine(record, lever_s=12.0)))
    assert {field.name for field in dataclasses.fields(MoveRecord)} <= set(data)
    assert decode(encode(MoveLine(record, lever_s=12.0))) == MoveLine(record, lever_s=12.0)


def sample_journal() -> tuple[str, GameSession]:
    session = GameSession(visitor_color=chess.BLACK, game_id="feedfacecafe")
    entries: list[Entry] = [header("feedfacecafe", visitor=chess.BLACK),
                            CrewLine("operator", "Wolfgang Schlumberger")]
    for index, san in enumerate(["e4", "e5", "Nf3", "Nc6", "Bb5", "a6"]):
        author = MoveAuthor.VISITOR if index % 2 else MoveAuthor.OPERATOR
        record = session.apply(session.board().parse_san(san), author,
                               detail="" if index % 2 else "at the lever", think_s=index * 1.5)
        entries.append(MoveLine(record, lever_s=index * 10.0))
    return "".join(encode(entry) for entry in entries), session


def test_a_torn_last_line_at_every_byte_offset_is_dropped_and_the_rest_replays() -> None:
    text, session = sample_journal()
    line_ends = [index + 1 for index, char in enumerate(text) if char == "\n"]
    for offset in range(len(text) + 1):
        cut = text[:offset]
        whole_lines = sum(1 for end in line_ends if end <= offset)
        game = read_journal(cut)
        if whole_lines == 0:
            assert game is None, offset  # not even the game's first line: no game
            continue
        assert game is not None, offset
        moves = max(0, whole_lines - 2)  # the header and the crew come first
        assert game.session.records == session.records[:moves], offset
        board = chess.Board(session.start_fen)
        for record in session.records[:moves]:
            board.push_uci(record.uci)
        assert game.session.position.fen == board.fen(), offset
        assert (game.torn != "") == (not cut.endswith("\n")), offset
        if whole_lines >= 2:
            assert game.crew.operator_name == "Wolfgang Schlumberger"


@pytest.mark.parametrize(("line", "reason"), [
    ("not json at all", "not JSON"),
    ('{"k":"move","ply":2,"uci":"g1f3","san":"Nf3","author":"wizard","detail":"",'
     '"think_s":0,"engine_name":"","level":null,"lever_s":0}', "wizard"),
    ('{"k":"move","ply":2,"uci":"e1e8","san":"Ke8","author":"visitor","detail":"",'
     '"think_s":0,"engine_name":"","level":null,"lever_s":0}', "does not fit"),
    ('{"k":"move","ply":5,"uci":"g1f3","san":"Nf3","author":"visitor","detail":"",'
     '"think_s":0,"engine_name":"","level":null,"lever_s":0}', "does not fit"),
    ('{"k":"back","plies":9}', "withdrawn"),
    ('{"k":"end","termination":"checkmate","winner":"white","note":"","lever_s":0}',
     "checkmate"),
    ('{"k":"spell","text":"hello"}', "unknown kind"),
    ("[1, 2]", "not a JSON object"),
])
def test_a_damaged_line_before_the_last_is_reported_with_its_number(line: str,
                                                                    reason: str) -> None:
    text, _ = sample_journal()
    lines = text.splitlines(keepends=True)
    damaged = "".join(lines[:4]) + line + "\n" + "".join(lines[4:])
    with pytest.raises(JournalDamagedError) as caught:
        read_journal(damaged)
    assert caught.value.line == 5 and reason in str(caught.value)
    partial = caught.value.partial
    assert partial is not None and partial.session.ply == 2  # as far as it replayed


def test_a_line_after_the_ending_is_damage() -> None:
    text, session = sample_journal()
    end = encode(EndLine(Termination.RESIGNATION, chess.WHITE))
    more = encode(TakeBackLine(1))
    with pytest.raises(JournalDamagedError) as caught:
        read_journal(text + end + more)
    assert caught.value.line == text.count("\n") + 2
    game = read_journal(text + end)
    assert game is not None and game.is_over and game.session.ply == session.ply


def test_a_journal_that_does_not_begin_with_its_game_is_damage() -> None:
    text, _ = sample_journal()
    with pytest.raises(JournalDamagedError) as caught:
        read_journal("".join(text.splitlines(keepends=True)[1:]))
    assert caught.value.line == 1 and caught.value.partial is None


def test_a_damaged_line_quotes_only_a_little_of_itself() -> None:
    text, _ = sample_journal()
    with pytest.raises(JournalDamagedError) as caught:
        read_journal(text + "x" * 10_000 + "\n" + encode(TakeBackLine(1)))
    assert len(str(caught.value)) < 200


def test_claims_and_automatic_endings_replay() -> None:
    session = GameSession(visitor_color=chess.WHITE, game_id="aaaabbbbcccc")
    entries: list[Entry] = [header("aaaabbbbcccc")]
    for san in ["Nf3", "Nf6", "Ng1", "Ng8", "Nf3", "Nf6", "Ng1", "Ng8"]:
        author = MoveAuthor.VISITOR if session.is_visitor_turn else MoveAuthor.ENGINE
        entries.append(MoveLine(session.apply(session.board().parse_san(san), author)))
    session.claim_draw(DrawClaim.THREEFOLD_REPETITION)
    entries.append(EndLine(Termination.THREEFOLD_REPETITION, None))
    game = read_journal("".join(encode(e) for e in entries))
    assert game is not None and game.session.ending == session.ending

    mate = GameSession(visitor_color=chess.WHITE, game_id="ddddeeeeffff")
    entries = [header("ddddeeeeffff")]
    for san in ["f3", "e5", "g4", "Qh4#"]:
        author = MoveAuthor.VISITOR if mate.is_visitor_turn else MoveAuthor.BOOK
        entries.append(MoveLine(mate.apply(mate.board().parse_san(san), author)))
    assert mate.ending is not None
    entries.append(EndLine(Termination.CHECKMATE, chess.BLACK))
    game = read_journal("".join(encode(e) for e in entries))
    assert game is not None and game.session.ending == mate.ending


def test_an_unknown_format_version_is_refused() -> None:
    line = encode(header()).replace('"v":1', '"v":99')
    with pytest.raises(JournalLineError, match="format 99"):
        decode(line)
