"""Permissions that are not tied to one app."""

import rules

from danvan.core.permissions import is_administrator, is_coordinator, is_leader

rules.add_perm("core.search_audit", is_coordinator | is_administrator | is_leader)
