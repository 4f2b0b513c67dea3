"""The scoring rules, checked with examples and with hypothesis over many generated assessments."""

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samverka.readiness.scoring import (
    MODELS,
    ScoringError,
    check_score,
    compute,
    stage_of,
    truncate2,
)

half_scores = st.integers(min_value=2, max_value=18).map(lambda n: Fraction(n, 2))
whole_scores = st.integers(min_value=1, max_value=9).map(Fraction)


@st.composite
def assessments(draw, scores=half_scores):
    model = draw(st.sampled_from(["six", "five"]))
    n = draw(st.integers(min_value=1, max_value=12))
    consensus = {(f"i{i}", k): draw(scores) for i in range(n) for k in MODELS[model]}
    return model, n, consensus


@given(assessments())
def test_dimension_score_is_the_exact_mean_of_its_consensus_scores(case):
    model, n, consensus = case
    result = compute(model, consensus)
    for key in MODELS[model]:
        expected = sum(consensus[(f"i{i}", key)] for i in range(n)) / n
        assert result.dimensions[key].score == expected


@given(assessments())
def test_overall_is_the_mean_of_dimension_scores_and_stages_round_down(case):
    model, _n, consensus = case
    result = compute(model, consensus)
    dims = [d.score for d in result.dimensions.values()]
    assert result.overall.score == sum(dims) / len(dims)
    for d in [*result.dimensions.values(), result.overall]:
        assert d.stage == math.floor(d.score)
        assert d.stage <= d.score < d.stage + 1
        assert Fraction(str(d.shown)) <= d.score  # the two decimals shown never round up


@given(assessments(), st.integers(min_value=1, max_value=9))
def test_a_mean_of_exactly_a_whole_number_is_that_stage(case, whole):
    model, n, _ = case
    # scores that float division would put a hair below `whole`: e.g. thirds and tenths
    consensus = {(f"i{i}", k): Fraction(whole) for i in range(n) for k in MODELS[model]}
    result = compute(model, consensus)
    assert result.overall.stage == whole
    assert result.overall.score == whole


# Nine interviews whose exact overall mean is 5, but which naive float arithmetic puts at 4.999999999999999.
FLOAT_EDGE = [
    [7.0, 6.0, 9.0, 8.5, 5.5, 1.0, 1.0, 1.0, 2.0],
    [3.0, 4.5, 8.5, 4.0, 2.5, 2.0, 5.0, 2.5, 4.0],
    [3.0, 5.5, 3.0, 6.0, 3.0, 3.0, 2.5, 7.0, 8.5],
    [4.5, 1.5, 8.0, 4.5, 9.0, 8.5, 4.0, 5.5, 4.0],
    [6.5, 5.5, 1.0, 8.5, 9.0, 3.5, 7.0, 5.0, 3.0],
    [5.0, 8.0, 7.0, 3.5, 1.0, 8.0, 5.5, 7.5, 7.5],
]


def float_edge_consensus():
    return {
        (f"i{i}", key): value
        for key, column in zip("ABCDEF", FLOAT_EDGE, strict=True)
        for i, value in enumerate(column)
    }


def test_floating_point_edge_gives_stage_five_not_four():
    naive = sum(sum(column) / 9 for column in FLOAT_EDGE) / 6
    assert naive < 5  # the float path the rule forbids really goes wrong here
    result = compute("six", float_edge_consensus())
    assert result.overall.score == 5
    assert result.overall.stage == 5
    assert result.as_json()["overall"] == {
        "score": 5.0,
        "stage": 5,
        "name": "Preparation",
        "name_sv": "Förberedelse",
    }


def test_stage_of_is_truncation_within_one_to_nine():
    assert stage_of(Fraction(462, 100)) == 4
    assert stage_of(Fraction(9)) == 9
    assert stage_of(Fraction(1)) == 1
    assert str(truncate2(Fraction(4999, 1000))) == "4.99"


@given(half_scores)
def test_half_steps_are_allowed_only_when_the_assessment_allows_them(score):
    assert check_score(score, half_steps=True) == score
    if score.denominator == 2:
        with pytest.raises(ScoringError):
            check_score(score, half_steps=False)


@pytest.mark.parametrize("bad", [0, Fraction(1, 2), 10, Fraction(43, 10), -1])
def test_scores_outside_one_to_nine_or_off_step_are_refused(bad):
    with pytest.raises(ScoringError):
        check_score(bad)


@given(assessments(), st.data())
def test_an_interview_missing_a_dimension_is_refused(case, data):
    model, _n, consensus = case
    victim = data.draw(st.sampled_from(sorted(consensus)))
    del consensus[victim]
    with pytest.raises(ScoringError, match="saknar"):
        compute(model, consensus)


def test_dimension_a_is_refused_in_the_five_dimension_model():
    consensus = {("i", k): 3 for k in "ABCDEF"}
    with pytest.raises(ScoringError, match="ingår inte"):
        compute("five", consensus)


@settings(max_examples=50)
@given(st.lists(st.tuples(whole_scores, whole_scores), min_size=2, max_size=30))
def test_agreement_shares_count_equal_and_close_pairs(pairs):
    scorer_scores = {}
    for i, (a, b) in enumerate(pairs):
        scorer_scores[("s1", f"i{i}", "C")] = a
        scorer_scores[("s2", f"i{i}", "C")] = b
    consensus = {(f"i{i}", k): 5 for i in range(len(pairs)) for k in "ABCDEF"}
    agreement = compute("six", consensus, scorer_scores).agreement
    assert agreement.pairs == len(pairs)
    assert agreement.exact == sum(a == b for a, b in pairs) / len(pairs)
    assert agreement.within_one == sum(abs(a - b) <= 1 for a, b in pairs) / len(pairs)
    if agreement.krippendorff_alpha is not None:
        assert -1.5 <= agreement.krippendorff_alpha <= 1
    if all(a == b for a, b in pairs) and len({a for a, _ in pairs}) > 1:
        assert agreement.krippendorff_alpha == pytest.approx(1.0)


def test_agreement_is_none_without_scorer_scores_and_alpha_none_when_undefined():
    consensus = {("i", k): 5 for k in "ABCDEF"}
    assert compute("six", consensus).agreement is None
    same = {("s1", "i", "A"): 5, ("s2", "i", "A"): 5}
    agreement = compute("six", consensus, same).agreement
    assert agreement.exact == 1 and agreement.krippendorff_alpha is None
