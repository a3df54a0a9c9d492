import itertools

import pytest
from engine import Band, EngineError, assign_bands, band_for_score, check_bands
from hypothesis import given
from hypothesis import strategies as st

FIVE_BANDS = [
    Band("poor", 0.0, 20.0),
    Band("fair", 20.0, 40.0),
    Band("good", 40.0, 60.0),
    Band("great", 60.0, 80.0),
    Band("outstanding", 80.0, 100.0),
]


def kinds(problems):
    return [problem.kind for problem in problems]


def test_valid_five_band_scale():
    assert check_bands(FIVE_BANDS) == []


def test_input_order_is_irrelevant():
    shuffled = [FIVE_BANDS[i] for i in (3, 0, 4, 2, 1)]
    assert check_bands(shuffled) == []
    assert band_for_score(50, shuffled) == "good"


def test_no_band():
    assert kinds(check_bands([])) == ["no_band"]


def test_inverted_band():
    bands = [Band("a", 0, 50), Band("b", 50, 50), Band("c", 50, 100)]
    problems = check_bands(bands)
    assert ("inverted", ("b",), (50, 50)) in problems
    # The empty band is left out of the sweep, so a and c still join up.
    assert kinds(problems) == ["inverted"]


def test_out_of_range():
    bands = [Band("a", -10, 50), Band("b", 50, 100)]
    problems = check_bands(bands)
    assert ("out_of_range", ("a",), (-10, 50, 0.0, 100.0)) in problems
    assert ("start", ("a",), (-10, 0.0)) in problems


def test_overlap():
    bands = [Band("a", 0, 55), Band("b", 50, 100)]
    assert check_bands(bands) == [("overlap", ("a", "b"), (55, 50))]


def test_nested_band_is_an_overlap_not_a_gap():
    bands = [Band("wide", 0, 100), Band("inner", 10, 20), Band("later", 30, 100)]
    assert kinds(check_bands(bands)) == ["overlap", "overlap"]


def test_gap():
    bands = [Band("a", 0, 40), Band("b", 45, 100)]
    assert check_bands(bands) == [("gap", ("a", "b"), (40, 45))]


def test_start_and_end():
    bands = [Band("a", 5, 50), Band("b", 50, 90)]
    assert check_bands(bands) == [
        ("start", ("a",), (5, 0.0)),
        ("end", ("b",), (90, 100.0)),
    ]


def test_custom_axis_and_float_noise():
    bands = [Band("low", 1, 3.0000000001), Band("high", 3, 5)]
    assert check_bands(bands, lower=1, upper=5) == []


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (0, "poor"),
        (19.99, "poor"),
        (20, "fair"),
        (59.9999999, "great"),  # within EPSILON of the shared bound
        (60, "great"),
        (80, "outstanding"),
        (100, "outstanding"),
        (None, None),
    ],
)
def test_band_for_score_boundaries(score, expected):
    assert band_for_score(score, FIVE_BANDS) == expected


@pytest.mark.parametrize("score", [-0.5, 100.5, float("nan")])
def test_band_for_score_out_of_range(score):
    with pytest.raises(EngineError) as caught:
        band_for_score(score, FIVE_BANDS)
    assert caught.value.code == "score_out_of_range"
    assert (caught.value.params["lower"], caught.value.params["upper"]) == (0, 100)


def test_no_band_only_matters_for_real_scores():
    assert assign_bands({"a": None}, []) == {"a": None}
    with pytest.raises(EngineError) as caught:
        band_for_score(10, [])
    assert caught.value.code == "no_band"


@st.composite
def scales(draw):
    """A valid scale: sorted distinct cut points between 0 and 100."""
    cuts = draw(st.lists(st.integers(1, 99), unique=True, max_size=8))
    bounds = [0, *sorted(cuts), 100]
    bands = [
        Band(f"b{i}", lo, hi) for i, (lo, hi) in enumerate(itertools.pairwise(bounds))
    ]
    return draw(st.permutations(bands))


@given(scales())
def test_generated_scales_are_valid(bands):
    assert check_bands(bands) == []


@given(
    scales(),
    st.dictionaries(
        st.integers(), st.one_of(st.none(), st.floats(0, 100)), max_size=30
    ),
)
def test_assign_bands_matches_band_for_score(bands, scores):
    assigned = assign_bands(scores, bands)
    assert assigned == {key: band_for_score(s, bands) for key, s in scores.items()}
    by_key = {band.key: band for band in bands}
    for key, score in scores.items():
        if score is None:
            assert assigned[key] is None
        else:
            band = by_key[assigned[key]]
            assert band.score_min - 1e-6 <= score <= band.score_max


@given(scales(), st.randoms())
def test_removing_a_band_is_always_detected(bands, random):
    bands = list(bands)
    if len(bands) < 2:
        return
    bands.pop(random.randrange(len(bands)))
    assert set(kinds(check_bands(bands))) & {"gap", "start", "end"}
