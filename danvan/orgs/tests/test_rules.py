"""Object permissions of org units, one assertion row per role."""

import pytest

ROLES = ["coordinator", "leader", "admin", "officer", "other_officer", "reception"]


@pytest.mark.parametrize(
    ("perm", "unit", "expected"),
    [
        ("orgs.view_orgunit", "board", {"coordinator", "leader", "admin"}),
        ("orgs.view_orgunit", "people", {"coordinator", "leader", "admin", "officer"}),
        ("orgs.view_orgunit", "interior", {"coordinator", "leader", "admin", "officer", "reception"}),
        ("orgs.view_orgunit", "organisation", {"coordinator", "leader", "admin", "other_officer"}),
        ("orgs.change_orgunit", "people", {"coordinator", "admin"}),
        ("orgs.add_orgunit", None, {"coordinator", "admin"}),
        ("orgs.view_user", None, {"coordinator", "leader", "admin"}),
        ("core.search_audit", None, {"coordinator", "leader", "admin"}),
    ],
)
def test_permission_by_role(accounts, org_tree, perm, unit, expected):
    target = org_tree[unit] if unit else None
    granted = {role for role in ROLES if accounts[role].has_perm(perm, target)}
    assert granted == expected


def test_anonymous_has_no_permission(org_tree):
    from django.contrib.auth.models import AnonymousUser

    assert not AnonymousUser().has_perm("orgs.view_orgunit", org_tree["board"])
    assert not AnonymousUser().has_perm("core.search_audit")
