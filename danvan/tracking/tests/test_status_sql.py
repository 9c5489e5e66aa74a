"""The outcome rule in SQL (filter, CASE, conditional counts) agrees with status.outcome() everywhere."""

from datetime import date, timedelta

import pytest

from danvan.tracking import services
from danvan.tracking.choices import Outcome
from danvan.tracking.models import Occurrence
from danvan.tracking.querysets import OUTCOMES

from .factories import TaskFactory

pytestmark = pytest.mark.django_db
DUE = date(2024, 6, 30)


@pytest.fixture
def grid(plan, org_tree):
    """One occurrence per combination: deadline or none × open/done early/on the day/late × started."""
    task = TaskFactory(plan=plan, recurrence="once", due_date=None)
    Occurrence.objects.filter(task=task).delete()
    rows, start = [], date(2000, 1, 1)
    for due in (DUE, None):
        for completed in (None, DUE - timedelta(days=1), DUE, DUE + timedelta(days=1)):
            for started in (None, date(2024, 1, 2)):
                start += timedelta(days=1)
                rows.append(
                    Occurrence(
                        task=task,
                        plan=plan,
                        kind="once",
                        period_start=start,
                        period_end=start,
                        year=2024,
                        due_date=due,
                        completed_on=completed,
                        percent=100 if completed else 0,
                        started_on=started or (completed and date(2024, 1, 2)),
                        lead_unit=org_tree["people"],
                    )
                )
    Occurrence.objects.bulk_create(rows)
    return Occurrence.objects.filter(task=task)


@pytest.mark.parametrize("today", [DUE - timedelta(days=1), DUE, DUE + timedelta(days=1)])
def test_sql_filters_case_and_counts_agree_with_python(grid, today):
    python = {o.pk: o.outcome_on(today).value for o in grid}
    case = dict(grid.with_outcome(today).values_list("pk", "computed_outcome"))
    assert case == python
    for outcome in OUTCOMES:
        expected = {pk for pk, value in python.items() if value == outcome}
        assert set(grid.with_status(outcome, today).values_list("pk", flat=True)) == expected
    [row] = services.outcome_matrix(grid, today=today)
    assert row["counts"] == {o: list(python.values()).count(o) for o in OUTCOMES}
    assert row["total"] == 16


def test_outcome_counts_on_the_day_after_the_deadline(grid):
    [row] = services.outcome_matrix(grid, today=DUE + timedelta(days=1))
    assert row["counts"] == {
        Outcome.NOT_STARTED: 1,  # no deadline, nothing reported
        Outcome.IN_PROGRESS: 1,  # no deadline, reported
        Outcome.DONE_ON_TIME: 10,  # 6 without deadline + 4 on or before it
        Outcome.DONE_LATE: 2,
        Outcome.OVERDUE: 2,
    }
    assert (row["done"], row["rate"], row["on_time_rate"]) == (12, 86, 83)


def test_regroup_sums_year_section_rows(grid, plan):
    rows = services.outcome_matrix(grid, today=DUE, group=("year", "section"))
    assert [r["key"] for r in rows] == [(2024, None)]
    [by_year] = services.regroup(rows, 0)
    assert by_year["key"] == 2024 and by_year["total"] == 16
