"""Periods of a task's schedule: which occurrences (kỳ thực hiện) a task has over a plan's term.

- annual: one per working year of the term. A Party term "2020-2025" starts with the congress at
  the end of 2020, so its working years are 2021…2025 (term_start + 1 … term_end); a one-year term
  (term_start == term_end) has that year. When the task names a due date, its day and month are
  the yearly deadline; otherwise 31 December.
- quarterly / monthly: one per quarter / month of those years, due on the last day of the period.
- once: one occurrence due on the task's due date (no due date → no deadline).
- ongoing ("thường xuyên"): a yearly review occurrence per working year, due 31 December.
"""

import calendar
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from .choices import PeriodKind

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    end: date
    due: date | None

    @property
    def key(self) -> tuple[str, date]:
        return (self.kind, self.start)

    @property
    def label(self) -> str:
        return period_label(self.kind, self.start, self.end)


def period_label(kind: str, start: date, end: date) -> str:
    if kind == PeriodKind.QUARTER:
        return _("Quarter %(q)s/%(y)s") % {"q": ROMAN[(start.month - 1) // 3 + 1], "y": start.year}
    if kind == PeriodKind.MONTH:
        return f"{start.month:02d}/{start.year}"
    if kind == PeriodKind.REVIEW:
        return _("Review %(y)s") % {"y": start.year}
    if kind == PeriodKind.ONCE:
        return _("Once, by %(d)s") % {"d": f"{end:%d/%m/%Y}"}
    return str(start.year)


def term_years(term_start: int, term_end: int) -> list[int]:
    if term_end <= term_start:
        return [term_start]
    return list(range(term_start + 1, term_end + 1))


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _yearly_due(year: int, due_date: date | None) -> date:
    if due_date is None:
        return date(year, 12, 31)
    day = min(due_date.day, calendar.monthrange(year, due_date.month)[1])
    return date(year, due_date.month, day)


def periods_for(
    recurrence: str, *, term_start: int, term_end: int, due_date: date | None = None
) -> list[Period]:
    """Every period of the schedule, in order. Unknown schedules are treated as "once"."""
    years = term_years(term_start, term_end)
    if recurrence == "annual":
        return [
            Period(PeriodKind.YEAR, date(y, 1, 1), date(y, 12, 31), _yearly_due(y, due_date)) for y in years
        ]
    if recurrence == "ongoing":
        return [Period(PeriodKind.REVIEW, date(y, 1, 1), date(y, 12, 31), date(y, 12, 31)) for y in years]
    if recurrence == "quarterly":
        out = []
        for y in years:
            for q in range(4):
                end = _last_day(y, 3 * q + 3)
                out.append(Period(PeriodKind.QUARTER, date(y, 3 * q + 1, 1), end, end))
        return out
    if recurrence == "monthly":
        return [
            Period(PeriodKind.MONTH, date(y, m, 1), _last_day(y, m), _last_day(y, m))
            for y in years
            for m in range(1, 13)
        ]
    first = date(years[0], 1, 1)
    if due_date is None:
        return [Period(PeriodKind.ONCE, first, date(years[-1], 12, 31), None)]
    return [Period(PeriodKind.ONCE, min(first, date(due_date.year, 1, 1)), due_date, due_date)]
