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
    source: TargetValue | None = None


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


@dataclass
class TaskInfo:
    """What the rows need of a task, read with plain value queries (no model instances: a province
    plan has thousands of tasks and assignments, and building objects for them was most of gather)."""

    pk: int
    text: str
    section_id: int | None
    section_label: str
    order: int
    recurrence: str
    due_date: date | None
    lead_names: list[str] = field(default_factory=list)
    coordinator_names: list[str] = field(default_factory=list)
    unit_roles: dict[int, str] = field(default_factory=dict)


def _plan_tasks(plan: Plan) -> dict[int, TaskInfo]:
    from danvan.plans.models import Section

    labels = {
        pk: _section_label(Section(number=number, title=title))
        for pk, number, title in Section.objects.filter(plan=plan).values_list("id", "number", "title")
    }
    tasks = {
        pk: TaskInfo(pk, summary or text, section_id, labels.get(section_id, ""), order, recurrence, due)
        for pk, summary, text, section_id, order, recurrence, due in Task.objects.filter(plan=plan)
        .order_by("order", "id")
        .values_list("id", "summary", "text", "section_id", "order", "recurrence", "due_date")
    }
    leads = (AssignmentRole.LEAD, AssignmentRole.CO_LEAD)
    for task_id, unit_id, unit_name, as_written, role in (
        Assignment.objects.filter(task__plan=plan)
        .order_by("pk")
        .values_list("task_id", "unit_id", "unit__name", "name_as_written", "role")
    ):
        task = tasks.get(task_id)
        if task is None:
            continue
        name = unit_name if unit_id else as_written
        if role in leads:
            task.lead_names.append(name)
        elif role == AssignmentRole.COORDINATOR:
            task.coordinator_names.append(name)
        if unit_id:
            task.unit_roles[unit_id] = role
    return tasks


def _fallback_outcome(task: TaskInfo, period) -> tuple[date | None, str] | None:
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


def occurrences_in(period) -> list[OccurrenceRow]:
    """Every occurrence of the period's plan that falls in the period, with its outcome on the cut-off.

    Without tracking, a fallback from the plan: a one-off task counts in the period of its due date,
    a recurring one in every period; nothing is known to be done, so it is overdue once its due date
    passed the cut-off.
    """
    tasks = _plan_tasks(period.plan)
    rows: list[OccurrenceRow] = []
    if tracking_available():
        fields = ("id", "task_id", "due_date", "completed_on", "percent", "computed_outcome")
        for pk, task_id, due, completed, percent, outcome in (
            _tracked(period).order_by("due_date", "id").values_list(*fields)
        ):
            task = tasks.get(task_id)
            if task is not None:
                done = completed if completed and completed <= period.cutoff_on else None
                rows.append(
                    _row(task, due, outcome, {"id": pk, "completed_on": done, "progress_percent": percent})
                )
        return rows
    for task in tasks.values():
        found = _fallback_outcome(task, period)
        if found is not None:
            rows.append(_row(task, found[0], found[1], {}))
    return rows


def _row(task: TaskInfo, due: date | None, outcome: str, occ: dict) -> OccurrenceRow:
    return OccurrenceRow(
        task_id=task.pk,
        task_text=task.text,
        section_id=task.section_id,
        section_label=task.section_label,
        due_on=due,
        outcome=outcome,
        occurrence_id=occ.get("id"),
        completed_on=occ.get("completed_on"),
        progress_percent=occ.get("progress_percent") or 0,
        progress_note=occ.get("progress_note") or "",
        evidence=list(occ.get("evidence") or []),
        lead_names=task.lead_names,
        coordinator_names=task.coordinator_names,
        unit_roles=task.unit_roles,
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

    A target without a computed value (no linked indicator, no round that year, or 0/0) shows "—".
    Met / not met is judged against the plan's own target (the one the table prints).
    """
    values = indicator_values(period)
    rows = []
    for target in PlanTarget.objects.filter(plan=period.plan).order_by("order", "id"):
        unit = target.unit or ""
        goal = target_label(target.comparator, f"{_number(target.value)}{unit}")
        found = values.get(target.pk)
        if found is None or found.value is None:
            rows.append(IndicatorRow(text=target.subject or target.text, target=goal, value="—", met=None))
            continue
        rows.append(
            IndicatorRow(
                text=target.subject or target.text,
                target=goal,
                value=f"{_number(found.value)}{unit}",
                met=_meets(found.value, target.comparator, target.value),
                source=found,
            )
        )
    return rows


@dataclass
class TargetValue:
    """The current computed value of a plan target for a year (read from the indicators app)."""

    value: object  # Decimal share in %, or None for 0/0
    numerator: int
    denominator: int
    computed_at: object
    criteria_name: str = ""
    criteria_version: int | None = None


def indicator_values(period) -> dict[int, TargetValue]:
    """Plan target id → the current province-wide value of the indicator linked to it, for the year.

    Read-only on indicators' models: `IndicatorValue.objects.current().overall()` (area empty = the
    indicator's whole scope) of indicators whose `plan_target` belongs to the plan. The province scope
    is an indicator without a scope unit or scoped to the plan's issuer or its territory; indicators
    scoped to a smaller area measure something else and are left out. When several indicators
    measure one target, the first in the indicators' own order wins.
    """
    try:
        from danvan.indicators.models import IndicatorValue
    except ImportError:  # indicators not installed
        return {}
    from django.db.models import Q

    plan = period.plan
    province = Q(indicator__scope__isnull=True)
    for unit_id in (plan.issuer_id, getattr(plan.issuer, "territory_id", None) if plan.issuer_id else None):
        if unit_id:
            province |= Q(indicator__scope_id=unit_id)
    found: dict[int, TargetValue] = {}
    for row in (
        IndicatorValue.objects.current()
        .overall()
        .filter(province, indicator__plan_target__plan=plan, year=period.year)
        .order_by("indicator__order", "indicator_id", "-computed_at", "-id")
        .values_list(
            "indicator__plan_target_id",
            "value",
            "numerator",
            "denominator",
            "computed_at",
            "criteria_set__name",
            "criteria_set__version",
        )
    ):
        target_id, value, numerator, denominator, computed_at, criteria_name, version = row
        found.setdefault(
            target_id,
            TargetValue(value, numerator, denominator, computed_at, criteria_name or "", version),
        )
    return found


# The report is Vietnamese whatever the interface language (see consolidated.py).
COMPARATOR_VI = {
    ">": "Trên {}",
    ">=": "Từ {} trở lên",
    "<": "Dưới {}",
    "<=": "Không quá {}",
    "=": "Đúng {}",
}


def target_label(comparator: str, value: str) -> str:
    """'Trên 80%', 'Từ 90% trở lên': the target as the plan words it."""
    return COMPARATOR_VI.get(comparator, "{}").format(value)


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


def movement_figures(year: int) -> list[dict]:
    """The plan's other work for the year (supervision, membership, training, ethnic and religious
    affairs, public opinion), as movement's `yearly_figures` gives it; empty without that app."""
    from django.apps import apps

    if not apps.is_installed("danvan.movement"):
        return []
    from danvan.movement.services import yearly_figures

    return yearly_figures(year)
