"""Khảo sát nắm lại thực chất số lượng đoàn viên, hội viên: survey rounds, returns per administrative unit,
member lists de-duplicated into "people reached" and "memberships", and the yearly target.

No national ID number (CCCD/CMND) is ever stored: a person is identified by `person_key`, a one-way hash of
the normalized full name, birth date and commune (services.membership.person_key). Names and birth dates are
not stored either.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.core.models import TimeStampedModel

from ..choices import MassOrgType
from ..querysets.membership import MemberRecordQuerySet, MembershipSurveyQuerySet, SurveyReturnQuerySet


class MembershipSurvey(TimeStampedModel):
    """Đợt khảo sát: one round of the yearly membership survey, with its deadline and the year's target.

    `target_percent` is the share of people of age the plan wants gathered into organizations this year.
    When the Board closes the round (`closed_at`), its returns can no longer change and its figures are
    final: the public portal shows them from then on.
    """

    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=255)
    deadline = models.DateField(_("returns due by"))
    target_percent = models.DecimalField(
        _("target share gathered into organizations (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    units = models.ManyToManyField(
        "orgs.OrgUnit", verbose_name=_("units asked to report"), related_name="membership_surveys"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = MembershipSurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-deadline"]
        verbose_name = _("membership survey")
        verbose_name_plural = _("membership surveys")
        constraints = [
            models.CheckConstraint(
                condition=Q(target_percent__gte=0) & Q(target_percent__lte=100),
                name="movement_survey_target_range",
                violation_error_message=_("The target must lie between 0 and 100%."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def get_absolute_url(self) -> str:
        return reverse("movement:survey", args=[self.pk])

    def audit_scope_path(self) -> str:
        return ""


class SurveyReturn(TimeStampedModel):
    """Số liệu của một đơn vị: people of age and the counts one unit returns for a survey round.

    `people_reached` (distinct persons in at least one organization) and the memberships per organization
    (MembershipCount) are entered, or computed from the member list when one is loaded.
    """

    survey = models.ForeignKey(MembershipSurvey, on_delete=models.CASCADE, related_name="returns")
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="membership_returns"
    )
    population_of_age = models.PositiveIntegerField(_("people of age who could join"))
    people_reached = models.PositiveIntegerField(_("people reached (distinct persons)"), default=0)
    from_member_list = models.BooleanField(_("computed from the member list"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = SurveyReturnQuerySet.as_manager()

    class Meta:
        ordering = ["survey", "unit__name"]
        verbose_name = _("survey return")
        verbose_name_plural = _("survey returns")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "unit"],
                name="movement_return_once_per_unit",
                violation_error_message=_("This unit has already returned figures for this survey."),
            ),
            models.CheckConstraint(
                condition=Q(people_reached__lte=models.F("population_of_age")),
                name="movement_return_reached_le_population",
                violation_error_message=_("People reached cannot exceed the people of age."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.survey}"

    def get_absolute_url(self) -> str:
        return reverse("movement:survey_return", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.unit.path if self.unit_id else ""

    @property
    def memberships(self) -> int:
        return sum(c.members for c in self.counts.all())


class MembershipCount(models.Model):
    """Số đoàn viên, hội viên of one organization in one return (a person counts once per organization).

    Entered by hand, or computed from the member list.
    """

    survey_return = models.ForeignKey(SurveyReturn, on_delete=models.CASCADE, related_name="counts")
    org_type = models.CharField(_("organization"), max_length=16, choices=MassOrgType.choices)
    members = models.PositiveIntegerField(_("members"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["survey_return", "org_type"]
        verbose_name = _("membership count")
        verbose_name_plural = _("membership counts")
        constraints = [
            models.UniqueConstraint(
                fields=["survey_return", "org_type"],
                name="movement_count_once_per_org",
                violation_error_message=_("This organization is already counted in this return."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_org_type_display()}: {self.members}"

    def get_absolute_url(self) -> str:
        return self.survey_return.get_absolute_url()

    def audit_scope_path(self) -> str:
        return self.survey_return.audit_scope_path()


class MemberRecord(models.Model):
    """One membership from a unit's member list: a hashed person key and an organization, nothing else.

    A person in two organizations has two records with the same `person_key`; the same person listed twice in
    one organization is stored once (unique constraint).
    """

    survey_return = models.ForeignKey(SurveyReturn, on_delete=models.CASCADE, related_name="member_records")
    person_key = models.CharField(max_length=64, db_index=True)
    org_type = models.CharField(_("organization"), max_length=16, choices=MassOrgType.choices)
    member_code = models.CharField(_("member code issued by the organization"), max_length=40, blank=True)

    objects = MemberRecordQuerySet.as_manager()

    class Meta:
        ordering = ["survey_return", "org_type", "id"]
        verbose_name = _("member record")
        verbose_name_plural = _("member records")
        constraints = [
            models.UniqueConstraint(
                fields=["survey_return", "person_key", "org_type"],
                name="movement_member_once_per_org",
                violation_error_message=_("This person is already listed in this organization."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_key[:10]}… {self.get_org_type_display()}"

    def get_absolute_url(self) -> str:
        return self.survey_return.get_absolute_url()
