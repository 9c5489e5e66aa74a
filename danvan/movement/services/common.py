"""Helpers shared by the movement services: permission checks and validated saves."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from danvan.core.permissions import path_in_scope, sees_everything


def require(actor, perm: str, obj=None) -> None:
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You do not have permission to do this."))


def check_own_unit(actor, unit, field: str) -> None:
    """An officer records work only for their own unit or one below it; the Board for any unit."""
    if unit is None:
        raise ValidationError({field: _("Choose the unit.")})
    if not sees_everything(actor) and not path_in_scope(actor, unit.path):
        raise ValidationError({field: _("You can only record this for your own unit or its sub-units.")})


def assign(obj: models.Model, values: dict, fields: tuple[str, ...]) -> models.Model:
    """Set the allowed `fields` present in `values`, validate (constraints included) and save."""
    for key, value in values.items():
        if key in fields:
            setattr(obj, key, value.strip() if isinstance(value, str) else value)
    obj.full_clean()
    obj.save()
    return obj
