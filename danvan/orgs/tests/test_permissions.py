"""Permission matrix of the orgs pages and API: every role × every page, and no record of another
unit in the lists, searches, counts, API lists or exports a scoped officer sees."""

import pytest
from django.urls import reverse

from danvan.core.testing import assert_absent, assert_access

OUTSIDE_UBND = ["Tỉnh ủy Đồng Nai", "Ban Dân vận Tỉnh ủy", "Ban Tổ chức Tỉnh ủy", "Tỉnh Đồng Nai"]


@pytest.fixture
def roles(accounts):
    return accounts


def test_tree_search_and_export_open_to_every_role(client, roles):
    everyone = list(roles.values())
    for url in (
        reverse("orgs:unit_list"),
        reverse("orgs:unit_list") + "?q=ban+dan+van",
        reverse("orgs:unit_export"),
    ):
        assert_access(client, url, allowed=everyone)


def test_unit_page_in_scope_or_404(client, org_tree, roles):
    r = roles
    assert_access(
        client,
        org_tree["board"].get_absolute_url(),
        allowed=[r["coordinator"], r["leader"], r["admin"]],
        out_of_scope=[r["officer"], r["other_officer"], r["reception"]],
    )
    assert_access(
        client,
        org_tree["people"].get_absolute_url(),
        allowed=[r["coordinator"], r["leader"], r["admin"], r["officer"]],
        out_of_scope=[r["other_officer"], r["reception"]],
    )
    assert_access(
        client,
        org_tree["interior"].get_absolute_url(),
        allowed=[r["coordinator"], r["leader"], r["admin"], r["officer"], r["reception"]],
        out_of_scope=[r["other_officer"]],
    )
    assert_access(client, reverse("orgs:unit", args=[999999]), out_of_scope=list(r.values()))


def test_alias_editing_only_for_coordinators_and_administrators(client, org_tree, roles):
    r = roles
    url = reverse("orgs:alias_add", args=[org_tree["people"].pk])
    expected = dict(
        allowed=[r["coordinator"], r["admin"]],
        forbidden=[r["leader"], r["officer"]],
        out_of_scope=[r["other_officer"], r["reception"]],
    )
    assert_access(client, url, **expected)
    assert_access(client, url, method="post", data={"names": "UBND"}, allowed_status=302, **expected)


def test_new_unit_only_for_coordinators_and_administrators(client, roles):
    r = roles
    assert_access(
        client,
        reverse("orgs:unit_add"),
        allowed=[r["coordinator"], r["admin"]],
        forbidden=[r["leader"], r["officer"], r["other_officer"], r["reception"]],
    )
    assert_access(
        client,
        reverse("orgs:unit_add"),
        method="post",
        data={"name": ""},
        allowed=[r["coordinator"], r["admin"]],  # invalid form: shown again with errors
        forbidden=[r["leader"], r["officer"], r["other_officer"], r["reception"]],
    )


def test_api_list_and_detail(client, org_tree, roles):
    r = roles
    assert_access(client, "/api/orgs/units/", allowed=list(r.values()))
    assert_access(
        client,
        f"/api/orgs/units/{org_tree['board'].pk}/",
        allowed=[r["coordinator"], r["leader"], r["admin"]],
        out_of_scope=[r["officer"], r["other_officer"], r["reception"]],
    )
    assert_access(
        client,
        "/api/orgs/units/",
        method="post",
        data={"name": "X"},
        anonymous=None,
        allowed=list(r.values()),
        allowed_status=405,
    )


def test_scoped_officer_sees_only_own_subtree_everywhere(client, org_tree, roles):
    client.force_login(roles["officer"])
    tree = client.get(reverse("orgs:unit_list"))
    assert [n["unit"].name for n in tree.context["tree"]] == ["Ủy ban nhân dân tỉnh Đồng Nai"]
    assert tree.context["total"] == 2
    assert "2 đơn vị" in tree.content.decode()
    assert_absent(tree, *OUTSIDE_UBND)

    closed_too = client.get(reverse("orgs:unit_list"), {"closed": "on"})
    assert_absent(closed_too, *OUTSIDE_UBND)

    for query in ("dan van", "to chuc", "bdvtu"):
        search = client.get(reverse("orgs:unit_list"), {"q": query})
        assert search.context["results"] == []
        assert "0 kết quả" in search.content.decode()
        assert_absent(search, *OUTSIDE_UBND)
    search = client.get(reverse("orgs:unit_list"), {"q": "so noi vu"})
    assert [u.name for u in search.context["results"]] == ["Sở Nội vụ"]

    export = client.get(reverse("orgs:unit_export"))
    lines = export.content.decode("utf-8-sig").strip().splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == ["Ủy ban nhân dân tỉnh Đồng Nai", "Sở Nội vụ"]

    api = client.get("/api/orgs/units/").json()
    assert api["count"] == 2
    assert [u["name"] for u in api["results"]] == ["Ủy ban nhân dân tỉnh Đồng Nai", "Sở Nội vụ"]
    assert client.get("/api/orgs/units/", {"q": "ban dan van"}).json()["count"] == 0

    home = client.get(reverse("core:home"))
    assert home.context["unit_count"] == 2
    assert_absent(home, *OUTSIDE_UBND)


def test_scoped_officer_does_not_see_parent_outside_scope(client, org_tree, roles):
    client.force_login(roles["reception"])
    page = client.get(org_tree["interior"].get_absolute_url())
    assert page.status_code == 200
    assert page.context["ancestors"] == []
    assert_absent(page, "Ủy ban nhân dân tỉnh Đồng Nai")
    search = client.get(reverse("orgs:unit_list"), {"q": "noi vu"})
    assert_absent(search, "Ủy ban nhân dân tỉnh Đồng Nai")


def test_user_without_unit_sees_nothing(client, org_tree):
    from danvan.orgs.choices import Role
    from danvan.orgs.tests.factories import UserFactory

    lost = UserFactory(role=Role.AGENCY_OFFICER, org_unit=None)
    client.force_login(lost)
    assert client.get(reverse("orgs:unit_list")).context["total"] == 0
    assert client.get("/api/orgs/units/").json()["count"] == 0
    assert client.get(org_tree["people"].get_absolute_url()).status_code == 404
