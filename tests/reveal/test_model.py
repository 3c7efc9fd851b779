"""The pure model of the reveal: counts per author, stand-ins, minutes, verdicts, the ledger."""

from __future__ import annotations

import chess
import pytest

from game.model.records import MoveAuthor, MoveRecord
from game.model.reveal import (
    Guess,
    OpeningNote,
    TurkMode,
    Verdict,
    build_facts,
    build_ledger,
    minutes_at_lever,
)
from tests.reveal.conftest import game_records

A = MoveAuthor


def facts_for(authors: list[MoveAuthor], mode: TurkMode, *, plies: int = 20,
              seconds: float = 0.0, name: str = ""):  # type: ignore[no-untyped-def]
    records = game_records(authors, plies=plies)
    return records, build_facts(records, game_id="g1", start_fen=chess.STARTING_FEN,
                                visitor_color=chess.WHITE, mode=mode, operator_name=name,
                                operator_seconds=seconds)


def test_counts_are_per_author_of_the_turks_moves_only() -> None:
    records, facts = facts_for([A.BOOK, A.BOOK, A.ENGINE], TurkMode.ENGINE, plies=20)
    turk = [r for r in records if r.author is not A.VISITOR]
    assert facts.turk_moves == len(turk) == 10
    assert facts.counts[A.BOOK] == sum(1 for r in turk if r.author is A.BOOK) == 7
    assert facts.counts[A.ENGINE] == 3
    assert A.VISITOR not in facts.counts
    assert facts.machine_moves == 10 and facts.operator_moves == 0
    assert facts.stand_in_moves == 0 and not facts.has_stand_in


def test_hybrid_counts_accepted_suggestions_and_own_moves() -> None:
    _, facts = facts_for([A.OPERATOR_HINT, A.OPERATOR, A.OPERATOR], TurkMode.HYBRID)
    assert (facts.accepted_hints, facts.own_moves, facts.operator_moves) == (4, 6, 10)
    assert facts.mode is TurkMode.HYBRID


def test_moves_the_engine_made_for_an_absent_operator_are_counted_as_stand_ins() -> None:
    authors = [A.OPERATOR] * 4 + [A.ENGINE_STANDIN] * 3 + [A.BOOK]
    _, facts = facts_for(authors, TurkMode.OPERATOR, plies=16, name="  Ada  ")
    assert facts.operator_moves == 4
    assert facts.stand_in_moves == 4  # a book move in an operator's game is the stand-in's
    assert facts.has_stand_in
    assert facts.mode is TurkMode.OPERATOR
    assert facts.operator_name == "Ada"


def test_an_operator_who_made_no_move_did_not_play() -> None:
    _, facts = facts_for([A.ENGINE_STANDIN], TurkMode.OPERATOR, plies=10)
    assert facts.crew_mode is TurkMode.OPERATOR
    assert facts.mode is TurkMode.ENGINE
    assert facts.truth is Guess.MACHINE
    assert not facts.has_stand_in  # the page says "the program filled in" only for a person


@pytest.mark.parametrize(("mode", "authors", "guess", "verdict"), [
    (TurkMode.ENGINE, [A.ENGINE], Guess.MACHINE, Verdict.RIGHT),
    (TurkMode.ENGINE, [A.ENGINE], Guess.PERSON, Verdict.FOOLED),
    (TurkMode.OPERATOR, [A.OPERATOR], Guess.PERSON, Verdict.RIGHT),
    (TurkMode.OPERATOR, [A.OPERATOR], Guess.MACHINE, Verdict.FOOLED),
    (TurkMode.HYBRID, [A.OPERATOR_HINT], Guess.MACHINE, Verdict.BOTH),
    (TurkMode.HYBRID, [A.OPERATOR], Guess.PERSON, Verdict.BOTH),
])
def test_verdict_on_the_guess(mode: TurkMode, authors: list[MoveAuthor], guess: Guess,
                              verdict: Verdict) -> None:
    _, facts = facts_for(authors, mode)
    assert facts.verdict(guess) is verdict
    assert facts.verdict(None) is None


@pytest.mark.parametrize(("seconds", "minutes"), [(0, 0), (-3, 0), (5, 1), (89, 1), (90, 2),
                                                  (600, 10), (629, 10), (630, 11)])
def test_minutes_at_the_lever(seconds: float, minutes: int) -> None:
    assert minutes_at_lever(seconds) == minutes


def test_ledger_replays_the_records_with_positions_and_numbers() -> None:
    records, facts = facts_for([A.ENGINE], TurkMode.ENGINE, plies=12)
    board = chess.Board()
    for record, entry in zip(records, facts.ledger, strict=True):
        number, white = board.fullmove_number, board.turn == chess.WHITE
        board.push_uci(record.uci)
        assert (entry.ply, entry.san, entry.uci, entry.author) == (
            record.ply, record.san, record.uci, record.author)
        assert entry.fen == board.fen()
        assert entry.by_turk == (record.author is not A.VISITOR)
        assert (entry.move_number, entry.is_white) == (number, white)


def test_ledger_from_a_set_position_with_black_to_move() -> None:
    fen = "rnbqkbnr/ppppp1pp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1"
    board = chess.Board(fen)
    move = chess.Move.from_uci("e2e4")
    ledger = build_ledger([MoveRecord(0, move.uci(), board.san(move), A.VISITOR)], fen)
    assert (ledger[0].move_number, ledger[0].is_white) == (1, True)


def test_an_illegal_record_is_refused() -> None:
    with pytest.raises(ValueError, match="not legal"):
        build_ledger([MoveRecord(0, "e2e5", "e5", A.VISITOR)], chess.STARTING_FEN)


def test_book_moves_played_end_with_the_reply_to_the_last_book_move() -> None:
    records, facts = facts_for([A.BOOK, A.BOOK, A.ENGINE], TurkMode.ENGINE, plies=12)
    last_book = max(r.ply for r in records if r.author is A.BOOK)
    assert [m.uci() for m in facts.book_moves_played] == [r.uci for r in records
                                                         if r.ply <= last_book + 1]
    _, no_book = facts_for([A.ENGINE], TurkMode.ENGINE, plies=12)
    assert no_book.book_moves_played == ()


def test_opening_is_carried() -> None:
    records = game_records([A.BOOK], plies=4)
    opening = OpeningNote("Ruy Lopez", ("Ruy López de Segura",), "16th century", ("W1",))
    facts = build_facts(records, game_id="g", start_fen=chess.STARTING_FEN,
                        visitor_color=chess.WHITE, mode=TurkMode.ENGINE, opening=opening)
    assert facts.opening == opening


def test_unknown_mode_is_named() -> None:
    with pytest.raises(ValueError, match="engine, operator or hybrid"):
        TurkMode.parse("puppet")
