"""Reporting (báo cáo): periods, the bodies that must report, their reports and the consolidated report."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.core.models import TimeStampedModel
from danvan.plans.choices import AssignmentRole

from .choices import ConsolidatedStatus, ObligationSource, Outcome, PeriodKind, ReportStatus, TransitionKind
from .querysets import (
    BodyReportQuerySet,
    ConsolidatedReportQuerySet,
    DecisionRequestQuerySet,
    ObligationQuerySet,
    ReportingPeriodQuerySet,
)

USER = settings.AUTH_USER_MODEL


class ReportingPeriod(TimeStampedModel):
    """Kỳ báo cáo: a year, half-year, quarter or review (sơ kết, tổng kết) of one plan.

    `due_on` is when reports are expected; a report first submitted by `due_on + grace_days` is on
    time. `cutoff_on` is the last day whose data the reports and the consolidated report count.
    After `lock_on` no report of the period can change unless the Board reopens it.
    """

    plan = models.ForeignKey(
        "plans.Plan", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="reporting_periods"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=PeriodKind.choices, default=PeriodKind.ANNUAL)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveSmallIntegerField(
        _("number in the year"), default=0, help_text=_("Quarter (1-4) or half (1-2); 0 for other kinds.")
    )
    title = models.CharField(_("title"), max_length=255, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    due_on = models.DateField(_("reports due on"))
    cutoff_on = models.DateField(_("data cut-off date"))
    grace_days = models.PositiveSmallIntegerField(_("on-time grace (days)"), default=0)
    lock_on = models.DateField(_("locked after"))
    created_by = models.ForeignKey(
        USER, verbose_name=_("created by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = ReportingPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "kind", "-id"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind", "year", "sequence"],
                name="reporting_period_unique",
                violation_error_message=_(
                    "This plan already has a reporting period of this kind for that year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="reporting_period_range",
                violation_error_message=_("The period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(lock_on__gte=models.F("due_on")),
                name="reporting_period_lock_after_due",
                violation_error_message=_("The lock date cannot be before the due date."),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("reporting:period", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.plan.audit_scope_path()

    @property
    def label(self) -> str:
        if self.title:
            return self.title
        if self.kind == PeriodKind.QUARTER:
            return _("Quarter %(n)s/%(year)s") % {"n": self.sequence, "year": self.year}
        if self.kind == PeriodKind.HALF_YEAR:
            return _("Half %(n)s/%(year)s") % {"n": self.sequence, "year": self.year}
        if self.kind == PeriodKind.ANNUAL:
            return _("Year %(year)s") % {"year": self.year}
        return f"{self.get_kind_display()} {self.year}"

    @property
    def on_time_until(self) -> date:
        """Last day a first submission still counts as on time."""
        return self.due_on + timedelta(days=self.grace_days)

    def is_locked_on(self, day: date) -> bool:
        return day > self.lock_on


class ReportObligation(models.Model):
    """Đơn vị phải báo cáo: one body expected to report for a period, and why (or why it is exempt)."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="obligations")
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("body"), on_delete=models.PROTECT, related_name="report_obligations"
    )
    district = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("District the body belongs to, for completeness by district; empty at province level."),
    )
    source = models.CharField(_("why it reports"), max_length=16, choices=ObligationSource.choices)
    exempt = models.BooleanField(_("exempt"), default=False)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        USER, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = ObligationQuerySet.as_manager()

    class Meta:
        ordering = ["period", "unit__path"]
        verbose_name = _("reporting obligation")
        verbose_name_plural = _("reporting obligations")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "unit"],
                name="reporting_obligation_unique",
                violation_error_message=_("This body is already on the list for this period."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("reporting:completeness", args=[self.period_id])

    def audit_scope_path(self) -> str:
        return self.unit.path


class BodyReport(TimeStampedModel):
    """Báo cáo của cơ quan, đơn vị: one body's report for one period, with its workflow state."""

    period = models.ForeignKey(
        ReportingPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="reports"
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("body"), on_delete=models.PROTECT, related_name="body_reports"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    results = models.TextField(_("results"), blank=True)
    shortcomings = models.TextField(_("shortcomings"), blank=True)
    causes = models.TextField(_("causes"), blank=True)
    difficulties = models.TextField(_("difficulties and obstacles"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    next_direction = models.TextField(_("direction for the next period"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        USER,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    late = models.BooleanField(_("late"), default=False)
    return_reason = models.TextField(_("reason for return"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        USER,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reopened = models.BooleanField(
        _("reopened by the Board"),
        default=False,
        help_text=_("Editable again although accepted or past the lock date, until accepted again."),
    )
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = BodyReportQuerySet.as_manager()

    EDITABLE_SECTIONS = (
        "results",
        "shortcomings",
        "causes",
        "difficulties",
        "recommendations",
        "next_direction",
    )

    class Meta:
        ordering = ["period", "unit__path"]
        verbose_name = _("body report")
        verbose_name_plural = _("body reports")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "unit"],
                name="reporting_report_unique",
                violation_error_message=_("This body already has a report for this period."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("reporting:report", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.unit.path

    @property
    def is_received(self) -> bool:
        return self.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)

    def is_locked_on(self, day: date) -> bool:
        """Accepted reports and every report past the lock date are locked, unless the Board reopened it."""
        if self.reopened:
            return False
        return self.status == ReportStatus.ACCEPTED or self.period.is_locked_on(day)


class ReportItem(models.Model):
    """Dòng nhiệm vụ: one occurrence of a task as it stood when the report was filled (a snapshot)."""

    report = models.ForeignKey(BodyReport, on_delete=models.CASCADE, related_name="items")
    task = models.ForeignKey(
        "plans.Task",
        verbose_name=_("task"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="report_items",
    )
    occurrence_ref = models.PositiveIntegerField(_("occurrence"), null=True, blank=True)
    section_label = models.CharField(_("section"), max_length=255, blank=True)
    task_text = models.TextField(_("task"))
    role = models.CharField(_("role"), max_length=16, blank=True, choices=AssignmentRole.choices)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.NOT_STARTED
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    progress_percent = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    progress_note = models.TextField(_("progress"), blank=True)
    evidence = models.JSONField(_("evidence"), default=list, blank=True, help_text=_("[{title, url}]"))
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["report", "order", "id"]
        verbose_name = _("report line")
        verbose_name_plural = _("report lines")

    def __str__(self) -> str:
        return self.task_text[:80]

    def get_absolute_url(self) -> str:
        return self.report.get_absolute_url()


def attachment_path(instance: "ReportAttachment", filename: str) -> str:
    return f"reporting/{instance.report.period_id}/{instance.report.unit_id}/{filename}"


class ReportAttachment(models.Model):
    """Tài liệu đính kèm of a body report (the signed scan, photos, annexes)."""

    report = models.ForeignKey(BodyReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path)
    name = models.CharField(_("name"), max_length=255)
    uploaded_by = models.ForeignKey(
        USER,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reporting:attachment", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.report.unit.path


class ReportTransition(models.Model):
    """Lịch sử xử lý: one step of the workflow (submit, return with reason, accept, reopen)."""

    report = models.ForeignKey(BodyReport, on_delete=models.CASCADE, related_name="transitions")
    kind = models.CharField(_("step"), max_length=16, choices=TransitionKind.choices)
    from_status = models.CharField(_("from"), max_length=16, choices=ReportStatus.choices)
    to_status = models.CharField(_("to"), max_length=16, choices=ReportStatus.choices)
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("time"))

    class Meta:
        ordering = ["report", "at", "id"]
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%d/%m/%Y %H:%M}"

    def get_absolute_url(self) -> str:
        return self.report.get_absolute_url()


class DecisionRequest(models.Model):
    """Khó khăn cần xin ý kiến: a difficulty a body asks the leaders to decide, open until answered."""

    report = models.ForeignKey(BodyReport, on_delete=models.CASCADE, related_name="decision_requests")
    text = models.TextField(_("difficulty needing a decision"))
    raised_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    raised_at = models.DateTimeField(_("raised at"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = DecisionRequestQuerySet.as_manager()

    class Meta:
        ordering = ["raised_at", "id"]
        verbose_name = _("difficulty needing a decision")
        verbose_name_plural = _("difficulties needing a decision")
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | ~Q(answer=""),
                name="reporting_decision_answer_text",
                violation_error_message=_("An answered difficulty needs the answer's text."),
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("reporting:decision", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.report.unit.path

    @property
    def is_open(self) -> bool:
        return self.answered_at is None


def consolidated_path(instance: "ConsolidatedReport", filename: str) -> str:
    return f"reporting/consolidated/{instance.period_id}/v{instance.version}/{filename}"


class ConsolidatedReport(TimeStampedModel):
    """Báo cáo tổng hợp: the Board's report for a period, a draft that is regenerated until issued.

    Issued versions are never changed; a later correction is a new version.
    """

    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("period"),
        on_delete=models.CASCADE,
        related_name="consolidated_reports",
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=16, choices=ConsolidatedStatus.choices, default=ConsolidatedStatus.DRAFT
    )
    parent_issuer = models.CharField(_("parent body"), max_length=255, blank=True)
    issuer = models.CharField(_("issuing body"), max_length=255)
    number = models.CharField(_("number"), max_length=16, blank=True)
    symbol = models.CharField(_("symbol"), max_length=64, default="BC/BDVTU")
    term = models.CharField(
        _("Party committee term"),
        max_length=9,
        blank=True,
        validators=[
            RegexValidator(r"^(19|20)\d\d-(19|20)\d\d$", _("Write the term as two years, e.g. 2020-2025."))
        ],
        help_text=_(
            "Party documents are numbered from 01 for each document type in each term of the Party "
            "committee (e.g. 2020-2025), not each year."
        ),
    )
    place = models.CharField(_("place"), max_length=120)
    issued_on = models.DateField(_("date"), null=True, blank=True)
    summary = models.CharField(_("summary (trích yếu)"), max_length=500)
    introduction = models.TextField(_("introduction"), blank=True)
    assessment = models.TextField(_("general assessment"), blank=True)
    next_direction = models.TextField(_("direction and tasks for the next period"), blank=True)
    recipients = models.TextField(_("recipients"), blank=True, help_text=_("One recipient a line."))
    authority = models.CharField(_("signing authority"), max_length=120, blank=True)
    signer_title = models.CharField(_("signer's position"), max_length=120, blank=True)
    signer_name = models.CharField(_("signer"), max_length=120, blank=True)
    docx = models.FileField(_("Word file"), upload_to=consolidated_path, blank=True)
    pdf = models.FileField(_("PDF file"), upload_to=consolidated_path, blank=True)
    xlsx = models.FileField(_("task annex (Excel)"), upload_to=consolidated_path, blank=True)
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        USER, verbose_name=_("issued by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = ConsolidatedReportQuerySet.as_manager()

    class Meta:
        ordering = ["period", "-version"]
        verbose_name = _("consolidated report")
        verbose_name_plural = _("consolidated reports")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "version"],
                name="reporting_consolidated_version_unique",
                violation_error_message=_("This version of the consolidated report already exists."),
            ),
            models.UniqueConstraint(
                fields=["period"],
                condition=Q(status=ConsolidatedStatus.DRAFT),
                name="reporting_consolidated_one_draft",
                violation_error_message=_("The period already has a draft consolidated report."),
            ),
            # Party numbering (domain.md §4.2): one number per issuer and document type (the symbol,
            # "BC/BDVTU") in one term of the Party committee. consolidated.number_taken() says which
            # report holds the number; this index is the guard against a race.
            models.UniqueConstraint(
                Lower("symbol"),
                "term",
                "number",
                condition=Q(status=ConsolidatedStatus.ISSUED),
                name="reporting_consolidated_number_unique",
                violation_error_message=_(
                    "This number is already used by an issued report of the same type and issuer in "
                    "this term of the Party committee."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.summary} (v{self.version})"

    def get_absolute_url(self) -> str:
        return reverse("reporting:consolidated", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.period.audit_scope_path()

    @property
    def is_draft(self) -> bool:
        return self.status == ConsolidatedStatus.DRAFT

    def clean(self):
        super().clean()
        if self.term and self.term[:4].isdigit() and self.term[-4:].isdigit():
            if int(self.term[-4:]) <= int(self.term[:4]):
                raise ValidationError(
                    {"term": _("The term must end after it starts, e.g. 2020-2025.")}, code="term_order"
                )

    def recipient_list(self) -> list[str]:
        return [line.strip().lstrip("-").strip() for line in self.recipients.splitlines() if line.strip()]
