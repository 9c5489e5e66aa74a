"""Org units (cơ quan, đơn vị, đơn vị hành chính) with their history, aliases and accounts."""

import rules
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.core.models import TimeStampedModel
from danvan.core.text import fold

from .choices import OrgEventKind, OrgKind, Role
from .querysets import OrgUnitQuerySet, UserQuerySet


class OrgUnit(TimeStampedModel):
    """Cơ quan, đơn vị hoặc đơn vị hành chính — one body or administrative unit for one period.

    A rename, merger or split never edits a unit in place: it closes the unit (valid_to) and
    records its successors through an OrgEvent, so that the holder on any date is answerable.
    """

    key = models.SlugField(
        _("key"), max_length=120, unique=True, help_text=_("Stable identifier used by imports.")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=OrgKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    territory = models.ForeignKey(
        "self",
        verbose_name=_("territory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bodies",
        limit_choices_to={"kind__in": OrgKind.administrative()},
        help_text=_("Administrative unit the body serves (province, district, commune)."),
    )
    name = models.CharField(_("full name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    code = models.CharField(_("official code"), max_length=32, blank=True, db_index=True)
    code_source = models.CharField(
        _("code source"), max_length=64, blank=True, help_text=_("Data set the code comes from.")
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    path = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["search_text", "path", "created_at", "updated_at"])

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("org unit")
        verbose_name_plural = _("org units")
        constraints = [
            models.UniqueConstraint(
                fields=["code_source", "code"],
                condition=~Q(code="") & Q(valid_to__isnull=True),
                name="orgs_unit_open_code_unique",
                violation_error_message=_("Another open unit already has this official code."),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="orgs_unit_valid_range",
                violation_error_message=_("The end of validity cannot be before its start."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("orgs:unit", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.valid_to is None

    def audit_scope_path(self) -> str:
        return self.path

    def ancestors(self) -> list["OrgUnit"]:
        ids = [int(p) for p in self.path.strip("/").split("/")[:-1] if p]
        by_id = OrgUnit.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]

    def refresh_search_text(self, save: bool = True) -> None:
        names = [self.name, self.short_name, *self.aliases.values_list("name", flat=True)]
        self.search_text = " | ".join(fold(n) for n in names if n)
        if save:
            OrgUnit.objects.filter(pk=self.pk).update(search_text=self.search_text)

    def save(self, *args, **kwargs) -> None:
        with transaction.atomic():
            if not self.search_text:
                self.search_text = " | ".join(fold(n) for n in (self.name, self.short_name) if n)
            super().save(*args, **kwargs)
            path = f"{self.parent.path if self.parent_id else '/'}{self.pk}/"
            if path != self.path:
                self._rewrite_paths(path)

    def _rewrite_paths(self, new_path: str) -> None:
        """Keep the materialized path of this unit and its whole sub-tree in step with `parent`."""
        old_path = self.path
        OrgUnit.objects.filter(pk=self.pk).update(path=new_path)
        self.path = new_path
        if old_path:
            for child in OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                OrgUnit.objects.filter(pk=child.pk).update(path=new_path + child.path[len(old_path) :])


class OrgAlias(models.Model):
    """Tên gọi khác: abbreviation or other way of writing a unit's name ("UBND tỉnh", "BTV Tỉnh đoàn")."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("alias"), max_length=255)
    normalized = models.CharField(_("name without diacritics"), max_length=255, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [
            models.UniqueConstraint(
                fields=["normalized"],
                name="orgs_alias_unique",
                violation_error_message=_("This alias is already used by another unit."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.normalized = fold(self.name)
        super().save(*args, **kwargs)

    def audit_scope_path(self) -> str:
        return self.unit.path


class OrgEvent(TimeStampedModel):
    """Sự kiện tổ chức: establishment, rename, merger, split or dissolution on a date, with its legal act."""

    kind = models.CharField(_("event"), max_length=16, choices=OrgEventKind.choices)
    date = models.DateField(_("effective date"))
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    predecessors = models.ManyToManyField(
        OrgUnit, through="OrgSuccession", through_fields=("event", "predecessor"), related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("organizational change")
        verbose_name_plural = _("organizational changes")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class OrgSuccession(models.Model):
    """Kế thừa: the predecessor's responsibilities pass (wholly or in part) to the successor."""

    event = models.ForeignKey(OrgEvent, on_delete=models.CASCADE, related_name="successions")
    predecessor = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="successor_links")
    successor = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="predecessor_links")
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "predecessor", "successor"],
                name="orgs_succession_unique",
                violation_error_message=_("This succession is already recorded."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class DanvanUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """Tài khoản: a person with one role who belongs to one org unit."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("org unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.AGENCY_OFFICER)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = DanvanUserManager()

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username

    def has_perm(self, perm, obj=None) -> bool:
        """Our rules decide every permission they define, for a superuser too: Django's shortcut
        (a superuser has every permission) would open a denouncer's identity to the administrator."""
        if rules.perm_exists(perm):
            return self.is_active and rules.has_perm(perm, self, obj)
        return super().has_perm(perm, obj)

    def audit_scope_path(self) -> str:
        return self.org_unit.path if self.org_unit_id else ""
