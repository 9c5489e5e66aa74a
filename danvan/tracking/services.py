"""Rules of plan execution: occurrences, progress and roll-up, successor routing, reminders, feeds, export.

Views, API, commands and jobs call these functions; nothing else writes tracking state.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from io import BytesIO

import filetype
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.permissions import is_coordinator, manages_everything
from danvan.core.text import fold
from danvan.orgs.choices import OrgKind
from danvan.orgs.models import OrgUnit, User
from danvan.orgs.services import current_holders
from danvan.plans.choices import AssignmentRole, Recurrence
from danvan.plans.models import Assignment, Task

from . import reminder_rules
from .choices import EntryKind, Outcome, ReminderRule
from .models import CalendarFeed, Evidence, Notification, Occurrence, ProgressEntry, Reminder
from .periods import periods_for
from .querysets import OUTCOMES, outcome_counts
from .status import due_soon_days

# ---------------------------------------------------------------------------------------------
# Occurrences


def lead_unit_for(task: Task, on: date | None = None) -> OrgUnit | None:
    """The body answerable for the task on `on`: its (first) lead, or that lead's current successor."""
    leads = task.lead_units()
    if not leads:
        return None
    holders = current_holders(leads[0], on)
    return holders[0] if holders else leads[0]


def _term(task: Task, today: date) -> tuple[int, int]:
    plan = task.plan
    if plan.term_start and plan.term_end:
        return plan.term_start, plan.term_end
    year = (task.due_date or plan.issued_on or today).year
    return year, year


def search_text_for(task: Task, lead: OrgUnit | None) -> str:
    parts = [task.summary, task.text[:1000], task.plan.symbol, task.plan.title[:300]]
    if lead is not None:
        parts += [lead.name, lead.short_name]
    return fold(" ".join(p for p in parts if p))


@transaction.atomic
def sync_occurrences(task: Task, *, today: date | None = None) -> tuple[int, int]:
    """Create the task's occurrences from its schedule; on a schedule change regenerate future ones.

    Past and current occurrences, and any occurrence with reported progress, are kept with their
    history; untouched occurrences of periods that have not begun and are no longer in the
    schedule are removed. Returns (created, removed).
    """
    today = today or timezone.localdate()
    start, end = _term(task, today)
    desired = periods_for(task.recurrence, term_start=start, term_end=end, due_date=task.due_date)
    existing = {(o.kind, o.period_start): o for o in task.occurrences.all()}
    first_time = not existing
    lead = lead_unit_for(task, today)
    text = search_text_for(task, lead)
    wanted = {p.key: p for p in desired}
    removed = 0
    for key, occ in existing.items():
        period = wanted.get(key)
        if period is None:
            untouched = occ.started_on is None and occ.completed_on is None and not occ.entries.exists()
            if occ.period_start > today and untouched:
                occ.delete()
                removed += 1
            continue
        changes = {}
        if occ.is_open and (occ.due_date != period.due or occ.period_end != period.end):
            changes.update(due_date=period.due, period_end=period.end, year=period.end.year)
        if occ.search_text != text or occ.plan_id != task.plan_id or occ.section_id != task.section_id:
            Occurrence.objects.filter(pk=occ.pk).update(
                search_text=text, plan_id=task.plan_id, section_id=task.section_id
            )
        if occ.is_open and lead is not None and occ.lead_unit_id != lead.pk:
            changes["lead_unit"] = lead  # a corrected lead takes over the open work
        if changes:
            for name, value in changes.items():
                setattr(occ, name, value)
            occ.save()
    # New periods start after today and after the last kept occurrence, so none overlaps kept work.
    kept_end = max((o.period_end for o in task.occurrences.all()), default=None) if not first_time else None
    cutoff = max(today, kept_end) if kept_end else today
    created = 0
    for key, period in wanted.items():
        if key in existing or (not first_time and period.start <= cutoff):
            continue
        Occurrence.objects.create(
            task=task,
            plan_id=task.plan_id,
            section_id=task.section_id,
            kind=period.kind,
            period_start=period.start,
            period_end=period.end,
            due_date=period.due,
            year=period.end.year,
            lead_unit=lead,
            search_text=text,
        )
        created += 1
    return created, removed


def sync_plan(plan, *, today: date | None = None) -> tuple[int, int]:
    created = removed = 0
    for task in Task.objects.filter(plan=plan).select_related("plan").prefetch_related("assignments__unit"):
        c, r = sync_occurrences(task, today=today)
        created, removed = created + c, removed + r
    return created, removed


@transaction.atomic
def route_to_successors(*, today: date | None = None) -> int:
    """Open occurrences of a closed (merged, renamed, split) body move to its current holder; noted."""
    today = today or timezone.localdate()
    moved = 0
    with translation.override(settings.LANGUAGE_CODE):
        for unit in _closed_leads(today):
            moved += _move_to_successor(unit, today)
    return moved


def _closed_leads(today: date):
    return OrgUnit.objects.filter(valid_to__lt=today, lead_occurrences__completed_on__isnull=True).distinct()


def _move_to_successor(unit: OrgUnit, today: date) -> int:
    holders = current_holders(unit, today)
    if not holders or holders[0].pk == unit.pk:
        return 0
    successor = holders[0]
    moved = 0
    for occ in Occurrence.objects.open().filter(lead_unit=unit).select_related("task__plan"):
        occ.lead_unit = successor
        occ.search_text = search_text_for(occ.task, successor)
        occ.save()
        ProgressEntry.objects.create(
            occurrence=occ,
            kind=EntryKind.SYSTEM,
            unit=successor,
            reported_on=today,
            text=_("Lead body changed from “%(old)s” to “%(new)s” (organizational change).")
            % {"old": unit.name, "new": successor.name},
        )
        moved += 1
    return moved


# ---------------------------------------------------------------------------------------------
# Sub-plans and delegation


def can_manage_task(user, task: Task) -> bool:
    """The Board, or an officer of the task's lead body, breaks the task down or hands it down."""
    if manages_everything(user):
        return True
    unit = getattr(user, "org_unit", None)
    return unit is not None and any(u.pk == unit.pk for u in _lead_holders(task))


def _lead_holders(task: Task) -> list[OrgUnit]:
    return [h for lead in task.lead_units() for h in current_holders(lead)]


def _require_manager(actor, task: Task) -> None:
    if not can_manage_task(actor, task):
        raise PermissionDenied(
            _("Only the lead body or the Mass Mobilization Board can break this task down.")
        )


def check_deadline(due_date: date | None, *, field: str = "due_date", today: date | None = None) -> None:
    """A deadline a person sets may not be before today: the work would be overdue at once."""
    if due_date is not None and due_date < (today or timezone.localdate()):
        raise ValidationError({field: _("The deadline cannot be before today.")})


@transaction.atomic
def create_subtask(
    parent: Task, *, actor, recurrence: str | None = None, due_date: date | None = None, **fields
) -> Task:
    """A sub-task of the lead body's own implementation plan (kế hoạch thực hiện), with its own dates
    (the fields of `_add_subtask`); a one-off deadline set here is not before today."""
    _require_manager(actor, parent)
    if (recurrence or parent.recurrence) == Recurrence.ONCE:
        check_deadline(due_date)
    return _add_subtask(parent, actor=actor, recurrence=recurrence, due_date=due_date, **fields)


def _add_subtask(
    parent: Task,
    *,
    actor,
    text: str,
    lead: OrgUnit,
    coordinators: Sequence[OrgUnit] = (),
    recurrence: str | None = None,
    due_date: date | None = None,
    weight: Decimal | int = 1,
) -> Task:
    """A sub-task, once the caller has checked that the actor may manage the parent."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write what the sub-task is."))
    recurrence = recurrence or parent.recurrence
    if recurrence == Recurrence.ONCE and due_date is None:
        raise ValidationError(_("A one-off sub-task needs a due date."))
    if Decimal(weight) <= 0:
        raise ValidationError(_("The weight must be greater than 0."))
    order = parent.subtasks.count() + 1
    sub = Task.objects.create(
        plan=parent.plan,
        section=parent.section,
        parent=parent,
        text=text,
        summary=text[:255],
        recurrence=recurrence,
        due_date=due_date if recurrence == Recurrence.ONCE else None,
        weight=Decimal(weight),
        order=parent.order * 1000 + order,
    )
    Assignment.objects.create(
        task=sub, unit=lead, name_as_written=lead.name, role=AssignmentRole.LEAD, match_confidence=1.0
    )
    for i, unit in enumerate(coordinators, start=1):
        Assignment.objects.create(
            task=sub,
            unit=unit,
            name_as_written=unit.name,
            role=AssignmentRole.COORDINATOR,
            match_confidence=1.0,
            order=i,
        )
    sync_occurrences(Task.objects.select_related("plan").get(pk=sub.pk))
    return sub


def delegation_units(occ: Occurrence):
    """The bodies a task can be handed down to: open units below the lead body (the plan's issuer when
    the occurrence has no lead) — its own sub-units, and the districts and communes of its territory
    with their bodies. Never the lead's own level or above (central bodies, the province's other bodies)."""
    lead = occ.lead_unit or occ.plan.issuer
    if lead is None:
        return OrgUnit.objects.none()
    below = Q(path__startswith=lead.path) & ~Q(pk=lead.pk)
    area = lead.territory if lead.territory_id else (lead if lead.kind in OrgKind.administrative() else None)
    if area is not None:
        below |= Q(path__startswith=area.path, kind__in=OrgKind.administrative()) & ~Q(pk=area.pk)
        below |= Q(territory__path__startswith=area.path) & ~Q(territory=area)
    return OrgUnit.objects.active().filter(below).order_by("path")


@transaction.atomic
def delegate_task(task: Task, *, actor, units: Iterable[OrgUnit]) -> list[Task]:
    """Hand a task down to districts or communes: one sub-task per body, same work and schedule (the
    parent's deadline is copied as it is, even when it has passed)."""
    _require_manager(actor, task)
    subs = []
    for unit in units:
        subs.append(
            _add_subtask(
                task,
                actor=actor,
                text=task.summary or task.text,
                lead=unit,
                recurrence=task.recurrence,
                due_date=task.due_date,
            )
        )
    if not subs:
        raise ValidationError(_("Choose at least one body to hand the task down to."))
    return subs


ROLL_UP_RULE = gettext_lazy(
    "A task with sub-tasks takes its progress from them: the weighted average of each sub-task's "
    "progress in the same period (weights as set on the sub-tasks). It is done when every sub-task is done, "
    "on the day the last one was done."
)


def roll_up(occ: Occurrence) -> None:
    """Recompute the parent task's occurrence of the same period from its sub-tasks' occurrences."""
    task = occ.task
    if task.parent_id is None:
        return
    parent_occ = (
        Occurrence.objects.filter(
            task_id=task.parent_id, period_start__lte=occ.period_end, period_end__gte=occ.period_end
        )
        .order_by("period_start")
        .first()
    )
    if parent_occ is None:
        return
    children = Occurrence.objects.filter(
        task__parent_id=task.parent_id,
        period_end__gte=parent_occ.period_start,
        period_end__lte=parent_occ.period_end,
    ).values("task_id", "task__weight", "percent", "completed_on", "started_on")
    by_task = defaultdict(list)
    for row in children:
        by_task[row["task_id"]].append(row)
    if not by_task:
        return
    total_weight = Decimal(0)
    weighted = Decimal(0)
    done_dates, started = [], []
    all_done = True
    for rows in by_task.values():
        weight = rows[0]["task__weight"] or Decimal(1)
        percent = Decimal(sum(r["percent"] for r in rows)) / len(rows)
        total_weight += weight
        weighted += weight * percent
        if all(r["completed_on"] for r in rows):
            done_dates.append(max(r["completed_on"] for r in rows))
        else:
            all_done = False
        started += [r["started_on"] for r in rows if r["started_on"]]
    percent = int((weighted / total_weight).quantize(Decimal(1))) if total_weight else 0
    parent_occ.completed_on = max(done_dates) if all_done and done_dates else None
    parent_occ.percent = 100 if parent_occ.completed_on else min(percent, 99)
    parent_occ.started_on = min(started) if started else parent_occ.started_on
    parent_occ.version = F("version") + 1
    parent_occ.save()
    parent_occ.refresh_from_db()
    roll_up(parent_occ)


# ---------------------------------------------------------------------------------------------
# Progress, evidence, comments

ALLOWED_EVIDENCE = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "image/jpeg": "JPG",
    "image/png": "PNG",
    "image/webp": "WEBP",
    "image/gif": "GIF",
}
# The same types for a file input's `accept`, so that the browser offers them first.
EVIDENCE_ACCEPT = ".pdf,.docx,.xlsx,.jpg,.jpeg,.png,.webp,.gif"


def evidence_max_bytes() -> int:
    return int(getattr(settings, "DANVAN_EVIDENCE_MAX_BYTES", 20 * 1024 * 1024))


def check_evidence(upload) -> str:
    """The file's real type, read from its content; refuses other types and files over the limit."""
    limit = evidence_max_bytes()
    if upload.size > limit:
        raise ValidationError(
            _(
                "The file “%(name)s” is %(size)s; the limit is %(limit)s. "
                "Compress it or split it into smaller files."
            )
            % {"name": upload.name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_EVIDENCE:
        raise ValidationError(
            _(
                "The file “%(name)s” is not a PDF, DOCX, XLSX or image (JPG, PNG, WEBP, GIF) file. "
                "Attach the evidence in one of these formats."
            )
            % {"name": upload.name}
        )
    return kind.mime


class StaleVersion(ValidationError):
    pass


def entry_kind_for(user, occ: Occurrence) -> str | None:
    """What this person may add to the occurrence: progress (lead body, Board), contribution
    (a coordinating body), or None (comments only)."""
    unit = getattr(user, "org_unit", None)
    if manages_everything(user):
        return EntryKind.PROGRESS
    if unit is None:
        return None
    if occ.lead_unit_id and occ.lead_unit.path.startswith(unit.path):
        return EntryKind.PROGRESS
    if Assignment.objects.filter(
        task_id=occ.task_id, unit=unit, role__in=[AssignmentRole.COORDINATOR, AssignmentRole.CO_LEAD]
    ).exists():
        return EntryKind.CONTRIBUTION
    return None


@transaction.atomic
def add_progress(
    occ: Occurrence,
    *,
    actor,
    text: str = "",
    percent: int | None = None,
    files: Sequence = (),
    version: int | None = None,
    now: datetime | None = None,
) -> ProgressEntry:
    """Record progress (lead body) or a contribution (coordinating body), with evidence files.

    `version` is the occurrence version the person saw; when someone saved in between, nothing is
    written and a clear message asks to reload, so no report silently overwrites another.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    kind = entry_kind_for(actor, occ)
    if kind is None:
        raise PermissionDenied(
            _("Only the lead body, its coordinating bodies or the Board can report progress.")
        )
    if kind == EntryKind.PROGRESS and percent is None:
        raise ValidationError({"percent": _("Enter the progress in percent (0 to 100).")})
    if percent is not None and not 0 <= percent <= 100:
        raise ValidationError({"percent": _("Progress must be a whole number from 0 to 100.")})
    if not (text or "").strip() and percent is None and not files:
        raise ValidationError({"text": _("Write what was done or attach evidence.")})
    mimes = _evidence_types(files)
    if occ.task.subtasks.exists() and kind == EntryKind.PROGRESS and percent is not None:
        raise ValidationError(
            {"percent": _("This task's progress is computed from its sub-tasks; report on the sub-tasks.")}
        )
    _bump_version(occ, version)
    entry = ProgressEntry.objects.create(
        occurrence=occ,
        kind=kind,
        author=actor,
        unit=getattr(actor, "org_unit", None),
        percent=percent,
        text=(text or "").strip(),
        reported_on=today,
        created_at=now,
    )
    for upload, mime in zip(files, mimes, strict=True):
        Evidence.objects.create(entry=entry, file=upload, name=upload.name[:255], mime=mime, size=upload.size)
    if kind == EntryKind.PROGRESS:
        occ.percent = percent
        occ.started_on = occ.started_on or today
        occ.completed_on = (occ.completed_on or today) if percent == 100 else None
        occ.save()
        roll_up(occ)
    elif occ.started_on is None:
        occ.started_on = today
        occ.save()
    return entry


def _evidence_types(files: Sequence) -> list[str]:
    """Each file's real type (`check_evidence`); every refused file is named on the "files" field."""
    mimes, errors = [], []
    for upload in files:
        try:
            mimes.append(check_evidence(upload))
        except ValidationError as error:
            errors += error.messages
    if errors:
        raise ValidationError({"files": errors})
    return mimes


def _bump_version(occ: Occurrence, version: int | None) -> None:
    if version is None:
        version = occ.version
    if not Occurrence.objects.filter(pk=occ.pk, version=version).update(version=F("version") + 1):
        raise StaleVersion(
            _(
                "Someone else updated this work while you were editing. Reload the page, check their report, "
                "then enter yours again."
            )
        )
    occ.refresh_from_db()


@transaction.atomic
def add_comment(occ: Occurrence, *, actor, text: str, now: datetime | None = None) -> ProgressEntry:
    """A comment between the lead body, its coordinators and the Board."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write the comment before sending it."))
    now = now or timezone.now()
    entry = ProgressEntry.objects.create(
        occurrence=occ,
        kind=EntryKind.COMMENT,
        author=actor,
        unit=getattr(actor, "org_unit", None),
        text=text,
        reported_on=timezone.localdate(now),
        created_at=now,
    )
    recipients = [u for u in recipients_for([occ])[occ.pk] if u.pk != getattr(actor, "pk", None)]
    _notify(
        recipients,
        occ,
        _("New comment on “%(task)s” (%(period)s)") % {"task": _short(occ), "period": occ.label},
    )
    return entry


# ---------------------------------------------------------------------------------------------
# Reminders and notifications


def _short(occ: Occurrence) -> str:
    text = str(occ.task)
    return text if len(text) <= 90 else text[:87] + "…"


def recipients_for(occs: Sequence[Occurrence]) -> dict[int, list[User]]:
    """Officers of the lead body and of the coordinating bodies of each occurrence (3 queries in all)."""
    task_ids = {o.task_id for o in occs}
    units_by_task = defaultdict(set)
    for task_id, unit_id in Assignment.objects.filter(
        task_id__in=task_ids,
        role__in=[AssignmentRole.COORDINATOR, AssignmentRole.CO_LEAD],
        unit__isnull=False,
    ).values_list("task_id", "unit_id"):
        units_by_task[task_id].add(unit_id)
    wanted = {o.lead_unit_id for o in occs if o.lead_unit_id} | {u for s in units_by_task.values() for u in s}
    users_by_unit = defaultdict(list)
    for user in User.objects.filter(org_unit_id__in=wanted, is_active=True).order_by("username"):
        users_by_unit[user.org_unit_id].append(user)
    out = {}
    for occ in occs:
        units = ([occ.lead_unit_id] if occ.lead_unit_id else []) + sorted(
            units_by_task[occ.task_id] - {occ.lead_unit_id}
        )
        out[occ.pk] = [u for unit in units for u in users_by_unit[unit]]
    return out


def _notify(users: Iterable[User], occ: Occurrence | None, text: str) -> None:
    url = occ.get_absolute_url() if occ else ""
    Notification.objects.bulk_create(
        [Notification(user=u, occurrence=occ, text=text[:500], url=url) for u in users]
    )


def _site_url(path: str) -> str:
    return getattr(settings, "DANVAN_SITE_URL", "http://127.0.0.1:8000").rstrip("/") + path


def _reminder_text(occ: Occurrence, firing, message: str = "") -> tuple[str, str]:
    values = {
        "task": _short(occ),
        "period": occ.label,
        "due": f"{occ.due_date:%d/%m/%Y}" if occ.due_date else "—",
        "days": firing.days if firing else 0,
    }
    if firing is None:
        subject = _("Reminder from the Mass Mobilization Board: “%(task)s” (%(period)s)") % values
    elif firing.rule == ReminderRule.OVERDUE:
        subject = _("Overdue by %(days)s day(s): “%(task)s” (%(period)s), deadline %(due)s") % values
    else:
        subject = _("Due in %(days)s day(s): “%(task)s” (%(period)s), deadline %(due)s") % values
    body = "\n\n".join(
        p
        for p in [
            subject,
            message,
            _("Progress reported: %(percent)s%%.") % {"percent": occ.percent},
            _("Open the work and report progress: %(url)s") % {"url": _site_url(occ.get_absolute_url())},
        ]
        if p
    )
    return subject, body


def _deliver(users: Sequence[User], subject: str, body: str, connection) -> list[str]:
    addresses = [u.email for u in users if u.email]
    messages = [
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [a], connection=connection)
        for a in addresses
    ]
    if messages:
        connection.send_messages(messages)
    return addresses


def notify_users(users: Sequence[User], *, subject: str, body: str, url: str, connection=None) -> list[str]:
    """In-app notification and e-mail for records of any app (recommendations, petitions, …).

    The caller writes its Reminder row (unique dedupe_key) in the same transaction, so a second
    run never sends twice; returns the addresses mailed."""
    Notification.objects.bulk_create([Notification(user=u, text=subject[:500], url=url) for u in users])
    return _deliver(users, subject, body, connection or get_connection())


@dataclass
class ReminderRun:
    day: date
    dry_run: bool = False
    sent: list = field(default_factory=list)  # (occurrence id or None, rule, key, recipient count)
    skipped: int = 0
    digest: bool = False

    def summary(self) -> str:
        prefix = "[dry run] " if self.dry_run else ""
        return (
            f"{prefix}{self.day:%Y-%m-%d}: {len(self.sent)} reminder(s) "
            f"{'to send' if self.dry_run else 'sent'}, {self.skipped} already sent, "
            f"digest {'yes' if self.digest else 'no'}."
        )


def send_reminders(*, today: date | None = None, dry_run: bool = False) -> ReminderRun:
    """The daily reminder run (job `tracking.tasks.send_daily_reminders`, command `send_reminders`).

    Idempotent: each firing is written with a unique key before the e-mail leaves, in the same
    transaction, so a second run, a parallel worker or a restart never sends it twice.
    """
    today = today or timezone.localdate()
    run = ReminderRun(day=today, dry_run=dry_run)
    before = reminder_rules.days_before()
    horizon = today + timedelta(days=max(before) if before else 0)
    occs = list(
        Occurrence.objects.open()
        .filter(due_date__isnull=False, due_date__lte=horizon)
        .select_related("task", "lead_unit")
        .order_by("due_date", "pk")
    )
    firings = {}
    for occ in occs:
        firing = reminder_rules.firing_for(
            due=occ.due_date, completed_on=occ.completed_on, today=today, before=before
        )
        if firing:
            firings[occ.pk] = (occ, firing, f"occ{occ.pk}:{firing.key}")
    done = set()
    keys = [k for _o, _f, k in firings.values()]
    for i in range(0, len(keys), 500):
        done |= set(
            Reminder.objects.filter(dedupe_key__in=keys[i : i + 500]).values_list("dedupe_key", flat=True)
        )
    pending = [(o, f, k) for o, f, k in firings.values() if k not in done]
    run.skipped = len(firings) - len(pending)
    recipients = recipients_for([o for o, _f, _k in pending])
    connection = None if dry_run else get_connection()
    with translation.override(settings.LANGUAGE_CODE):
        for occ, firing, key in pending:
            users = recipients[occ.pk]
            if dry_run:
                run.sent.append((occ.pk, firing.rule, key, len(users)))
                continue
            subject, body = _reminder_text(occ, firing)
            try:
                with transaction.atomic():
                    reminder = Reminder.objects.create(
                        occurrence=occ,
                        rule=firing.rule,
                        dedupe_key=key,
                        sent_on=today,
                        message=subject,
                        recipients=[u.username for u in users],
                    )
                    _notify(users, occ, subject)
                    _deliver(users, subject, body, connection)
            except IntegrityError:
                run.skipped += 1  # another run recorded it first
                continue
            run.sent.append((occ.pk, reminder.rule, key, len(users)))
        run.digest = _send_digest(today, dry_run=dry_run, connection=connection)
    return run


def _send_digest(today: date, *, dry_run: bool, connection) -> bool:
    key = reminder_rules.digest_key(today)
    if key is None or Reminder.objects.filter(dedupe_key=key).exists():
        return False
    board = list(User.objects.filter(role="coordinator", is_active=True))
    if dry_run:
        return True
    occs = Occurrence.objects.with_outcome(today)
    counts = dict(
        occs.filter(due_date__year=today.year).values_list("computed_outcome").annotate(n=Count("id"))
    )
    overdue = occs.overdue(today).count()
    soon = occs.due_soon(today).count()
    subject = _("Weekly digest of plan execution, week of %(day)s") % {"day": f"{today:%d/%m/%Y}"}
    lines = [
        subject,
        _("Overdue: %(n)s. Due within %(d)s days: %(s)s.") % {"n": overdue, "d": due_soon_days(), "s": soon},
    ]
    lines += [f"- {Outcome(k).label}: {v}" for k, v in sorted(counts.items())]
    lines.append(_("Overview: %(url)s") % {"url": _site_url("/tracking/overview/")})
    try:
        with transaction.atomic():
            Reminder.objects.create(
                rule=ReminderRule.DIGEST,
                dedupe_key=key,
                sent_on=today,
                message=subject,
                recipients=[u.username for u in board],
            )
            _notify(board, None, subject)
            _deliver(board, subject, "\n".join(lines), connection)
    except IntegrityError:
        return False
    return True


def needs_reminders(occ: Occurrence) -> bool:
    """A reminder urges work that is not done; a completed occurrence gets none."""
    return occ.completed_on is None


@transaction.atomic
def send_manual_reminder(occ: Occurrence, *, actor, message: str, now: datetime | None = None) -> Reminder:
    """The Board urges the bodies of one occurrence with its own message, while the work is not done."""
    if not manages_everything(actor):
        raise PermissionDenied(_("Only the Mass Mobilization Board can send a reminder."))
    if not needs_reminders(occ):
        raise ValidationError(_("This work is done: there is nothing to remind the bodies of."))
    message = (message or "").strip()
    if not message:
        raise ValidationError(_("Write the reminder message."))
    now = now or timezone.now()
    users = recipients_for([occ])[occ.pk]
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _reminder_text(occ, None, message)
    reminder = Reminder.objects.create(
        occurrence=occ,
        rule=ReminderRule.MANUAL,
        sent_on=timezone.localdate(now),
        sent_at=now,
        sent_by=actor,
        message=message,
        recipients=[u.username for u in users],
    )
    _notify(users, occ, subject)
    _deliver(users, subject, body, get_connection())
    return reminder


def mark_read(notification: Notification, *, now: datetime | None = None) -> None:
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk).update(read_at=now or timezone.now())


def mark_all_read(user, *, now: datetime | None = None) -> int:
    return Notification.objects.filter(user=user).unread().update(read_at=now or timezone.now())


# ---------------------------------------------------------------------------------------------
# Calendar feeds


def create_feed(*, actor, unit: OrgUnit | None = None) -> CalendarFeed:
    """A private feed for `unit` (its officers or the Board) or, without a unit, for the actor."""
    if unit is not None:
        own = getattr(actor, "org_unit_id", None) == unit.pk
        if not (own or manages_everything(actor)):
            raise PermissionDenied(_("You can create a calendar only for your own body."))
        return CalendarFeed.objects.create(unit=unit, created_by=actor)
    return CalendarFeed.objects.create(user=actor, created_by=actor)


def revoke_feed(feed: CalendarFeed, *, actor, now: datetime | None = None) -> None:
    if not (feed.created_by_id == actor.pk or feed.user_id == actor.pk or manages_everything(actor)):
        raise PermissionDenied(_("You cannot revoke this calendar."))
    feed.revoked_at = now or timezone.now()
    feed.save()


def feed_occurrences(feed: CalendarFeed):
    qs = Occurrence.objects.filter(due_date__isnull=False).select_related("task")
    if feed.unit_id:
        return qs.filter(Q(lead_unit_id=feed.unit_id) | Q(task__assignments__unit_id=feed.unit_id)).distinct()
    return qs.visible_to(feed.user) if not is_coordinator(feed.user) else qs.open()


def feed_ics(feed: CalendarFeed) -> bytes:
    """The feed as iCalendar: one all-day event per deadline."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//danvan//tracking//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Deadlines — %(owner)s") % {"owner": feed})
    stamp = timezone.now()
    for occ in feed_occurrences(feed).order_by("due_date", "pk")[:5000]:
        event = Event()
        event.add("uid", f"occurrence-{occ.pk}@danvan")
        event.add("dtstamp", stamp)
        event.add("dtstart", occ.due_date)
        event.add("dtend", occ.due_date + timedelta(days=1))
        event.add("summary", f"[{occ.label}] {_short(occ)}")
        event.add(
            "description",
            _("Progress: %(p)s%%") % {"p": occ.percent} + "\n" + _site_url(occ.get_absolute_url()),
        )
        event.add("url", _site_url(occ.get_absolute_url()))
        cal.add_component(event)
    return cal.to_ical()


# ---------------------------------------------------------------------------------------------
# Export and dashboard


def export_xlsx(occurrences, *, today: date | None = None) -> bytes:
    """Any filtered list of occurrences as an Excel sheet (the caller passes a visible_to queryset)."""
    from openpyxl import Workbook

    today = today or timezone.localdate()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Occurrences"))
    ws.append(
        [
            _("Plan"),
            _("Section"),
            _("Task"),
            _("Period"),
            _("Lead body"),
            _("Deadline"),
            _("Progress (%)"),
            _("Status"),
            _("Completed on"),
        ]
    )
    qs = occurrences.with_outcome(today).select_related("plan", "section", "task", "lead_unit")
    for occ in qs.iterator(chunk_size=2000):
        ws.append(
            [
                occ.plan.symbol or str(occ.plan)[:80],
                str(occ.section or ""),
                str(occ.task),
                occ.label,
                occ.lead_unit.name if occ.lead_unit else "",
                occ.due_date,
                occ.percent,
                str(Outcome(occ.computed_outcome).label),
                occ.completed_on,
            ]
        )
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def outcome_matrix(
    occurrences, *, today: date | None = None, group: str | Sequence[str] = "lead_unit"
) -> list[dict]:
    """Rows of {key, counts{outcome: n}, total, done, rate, on_time_rate}; one query.

    Counted in SQL with one conditional COUNT per outcome, grouped by the plain column(s) `group`:
    one pass over a covering index and no sort on a computed status. With several columns the key is
    a tuple (see `regroup` to fold such rows into a coarser grouping in Python).
    """
    today = today or timezone.localdate()
    columns = [group] if isinstance(group, str) else list(group)
    rows = occurrences.order_by().values(*columns).annotate(**outcome_counts(today))
    table = []
    for row in rows:
        key = row[columns[0]] if len(columns) == 1 else tuple(row[c] for c in columns)
        table.append(_rates({"key": key, "counts": {o: row[f"n_{o}"] for o in OUTCOMES}}))
    return table


def outcome_totals(occurrences, *, today: date | None = None) -> dict[str, int]:
    """{outcome: n} over the whole queryset, in one aggregate query."""
    row = occurrences.order_by().aggregate(**outcome_counts(today or timezone.localdate()))
    return {o: row[f"n_{o}"] for o in OUTCOMES}


def regroup(rows: list[dict], index: int) -> list[dict]:
    """Sum rows keyed by tuples into rows keyed by the tuple's `index`-th element."""
    table: dict = {}
    for row in rows:
        key = row["key"][index]
        entry = table.setdefault(key, {"key": key, "counts": dict.fromkeys(OUTCOMES, 0)})
        for o, n in row["counts"].items():
            entry["counts"][o] += n
    return [_rates(entry) for entry in table.values()]


def _rates(entry: dict) -> dict:
    c = entry["counts"]
    entry["total"] = sum(c.values())
    entry["done"] = c[Outcome.DONE_ON_TIME] + c[Outcome.DONE_LATE]
    due = entry["done"] + c[Outcome.OVERDUE]
    entry["rate"] = round(100 * entry["done"] / due) if due else None
    entry["on_time_rate"] = round(100 * c[Outcome.DONE_ON_TIME] / entry["done"]) if entry["done"] else None
    return entry
