"""Plans (kế hoạch) read from documents: sections, tasks, assignments, indicators and citations."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.core.models import TimeStampedModel

from .choices import AssignmentRole, Comparator, PlanStatus, Recurrence
from .querysets import AssignmentQuerySet, CitationQuerySet, PlanQuerySet, PlanTargetQuerySet, TaskQuerySet


class Plan(TimeStampedModel):
    """Kế hoạch: one plan document of an issuing body, with its term and the text it was read from."""

    title = models.TextField(_("title"))
    doc_type = models.CharField(_("document type"), max_length=64, blank=True, default="KẾ HOẠCH")
    symbol = models.CharField(_("number and symbol"), max_length=80, blank=True)
    issued_on = models.DateField(_("date issued"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=120, blank=True)
    issuer = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("issuing body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issued_plans",
    )
    issuer_name = models.CharField(_("issuing body (as written)"), max_length=255, blank=True)
    signer_capacity = models.CharField(_("signing capacity"), max_length=255, blank=True)
    signer_name = models.CharField(_("signer"), max_length=255, blank=True)
    implements = models.TextField(_("resolution implemented"), blank=True)
    term_start = models.PositiveSmallIntegerField(_("term start (year)"), null=True, blank=True)
    term_end = models.PositiveSmallIntegerField(_("term end (year)"), null=True, blank=True)
    recipients = models.JSONField(_("recipients"), default=list, blank=True)
    source_name = models.CharField(_("source file"), max_length=255, blank=True)
    source_text = models.TextField(_("source text"), blank=True)
    source_sha256 = models.CharField(_("source fingerprint"), max_length=64, blank=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imported_plans",
    )
    history = HistoricalRecords(excluded_fields=["source_text", "created_at", "updated_at"])

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(term_start__isnull=True)
                | Q(term_end__isnull=True)
                | Q(term_end__gte=models.F("term_start")),
                name="plans_plan_term_order",
                violation_error_message=_("The term cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.symbol} {self.title}".strip() if self.symbol else self.title

    @property
    def full_title(self) -> str:
        """The plan as its document names it, the type and the title that continues it: "Kế hoạch
        triển khai công tác dân vận …"."""
        if not self.doc_type:
            return self.title
        return f"{self.doc_type.capitalize()} {self.title[:1].lower()}{self.title[1:]}"

    def get_absolute_url(self) -> str:
        return reverse("plans:plan", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.issuer.path if self.issuer_id else ""

    @property
    def term_label(self) -> str:
        if self.term_start and self.term_end:
            return f"{self.term_start}–{self.term_end}"
        return ""


class Section(models.Model):
    """Mục / phần: one heading of the plan ("III.2 Nhiệm vụ cụ thể"), nested by `parent`."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent section"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    number = models.CharField(_("number"), max_length=32, blank=True)
    title = models.TextField(_("title"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title

    def get_absolute_url(self) -> str:
        return f"{self.plan.get_absolute_url()}#section-{self.pk}"

    def audit_scope_path(self) -> str:
        return self.plan.audit_scope_path()


class Task(TimeStampedModel):
    """Nhiệm vụ: one piece of work the plan gives to named bodies, with its deadline or recurrence."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent task"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subtasks",
    )
    text = models.TextField(_("task"))
    summary = models.CharField(_("summary"), max_length=255, blank=True)
    recurrence = models.CharField(
        _("recurrence"), max_length=16, choices=Recurrence.choices, default=Recurrence.ONGOING
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    deadline_text = models.CharField(_("deadline as written"), max_length=255, blank=True)
    deadline_needs_review = models.BooleanField(_("deadline needs review"), default=False)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=Decimal("1"))
    source_start = models.PositiveIntegerField(_("start in the source text"), null=True, blank=True)
    source_end = models.PositiveIntegerField(_("end in the source text"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        constraints = [
            models.CheckConstraint(
                condition=Q(due_date__isnull=True) | Q(recurrence=Recurrence.ONCE),
                name="plans_task_due_only_once",
                violation_error_message=_("Only a one-off task has a due date."),
            ),
            models.CheckConstraint(
                condition=Q(source_start__isnull=True)
                | Q(source_end__isnull=True)
                | Q(source_end__gte=models.F("source_start")),
                name="plans_task_span_order",
                violation_error_message=_("The end of the text span cannot be before its start."),
            ),
        ]

    def __str__(self) -> str:
        return self.summary or self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("plans:task", args=[self.pk])

    def _units(self, role: str) -> list:
        return [a.unit for a in self.assignments.all() if a.role == role and a.unit_id]

    def _assignments(self, role: str) -> list["Assignment"]:
        return [a for a in self.assignments.all() if a.role == role]

    def lead_units(self) -> list:
        return self._units(AssignmentRole.LEAD) or self._units(AssignmentRole.CO_LEAD)

    def co_lead_units(self) -> list:
        return self._units(AssignmentRole.CO_LEAD)

    def coordinator_units(self) -> list:
        return self._units(AssignmentRole.COORDINATOR)

    def executor_units(self) -> list:
        return self._units(AssignmentRole.EXECUTOR)

    def leads(self) -> list["Assignment"]:
        return self._assignments(AssignmentRole.LEAD) + self._assignments(AssignmentRole.CO_LEAD)

    def coordinators(self) -> list["Assignment"]:
        return self._assignments(AssignmentRole.COORDINATOR)

    def executors(self) -> list["Assignment"]:
        return self._assignments(AssignmentRole.EXECUTOR)

    def audit_scope_path(self) -> str:
        leads = self.lead_units()
        return leads[0].path if leads else self.plan.audit_scope_path()


class Assignment(models.Model):
    """Phân công: a body named for a task: lead (chủ trì), co-lead, coordinator (phối hợp) or executor."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_assignments",
    )
    name_as_written = models.CharField(_("name as written"), max_length=255)
    role = models.CharField(_("role"), max_length=16, choices=AssignmentRole.choices)
    match_confidence = models.FloatField(_("match confidence"), default=0.0)
    is_group = models.BooleanField(_("group of bodies"), default=False)
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["task", "order", "id"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(
                condition=Q(match_confidence__gte=0) & Q(match_confidence__lte=1),
                name="plans_assignment_confidence_range",
                violation_error_message=_("The match confidence must lie between 0 and 1."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.unit or self.name_as_written}"

    def get_absolute_url(self) -> str:
        return self.task.get_absolute_url()

    @property
    def needs_review(self) -> bool:
        return (self.unit_id is None and not self.is_group) or self.match_confidence < 0.8

    def audit_scope_path(self) -> str:
        return self.unit.path if self.unit_id else self.task.audit_scope_path()


class PlanTarget(models.Model):
    """Chỉ tiêu: a measurable target of the plan ("trên 80% cơ quan ... đạt tiêu chí Dân vận khéo")."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="targets",
    )
    text = models.TextField(_("target as written"))
    subject = models.TextField(_("subject"), blank=True)
    comparator = models.CharField(
        _("comparator"), max_length=2, choices=Comparator.choices, default=Comparator.GTE
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unit of measure"), max_length=32, blank=True)
    period = models.CharField(
        _("period"), max_length=16, choices=Recurrence.choices, default=Recurrence.ANNUAL
    )
    source_start = models.PositiveIntegerField(_("start in the source text"), null=True, blank=True)
    source_end = models.PositiveIntegerField(_("end in the source text"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    objects = PlanTargetQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = _("plan target")
        verbose_name_plural = _("plan targets")

    def __str__(self) -> str:
        return f"{self.subject or self.text[:60]} {self.comparator} {self.value}{self.unit}"

    def get_absolute_url(self) -> str:
        return f"{self.plan.get_absolute_url()}#target-{self.pk}"

    def audit_scope_path(self) -> str:
        return self.plan.audit_scope_path()


class Citation(models.Model):
    """Viện dẫn: a document cited by the plan, or by one of its tasks."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="citations")
    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.CASCADE, related_name="citations")
    document = models.ForeignKey(
        "documents.Document", verbose_name=_("document"), on_delete=models.PROTECT, related_name="citations"
    )
    text_as_written = models.TextField(_("as written"))
    source_start = models.PositiveIntegerField(_("start in the source text"), null=True, blank=True)
    source_end = models.PositiveIntegerField(_("end in the source text"), null=True, blank=True)
    history = HistoricalRecords()

    objects = CitationQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "source_start", "id"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")

    def __str__(self) -> str:
        return self.text_as_written[:80]

    def get_absolute_url(self) -> str:
        return self.task.get_absolute_url() if self.task_id else self.plan.get_absolute_url()

    def audit_scope_path(self) -> str:
        return self.task.audit_scope_path() if self.task_id else self.plan.audit_scope_path()


class PlanImport(TimeStampedModel):
    """Lần nhập kế hoạch: one uploaded document on its way to a plan (read in a background job)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        READING = "reading", _("Reading")
        READ = "read", _("Read")
        FAILED = "failed", _("Failed")
        SAVED = "saved", _("Saved")

    file_name = models.CharField(_("file name"), max_length=255)
    data = models.BinaryField(_("file content"))
    sha256 = models.CharField(max_length=64, db_index=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("error"), blank=True)
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), null=True, blank=True, on_delete=models.SET_NULL, related_name="imports"
    )
    replaces = models.ForeignKey(
        Plan,
        verbose_name=_("plan to update"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_imports",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("plan import")
        verbose_name_plural = _("plan imports")

    def __str__(self) -> str:
        return self.file_name

    def get_absolute_url(self) -> str:
        return reverse("plans:import_status", args=[self.pk])
