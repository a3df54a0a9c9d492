import pytest
from engine import (
    EngineError,
    blend,
    check_weights_total,
    weights_total,
)
from hypothesis import assume, given
from hypothesis import strategies as st

PARTS = ["goals", "skills", "values", "peers"]


def test_weights_total():
    assert weights_total({"a": 60, "b": 30, "c": 10}) == 100
    assert weights_total({}) == 0


def test_check_weights_total_tolerance():
    assert check_weights_total({"a": 33.33, "b": 33.33, "c": 33.34}) == pytest.approx(
        100
    )
    assert check_weights_total({"a": 99.995}) == pytest.approx(99.995)
    assert check_weights_total({"a": 1, "b": 0}, expected=1) == 1


def test_check_weights_total_wrong_total_message():
    with pytest.raises(EngineError) as caught:
        check_weights_total({"a": 50, "b": 45.123})
    assert caught.value.code == "weights_total"
    assert caught.value.params == {"total": 95.12, "expected": 100.0}
    assert str(caught.value) == "Weights add up to 95.12, expected 100.0."


def test_check_weights_total_negative_weight():
    with pytest.raises(EngineError) as caught:
        check_weights_total({"a": 110, "b": -10})
    assert caught.value.code == "weight_negative"
    assert caught.value.params == {"part": "b", "weight": -10}


def test_blend_negative_weight():
    with pytest.raises(EngineError) as caught:
        blend({"a": 50}, {"a": 100, "b": -1})
    assert caught.value.code == "weight_negative"


def test_blend_missing_part_versus_zero_weight_part():
    result = blend(
        {"goals": 80, "skills": None, "values": None},
        {
            "goals": 60,
            "skills": 40,
            "values": 0,
        },
    )
    assert result.score == 80
    assert result.effective_weights == {"goals": 100.0}
    # A zero-weight part is neither present nor missing.
    assert result.missing == ("skills",)


def test_blend_weighted_mean_and_ignored_parts():
    result = blend({"a": 90, "b": 60, "stray": 0}, {"a": 75, "b": 25})
    assert result.score == pytest.approx(82.5)
    assert result.effective_weights == {"a": 75.0, "b": 25.0}
    assert result.missing == ()


def test_blend_renormalises_over_present_parts():
    result = blend({"a": 100, "b": 40, "c": None}, {"a": 20, "b": 20, "c": 60})
    assert result.score == pytest.approx(70)
    assert result.effective_weights == {"a": 50.0, "b": 50.0}
    assert result.missing == ("c",)


def test_blend_without_present_part():
    assert blend({"a": None}, {"a": 50, "b": 50}) == (None, {}, ("a", "b"))
    assert blend({"a": 70}, {"a": 0}) == (None, {}, ())


score_maps = st.dictionaries(
    st.sampled_from(PARTS), st.one_of(st.none(), st.floats(0, 100)), max_size=4
)
weight_maps = st.dictionaries(
    st.sampled_from(PARTS),
    st.one_of(st.just(0.0), st.floats(0.01, 100)),
    min_size=1,
    max_size=4,
)


@given(score_maps, weight_maps)
def test_blend_properties(scores, weights):
    result = blend(scores, weights)
    present = [p for p in weights if weights[p] > 0 and scores.get(p) is not None]
    assert set(result.effective_weights) == set(present)
    assert result.missing == tuple(
        sorted(p for p in weights if weights[p] > 0 and scores.get(p) is None)
    )
    if not present:
        assert result.score is None
        return
    values = [scores[p] for p in present]
    assert min(values) <= result.score <= max(values)
    assert sum(result.effective_weights.values()) == pytest.approx(100)


@given(st.floats(0, 100), weight_maps, st.sets(st.sampled_from(PARTS)))
def test_missing_parts_never_drag_the_score(score, weights, missing):
    scores = {p: (None if p in missing else score) for p in PARTS}
    result = blend(scores, weights)
    if result.effective_weights:
        assert result.score == score


@given(score_maps, weight_maps, st.randoms())
def test_blend_order_independent(scores, weights, random):
    def shuffled(mapping):
        items = list(mapping.items())
        random.shuffle(items)
        return dict(items)

    assert blend(shuffled(scores), shuffled(weights)) == blend(scores, weights)


@given(st.floats(0, 100), st.floats(0, 100), st.floats(0.01, 100))
def test_raising_a_part_never_lowers_the_blend(low, raise_by, weight):
    assume(low + raise_by <= 100)
    weights = {"a": weight, "b": 100 - weight}
    before = blend({"a": low, "b": 50}, weights).score
    after = blend({"a": low + raise_by, "b": 50}, weights).score
    assert after >= before - 1e-9
