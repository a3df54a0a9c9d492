"""Peer rotation: the next colleagues on the team's ring."""

from collections import Counter

import pytest
from engine.rotation import next_peers
from hypothesis import given
from hypothesis import strategies as st

teams = st.lists(
    st.integers(min_value=1, max_value=10_000), min_size=1, max_size=30, unique=True
)


def test_the_next_colleagues_wrapping_around():
    team = [1, 2, 3, 4, 5]
    assert next_peers(team, 1, 2) == [2, 3]
    assert next_peers(team, 4, 3) == [5, 1, 2]
    assert next_peers(team, 5, 10) == [1, 2, 3, 4], "never more than the team"


def test_colleagues_already_peers_are_skipped_not_counted():
    assert next_peers([1, 2, 3, 4, 5], 1, 2, taken={2}) == [3, 4]
    assert next_peers([1, 2, 3], 1, 2, taken={2, 3}) == []


def test_alone_or_nothing_wanted():
    assert next_peers([7], 7, 3) == []
    assert next_peers([1, 2, 3], 2, 0) == []
    assert next_peers([1, 2, 3], 2, -1) == []


def test_a_member_outside_the_team_is_a_programming_error():
    with pytest.raises(ValueError):
        next_peers([1, 2], 3, 1)


@given(teams, st.integers(min_value=0, max_value=40), st.data())
def test_never_oneself_never_twice_at_most_wanted(team, wanted, data):
    member = data.draw(st.sampled_from(team))
    taken = set(data.draw(st.lists(st.sampled_from(team), max_size=5)))
    peers = next_peers(team, member, wanted, taken)
    assert member not in peers
    assert len(peers) == len(set(peers))
    assert len(peers) <= max(wanted, 0)
    assert not set(peers) & taken
    assert set(peers) <= set(team)
    free = len(set(team) - taken - {member})
    assert len(peers) == min(max(wanted, 0), free), "as many as there are"


@given(teams, st.integers(min_value=0, max_value=40))
def test_everyone_reviews_as_many_peers_as_review_them(team, wanted):
    reviews = {member: next_peers(team, member, wanted) for member in team}
    reviewed_by = Counter(peer for peers in reviews.values() for peer in peers)
    expected = min(wanted, len(team) - 1)
    for member in team:
        assert len(reviews[member]) == expected
        assert reviewed_by[member] == expected
