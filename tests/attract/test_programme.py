"""The act order: varied by the injected randomness, repeatable with a seed, every act in every
round, never the same act twice running, and a failed act left out."""

from __future__ import annotations

import random

from game.ui.attract.programme import Programme

ACTS = ("tour", "greeting", "show")
REPLAYS = tuple(f"replay:{name}" for name in ("napoleon-1809", "philidor", "allgaier",
                                              "lewis", "french"))


def order(seed: int, count: int = 60) -> list[str]:
    programme = Programme(ACTS, REPLAYS, random.Random(seed))
    return [key for key in (programme.next() for _ in range(count)) if key is not None]


def test_a_seed_repeats_the_order_and_seeds_vary_it() -> None:
    assert order(3) == order(3)
    orders = {tuple(order(seed, 10)) for seed in range(8)}
    assert len(orders) == 8
    # Not only which games: the order of the acts themselves varies too.
    kinds = {tuple(key.partition(":")[0] for key in order(seed, 10)) for seed in range(8)}
    assert len(kinds) >= 4


def test_every_act_and_every_replay_comes_round() -> None:
    keys = order(11, 40)
    assert set(keys) == set(ACTS) | set(REPLAYS)
    # Each round of five holds every act and two replays.
    for start in range(0, 40, 5):
        chunk = keys[start:start + 5]
        assert set(ACTS) <= set(chunk), chunk
        assert sum(key.startswith("replay:") for key in chunk) == 2, chunk


def test_never_the_same_kind_of_act_twice_running() -> None:
    for seed in range(30):
        kinds = [key.partition(":")[0] for key in order(seed, 200)]
        repeats = [i for i in range(1, len(kinds)) if kinds[i] == kinds[i - 1]]
        assert repeats == [], (seed, repeats[:3])


def test_a_failed_act_is_left_out() -> None:
    programme = Programme(ACTS, REPLAYS, random.Random(5))
    programme.drop("tour")
    programme.drop("replay:philidor")
    keys = [programme.next() for _ in range(50)]
    assert "tour" not in keys and "replay:philidor" not in keys
    assert {"greeting", "show", "replay:napoleon-1809"} <= set(keys)


def test_with_nothing_left_it_says_so() -> None:
    programme = Programme(["tour"], [], random.Random(1))
    assert programme.next() == "tour"
    programme.drop("tour")
    assert programme.next() is None


def test_a_single_act_still_plays() -> None:
    programme = Programme([], ["replay:napoleon-1809"], random.Random(1))
    assert [programme.next() for _ in range(3)] == ["replay:napoleon-1809"] * 3
