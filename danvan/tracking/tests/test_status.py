"""Outcome computation at its boundaries, period generation per schedule, reminder rules."""

from datetime import date

import pytest

from danvan.tracking.choices import Outcome, PeriodKind, ReminderRule
from danvan.tracking.periods import periods_for, term_years
from danvan.tracking.reminder_rules import digest_key, firing_for
from danvan.tracking.status import is_due_soon, outcome

DUE = date(2025, 6, 30)


@pytest.mark.parametrize(
    ("completed_on", "started", "today", "expected"),
    [
        (None, False, date(2025, 6, 1), Outcome.NOT_STARTED),
        (None, True, date(2025, 6, 1), Outcome.IN_PROGRESS),
        (None, True, DUE, Outcome.IN_PROGRESS),  # the due date itself is within the deadline
        (None, False, DUE, Outcome.NOT_STARTED),
        (None, False, date(2025, 7, 1), Outcome.OVERDUE),  # one day after
        (None, True, date(2025, 7, 1), Outcome.OVERDUE),
        (DUE, True, date(2025, 12, 1), Outcome.DONE_ON_TIME),  # done on the due date
        (date(2025, 7, 1), True, date(2025, 12, 1), Outcome.DONE_LATE),  # done one day late
        (date(2025, 1, 2), True, date(2025, 1, 2), Outcome.DONE_ON_TIME),
    ],
)
def test_outcome_boundaries(completed_on, started, today, expected):
    assert outcome(due=DUE, completed_on=completed_on, started=started, today=today) == expected


def test_outcome_without_due_date_is_never_overdue_or_late():
    assert outcome(due=None, completed_on=None, started=False, today=date(2099, 1, 1)) == Outcome.NOT_STARTED
    assert outcome(due=None, completed_on=None, started=True, today=date(2099, 1, 1)) == Outcome.IN_PROGRESS
    assert outcome(due=None, completed_on=date(2099, 1, 1), started=True, today=date(2099, 1, 1)) == (
        Outcome.DONE_ON_TIME
    )


def test_due_soon_band(settings):
    assert is_due_soon(due=DUE, completed_on=None, today=date(2025, 6, 16)) is True  # 14 days before
    assert is_due_soon(due=DUE, completed_on=None, today=date(2025, 6, 15)) is False  # 15 days before
    assert is_due_soon(due=DUE, completed_on=None, today=DUE) is True
    assert is_due_soon(due=DUE, completed_on=None, today=date(2025, 7, 1)) is False  # overdue, not "soon"
    assert is_due_soon(due=DUE, completed_on=date(2025, 6, 20), today=date(2025, 6, 20)) is False
    assert is_due_soon(due=None, completed_on=None, today=DUE) is False
    settings.DANVAN_DUE_SOON_DAYS = 30
    assert is_due_soon(due=DUE, completed_on=None, today=date(2025, 6, 1)) is True


def test_term_years_of_the_seed():
    assert term_years(2020, 2025) == [2021, 2022, 2023, 2024, 2025]
    assert term_years(2024, 2024) == [2024]


def test_annual_periods_one_per_working_year():
    periods = periods_for("annual", term_start=2020, term_end=2025)
    assert [(p.kind, p.start, p.end, p.due) for p in periods] == [
        (PeriodKind.YEAR, date(y, 1, 1), date(y, 12, 31), date(y, 12, 31)) for y in range(2021, 2026)
    ]
    assert [p.label for p in periods] == ["2021", "2022", "2023", "2024", "2025"]


def test_annual_with_a_named_deadline_uses_its_day_and_month():
    periods = periods_for("annual", term_start=2020, term_end=2025, due_date=date(2021, 11, 30))
    assert [p.due for p in periods] == [date(y, 11, 30) for y in range(2021, 2026)]


def test_quarterly_periods():
    periods = periods_for("quarterly", term_start=2020, term_end=2021)
    assert [(p.start, p.end, p.due) for p in periods] == [
        (date(2021, 1, 1), date(2021, 3, 31), date(2021, 3, 31)),
        (date(2021, 4, 1), date(2021, 6, 30), date(2021, 6, 30)),
        (date(2021, 7, 1), date(2021, 9, 30), date(2021, 9, 30)),
        (date(2021, 10, 1), date(2021, 12, 31), date(2021, 12, 31)),
    ]
    assert periods[2].label == "Quý III/2021"


def test_monthly_periods_end_on_the_last_day_of_the_month():
    periods = periods_for("monthly", term_start=2023, term_end=2024)
    assert len(periods) == 12
    assert periods[1].end == date(2024, 2, 29)
    assert periods[1].label == "02/2024"


def test_once_with_and_without_due_date():
    (period,) = periods_for("once", term_start=2020, term_end=2025, due_date=date(2021, 9, 30))
    assert (period.kind, period.start, period.end, period.due) == (
        PeriodKind.ONCE,
        date(2021, 1, 1),
        date(2021, 9, 30),
        date(2021, 9, 30),
    )
    (period,) = periods_for("once", term_start=2020, term_end=2025)
    assert (period.start, period.end, period.due) == (date(2021, 1, 1), date(2025, 12, 31), None)


def test_ongoing_gets_a_yearly_review():
    periods = periods_for("ongoing", term_start=2020, term_end=2025)
    assert [(p.kind, p.due) for p in periods] == [
        (PeriodKind.REVIEW, date(y, 12, 31)) for y in range(2021, 2026)
    ]
    assert periods[0].label == "Đánh giá năm 2021"


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2025, 6, 22), None),  # 8 days before
        (date(2025, 6, 23), (ReminderRule.BEFORE_DUE, "before:7")),
        (date(2025, 6, 25), (ReminderRule.BEFORE_DUE, "before:7")),  # missed day caught up, same key
        (date(2025, 6, 29), (ReminderRule.BEFORE_DUE, "before:1")),
        (DUE, (ReminderRule.BEFORE_DUE, "before:1")),
        (date(2025, 7, 1), (ReminderRule.OVERDUE, "overdue:w0")),
        (date(2025, 7, 7), (ReminderRule.OVERDUE, "overdue:w0")),
        (date(2025, 7, 8), (ReminderRule.OVERDUE, "overdue:w1")),  # a week later
        (date(2025, 7, 15), (ReminderRule.OVERDUE, "overdue:w2")),
    ],
)
def test_reminder_firing(today, expected):
    firing = firing_for(due=DUE, completed_on=None, today=today, before=(7, 1))
    assert (firing and (firing.rule, firing.key)) == expected


def test_no_reminder_for_done_or_undated_work():
    assert firing_for(due=DUE, completed_on=DUE, today=date(2025, 6, 29)) is None
    assert firing_for(due=None, completed_on=None, today=date(2025, 6, 29)) is None


def test_digest_once_per_week_from_the_configured_day(settings):
    assert digest_key(date(2025, 6, 30)) == "digest:2025-W27"  # Monday
    assert digest_key(date(2025, 7, 2)) == "digest:2025-W27"
    settings.DANVAN_DIGEST_WEEKDAY = 2
    assert digest_key(date(2025, 6, 30)) is None
