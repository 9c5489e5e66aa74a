"""Status of an occurrence, computed from dates and completion — never typed by anyone.

The same rule exists twice: `outcome()` in Python for one record, and
`querysets.outcome_expression()` in SQL for lists and counts; tests check they agree.

- done (completed_on set): on time when completed on or before the due date (or there is no due
  date), late otherwise;
- not done: overdue the day after the due date; in progress when anything was reported;
  not started otherwise. The due date itself still counts as within the deadline.
"""

from datetime import date, timedelta

from django.conf import settings

from .choices import Outcome


def due_soon_days() -> int:
    """Width of the "due soon" band in days (setting DANVAN_DUE_SOON_DAYS, default 14)."""
    return int(getattr(settings, "DANVAN_DUE_SOON_DAYS", 14))


def outcome(*, due: date | None, completed_on: date | None, started: bool, today: date) -> Outcome:
    if completed_on is not None:
        if due is None or completed_on <= due:
            return Outcome.DONE_ON_TIME
        return Outcome.DONE_LATE
    if due is not None and today > due:
        return Outcome.OVERDUE
    return Outcome.IN_PROGRESS if started else Outcome.NOT_STARTED


def is_due_soon(*, due: date | None, completed_on: date | None, today: date, days: int | None = None) -> bool:
    """Open work whose deadline falls within the next `days` days (today included)."""
    if completed_on is not None or due is None:
        return False
    days = due_soon_days() if days is None else days
    return today <= due <= today + timedelta(days=days)


OUTCOME_COLOURS = {
    Outcome.DONE_ON_TIME: "green",
    Outcome.IN_PROGRESS: "blue",
    Outcome.DONE_LATE: "orange",
    Outcome.OVERDUE: "red",
    Outcome.NOT_STARTED: "grey",
}
# Hex values of the colours above, for the server-rendered charts (same as danvan.css).
OUTCOME_HEX = {
    Outcome.DONE_ON_TIME: "#17692b",
    Outcome.IN_PROGRESS: "#1d5fbf",
    Outcome.DONE_LATE: "#9a520a",
    Outcome.OVERDUE: "#b3261e",
    Outcome.NOT_STARTED: "#5b6470",
}
