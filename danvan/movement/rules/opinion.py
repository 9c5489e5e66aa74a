import rules

from danvan.core.permissions import is_agency_officer, manages_everything

from .common import unit_rule, works_on_movement

noted_by = unit_rule("unit")

rules.add_perm("movement.view_opinionnote", works_on_movement)
rules.add_perm("movement.add_opinionnote", manages_everything | is_agency_officer)
rules.add_perm("movement.change_opinionnote", manages_everything | (is_agency_officer & noted_by))
# Turning a note into a task of the plan is the Board's decision.
rules.add_perm("movement.act_on_opinionnote", manages_everything)
rules.add_perm("movement.view_work", works_on_movement)
