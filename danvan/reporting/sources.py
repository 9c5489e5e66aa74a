"""Where reporting reads tracked work and indicator values from: the one adapter to other apps.

Reports are filled from occurrences (tracking) and indicator values (indicators). Everything the
reporting app needs from them goes through the functions below, so that a change in those apps
touches this module only. When an app is not installed yet, a plain fallback computed from the
plan itself is used (documented on each function).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from danvan.plans.choices import AssignmentRole, Recurrence
from danvan.plans.models import Assignment, Plan, PlanTarget, Task

from .choices import Outcome

REPORTING_ROLES = (AssignmentRole.LEAD, AssignmentRole.CO_LEAD, AssignmentRole.COORDINATOR)


@dataclass
class OccurrenceRow:
    """One task in one period, as the reports and the consolidated report show it."""

    task_id: int
    task_text: str
    section_id: int | None
    section_label: str
    due_on: date | None
    outcome: str
    occurrence_id: int | None = None
    completed_on: date | None = None
    progress_percent: int = 0
    progress_note: str = ""
    evidence: list[dict] = field(default_factory=list)
    lead_names: list[str] = field(default_factory=list)
    coordinator_names: list[str] = field(default_factory=list)
    unit_roles: dict[int, str] = field(default_factory=dict)  # unit id → assignment role
    order: int = 0


@dataclass
class IndicatorRow:
    text: str
    target: str
    value: str
    met: bool | None


def _occurrence_model():
    """tracking.Occurrence when the tracking app provides it (None before it lands)."""
    try:
        from danvan.tracking.models import Occurrence
    except ImportError:
        return None
    return Occurrence if hasattr(Occurrence.objects, "with_outcome") else None


def tracking_available() -> bool:
    return _occurrence_model() is not None


def _section_label(section) -> str:
    if section is None:
        return ""
    return f"{section.number}. {section.title}".strip(". ") if section.number else section.title


def _plan_tasks(plan: Plan) -> list[Task]:
    return list(
        Task.objects.filter(plan=plan)
        .select_related("section")
        .prefetch_related("assignments__unit")
        .order_by("order", "id")
    )


def _assignment_names(task: Task, roles) -> list[str]:
    return [
        a.unit.name if a.unit_id else a.name_as_written for a in task.assignments.all() if a.role in roles
    ]


def _fallback_outcome(task: Task, period) -> tuple[date | None, str] | None:
    """Without tracking: a one-off task counts in the period of its due date, a recurring one in every
    period; nothing is known to be done, so it is overdue once its due date passed the cut-off."""
    if task.recurrence == Recurrence.ONCE:
        if task.due_date is None or not (period.starts_on <= task.due_date <= period.ends_on):
            return None
        due = task.due_date
    else:
        due = period.ends_on
    return due, (Outcome.OVERDUE if due < period.cutoff_on else Outcome.NOT_STARTED)


def _tracked(period):
    """The period's occurrences in tracking: those due within it (or, without a due date, overlapping
    it), with the outcome they had on the data cut-off."""
    from django.db.models import Q

    Occurrence = _occurrence_model()
    return (
        Occurrence.objects.filter(plan=period.plan)
        .filter(
            Q(due_date__gte=period.starts_on, due_date__lte=period.ends_on)
            | Q(due_date__isnull=True, period_start__lte=period.ends_on, period_end__gte=period.starts_on)
        )
        .with_outcome(period.cutoff_on)
    )


def _completed_by(occ, cutoff: date) -> date | None:
    return occ.completed_on if occ.completed_on and occ.completed_on <= cutoff else None


def occurrences_in(period) -> list[OccurrenceRow]:
    """Every occurrence of the period's plan that falls in the period, with its outcome on the cut-off.

    Without tracking, a fallback from the plan: a one-off task counts in the period of its due date,
    a recurring one in every period; nothing is known to be done, so it is overdue once its due date
    passed the cut-off.
    """
    tasks = {task.pk: task for task in _plan_tasks(period.plan)}
    rows: list[OccurrenceRow] = []
    if tracking_available():
        fields = ("id", "task_id", "due_date", "completed_on", "percent")
        for occ in _tracked(period).only(*fields).order_by("due_date", "id"):
            task = tasks.get(occ.task_id)
            if task is not None:
                rows.append(
                    _row(
                        task,
                        occ.due_date,
                        occ.computed_outcome,
                        {
                            "id": occ.pk,
                            "completed_on": _completed_by(occ, period.cutoff_on),
                            "progress_percent": occ.percent,
                        },
                    )
                )
        return rows
    for task in tasks.values():
        found = _fallback_outcome(task, period)
        if found is not None:
            rows.append(_row(task, found[0], found[1], {}))
    return rows


def _row(task: Task, due: date | None, outcome: str, occ: dict) -> OccurrenceRow:
    return OccurrenceRow(
        task_id=task.pk,
        task_text=str(task) if task.summary else task.text,
        section_id=task.section_id,
        section_label=_section_label(task.section),
        due_on=due,
        outcome=outcome,
        occurrence_id=occ.get("id"),
        completed_on=occ.get("completed_on"),
        progress_percent=occ.get("progress_percent") or 0,
        progress_note=occ.get("progress_note") or "",
        evidence=list(occ.get("evidence") or []),
        lead_names=_assignment_names(task, (AssignmentRole.LEAD, AssignmentRole.CO_LEAD)),
        coordinator_names=_assignment_names(task, (AssignmentRole.COORDINATOR,)),
        unit_roles={a.unit_id: a.role for a in task.assignments.all() if a.unit_id},
        order=task.order,
    )


def occurrences_for_unit(period, unit) -> list[OccurrenceRow]:
    """The occurrences a body answers for in the period (any assignment role), with the latest
    progress note and the evidence files reported by the cut-off."""
    rows = [row for row in occurrences_in(period) if unit.pk in row.unit_roles]
    if not tracking_available() or not rows:
        return rows
    from django.urls import reverse

    from danvan.tracking.models import Evidence, ProgressEntry

    ids = [row.occurrence_id for row in rows]
    notes: dict[int, str] = {}
    for occ_id, text in (
        ProgressEntry.objects.filter(occurrence_id__in=ids, reported_on__lte=period.cutoff_on)
        .exclude(text="")
        .order_by("-reported_on", "-id")
        .values_list("occurrence_id", "text")
    ):
        notes.setdefault(occ_id, text)
    evidence: dict[int, list[dict]] = defaultdict(list)
    for pk, occ_id, name in (
        Evidence.objects.filter(entry__occurrence_id__in=ids, entry__reported_on__lte=period.cutoff_on)
        .order_by("id")
        .values_list("id", "entry__occurrence_id", "name")
    ):
        evidence[occ_id].append({"title": name, "url": reverse("tracking:evidence", args=[pk])})
    for row in rows:
        row.progress_note = notes.get(row.occurrence_id, "")
        row.evidence = evidence.get(row.occurrence_id, [])
    return rows


def assigned_units(plan: Plan):
    """Units named as lead, co-lead or coordinator in the plan (the bodies that report)."""
    from danvan.orgs.models import OrgUnit

    ids = (
        Assignment.objects.filter(task__plan=plan, role__in=REPORTING_ROLES, unit__isnull=False)
        .values_list("unit_id", flat=True)
        .distinct()
    )
    return OrgUnit.objects.filter(pk__in=ids)


def indicator_rows(period) -> list[IndicatorRow]:
    """The plan's targets against the values the indicators app computed for the period's year.

    Without the indicators app (or without a value yet) the value is shown as "—".
    """
    values = _indicator_values(period)
    rows = []
    for target in PlanTarget.objects.filter(plan=period.plan).order_by("order", "id"):
        unit = target.unit or ""
        goal = f"{target.get_comparator_display()} {_number(target.value)}{unit}"
        value = values.get(target.pk)
        if value is None:
            rows.append(IndicatorRow(text=target.subject or target.text, target=goal, value="—", met=None))
            continue
        rows.append(
            IndicatorRow(
                text=target.subject or target.text,
                target=goal,
                value=f"{_number(value)}{unit}",
                met=_meets(value, target.comparator, target.value),
            )
        )
    return rows


def _indicator_values(period) -> dict[int, object]:
    try:
        from danvan.indicators import services as indicators
    except ImportError:
        return {}
    api = getattr(indicators, "target_values_for_reporting", None)
    if api is None:
        return {}
    return dict(api(plan=period.plan, year=period.year, on=period.cutoff_on))


def _number(value) -> str:
    text = f"{value:f}" if hasattr(value, "as_tuple") else str(value)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _meets(value, comparator: str, goal) -> bool:
    value, goal = float(value), float(goal)
    return {">": value > goal, ">=": value >= goal, "<": value < goal, "<=": value <= goal}.get(
        comparator, value == goal
    )


def outcome_counts(rows: list[OccurrenceRow]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row.outcome] += 1
    return {code: counts.get(code, 0) for code in Outcome.values}


def outcome_label(code: str) -> str:
    return dict(Outcome.choices).get(code, _("Unknown"))


def send_reminders(*, period, units, actor, now) -> int:
    """Urge bodies that have not reported, recorded in tracking's reminder record (rule "manual").

    One record per body and day (its key stops a second click or a parallel worker sending twice);
    each officer of the body gets an in-app notification and an e-mail. Returns the records written.
    """
    from django.conf import settings
    from django.core.mail import EmailMessage, get_connection
    from django.db import IntegrityError, transaction
    from django.urls import reverse
    from django.utils import timezone, translation

    from danvan.orgs.models import User

    day = timezone.localdate(now)
    users_by_unit: dict[int, list] = defaultdict(list)
    for user in User.objects.filter(org_unit__in=units, is_active=True).order_by("username"):
        users_by_unit[user.org_unit_id].append(user)
    site = getattr(settings, "DANVAN_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
    written, connection = 0, get_connection()
    try:
        from danvan.tracking.choices import ReminderRule
        from danvan.tracking.models import Notification, Reminder
    except ImportError:  # tracking not installed: e-mail only
        Reminder = Notification = None
    with translation.override(settings.LANGUAGE_CODE):
        for unit in units:
            users = users_by_unit.get(unit.pk, [])
            subject = _(
                "Reminder from the Mass Mobilization Board: the report for %(period)s is due on %(due)s"
            ) % {"period": period.label, "due": f"{period.due_on:%d/%m/%Y}"}
            path = reverse("reporting:report_start", args=[period.pk, unit.pk])
            body = "\n\n".join(
                [
                    subject,
                    _("Body: %(unit)s") % {"unit": unit.name},
                    _("Open the report: %(url)s") % {"url": site + path},
                ]
            )
            try:
                with transaction.atomic():
                    if Reminder is not None:
                        Reminder.objects.create(
                            rule=ReminderRule.MANUAL,
                            dedupe_key=f"report{period.pk}:{unit.pk}:{day:%Y%m%d}",
                            sent_on=day,
                            sent_at=now,
                            sent_by=actor,
                            message=subject,
                            recipients=[u.username for u in users],
                        )
                        Notification.objects.bulk_create(
                            [Notification(user=u, text=subject[:500], url=path) for u in users]
                        )
                    messages = [
                        EmailMessage(
                            subject, body, settings.DEFAULT_FROM_EMAIL, [u.email], connection=connection
                        )
                        for u in users
                        if u.email
                    ]
                    if messages:
                        connection.send_messages(messages)
            except IntegrityError:
                continue  # already reminded today
            written += 1
    return written
