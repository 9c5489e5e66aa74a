"""Public-opinion notes: recording, search, trends per topic and area, and "needs action" → a plan task."""

from collections import defaultdict
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils.translation import gettext as _

from danvan.core.text import fold
from danvan.plans.choices import AssignmentRole, PlanStatus, Recurrence
from danvan.plans.models import Assignment, Plan, Task

from ..choices import ConcernLevel, OpinionTopic
from ..models import OpinionNote
from .common import assign, check_own_unit, require

NOTE_FIELDS = ("unit", "area", "noted_on", "topic", "concern", "summary", "sources")


def _search_text(note: OpinionNote) -> str:
    parts = [
        note.summary,
        note.sources,
        note.get_topic_display(),
        note.area.name if note.area_id else "",
        note.unit.name if note.unit_id else "",
    ]
    return " | ".join(fold(str(p)) for p in parts if p)


@transaction.atomic
def create_note(*, actor, **values) -> OpinionNote:
    require(actor, "movement.add_opinionnote")
    check_own_unit(actor, values.get("unit"), "unit")
    note = OpinionNote(created_by=actor)
    for key in NOTE_FIELDS:
        if key in values:
            setattr(note, key, values[key])
    note.search_text = _search_text(note)
    return assign(note, {}, ())


@transaction.atomic
def update_note(note: OpinionNote, *, actor, **values) -> OpinionNote:
    require(actor, "movement.change_opinionnote", note)
    if "unit" in values:
        check_own_unit(actor, values["unit"], "unit")
    for key in NOTE_FIELDS:
        if key in values:
            setattr(note, key, values[key])
    note.search_text = _search_text(note)
    return assign(note, {}, ())


def current_plan() -> Plan | None:
    """The plan a task created from a note belongs to: the latest active plan."""
    return Plan.objects.filter(status=PlanStatus.ACTIVE).order_by("-issued_on", "-id").first()


@transaction.atomic
def flag_needs_action(
    note: OpinionNote, *, actor, unit, due_date: date, text: str = "", plan: Plan | None = None
) -> Task:
    """The Board decides a note needs action: a one-off task of the plan, led by `unit`, due by `due_date`.

    The task and its lead assignment are written together; tracking creates the occurrence from them (its
    signals on Task and Assignment), so the task shows in the lead body's work and in reminders.
    """
    require(actor, "movement.act_on_opinionnote", note)
    if note.task_id:
        raise ValidationError(_("A task has already been created for this note."))
    if unit is None:
        raise ValidationError({"unit": _("Choose the body that should act.")})
    if due_date is None:
        raise ValidationError({"due_date": _("Give the date by which the body should act.")})
    plan = plan or current_plan()
    if plan is None:
        raise ValidationError(_("There is no active plan to add the task to. Activate the plan first."))
    from danvan.tracking.services import check_deadline  # the one rule for deadlines people set

    check_deadline(due_date)
    text = (text or "").strip() or _("Act on public opinion: %(note)s") % {"note": note.summary}
    order = (plan.tasks.aggregate(m=Max("order"))["m"] or 0) + 1
    task = Task.objects.create(
        plan=plan,
        text=text,
        summary=text[:255],
        recurrence=Recurrence.ONCE,
        due_date=due_date,
        order=order,
        deadline_text=f"{due_date:%d/%m/%Y}",
    )
    Assignment.objects.create(
        task=task, unit=unit, name_as_written=unit.name[:255], role=AssignmentRole.LEAD, match_confidence=1.0
    )
    note.needs_action, note.task = True, task
    note.save(update_fields=["needs_action", "task", "updated_at"])
    return task


def _quarter(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def trend(notes, *, by: str = "topic") -> dict:
    """Notes per quarter, by topic or by area: {"periods": [...], "rows": [{label, counts, high}]}.

    `high` counts the notes of high concern in each period, so a rising worry shows before the count does.
    """
    key = "topic" if by == "topic" else "area__name"
    data = (
        notes.values(key, "noted_on__year", "noted_on__month", "concern").annotate(n=Count("id")).order_by()
    )
    counts: dict = defaultdict(lambda: defaultdict(int))
    high: dict = defaultdict(lambda: defaultdict(int))
    periods = set()
    for row in data:
        period = _quarter(date(row["noted_on__year"], row["noted_on__month"], 1))
        periods.add(period)
        label = row[key] or ""
        counts[label][period] += row["n"]
        if row["concern"] == ConcernLevel.HIGH:
            high[label][period] += row["n"]
    ordered = sorted(periods)
    labels = dict(OpinionTopic.choices) if by == "topic" else {}
    rows = [
        {
            "label": str(labels.get(label, label)) or _("No area"),
            "counts": [counts[label].get(p, 0) for p in ordered],
            "high": [high[label].get(p, 0) for p in ordered],
            "total": sum(counts[label].values()),
        }
        for label in counts
    ]
    rows.sort(key=lambda r: (-r["total"], r["label"]))
    return {"periods": ordered, "rows": rows}
