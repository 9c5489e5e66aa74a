"""Ethnic and religious registers. Personal data (contacts of prestigious persons, people involved in a
case) is for the Board's coordinators and the officers of the responsible unit's sub-tree only: leaders
read the registers and their figures but not the contacts; administrators manage accounts, not people."""

import rules

from danvan.core.permissions import is_agency_officer, is_coordinator, manages_everything

from .common import unit_rule, works_on_movement

responsible = unit_rule("responsible_unit")
organizes = unit_rule("organizer")

rules.add_perm("movement.view_ethnic_religious", works_on_movement)
rules.add_perm("movement.add_ethnic_religious", manages_everything | is_agency_officer)
rules.add_perm("movement.change_ethnic_religious", manages_everything | (is_agency_officer & responsible))
rules.add_perm("movement.view_personal_data", is_coordinator | (is_agency_officer & responsible))
rules.add_perm("movement.change_ethnicfestival", manages_everything | (is_agency_officer & organizes))
rules.add_perm("movement.view_personaldataaccess", manages_everything | is_agency_officer)
