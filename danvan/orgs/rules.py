"""Object permissions of the orgs app (rules predicates from danvan.core.permissions)."""

import rules

from danvan.core.permissions import manages_everything, sees_everything, unit_in_scope

rules.add_perm("orgs.view_orgunit", sees_everything | unit_in_scope)
rules.add_perm("orgs.change_orgunit", manages_everything)
rules.add_perm("orgs.add_orgunit", manages_everything)
rules.add_perm("orgs.view_user", sees_everything)
