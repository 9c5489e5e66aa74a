"""The one permission layer: role predicates and unit scope, used by views, API, exports, commands.

Each record that belongs to an org unit is visible to coordinators, leaders and administrators,
and to the other roles only when it belongs to their own unit or one of its sub-units. Scope is
checked on the materialized path of the unit ("/1/7/42/"), so a sub-tree is one indexed prefix.
"""

from collections.abc import Callable

import rules
from django.db.models import Q, QuerySet

COORDINATOR = "coordinator"
LEADER = "leader"
AGENCY_OFFICER = "agency_officer"
RECEPTION_OFFICER = "reception_officer"
ADMINISTRATOR = "administrator"


def _role(user) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    if user.is_superuser:
        return ADMINISTRATOR
    return getattr(user, "role", None)


@rules.predicate
def is_coordinator(user) -> bool:
    return _role(user) == COORDINATOR


@rules.predicate
def is_leader(user) -> bool:
    return _role(user) == LEADER


@rules.predicate
def is_agency_officer(user) -> bool:
    return _role(user) == AGENCY_OFFICER


@rules.predicate
def is_reception_officer(user) -> bool:
    return _role(user) == RECEPTION_OFFICER


@rules.predicate
def is_administrator(user) -> bool:
    return _role(user) == ADMINISTRATOR


sees_everything = is_coordinator | is_leader | is_administrator
manages_everything = is_coordinator | is_administrator


def scope_path_for(user) -> str:
    """The path prefix of the sub-tree a scoped user works in, or "" when the user has no unit."""
    unit = getattr(user, "org_unit", None) if getattr(user, "is_authenticated", False) else None
    return unit.path if unit is not None and unit.path else ""


def in_scope(qs: QuerySet, user, *unit_paths: str | Callable[[str], Q]) -> QuerySet:
    """The scope filter of every `visible_to`: all rows for those who see everything, else the rows
    whose unit (any of `unit_paths`, e.g. "unit__path") lies in the user's sub-tree, none without a unit.
    Where the unit is on related rows, a unit path is a function of the sub-tree's path that gives the
    condition (e.g. an `Exists` over the assignments whose unit path starts with it)."""
    if sees_everything(user):
        return qs
    path = scope_path_for(user)
    if not path:
        return qs.none()
    condition = Q()
    for lookup in unit_paths:
        condition |= lookup(path) if callable(lookup) else Q(**{f"{lookup}__startswith": path})
    return qs.filter(condition)


def path_in_scope(user, path: str) -> bool:
    if sees_everything(user):
        return True
    own = scope_path_for(user)
    return bool(own and path and path.startswith(own))


@rules.predicate
def unit_in_scope(user, unit) -> bool:
    """The unit is the user's own unit or one of its sub-units."""
    return unit is not None and path_in_scope(user, unit.path)
