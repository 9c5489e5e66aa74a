"""Object permissions of org units, one assertion row per role."""

from datetime import date

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


def test_a_superuser_gets_what_the_rules_give_an_administrator_and_no_more(accounts, org_tree):
    """Django gives a superuser every permission; our rules decide the ones they define, so the
    administrator's account does not open a denouncer's identity or a prestigious person's contacts."""
    from danvan.citizens import services as citizens
    from danvan.movement.services import ethnic_religious

    admin = accounts["admin"]
    admin.is_superuser = True
    admin.save()
    petition = citizens.register_petition(
        actor=accounts["coordinator"],
        petition_type="denunciation",
        channel="post",
        subject="Tố cáo",
        content="Nội dung tố cáo.",
        received_on=date(2025, 9, 1),
        received_unit=org_tree["board"],
        sender={"full_name": "Người Tố Cáo"},
    )
    person = ethnic_religious.create_person(
        actor=accounts["coordinator"],
        full_name="Điểu K'Lanh",
        ethnicity="Chơro",
        area=org_tree["province"],
        role="village_elder",
        recognized_year=2023,
        responsible_unit=org_tree["interior"],
        personal={"phone": "0912 345 678"},
    )
    assert not admin.has_perm("citizens.view_sender", petition)
    assert not admin.has_perm("movement.view_personal_data", person)
    assert admin.has_perm("citizens.view_petition", petition)  # what the rules give an administrator
    assert admin.has_perm("orgs.change_orgunit", org_tree["people"])
    assert admin.has_perm("auth.change_group")  # no rule: Django's own permissions, all a superuser's
    admin.is_active = False
    assert not admin.has_perm("orgs.change_orgunit", org_tree["people"])
