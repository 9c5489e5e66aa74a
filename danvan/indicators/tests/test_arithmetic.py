"""Indicator arithmetic, checked on generated evaluations (hypothesis)."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from .. import services
from ..choices import EvaluationStatus, Grade, Measure, MissingPolicy
from ..models import Indicator

STATUSES = [s.value for s in EvaluationStatus]
GRADES = [g.value for g in Grade]
rows = st.lists(
    st.tuples(st.integers(1, 10_000), st.sampled_from(STATUSES), st.sampled_from(GRADES), st.booleans()),
    max_size=60,
)


def _indicator(measure, policy, min_grade=Grade.GOOD) -> Indicator:
    return Indicator(
        code="x",
        name="x",
        kind="dan_van_kheo",
        measure=measure,
        missing_policy=policy,
        min_grade=min_grade,
        start_year=2021,
        end_year=2025,
    )


@given(rows, st.sampled_from(list(Measure)), st.sampled_from(list(MissingPolicy)), st.sampled_from(GRADES))
def test_value_is_numerator_over_denominator(data, measure, policy, min_grade):
    indicator = _indicator(measure, policy, min_grade)
    t = services.tally(indicator, data)
    approved = [r for r in data if r[1] == EvaluationStatus.APPROVED]
    missing = len(data) - len(approved)
    expected_num = sum(
        1
        for _u, _s, grade, meets in approved
        if (meets if measure == Measure.MEETS_CRITERIA else Grade.rank(grade) >= Grade.rank(min_grade))
    )
    expected_den = len(approved) + (missing if policy == MissingPolicy.COUNT_AS_NOT_MET else 0)
    assert (t.numerator, t.denominator, t.not_evaluated) == (expected_num, expected_den, missing)
    assert len(t.met) + len(t.not_met) + len(t.missing) == len(data)
    if expected_den == 0:
        assert t.value is None
    else:
        assert Decimal(0) <= t.value <= Decimal(100)
        assert abs(t.value - Decimal(expected_num) * 100 / Decimal(expected_den)) <= Decimal("0.005")


@given(st.integers(0, 50), st.integers(0, 50), st.integers(0, 50))
def test_missing_units_follow_the_definition(met, not_met, missing):
    data = (
        [(i, EvaluationStatus.APPROVED, Grade.GOOD, True) for i in range(met)]
        + [(1000 + i, EvaluationStatus.APPROVED, Grade.WEAK, False) for i in range(not_met)]
        + [(2000 + i, EvaluationStatus.SUBMITTED, "", None) for i in range(missing)]
    )
    excluded = services.tally(_indicator(Measure.MEETS_CRITERIA, MissingPolicy.EXCLUDE), data)
    counted = services.tally(_indicator(Measure.MEETS_CRITERIA, MissingPolicy.COUNT_AS_NOT_MET), data)
    assert excluded.denominator == met + not_met
    assert counted.denominator == met + not_met + missing
    assert excluded.numerator == counted.numerator == met
    if counted.value is not None and excluded.value is not None:
        assert counted.value <= excluded.value


def test_rounding_and_comparators():
    data = [(1, "approved", "good", True), (2, "approved", "good", True), (3, "approved", "weak", False)]
    t = services.tally(_indicator(Measure.MEETS_CRITERIA, MissingPolicy.EXCLUDE), data)
    assert t.value == Decimal("66.67")
    assert services.compare(Decimal("80.00"), ">", Decimal(80)) is False
    assert services.compare(Decimal("80.00"), ">=", Decimal(80)) is True
    assert services.compare(None, ">", Decimal(80)) is None
