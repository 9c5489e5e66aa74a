"""Object permissions of the indicators app.

The Board (coordinators) manages criteria, rounds and reviews everything; a unit's officer
self-assesses only their own unit; the superior unit's officer reviews the units it is recorded as
reviewing, never its own; leaders read only.
"""

import rules

from danvan.core.permissions import (
    is_agency_officer,
    is_coordinator,
    manages_everything,
    path_in_scope,
    sees_everything,
)


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@rules.predicate
def evaluation_in_scope(user, evaluation) -> bool:
    if evaluation is None:
        return False
    if path_in_scope(user, evaluation.unit.path):
        return True
    reviewer = evaluation.reviewer_unit
    return reviewer is not None and path_in_scope(user, reviewer.path)


@rules.predicate
def is_own_unit(user, evaluation) -> bool:
    return evaluation is not None and user.org_unit_id is not None and evaluation.unit_id == user.org_unit_id


@rules.predicate
def is_recorded_reviewer(user, evaluation) -> bool:
    return (
        evaluation is not None
        and evaluation.reviewer_unit_id is not None
        and evaluation.reviewer_unit_id == user.org_unit_id
    )


rules.add_perm("indicators.view_indicator", is_signed_in)
rules.add_perm("indicators.compute_indicator", manages_everything)
rules.add_perm("indicators.manage_criteria", manages_everything)
rules.add_perm("indicators.manage_indicator", manages_everything)
rules.add_perm("indicators.manage_round", manages_everything)
rules.add_perm("indicators.view_round", is_signed_in)
rules.add_perm("indicators.view_evaluation", sees_everything | evaluation_in_scope)
rules.add_perm("indicators.self_assess", is_agency_officer & is_own_unit)
rules.add_perm(
    "indicators.review_evaluation",
    (is_coordinator | (is_agency_officer & is_recorded_reviewer)) & ~is_own_unit,
)
rules.add_perm("indicators.reopen_evaluation", is_coordinator)
