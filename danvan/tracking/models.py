"""Execution of plans (theo dõi thực hiện): occurrences, progress, evidence, reminders, notices, feeds."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from danvan.core.models import TimeStampedModel

from .choices import EntryKind, Outcome, PeriodKind, ReminderRule
from .periods import period_label
from .querysets import NotificationQuerySet, OccurrenceQuerySet, ProgressEntryQuerySet, ReminderQuerySet
from .status import is_due_soon, outcome


class Occurrence(TimeStampedModel):
    """Kỳ thực hiện: one period of a task (one year of an annual task), with its deadline and progress.

    Its status is never stored: it is computed from the due date, `started_on` and `completed_on`.
    `lead_unit` is the body answerable for it; when that body is merged or renamed, open
    occurrences move to its successor (services.route_to_successors).
    """

    task = models.ForeignKey(
        "plans.Task", verbose_name=_("task"), on_delete=models.CASCADE, related_name="occurrences"
    )
    # Copied from the task so that filters and dashboards group without joins.
    plan = models.ForeignKey(
        "plans.Plan", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="occurrences"
    )
    section = models.ForeignKey(
        "plans.Section",
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="occurrences",
    )
    kind = models.CharField(_("period kind"), max_length=16, choices=PeriodKind.choices)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    due_date = models.DateField(_("deadline"), null=True, blank=True, db_index=True)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    lead_unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("lead body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead_occurrences",
    )
    percent = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    started_on = models.DateField(_("first reported on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["search_text", "version", "created_at", "updated_at"])

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        constraints = [
            models.UniqueConstraint(
                fields=["task", "kind", "period_start"],
                name="tracking_occurrence_one_per_period",
                violation_error_message=_("This task already has an occurrence for this period."),
            ),
            models.CheckConstraint(
                condition=Q(percent__lte=100),
                name="tracking_occurrence_percent_range",
                violation_error_message=_("Progress must lie between 0 and 100%."),
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(percent=100),
                name="tracking_occurrence_done_is_full",
                violation_error_message=_("Completed work is at 100%."),
            ),
        ]
        # Covering indexes for the status counts (overview matrix, dashboard): every column the
        # outcome rule reads is in the index, so a count by body or by year and section is one pass
        # over an index instead of over the rows (which carry the search text). The first one also
        # serves a body's inbox (lead body, deadline).
        indexes = [
            models.Index(
                fields=["lead_unit", "due_date", "completed_on", "started_on", "year", "section", "plan"],
                name="tracking_occ_lead_status",
            ),
            models.Index(
                fields=["year", "section", "lead_unit", "plan", "due_date", "completed_on", "started_on"],
                name="tracking_occ_year_status",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} — {self.label}"

    def get_absolute_url(self) -> str:
        return reverse("tracking:occurrence", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.lead_unit.path if self.lead_unit_id else ""

    @property
    def label(self) -> str:
        return period_label(self.kind, self.period_start, self.period_end)

    def outcome_on(self, today=None) -> Outcome:
        return outcome(
            due=self.due_date,
            completed_on=self.completed_on,
            started=self.started_on is not None,
            today=today or timezone.localdate(),
        )

    @property
    def outcome(self) -> Outcome:
        return Outcome(getattr(self, "computed_outcome", None) or self.outcome_on())

    @property
    def due_soon(self) -> bool:
        return is_due_soon(due=self.due_date, completed_on=self.completed_on, today=timezone.localdate())

    @property
    def is_open(self) -> bool:
        return self.completed_on is None


class ProgressEntry(models.Model):
    """Báo cáo tiến độ / ý kiến: progress of the lead, contribution of a coordinating body, or comment."""

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(_("kind"), max_length=16, choices=EntryKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="progress_entries",
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="progress_entries",
    )
    percent = models.PositiveSmallIntegerField(_("progress (%)"), null=True, blank=True)
    text = models.TextField(_("content"), blank=True)
    reported_on = models.DateField(_("reported on"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    history = HistoricalRecords()

    objects = ProgressEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__lte=100),
                name="tracking_entry_percent_range",
                violation_error_message=_("Progress must lie between 0 and 100%."),
            )
        ]
        indexes = [models.Index(fields=["occurrence", "kind", "unit"], name="tracking_entry_occ_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reported_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return f"{self.occurrence.get_absolute_url()}#entry-{self.pk}"

    def audit_scope_path(self) -> str:
        return self.occurrence.audit_scope_path()


class Evidence(models.Model):
    """Minh chứng: a file attached to a progress entry (PDF, DOCX, XLSX or image), checked by content."""

    entry = models.ForeignKey(ProgressEntry, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to="tracking/evidence/%Y/%m/")
    name = models.CharField(_("file name"), max_length=255)
    mime = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("tracking:evidence", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.entry.audit_scope_path()


class Reminder(models.Model):
    """Đôn đốc: one reminder sent (who, when, for what). `dedupe_key` makes a rule fire only once."""

    occurrence = models.ForeignKey(
        Occurrence, null=True, blank=True, on_delete=models.CASCADE, related_name="reminders"
    )
    rule = models.CharField(_("rule"), max_length=16, choices=ReminderRule.choices)
    # NULL for manual reminders, which may be sent any number of times (NULLs never collide).
    dedupe_key = models.CharField(max_length=80, null=True, blank=True, editable=False)  # noqa: DJ001
    sent_on = models.DateField(_("sent on"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sent_reminders",
    )
    message = models.TextField(_("message"), blank=True)
    recipients = models.JSONField(pgettext_lazy("people", "recipients"), default=list)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["dedupe_key"],
                name="tracking_reminder_once",
                violation_error_message=_("This reminder has already been sent."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_rule_display()} {self.sent_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return self.occurrence.get_absolute_url() if self.occurrence_id else reverse("tracking:overview")

    def audit_scope_path(self) -> str:
        return self.occurrence.audit_scope_path() if self.occurrence_id else ""


class Notification(models.Model):
    """Thông báo trong ứng dụng: a message for one user, unread until opened."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    occurrence = models.ForeignKey(
        Occurrence, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.CharField(_("message"), max_length=500)
    url = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"], name="tracking_notif_user_read")]

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return reverse("tracking:notification_open", args=[self.pk])


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(TimeStampedModel):
    """Lịch: a private ICS address for a body's or a person's deadlines, revocable at any time."""

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["token", "created_at", "updated_at"])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.CheckConstraint(
                condition=(Q(unit__isnull=False) & Q(user__isnull=True))
                | (Q(unit__isnull=True) & Q(user__isnull=False)),
                name="tracking_feed_one_owner",
                violation_error_message=_("A calendar feed belongs to either one body or one person."),
            )
        ]

    def __str__(self) -> str:
        return str(self.unit or self.user)

    def get_absolute_url(self) -> str:
        return reverse("tracking:feed_ics", args=[self.token])

    def audit_scope_path(self) -> str:
        if self.unit_id:
            return self.unit.path
        return self.user.org_unit.path if self.user and self.user.org_unit_id else ""

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
