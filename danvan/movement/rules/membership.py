import rules

from danvan.core.permissions import is_agency_officer, manages_everything

from .common import unit_rule, works_on_movement

returns_for = unit_rule("unit")

rules.add_perm("movement.view_membershipsurvey", works_on_movement)
rules.add_perm("movement.add_membershipsurvey", manages_everything)
rules.add_perm("movement.change_surveyreturn", manages_everything | (is_agency_officer & returns_for))
