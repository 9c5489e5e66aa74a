import rules

from danvan.core.permissions import is_agency_officer, manages_everything

from .common import unit_rule, works_on_movement

returns_for = unit_rule("unit")


@rules.predicate
def survey_open(user, survey_return) -> bool:
    """The return's survey round is not closed (no return given: nothing to refuse)."""
    return survey_return is None or not survey_return.survey.is_closed


rules.add_perm("movement.view_membershipsurvey", works_on_movement)
rules.add_perm("movement.add_membershipsurvey", manages_everything)
rules.add_perm("movement.close_membershipsurvey", manages_everything)
rules.add_perm(
    "movement.change_surveyreturn", survey_open & (manages_everything | (is_agency_officer & returns_for))
)
