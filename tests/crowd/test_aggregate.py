"""The aggregation rules, as properties over random votes (hypothesis)."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from game.crowd.aggregate import Rule, Vote, aggregate, agrees, majority, worker_weight
from game.crowd.tasks import TaskKind

MOVES = ("e2e4", "d2d4", "g1f3", "c2c4")
answers = st.sampled_from([(m,) for m in MOVES])
votes_strategy = st.lists(answers, min_size=1, max_size=30).map(
    lambda picked: [Vote(f"w{i}", answer, i) for i, answer in enumerate(picked)])
rankings = st.permutations(MOVES[:3]).map(tuple)


def test_nobody_answered_gives_no_outcome() -> None:
    for rule in Rule:
        assert aggregate(TaskKind.PROPOSE, [], rule) is None


@given(votes_strategy)
def test_first_answer_is_the_earliest(votes: list[Vote]) -> None:
    shuffled = list(reversed(votes))
    assert aggregate(TaskKind.PROPOSE, shuffled, Rule.FIRST) == votes[0].answer


@given(votes_strategy)
def test_plurality_is_the_most_given_answer_earliest_on_ties(votes: list[Vote]) -> None:
    outcome = aggregate(TaskKind.PROPOSE, votes, Rule.PLURALITY)
    counts = Counter(v.answer for v in votes)
    best = max(counts.values())
    assert outcome is not None and counts[outcome] == best
    tied = [v.answer for v in votes if counts[v.answer] == best]
    assert outcome == tied[0]


@given(votes_strategy)
def test_weighted_with_equal_weights_is_plurality(votes: list[Vote]) -> None:
    weights = {v.worker_id: 0.7 for v in votes}
    assert aggregate(TaskKind.PROPOSE, votes, Rule.WEIGHTED, weights=weights) == \
        aggregate(TaskKind.PROPOSE, votes, Rule.PLURALITY)


@given(votes_strategy, st.lists(st.floats(0.01, 1.0), min_size=30, max_size=30))
def test_weighted_picks_the_heaviest_answer(votes: list[Vote], raw: list[float]) -> None:
    weights = {v.worker_id: raw[i] for i, v in enumerate(votes)}
    outcome = aggregate(TaskKind.PROPOSE, votes, Rule.WEIGHTED, weights=weights)
    totals: dict[tuple[str, ...], float] = {}
    for v in votes:
        totals[v.answer] = totals.get(v.answer, 0.0) + weights[v.worker_id]
    assert outcome is not None and totals[outcome] == max(totals.values())


def test_a_trusted_worker_outweighs_two_who_often_disagreed() -> None:
    votes = [Vote("old", ("e2e4",), 0), Vote("new1", ("d2d4",), 1), Vote("new2", ("d2d4",), 2)]
    weights = {"old": worker_weight(20, 20), "new1": worker_weight(2, 10),
               "new2": worker_weight(1, 10)}
    assert aggregate(TaskKind.PROPOSE, votes, Rule.WEIGHTED, weights=weights) == ("e2e4",)
    assert aggregate(TaskKind.PROPOSE, votes, Rule.PLURALITY) == ("d2d4",)


@given(st.lists(rankings, min_size=1, max_size=20), st.sampled_from(list(Rule)))
def test_a_ranking_outcome_orders_every_candidate(picked: list[tuple[str, ...]],
                                                   rule: Rule) -> None:
    votes = [Vote(f"w{i}", r, i) for i, r in enumerate(picked)]
    outcome = aggregate(TaskKind.RATE, votes, rule, candidates=MOVES[:3])
    assert outcome is not None and sorted(outcome) == sorted(MOVES[:3])


@given(rankings, st.integers(1, 15))
def test_unanimous_rankings_are_the_outcome(ranking: tuple[str, ...], n: int) -> None:
    votes = [Vote(f"w{i}", ranking, i) for i in range(n)]
    assert aggregate(TaskKind.RATE, votes, Rule.PLURALITY, candidates=MOVES[:3]) == ranking


def test_borda_counts_every_place() -> None:
    # Two first places for c, but b is everyone's first or second: b has more points.
    votes = [Vote("1", ("c", "b", "a"), 0), Vote("2", ("c", "b", "a"), 1),
             Vote("3", ("b", "a", "c"), 2), Vote("4", ("b", "a", "c"), 3),
             Vote("5", ("a", "b", "c"), 4)]
    assert aggregate(TaskKind.RATE, votes, Rule.PLURALITY, candidates=("a", "b", "c")) == \
        ("b", "a", "c")


def test_ties_between_candidates_go_to_the_engines_order() -> None:
    votes = [Vote("1", ("b", "a", "c"), 0), Vote("2", ("a", "b", "c"), 1)]
    assert aggregate(TaskKind.RATE, votes, Rule.PLURALITY, candidates=("a", "b", "c"))[0] == "a"


def test_a_ranking_agrees_when_its_first_choice_is_played() -> None:
    assert agrees(TaskKind.RATE, ("a", "c", "b"), ("a", "b", "c"))
    assert not agrees(TaskKind.RATE, ("b", "a", "c"), ("a", "b", "c"))
    assert agrees(TaskKind.PROPOSE, ("e2e4",), ("e2e4",))
    assert not agrees(TaskKind.LABEL, ("yes",), None)


@given(votes_strategy)
def test_majority_is_plurality(votes: list[Vote]) -> None:
    assert majority(TaskKind.LABEL, votes) == aggregate(TaskKind.LABEL, votes, Rule.PLURALITY)


@given(st.integers(0, 100), st.integers(0, 100))
def test_weights_stay_between_zero_and_one(agreed: int, extra: int) -> None:
    weight = worker_weight(agreed, agreed + extra)
    assert 0 < weight < 1
    assert worker_weight(0, 0) == 0.5
