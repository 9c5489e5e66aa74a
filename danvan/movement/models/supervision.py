"""Giám sát và phản biện xã hội: supervision programmes of the Front and the mass organizations,
their recommendations (kiến nghị) followed until resolved, and social criticism of draft policies."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.core.models import TimeStampedModel

from ..choices import CriticismUptake, RecommendationStatus, SupervisionStatus
from ..querysets.supervision import (
    RecommendationQuerySet,
    SocialCriticismQuerySet,
    SupervisionProgrammeQuerySet,
)


class SupervisionProgramme(TimeStampedModel):
    """Chương trình giám sát: one of the 1-2 subjects the Front or a mass organization supervises in a year.

    `organization` is the supervising body (its officers record and follow it); `supervised_units` are
    the bodies whose work is supervised.
    """

    year = models.PositiveSmallIntegerField(_("year"))
    subject = models.CharField(_("supervision subject"), max_length=255)
    organization = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("supervising organization"),
        on_delete=models.PROTECT,
        related_name="supervision_programmes",
    )
    scope = models.TextField(_("scope and content"), blank=True)
    supervised_units = models.ManyToManyField(
        "orgs.OrgUnit", verbose_name=_("units supervised"), blank=True, related_name="supervisions_received"
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    team = models.TextField(_("supervision team"), blank=True)
    findings = models.TextField(_("findings"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=SupervisionStatus.choices, default=SupervisionStatus.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = SupervisionProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "subject"]
        verbose_name = _("supervision programme")
        verbose_name_plural = _("supervision programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=1990) & Q(year__lte=2100),
                name="movement_supervision_year_range",
                violation_error_message=_("Enter a year between 1990 and 2100."),
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="movement_supervision_period_order",
                violation_error_message=_("The supervision cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} ({self.year})"

    def get_absolute_url(self) -> str:
        return reverse("movement:supervision", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.organization.path if self.organization_id else ""


class Recommendation(TimeStampedModel):
    """Kiến nghị sau giám sát: addressed to one body, due by a date, followed until answered and resolved."""

    programme = models.ForeignKey(
        SupervisionProgramme,
        verbose_name=_("supervision programme"),
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    text = models.TextField(_("recommendation"))
    addressed_to = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("addressed to"),
        on_delete=models.PROTECT,
        related_name="supervision_recommendations",
    )
    due_date = models.DateField(_("answer due by"))
    status = models.CharField(
        _("status"), max_length=16, choices=RecommendationStatus.choices, default=RecommendationStatus.OPEN
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    evidence = models.FileField(_("evidence"), upload_to="supervision/%Y/", blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    resolution_note = models.TextField(_("assessment of the answer"), blank=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.CheckConstraint(
                condition=Q(status=RecommendationStatus.OPEN) | Q(answered_on__isnull=False),
                name="movement_recommendation_answered_on",
                violation_error_message=_("An answered recommendation needs the date of its answer."),
            ),
            models.CheckConstraint(
                condition=~Q(status=RecommendationStatus.RESOLVED) | Q(resolved_on__isnull=False),
                name="movement_recommendation_resolved_on",
                violation_error_message=_("A resolved recommendation needs the date it was resolved."),
            ),
        ]
        indexes = [models.Index(fields=["status", "due_date"], name="movement_rec_status_due")]

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 80 else self.text[:77] + "…"
        return text

    def get_absolute_url(self) -> str:
        return reverse("movement:recommendation", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.programme.audit_scope_path()

    def is_overdue(self, today) -> bool:
        return self.status == RecommendationStatus.OPEN and self.due_date < today


class SocialCriticism(TimeStampedModel):
    """Phản biện xã hội: comments of the Front (or a mass organization) on a draft policy."""

    year = models.PositiveSmallIntegerField(_("year"))
    draft_title = models.CharField(_("draft policy or document"), max_length=255)
    requesting_body = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("requesting body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="criticism_requests",
    )
    requesting_body_name = models.CharField(_("requesting body (as written)"), max_length=255, blank=True)
    organization = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("organization giving comments"),
        on_delete=models.PROTECT,
        related_name="social_criticisms",
    )
    received_on = models.DateField(_("received on"), null=True, blank=True)
    comments_due = models.DateField(_("comments due by"))
    comments = models.TextField(_("comments given"), blank=True)
    comments_sent_on = models.DateField(_("comments sent on"), null=True, blank=True)
    uptake = models.CharField(
        _("taken up?"), max_length=16, choices=CriticismUptake.choices, default=CriticismUptake.PENDING
    )
    uptake_note = models.TextField(_("how the comments were taken up"), blank=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = SocialCriticismQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-comments_due", "id"]
        verbose_name = _("social criticism")
        verbose_name_plural = _("social criticisms")
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=1990) & Q(year__lte=2100),
                name="movement_criticism_year_range",
                violation_error_message=_("Enter a year between 1990 and 2100."),
            ),
        ]

    def __str__(self) -> str:
        return self.draft_title

    def get_absolute_url(self) -> str:
        return reverse("movement:criticism", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.organization.path if self.organization_id else ""
