"""API: lists go through visible_to; completeness is the Board's and leaders'."""

import pytest

from danvan.reporting import services

pytestmark = pytest.mark.django_db


def test_reports_scoped_and_completeness(client, period, org_tree, accounts):
    services.ensure_report(period, org_tree["people"])
    services.ensure_report(period, org_tree["organisation"])
    client.force_login(accounts["officer"])
    data = client.get("/api/reporting/reports/").json()
    rows = data["results"] if isinstance(data, dict) else data
    assert [r["unit_name"] for r in rows] == ["Ủy ban nhân dân tỉnh Đồng Nai"]
    assert client.get(f"/api/reporting/periods/{period.pk}/completeness/").status_code == 403
    client.force_login(accounts["coordinator"])
    body = client.get(f"/api/reporting/periods/{period.pk}/completeness/").json()
    assert (body["total"]["expected"], body["total"]["received"]) == (5, 0)
    assert len(body["missing"]) == 5
    client.logout()
    assert client.get("/api/reporting/reports/").status_code in (401, 403)
