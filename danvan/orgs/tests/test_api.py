"""REST API of org units: read-only, filtered by the caller's scope, searchable without diacritics."""

from datetime import date

import pytest

from danvan.orgs import services


@pytest.fixture
def api(client, accounts):
    client.force_login(accounts["coordinator"])
    return client


def test_search_and_fields(api, org_tree):
    data = api.get("/api/orgs/units/", {"q": "ban dan van"}).json()
    assert data["count"] == 1
    unit = data["results"][0]
    assert unit["name"] == "Ban Dân vận Tỉnh ủy" and unit["aliases"] == ["BDVTU"]
    assert unit["parent"] == org_tree["committee"].pk and unit["kind"] == "party_board"


def test_active_on_filter_answers_holder_at_a_date(api, org_tree):
    merged = services.merge_units(
        [org_tree["board"]], on=date(2025, 3, 1), key="t-btgdv", name="Ban Tuyên giáo và Dân vận Tỉnh ủy"
    )
    before = api.get("/api/orgs/units/", {"q": "dan van", "active_on": "2024-06-01"}).json()
    after = api.get("/api/orgs/units/", {"q": "dan van", "active_on": "2025-06-01"}).json()
    assert [u["name"] for u in before["results"]] == ["Ban Dân vận Tỉnh ủy"]
    assert [u["name"] for u in after["results"]] == [merged.name]


def test_scoped_detail_and_anonymous(client, accounts, org_tree):
    assert client.get("/api/orgs/units/").status_code == 403
    client.force_login(accounts["reception"])
    assert client.get(f"/api/orgs/units/{org_tree['interior'].pk}/").json()["name"] == "Sở Nội vụ"
    assert client.get(f"/api/orgs/units/{org_tree['people'].pk}/").status_code == 404


def test_list_query_count_is_flat(api, org_tree, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        assert api.get("/api/orgs/units/").json()["count"] == 6
