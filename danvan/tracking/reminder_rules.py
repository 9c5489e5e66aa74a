"""When a reminder (đôn đốc) is due — pure functions, used by the daily job and its command twin.

Each firing has a key; the reminder record's unique key (occurrence + key) makes sending twice for
the same occurrence and rule impossible, even when the job runs again or the worker restarts.

- before the deadline: N days before (default 7 and 1, setting DANVAN_REMINDER_DAYS_BEFORE). The
  firing is the smallest N not yet passed, so a missed day is caught up once, never twice;
- overdue: the day after the deadline, then once a week (week 0, 1, 2, … past the deadline);
- weekly digest to the Board: once per ISO week, on or after DANVAN_DIGEST_WEEKDAY (0 = Monday).
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from .choices import ReminderRule


@dataclass(frozen=True)
class Firing:
    rule: str
    key: str
    days: int  # days before the deadline (>= 0) or days past it (> 0)


def days_before() -> tuple[int, ...]:
    return tuple(
        sorted({int(d) for d in getattr(settings, "DANVAN_REMINDER_DAYS_BEFORE", (7, 1))}, reverse=True)
    )


def firing_for(
    *, due: date | None, completed_on: date | None, today: date, before: tuple[int, ...] | None = None
):
    """The reminder an open occurrence calls for today, or None."""
    if due is None or completed_on is not None:
        return None
    before = days_before() if before is None else before
    left = (due - today).days
    if left >= 0:
        passed = [n for n in before if left <= n]
        if not passed:
            return None
        n = min(passed)
        return Firing(ReminderRule.BEFORE_DUE, f"before:{n}", left)
    late = -left
    return Firing(ReminderRule.OVERDUE, f"overdue:w{(late - 1) // 7}", late)


def digest_key(today: date) -> str | None:
    """The key of this week's digest when it is due today or was missed earlier in the week."""
    weekday = int(getattr(settings, "DANVAN_DIGEST_WEEKDAY", 0))
    if today.weekday() < weekday:
        return None
    year, week, _day = today.isocalendar()
    return f"digest:{year}-W{week:02d}"
