"""Công tác dân tộc, tôn giáo: registers of prestigious persons, religious organizations and places of
worship, complex cases followed to resolution, and the yearly ethnic minorities festival.

Personal data (a prestigious person's contacts, the people involved in a case) is kept out of the history
tables, so it never reaches the audit trail or its search; it is read and changed only through
services.ethnic_religious, which records every access in PersonalDataAccess.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from danvan.core.models import TimeStampedModel

from ..choices import AccessAction, CaseKind, CaseStatus, PrestigeRole, Religion, ReligiousBodyKind
from ..querysets.ethnic_religious import (
    ComplexCaseQuerySet,
    EthnicFestivalQuerySet,
    PersonalDataAccessQuerySet,
    PrestigiousPersonQuerySet,
    ReligiousBodyQuerySet,
)

AREA_KINDS = {"kind__in": ["province", "district", "commune", "hamlet"]}


class PrestigiousPerson(TimeStampedModel):
    """Người có uy tín trong đồng bào dân tộc thiểu số: recognized each year by the People's Committee.

    Name, ethnicity, area and role are the register; `PERSONAL_FIELDS` are restricted (see services).
    """

    PERSONAL_FIELDS = ("birth_year", "address", "phone", "personal_notes")

    full_name = models.CharField(pgettext_lazy("person", "full name"), max_length=150)
    ethnicity = models.CharField(_("ethnicity"), max_length=60)
    area = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        related_name="prestigious_persons",
        limit_choices_to=AREA_KINDS,
    )
    role = models.CharField(_("role in the community"), max_length=24, choices=PrestigeRole.choices)
    recognized_year = models.PositiveSmallIntegerField(_("recognized in"))
    responsible_unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        related_name="prestigious_persons_followed",
    )
    active = models.BooleanField(_("still recognized"), default=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("telephone"), max_length=30, blank=True)
    personal_notes = models.TextField(_("personal notes"), blank=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at", *PERSONAL_FIELDS])

    objects = PrestigiousPersonQuerySet.as_manager()

    class Meta:
        ordering = ["area__name", "full_name"]
        verbose_name = _("prestigious person")
        verbose_name_plural = _("prestigious persons")

    def __str__(self) -> str:
        return f"{self.full_name} ({self.ethnicity})"

    def get_absolute_url(self) -> str:
        return reverse("movement:person", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.responsible_unit.path if self.responsible_unit_id else ""


class ReligiousBody(TimeStampedModel):
    """Tổ chức tôn giáo, cơ sở thờ tự được công nhận theo pháp luật (Luật Tín ngưỡng, tôn giáo 2016)."""

    kind = models.CharField(_("kind"), max_length=20, choices=ReligiousBodyKind.choices)
    name = models.CharField(_("name"), max_length=255)
    religion = models.CharField(_("religion"), max_length=16, choices=Religion.choices)
    area = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        related_name="religious_bodies",
        limit_choices_to=AREA_KINDS,
    )
    recognition = models.CharField(_("recognition (decision)"), max_length=255, blank=True)
    recognized_on = models.DateField(_("recognized on"), null=True, blank=True)
    followers = models.PositiveIntegerField(_("followers"), null=True, blank=True)
    responsible_unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        related_name="religious_bodies_followed",
    )
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = ReligiousBodyQuerySet.as_manager()

    class Meta:
        ordering = ["religion", "name"]
        verbose_name = _("religious organization or place of worship")
        verbose_name_plural = _("religious organizations and places of worship")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("movement:religious_body", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.responsible_unit.path if self.responsible_unit_id else ""


class ComplexCase(TimeStampedModel):
    """Vụ việc phức tạp: a land dispute or unlawful religious activity, followed by a body until resolved."""

    PERSONAL_FIELDS = ("people_involved",)

    title = models.CharField(_("case"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=CaseKind.choices)
    area = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        related_name="complex_cases",
        limit_choices_to=AREA_KINDS,
    )
    responsible_unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("responsible body"),
        on_delete=models.PROTECT,
        related_name="complex_cases_followed",
    )
    opened_on = models.DateField(_("arose on"))
    description = models.TextField(_("situation"))
    status = models.CharField(_("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    resolution = models.TextField(_("how it was resolved"), blank=True)
    people_involved = models.TextField(_("people involved"), blank=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at", *PERSONAL_FIELDS])

    objects = ComplexCaseQuerySet.as_manager()

    class Meta:
        ordering = ["status", "-opened_on"]
        verbose_name = _("complex case")
        verbose_name_plural = _("complex cases")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=CaseStatus.RESOLVED) | Q(resolved_on__isnull=False),
                name="movement_case_resolved_on",
                violation_error_message=_("A resolved case needs the date it was resolved."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("movement:case", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.responsible_unit.path if self.responsible_unit_id else ""


class CaseFollowUp(models.Model):
    """Theo dõi: one step taken on a complex case."""

    case = models.ForeignKey(ComplexCase, on_delete=models.CASCADE, related_name="follow_ups")
    on = models.DateField(_("date"))
    text = models.TextField(_("what was done"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return f"{self.on:%d/%m/%Y} {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return self.case.get_absolute_url()

    def audit_scope_path(self) -> str:
        return self.case.audit_scope_path()


class EthnicFestival(TimeStampedModel):
    """Ngày hội văn hóa, thể thao các dân tộc thiểu số: the yearly festival and its outcomes."""

    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=255)
    organizer = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("organizer"), on_delete=models.PROTECT, related_name="ethnic_festivals"
    )
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("venue"), max_length=255)
    ethnic_groups = models.PositiveIntegerField(_("ethnic groups taking part"), default=0)
    delegations = models.PositiveIntegerField(_("delegations"), default=0)
    participants = models.PositiveIntegerField(_("number of participants"), default=0)
    outcomes = models.TextField(_("outcomes"), blank=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = EthnicFestivalQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("ethnic minorities festival")
        verbose_name_plural = _("ethnic minorities festivals")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "organizer"],
                name="movement_festival_once_a_year",
                violation_error_message=_("This organizer already has a festival recorded for this year."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("movement:festival", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.organizer.path if self.organizer_id else ""


class PersonalDataAccess(models.Model):
    """Nhật ký truy cập dữ liệu cá nhân: who viewed or changed which personal fields of which record, when.

    Generic (content type + id) so any restricted record can use `services.record_view`.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64, db_index=True)
    object_repr = models.CharField(_("record"), max_length=300)
    fields = models.JSONField(_("fields"), default=list)
    action = models.CharField(_("action"), max_length=8, choices=AccessAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(_("actor"), max_length=150)
    at = models.DateTimeField(_("time"), db_index=True)
    scope_path = models.CharField(max_length=255, blank=True, db_index=True)

    objects = PersonalDataAccessQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")

    def __str__(self) -> str:
        return f"{self.object_repr} {self.get_action_display()} {self.actor_label}"
