"""Ethnic and religious registers, complex cases, the yearly festival, and access to personal data.

`record_view(user, obj, fields)` is generic: any record with restricted fields calls it when a person
sees or changes them; the row (PersonalDataAccess) is shown on the record's page and cannot be edited.
"""

from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import AccessAction, CaseStatus
from ..models import (
    CaseFollowUp,
    ComplexCase,
    EthnicFestival,
    PersonalDataAccess,
    PrestigiousPerson,
    ReligiousBody,
)
from .common import assign, check_own_unit, require

PERSON_FIELDS = ("full_name", "ethnicity", "area", "role", "recognized_year", "responsible_unit", "active")
BODY_FIELDS = (
    "kind",
    "name",
    "religion",
    "area",
    "recognition",
    "recognized_on",
    "followers",
    "responsible_unit",
    "note",
)
CASE_FIELDS = ("title", "kind", "area", "responsible_unit", "opened_on", "description")
FESTIVAL_FIELDS = (
    "year",
    "title",
    "organizer",
    "held_on",
    "place",
    "ethnic_groups",
    "delegations",
    "participants",
    "outcomes",
)


def record_view(
    user, obj: models.Model, fields, *, action: str = AccessAction.VIEW, now: datetime | None = None
) -> PersonalDataAccess:
    """Write who saw (or changed) which personal fields of `obj`, and when."""
    label = user.get_username() if getattr(user, "is_authenticated", False) else "system"
    scope = getattr(obj, "audit_scope_path", None)
    return PersonalDataAccess.objects.create(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        fields=list(fields),
        action=action,
        actor=user if label != "system" else None,
        actor_label=label,
        at=now or timezone.now(),
        scope_path=(scope() if callable(scope) else "") or "",
    )


def can_see_personal_data(user, obj) -> bool:
    return bool(user and user.has_perm("movement.view_personal_data", obj))


def reveal_personal_data(obj, *, actor) -> dict:
    """The restricted fields of `obj` for those allowed; every call is logged."""
    if not can_see_personal_data(actor, obj):
        raise PermissionDenied(_("You may not see the personal data of this record."))
    record_view(actor, obj, obj.PERSONAL_FIELDS)
    return {name: getattr(obj, name) for name in obj.PERSONAL_FIELDS}


@transaction.atomic
def update_personal_data(obj, *, actor, **values) -> models.Model:
    """Change restricted fields (kept out of the history tables); logged as a change with the field names."""
    if not can_see_personal_data(actor, obj):
        raise PermissionDenied(_("You may not see the personal data of this record."))
    changed = [name for name in obj.PERSONAL_FIELDS if name in values and getattr(obj, name) != values[name]]
    for name in changed:
        value = values[name]
        setattr(obj, name, value.strip() if isinstance(value, str) else value)
    if changed:
        obj.full_clean()
        obj.save(update_fields=[*changed, "updated_at"])
        record_view(actor, obj, changed, action=AccessAction.CHANGE)
    return obj


def _check_units(actor, values: dict) -> None:
    if "responsible_unit" in values:
        check_own_unit(actor, values["responsible_unit"], "responsible_unit")


@transaction.atomic
def create_person(*, actor, personal: dict | None = None, **values) -> PrestigiousPerson:
    require(actor, "movement.add_ethnic_religious")
    check_own_unit(actor, values.get("responsible_unit"), "responsible_unit")
    person = assign(PrestigiousPerson(), values, PERSON_FIELDS)
    if personal:
        update_personal_data(person, actor=actor, **personal)
    return person


@transaction.atomic
def update_person(person: PrestigiousPerson, *, actor, **values) -> PrestigiousPerson:
    require(actor, "movement.change_ethnic_religious", person)
    _check_units(actor, values)
    return assign(person, values, PERSON_FIELDS)


@transaction.atomic
def create_religious_body(*, actor, **values) -> ReligiousBody:
    require(actor, "movement.add_ethnic_religious")
    check_own_unit(actor, values.get("responsible_unit"), "responsible_unit")
    return assign(ReligiousBody(), values, BODY_FIELDS)


@transaction.atomic
def update_religious_body(body: ReligiousBody, *, actor, **values) -> ReligiousBody:
    require(actor, "movement.change_ethnic_religious", body)
    _check_units(actor, values)
    return assign(body, values, BODY_FIELDS)


@transaction.atomic
def create_case(*, actor, people_involved: str = "", **values) -> ComplexCase:
    require(actor, "movement.add_ethnic_religious")
    check_own_unit(actor, values.get("responsible_unit"), "responsible_unit")
    case = assign(ComplexCase(), values, CASE_FIELDS)
    if people_involved.strip():
        update_personal_data(case, actor=actor, people_involved=people_involved)
    return case


@transaction.atomic
def update_case(case: ComplexCase, *, actor, **values) -> ComplexCase:
    require(actor, "movement.change_ethnic_religious", case)
    _check_units(actor, values)
    return assign(case, values, CASE_FIELDS)


@transaction.atomic
def add_follow_up(
    case: ComplexCase,
    *,
    actor,
    text: str,
    on: date | None = None,
    resolved: bool = False,
    now: datetime | None = None,
) -> CaseFollowUp:
    """One step on the case; `resolved` closes it with this step as the resolution."""
    require(actor, "movement.change_ethnic_religious", case)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write what was done.")})
    if case.status == CaseStatus.RESOLVED:
        raise ValidationError(_("This case is already resolved."))
    on = on or timezone.localdate(now or timezone.now())
    step = CaseFollowUp.objects.create(case=case, on=on, text=text, author=actor)
    if resolved:
        case.status, case.resolved_on, case.resolution = CaseStatus.RESOLVED, on, text
    elif case.status == CaseStatus.OPEN:
        case.status = CaseStatus.IN_PROGRESS
    case.full_clean()
    case.save()
    return step


@transaction.atomic
def save_festival(festival: EthnicFestival | None, *, actor, **values) -> EthnicFestival:
    if festival is None:
        require(actor, "movement.add_ethnic_religious")
        check_own_unit(actor, values.get("organizer"), "organizer")
        festival = EthnicFestival()
    else:
        require(actor, "movement.change_ethnicfestival", festival)
        if "organizer" in values:
            check_own_unit(actor, values["organizer"], "organizer")
    return assign(festival, values, FESTIVAL_FIELDS)
