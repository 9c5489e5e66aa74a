"""Object permissions of reporting (rules predicates on top of danvan.core.permissions)."""

import rules
from django.utils import timezone

from danvan.core.permissions import (
    is_agency_officer,
    is_leader,
    manages_everything,
    path_in_scope,
    scope_path_for,
    sees_everything,
)


@rules.predicate
def has_unit(user) -> bool:
    return bool(scope_path_for(user))


@rules.predicate
def report_in_scope(user, report) -> bool:
    """The report (or difficulty) belongs to the user's own unit or one of its sub-units."""
    if report is None:
        return False
    report = getattr(report, "report", report)
    return path_in_scope(user, report.unit.path)


@rules.predicate
def period_not_locked(user, report) -> bool:
    """The report's period is before its lock date (today, in the site's time zone)."""
    return report is not None and not report.period.is_locked_on(timezone.localdate())


# Lists: everyone who works for a unit sees their own reports; the Board and leaders see all.
rules.add_perm("reporting.view_report_list", sees_everything | has_unit)
rules.add_perm("reporting.view_bodyreport", sees_everything | report_in_scope)
# The body's officers write and submit; the Board may also fill in a report for a body.
rules.add_perm("reporting.change_bodyreport", (is_agency_officer & report_in_scope) | manages_everything)
# Starting one past the lock date is the Board's, who then reopen it: a body's would be locked at once.
rules.add_perm(
    "reporting.start_bodyreport",
    (is_agency_officer & report_in_scope & period_not_locked) | manages_everything,
)
rules.add_perm("reporting.review_bodyreport", manages_everything)
rules.add_perm("reporting.reopen_bodyreport", manages_everything)
rules.add_perm("reporting.flag_difficulty", (is_agency_officer & report_in_scope) | manages_everything)
rules.add_perm("reporting.answer_decision", is_leader | manages_everything)
# Periods, who must report, reminders, completeness and the consolidated report are the Board's.
rules.add_perm("reporting.view_completeness", sees_everything)
rules.add_perm("reporting.manage_period", manages_everything)
rules.add_perm("reporting.view_consolidated", sees_everything)
rules.add_perm("reporting.change_consolidated", manages_everything)
