"""REST API and Open311 GeoReport v2."""

import pytest
from django.urls import reverse

from danvan.citizens.models import Petition

NAME = "Đỗ Văn Riêngtư"


@pytest.fixture
def api(client, accounts):
    client.force_login(accounts["coordinator"])
    return client


def test_create_through_api_never_returns_sender(api, org_tree):
    response = api.post(
        "/api/citizens/petitions/",
        {
            "petition_type": "denunciation",
            "channel": "post",
            "subject": "Tố cáo",
            "content": "Nội dung",
            "received_on": "2025-09-01",
            "sender_name": NAME,
            "sender_phone": "0901111222",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert NAME not in response.content.decode() and "0901111222" not in response.content.decode()
    p = Petition.objects.get(code=response.json()["code"])
    assert p.sender.full_name == NAME
    assert response.json()["classification_due"] == "2025-09-10"


def test_workflow_actions_through_api(api, org_tree):
    code = api.post(
        "/api/citizens/petitions/",
        {
            "petition_type": "complaint",
            "channel": "post",
            "subject": "S",
            "content": "C",
            "received_on": "2025-09-01",
            "sender_name": "A",
        },
        content_type="application/json",
    ).json()["id"]
    url = f"/api/citizens/petitions/{code}/"
    assert (
        api.post(
            url + "route/", {"body": org_tree["interior"].pk}, content_type="application/json"
        ).status_code
        == 400
    )
    classify = {"petition_type": "complaint", "eligible": True}
    late = classify | {"decision_known_on": "2025-09-02"}
    r = api.post(url + "classify/", late, content_type="application/json")
    assert r.status_code == 400
    assert "sau ngày nhận đơn (01/09/2025)" in r.json()["detail"][0]
    known = classify | {"decision_known_on": "2025-08-15"}
    r = api.post(url + "classify/", known, content_type="application/json")
    assert (r.json()["status"], r.json()["decision_known_on"]) == ("classified", "2025-08-15")
    assert (
        api.post(
            url + "route/",
            {"body": org_tree["interior"].pk, "routed_on": "2025-09-03"},
            content_type="application/json",
        ).json()["status"]
        == "routed"
    )
    r = api.post(url + "accept/", {"accepted_on": "2025-09-04"}, content_type="application/json")
    assert r.json()["resolution_due"] == "2025-10-04"
    r = api.post(
        url + "answer/", {"number": "5/TB", "answered_on": "2025-09-30"}, content_type="application/json"
    )
    assert r.json()["status"] == "answered"


def test_api_scope_and_permissions(client, accounts, org_tree):
    client.force_login(accounts["other_officer"])
    assert client.get("/api/citizens/petitions/").status_code == 403
    rules = client.get("/api/citizens/time-limits/").json()["results"]
    assert len(rules) == 50 and {rule["changed_in_app"] for rule in rules} == {False}
    client.force_login(accounts["leader"])
    assert client.post("/api/citizens/holidays/", {"date": "2025-12-31", "name": "X"}).status_code == 403


def test_open311_services_and_discovery(client):
    services = client.get("/open311/v2/services.json").json()
    assert [s["service_code"] for s in services] == [
        "complaint",
        "denunciation",
        "recommendation",
        "feedback",
    ]
    discovery = client.get("/open311/v2/discovery.json").json()
    assert discovery["endpoints"][0]["url"].endswith("/open311/v2/")


def test_open311_post_get_and_errors(client, org_tree, settings):
    settings.CITIZENS_SUBMIT_LIMIT = 2
    r = client.post(
        "/open311/v2/requests.json",
        {
            "service_code": "feedback",
            "description": "Đèn đường hỏng",
            "address_string": "Ấp 2",
            "first_name": "An",
            "last_name": "Lê",
        },
    )
    assert r.status_code == 201
    code = r.json()[0]["service_request_id"]
    item = client.get(f"/open311/v2/requests/{code}.json").json()[0]
    assert item["status"] == "open" and item["service_code"] == "feedback"
    assert "Lê An" not in client.get("/open311/v2/requests.json").content.decode()
    assert client.get("/open311/v2/requests.json?status=closed").json() == []
    missing = client.post("/open311/v2/requests.json", {"service_code": "feedback", "description": "x"})
    assert missing.status_code == 400 and missing.json()[0]["code"] == 400
    assert client.get("/open311/v2/requests/DV-XXXX-XXXX.json").status_code == 404
    client.post(
        "/open311/v2/requests.json", {"service_code": "feedback", "description": "x", "lat": 10, "long": 106}
    )
    limited = client.post(
        "/open311/v2/requests.json", {"service_code": "feedback", "description": "y", "lat": 10, "long": 106}
    )
    assert limited.status_code == 429


def test_schema_lists_open311_and_citizens(client):
    schema = client.get(reverse("api-schema"), HTTP_ACCEPT="application/json").content.decode()
    for path in ("/open311/v2/requests.json", "/open311/v2/services.json", "/api/citizens/petitions/"):
        assert path in schema


def test_holidays_changed_through_api_recompute_open_petitions(api, open_denunciation):
    def due():
        open_denunciation.refresh_from_db()
        return str(open_denunciation.classification_due)

    assert due() == "2025-09-09"
    holiday = api.post("/api/citizens/holidays/", {"date": "2025-09-02", "name": "Quốc khánh"}).json()
    assert due() == "2025-09-10"
    url = f"/api/citizens/holidays/{holiday['id']}/"
    moved = api.patch(url, {"date": "2025-12-31"}, content_type="application/json")
    assert moved.json()["date"] == "2025-12-31" and due() == "2025-09-09"
    api.patch(url, {"date": "2025-09-03"}, content_type="application/json")
    assert due() == "2025-09-10"
    assert api.delete(url).status_code == 204
    assert due() == "2025-09-09"
