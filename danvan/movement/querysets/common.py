"""The scope filter shared by the movement topics: the Board and leaders see all, others their sub-tree."""

from django.db import models
from django.db.models import Q

from danvan.core.permissions import scope_path_for, sees_everything


def in_scope(qs: models.QuerySet, user, *unit_paths: str) -> models.QuerySet:
    """Rows whose unit (any of `unit_paths`, e.g. "organization__path") lies in the user's sub-tree."""
    if sees_everything(user):
        return qs
    path = scope_path_for(user)
    if not path:
        return qs.none()
    condition = Q()
    for lookup in unit_paths:
        condition |= Q(**{f"{lookup}__startswith": path})
    return qs.filter(condition)
