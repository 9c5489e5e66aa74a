import rules

from danvan.core.permissions import is_agency_officer, manages_everything

from .common import unit_rule, works_on_movement

organizes = unit_rule("organizer")

rules.add_perm("movement.view_trainingcourse", works_on_movement)
rules.add_perm("movement.add_trainingcourse", manages_everything | is_agency_officer)
rules.add_perm("movement.change_trainingcourse", manages_everything | (is_agency_officer & organizes))
