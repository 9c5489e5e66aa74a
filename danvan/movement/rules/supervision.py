import rules

from danvan.core.permissions import is_agency_officer, manages_everything

from .common import unit_rule, works_on_movement

supervises = unit_rule("organization")
is_addressed = unit_rule("addressed_to")
rec_supervisor = unit_rule("programme.organization")

rules.add_perm("movement.view_supervisionprogramme", works_on_movement)
rules.add_perm("movement.add_supervisionprogramme", manages_everything | is_agency_officer)
rules.add_perm("movement.change_supervisionprogramme", manages_everything | (is_agency_officer & supervises))
# The addressed body answers; the supervising organization (or the Board) judges the answer.
rules.add_perm("movement.answer_recommendation", manages_everything | (is_agency_officer & is_addressed))
rules.add_perm("movement.resolve_recommendation", manages_everything | (is_agency_officer & rec_supervisor))
rules.add_perm("movement.view_socialcriticism", works_on_movement)
rules.add_perm("movement.add_socialcriticism", manages_everything | is_agency_officer)
rules.add_perm("movement.change_socialcriticism", manages_everything | (is_agency_officer & supervises))
