"""The match: pacing holds the Turk's replies, stale and illegal replies never reach the game."""

from __future__ import annotations

import random

import chess
import pytest

from game.match import (
    GameEnded,
    Match,
    MovePlayed,
    MovesTakenBack,
    OpponentFailed,
    TurkThinking,
)
from game.model.pacing import Pacing
from game.model.records import MoveAuthor
from game.model.session import GameError, GameSession
from game.opponents.base import MoveReply, MoveRequest
from game.opponents.scripted import ScriptedOpponent


class ReplyOnDemand:
    """An opponent whose replies the test hands over explicitly."""

    def __init__(self) -> None:
        self.requests: list[MoveRequest] = []
        self.outbox: list[MoveReply] = []
        self.cancelled = 0

    @property
    def description(self) -> str:
        return "test"

    def start(self) -> None:
        pass

    def request_move(self, request: MoveRequest) -> None:
        self.requests.append(request)

    def poll(self) -> MoveReply | None:
        return self.outbox.pop(0) if self.outbox else None

    def cancel(self) -> None:
        self.cancelled += 1

    def close(self) -> None:
        pass


def run(match: Match, seconds: float, step: float = 1 / 60) -> list[object]:
    events: list[object] = []
    for _ in range(round(seconds / step)):
        events += match.update(step)
    return events


def moves(*ucis: str) -> list[chess.Move]:
    return [chess.Move.from_uci(u) for u in ucis]


def test_the_turks_reply_waits_for_the_planned_thinking_time() -> None:
    pacing = Pacing(min_think_s=1.0, max_think_s=1.0, per_choice_s=0, spread=0)
    match = Match(GameSession(visitor_color=chess.WHITE),
                  ScriptedOpponent(moves("e2e4", "e7e5")), pacing=pacing)
    events = match.play_visitor_move(chess.Move.from_uci("e2e4"))
    assert isinstance(events[0], MovePlayed) and events[0].by_visitor
    early = run(match, 0.9)
    assert TurkThinking(True) in early
    assert not any(isinstance(e, MovePlayed) for e in early)
    late = run(match, 0.2)
    played = [e for e in late if isinstance(e, MovePlayed)]
    assert len(played) == 1 and played[0].record.san == "e5"
    assert played[0].record.author is MoveAuthor.SCRIPTED
    assert played[0].record.think_s == pytest.approx(1.0, abs=0.05)
    assert TurkThinking(False) in late


def test_stale_replies_are_dropped() -> None:
    opponent = ReplyOnDemand()
    session = GameSession(visitor_color=chess.WHITE)
    match = Match(session, opponent, pacing=Pacing.instant())
    match.play_visitor_move(chess.Move.from_uci("e2e4"))
    match.update(0.01)
    request = opponent.requests[-1]
    opponent.outbox += [
        MoveReply("another-game", request.ply, chess.Move.from_uci("e7e5"), MoveAuthor.ENGINE),
        MoveReply(request.game_id, request.ply - 1, chess.Move.from_uci("e7e5"),
                  MoveAuthor.ENGINE),
    ]
    run(match, 0.1)
    assert session.ply == 1
    opponent.outbox.append(MoveReply(request.game_id, request.ply, chess.Move.from_uci("c7c5"),
                                     MoveAuthor.ENGINE))
    run(match, 0.1)
    assert session.ply == 2 and session.records[-1].san == "c5"


@pytest.mark.expect_error_log
def test_an_illegal_reply_fails_the_opponent_without_changing_the_game() -> None:
    opponent = ReplyOnDemand()
    session = GameSession(visitor_color=chess.WHITE)
    match = Match(session, opponent, pacing=Pacing.instant())
    match.play_visitor_move(chess.Move.from_uci("e2e4"))
    match.update(0.01)
    request = opponent.requests[-1]
    opponent.outbox.append(MoveReply(request.game_id, request.ply,
                                     chess.Move.from_uci("e7e4"), MoveAuthor.OPERATOR))
    events = run(match, 0.05)
    assert any(isinstance(e, OpponentFailed) for e in events)
    assert session.ply == 1 and match.has_failed
    assert run(match, 0.5) == []  # it waits for retry()
    match.retry()
    match.update(0.01)
    assert len(opponent.requests) == 2


def test_take_back_while_the_turk_thinks_cancels_the_request() -> None:
    opponent = ReplyOnDemand()
    session = GameSession(visitor_color=chess.WHITE)
    match = Match(session, opponent, pacing=Pacing.instant())
    match.play_visitor_move(chess.Move.from_uci("d2d4"))
    match.update(0.01)
    assert match.is_turk_thinking
    events = match.take_back()
    assert opponent.cancelled == 1 and not match.is_turk_thinking
    assert isinstance(events[-1], MovesTakenBack) and events[-1].plies == 1
    assert session.ply == 0


def test_visitor_cannot_move_out_of_turn() -> None:
    match = Match(GameSession(visitor_color=chess.BLACK), ReplyOnDemand(),
                  pacing=Pacing.instant())
    with pytest.raises(GameError):
        match.play_visitor_move(chess.Move.from_uci("e2e4"))


def test_resignation_ends_the_game_and_stops_thinking() -> None:
    opponent = ReplyOnDemand()
    match = Match(GameSession(visitor_color=chess.BLACK), opponent, pacing=Pacing.instant())
    match.update(0.01)
    events = match.resign()
    assert TurkThinking(False) in events
    assert isinstance(events[-1], GameEnded) and events[-1].ending.winner == chess.WHITE


def test_a_person_is_never_shown_sooner_than_the_minimum() -> None:
    opponent = ReplyOnDemand()
    pacing = Pacing(min_think_s=1.0, max_think_s=5.0, per_choice_s=0.5, spread=0.0)
    session = GameSession(visitor_color=chess.WHITE)
    match = Match(session, opponent, pacing=pacing, rng=random.Random(1))
    match.play_visitor_move(chess.Move.from_uci("e2e4"))
    match.update(0.01)
    request = opponent.requests[-1]
    opponent.outbox.append(MoveReply(request.game_id, request.ply,
                                     chess.Move.from_uci("e7e5"), MoveAuthor.OPERATOR))
    run(match, 0.8)
    assert session.ply == 1
    run(match, 0.3)
    assert session.ply == 2  # the operator's own timing, not the engine's longer plan
