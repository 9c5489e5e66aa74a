"""Mô hình, điển hình "Dân vận khéo": collectives, individuals and models, their awards and replication."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from danvan.core.models import TimeStampedModel

from ..choices import AwardForm, ModelField, ModelKind, ModelLevel
from ..querysets.exemplary import ExemplaryModelQuerySet


class ExemplaryModel(TimeStampedModel):
    """Mô hình, điển hình "Dân vận khéo" — a collective, an individual or a model recognized in a year.

    `unit` is the body or commune that owns it (its officers see and edit it); `published` is set
    by the Board only and makes it visible on the public portal.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=ModelKind.choices, default=ModelKind.MODEL)
    name = models.CharField(_("name"), max_length=255)
    person_name = models.CharField(_("person or collective"), max_length=255, blank=True)
    field = models.CharField(_("field"), max_length=24, choices=ModelField.choices)
    level = models.CharField(_("level"), max_length=16, choices=ModelLevel.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="exemplary_models"
    )
    area = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=pgettext_lazy("area", "place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exemplary_models_here",
        limit_choices_to={"kind__in": ["province", "district", "commune"]},
    )
    description = models.TextField(_("description"))
    results = models.TextField(_("results"), blank=True)
    proposed_by = models.CharField(_("proposed by"), max_length=255, blank=True)
    published = models.BooleanField(_("published on the portal"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.TextField(blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["search_text", "created_at", "updated_at"])

    objects = ExemplaryModelQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("exemplary model")
        verbose_name_plural = _("exemplary models")
        constraints = [
            models.CheckConstraint(
                condition=Q(published=False) | Q(published_at__isnull=False),
                name="movement_model_published_at",
                violation_error_message=_("A published model needs its publication time."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990) & Q(year__lte=2100),
                name="movement_model_year_range",
                violation_error_message=_("Enter a year between 1990 and 2100."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("movement:model", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.unit.path if self.unit_id else ""

    @property
    def replication_count(self) -> int:
        return sum(r.count for r in self.replications.all())


class ModelEvidence(models.Model):
    """Minh chứng of a model's results (photos, reports)."""

    model = models.ForeignKey(ExemplaryModel, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to="exemplary/%Y/")
    name = models.CharField(_("name"), max_length=255)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """The permission-checked download, never the raw media URL."""
        return reverse("movement:model_evidence", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.model.audit_scope_path()


class Award(models.Model):
    """Khen thưởng: a recognition of the model (form, deciding body, decision number and date)."""

    model = models.ForeignKey(ExemplaryModel, on_delete=models.CASCADE, related_name="awards")
    form = models.CharField(_("form"), max_length=24, choices=AwardForm.choices)
    deciding_body = models.CharField(_("deciding body"), max_length=255)
    decision_number = models.CharField(_("decision number"), max_length=64)
    decision_date = models.DateField(_("decision date"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-decision_date", "id"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        constraints = [
            models.UniqueConstraint(
                fields=["model", "decision_number", "deciding_body"],
                name="movement_award_unique",
                violation_error_message=_("This decision is already recorded for the model."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_form_display()} {self.decision_number}"

    def get_absolute_url(self) -> str:
        return self.model.get_absolute_url()

    def audit_scope_path(self) -> str:
        return self.model.audit_scope_path()


class Replication(models.Model):
    """Nhân rộng: where the model was copied and how many times."""

    model = models.ForeignKey(ExemplaryModel, on_delete=models.CASCADE, related_name="replications")
    place = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("where"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    place_name = models.CharField(_("where (as written)"), max_length=255, blank=True)
    count = models.PositiveIntegerField(_("number of copies"), default=1)
    year = models.PositiveSmallIntegerField(_("year"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "id"]
        verbose_name = _("replication")
        verbose_name_plural = _("replications")
        constraints = [
            models.CheckConstraint(
                condition=Q(count__gte=1),
                name="movement_replication_count_positive",
                violation_error_message=_("Enter at least one copy."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.place or self.place_name} × {self.count}"

    def get_absolute_url(self) -> str:
        return self.model.get_absolute_url()

    def audit_scope_path(self) -> str:
        return self.model.audit_scope_path()
