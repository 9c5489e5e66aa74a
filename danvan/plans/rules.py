"""Object permissions of the plans app: coordinators import and review plans; everyone signed in reads."""

import rules

from danvan.core.permissions import is_coordinator

is_signed_in = rules.is_authenticated

rules.add_perm("plans.view_plan", is_signed_in)  # which plans and tasks: Plan/Task.objects.visible_to
rules.add_perm("plans.view_task", is_signed_in)
rules.add_perm("plans.import_plan", is_coordinator)
rules.add_perm("plans.change_plan", is_coordinator)
rules.add_perm("plans.change_task", is_coordinator)
