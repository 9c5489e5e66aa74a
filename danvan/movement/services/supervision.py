"""Supervision programmes, recommendations followed to resolution with reminders, social criticism.

Reminders reuse tracking's rules and records: `tracking.reminder_rules.firing_for` decides when a reminder
is due (before the deadline, the day after, then weekly), each one is recorded as a `tracking.Reminder`
(occurrence empty) with a unique key `mvrec<id>:<due>:<rule key>` written in the same transaction as the
e-mail, and each recipient gets a `tracking.Notification` that opens the recommendation.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from danvan.orgs.models import User
from danvan.tracking import reminder_rules
from danvan.tracking.choices import ReminderRule
from danvan.tracking.models import Reminder
from danvan.tracking.services import notify_users

from ..choices import RecommendationStatus
from ..models import Recommendation, SocialCriticism, SupervisionProgramme
from .common import assign, check_own_unit, require

PROGRAMME_FIELDS = (
    "year",
    "subject",
    "organization",
    "scope",
    "starts_on",
    "ends_on",
    "team",
    "findings",
    "status",
)
CRITICISM_FIELDS = (
    "year",
    "draft_title",
    "requesting_body",
    "requesting_body_name",
    "organization",
    "received_on",
    "comments_due",
    "comments",
    "comments_sent_on",
    "uptake",
    "uptake_note",
)
REMINDER_PREFIX = "mvrec"


@transaction.atomic
def create_programme(*, actor, supervised_units=(), **values) -> SupervisionProgramme:
    """Record a supervision programme of the Front or a mass organization (an officer: of their own body)."""
    require(actor, "movement.add_supervisionprogramme")
    check_own_unit(actor, values.get("organization"), "organization")
    programme = assign(SupervisionProgramme(created_by=actor), values, PROGRAMME_FIELDS)
    programme.supervised_units.set(supervised_units)
    return programme


@transaction.atomic
def update_programme(
    programme: SupervisionProgramme, *, actor, supervised_units=None, **values
) -> SupervisionProgramme:
    require(actor, "movement.change_supervisionprogramme", programme)
    if "organization" in values:
        check_own_unit(actor, values["organization"], "organization")
    assign(programme, values, PROGRAMME_FIELDS)
    if supervised_units is not None:
        programme.supervised_units.set(supervised_units)
    return programme


@transaction.atomic
def add_recommendation(
    programme: SupervisionProgramme, *, actor, text: str, addressed_to, due_date: date
) -> Recommendation:
    """A recommendation of the supervision, addressed to one body and due by a date."""
    require(actor, "movement.change_supervisionprogramme", programme)
    if not (text or "").strip():
        raise ValidationError({"text": _("Write the recommendation.")})
    if addressed_to is None:
        raise ValidationError({"addressed_to": _("Choose the body the recommendation is addressed to.")})
    return assign(
        Recommendation(programme=programme),
        {"text": text, "addressed_to": addressed_to, "due_date": due_date},
        ("text", "addressed_to", "due_date"),
    )


@transaction.atomic
def answer_recommendation(
    rec: Recommendation, *, actor, answer: str, evidence=None, now: datetime | None = None
) -> Recommendation:
    """The addressed body answers; a new answer replaces an earlier one until the recommendation is
    resolved."""
    require(actor, "movement.answer_recommendation", rec)
    if rec.status == RecommendationStatus.RESOLVED:
        raise ValidationError(_("This recommendation is already resolved."))
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Write the answer to the recommendation.")})
    if evidence is not None:
        from danvan.tracking.services import check_evidence

        check_evidence(evidence)
        rec.evidence = evidence
    rec.answer = answer
    rec.answered_on = timezone.localdate(now or timezone.now())
    rec.answered_by = actor
    rec.status = RecommendationStatus.ANSWERED
    rec.full_clean()
    rec.save()
    return rec


@transaction.atomic
def resolve_recommendation(
    rec: Recommendation, *, actor, note: str = "", now: datetime | None = None
) -> Recommendation:
    """The supervising organization (or the Board) judges the answer satisfactory: resolved."""
    require(actor, "movement.resolve_recommendation", rec)
    if rec.status != RecommendationStatus.ANSWERED:
        raise ValidationError(_("Only an answered recommendation can be marked resolved."))
    rec.status = RecommendationStatus.RESOLVED
    rec.resolved_on = timezone.localdate(now or timezone.now())
    rec.resolution_note = (note or "").strip()
    rec.full_clean()
    rec.save()
    return rec


@transaction.atomic
def reopen_recommendation(rec: Recommendation, *, actor, note: str, due_date: date) -> Recommendation:
    """The answer does not settle it: back to the addressed body with a new due date."""
    require(actor, "movement.resolve_recommendation", rec)
    if rec.status != RecommendationStatus.ANSWERED:
        raise ValidationError(_("Only an answered recommendation can be sent back."))
    if not (note or "").strip():
        raise ValidationError(
            {"resolution_note": _("Say why the answer does not settle the recommendation.")}
        )
    if due_date is None:
        raise ValidationError({"due_date": _("Give a new due date for the answer.")})
    rec.status = RecommendationStatus.OPEN
    rec.resolution_note = note.strip()
    rec.due_date = due_date
    rec.full_clean()
    rec.save()
    return rec


@transaction.atomic
def create_criticism(*, actor, **values) -> SocialCriticism:
    require(actor, "movement.add_socialcriticism")
    check_own_unit(actor, values.get("organization"), "organization")
    return assign(SocialCriticism(), values, CRITICISM_FIELDS)


@transaction.atomic
def update_criticism(criticism: SocialCriticism, *, actor, **values) -> SocialCriticism:
    require(actor, "movement.change_socialcriticism", criticism)
    if "organization" in values:
        check_own_unit(actor, values["organization"], "organization")
    return assign(criticism, values, CRITICISM_FIELDS)


# --- reminders -------------------------------------------------------------------------------------------


def reminders_for(rec: Recommendation):
    """The reminders sent about one recommendation (tracking.Reminder rows with this app's key)."""
    return Reminder.objects.filter(dedupe_key__startswith=f"{REMINDER_PREFIX}{rec.pk}:")


def _recipients(recs: list[Recommendation], overdue: set[int]) -> dict[int, list[User]]:
    """Officers of the addressed body; once overdue, the supervising organization's officers too."""
    wanted = {r.addressed_to_id for r in recs} | {r.programme.organization_id for r in recs}
    by_unit: dict[int, list[User]] = {}
    for user in User.objects.filter(org_unit_id__in=wanted, is_active=True).order_by("username"):
        by_unit.setdefault(user.org_unit_id, []).append(user)
    out = {}
    for rec in recs:
        users = list(by_unit.get(rec.addressed_to_id, []))
        if rec.pk in overdue and rec.programme.organization_id != rec.addressed_to_id:
            users += by_unit.get(rec.programme.organization_id, [])
        out[rec.pk] = users
    return out


def _site_url(path: str) -> str:
    return getattr(settings, "DANVAN_SITE_URL", "http://127.0.0.1:8000").rstrip("/") + path


def _reminder_text(rec: Recommendation, firing) -> tuple[str, str]:
    values = {
        "text": str(rec),
        "due": f"{rec.due_date:%d/%m/%Y}",
        "days": firing.days,
        "programme": rec.programme.subject,
    }
    if firing.rule == ReminderRule.OVERDUE:
        subject = _("Recommendation overdue by %(days)s day(s): “%(text)s”, answer was due %(due)s") % values
    else:
        subject = _("Recommendation due in %(days)s day(s): “%(text)s”, answer due %(due)s") % values
    body = "\n\n".join(
        [
            subject,
            _("Supervision: %(programme)s.") % values,
            _("Open the recommendation and record the answer: %(url)s")
            % {"url": _site_url(rec.get_absolute_url())},
        ]
    )
    return subject, body


@dataclass
class RecommendationReminderRun:
    day: date
    dry_run: bool = False
    sent: list = field(default_factory=list)  # (recommendation id, rule, key, recipient count)
    skipped: int = 0

    def summary(self) -> str:
        prefix = "[dry run] " if self.dry_run else ""
        verb = "to send" if self.dry_run else "sent"
        return (
            f"{prefix}{self.day:%Y-%m-%d}: {len(self.sent)} recommendation reminder(s) {verb}, "
            f"{self.skipped} already sent."
        )


def send_recommendation_reminders(
    *, today: date | None = None, dry_run: bool = False
) -> RecommendationReminderRun:
    """Remind the addressed bodies of unanswered recommendations (command `send_recommendation_reminders`).

    Idempotent like tracking's run: the Reminder row with its unique key is written in the same transaction
    as the e-mail, so a second run or a parallel worker never sends the same reminder twice.
    """
    today = today or timezone.localdate()
    run = RecommendationReminderRun(day=today, dry_run=dry_run)
    before = reminder_rules.days_before()
    recs = list(
        Recommendation.objects.open().select_related("programme", "addressed_to").order_by("due_date", "pk")
    )
    firings = []
    for rec in recs:
        firing = reminder_rules.firing_for(due=rec.due_date, completed_on=None, today=today, before=before)
        if firing:
            firings.append((rec, firing, f"{REMINDER_PREFIX}{rec.pk}:{rec.due_date:%Y%m%d}:{firing.key}"))
    done = set(
        Reminder.objects.filter(dedupe_key__in=[k for _r, _f, k in firings]).values_list(
            "dedupe_key", flat=True
        )
    )
    pending = [(r, f, k) for r, f, k in firings if k not in done]
    run.skipped = len(firings) - len(pending)
    overdue = {r.pk for r, f, _k in pending if f.rule == ReminderRule.OVERDUE}
    recipients = _recipients([r for r, _f, _k in pending], overdue)
    connection = None if dry_run else get_connection()
    with translation.override(settings.LANGUAGE_CODE):
        for rec, firing, key in pending:
            users = recipients[rec.pk]
            if dry_run:
                run.sent.append((rec.pk, firing.rule, key, len(users)))
                continue
            subject, body = _reminder_text(rec, firing)
            try:
                with transaction.atomic():
                    Reminder.objects.create(
                        rule=firing.rule,
                        dedupe_key=key,
                        sent_on=today,
                        message=subject,
                        recipients=[u.username for u in users],
                    )
                    notify_users(
                        users, subject=subject, body=body, url=rec.get_absolute_url(), connection=connection
                    )
            except IntegrityError:
                run.skipped += 1
                continue
            run.sent.append((rec.pk, firing.rule, key, len(users)))
    return run
