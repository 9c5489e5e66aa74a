"""Predicates shared by the movement topics."""

import rules

from danvan.core.permissions import is_agency_officer, sees_everything

# Staff who do movement work: the Board, leaders, administrators and the bodies' officers. Reception
# officers handle citizens' petitions, not these registers.
works_on_movement = sees_everything | is_agency_officer


def unit_rule(attribute: str):
    """A predicate: the object's `attribute` unit lies in the user's sub-tree."""
    from danvan.core.permissions import path_in_scope

    @rules.predicate(name=f"movement_unit_{attribute.replace('.', '_')}")
    def check(user, obj) -> bool:
        unit = obj
        for part in attribute.split("."):
            unit = getattr(unit, part, None) if unit is not None else None
        return unit is not None and bool(unit.path) and path_in_scope(user, unit.path)

    return check
