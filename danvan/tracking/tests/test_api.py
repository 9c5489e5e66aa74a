"""REST API of tracking: scope (lists, counts, details → 404), progress through the service, notices."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from danvan.tracking import services
from danvan.tracking.models import Notification, Occurrence

from .factories import TaskFactory, assign

pytestmark = pytest.mark.django_db
API = "/api/tracking"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def people_only(plan, org_tree):
    """A one-off task of UBND tỉnh alone (no coordinating body), due 25/06/2025 (due soon on 15/06)."""
    from datetime import date

    task = TaskFactory(
        plan=plan, recurrence="once", due_date=date(2025, 6, 25), text="Việc riêng của UBND tỉnh"
    )
    assign(task, org_tree["people"])
    return task.occurrences.get()


def as_user(api, user):
    api.force_authenticate(user)
    return api


# Who sees the one-off task of UBND tỉnh: the Board and leaders, UBND's officer; not Ban Tổ chức, not
# the reception officer of Sở Nội vụ (a sub-unit of UBND, not the lead).
SEES = {
    "coordinator": True,
    "leader": True,
    "admin": True,
    "officer": True,
    "other_officer": False,
    "reception": False,
}


@pytest.mark.parametrize(("role", "sees"), SEES.items())
def test_occurrence_scope_in_list_counts_and_detail(api, accounts, people_only, role, sees):
    as_user(api, accounts[role])
    ids = [row["id"] for row in api.get(f"{API}/occurrences/").json()["results"]]
    assert (people_only.pk in ids) is sees
    counts = api.get(f"{API}/occurrences/counts/", {"body": people_only.lead_unit_id}).json()
    assert counts["total"] == (1 if sees else 0)
    assert counts["not_started"] == (1 if sees else 0)
    assert api.get(f"{API}/occurrences/{people_only.pk}/").status_code == (200 if sees else 404)


def test_anonymous_is_refused(api, people_only):
    assert api.get(f"{API}/occurrences/").status_code == 403


def test_occurrence_fields_and_filters(api, accounts, annual_task, people_only):
    as_user(api, accounts["officer"])
    row = api.get(f"{API}/occurrences/{people_only.pk}/").json()
    assert {k: row[k] for k in ("label", "due_date", "outcome", "due_soon", "percent", "lead_unit_name")} == {
        "label": "Một lần, hạn 25/06/2025",
        "due_date": "2025-06-25",
        "outcome": "not_started",
        "due_soon": True,
        "percent": 0,
        "lead_unit_name": "Ủy ban nhân dân tỉnh Đồng Nai",
    }
    overdue = api.get(f"{API}/occurrences/", {"outcome": "overdue"}).json()
    assert [r["year"] for r in overdue["results"]] == [2021, 2022, 2023, 2024]
    assert api.get(f"{API}/occurrences/", {"task": annual_task.pk, "year": 2025}).json()["count"] == 1
    assert api.get(f"{API}/occurrences/", {"due_soon": "true"}).json()["count"] == 1
    assert api.get(f"{API}/occurrences/", {"q": "viec rieng"}).json()["count"] == 1
    assert api.get(f"{API}/occurrences/counts/").json() == {
        "not_started": 2,
        "in_progress": 0,
        "done_on_time": 0,
        "done_late": 0,
        "overdue": 4,
        "total": 6,
    }


def test_progress_is_created_through_the_service_with_evidence(api, accounts, people_only):
    as_user(api, accounts["officer"])
    pdf = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = api.post(
        f"{API}/progress/",
        {
            "occurrence": people_only.pk,
            "version": people_only.version,
            "percent": 50,
            "text": "Đã làm",
            "files": [pdf],
        },
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["kind"], body["percent"], body["author"], [e["name"] for e in body["evidence"]]) == (
        "progress",
        50,
        "officer",
        ["bao-cao.pdf"],
    )
    occ = Occurrence.objects.get(pk=people_only.pk)
    assert (occ.percent, occ.version) == (50, people_only.version + 1)
    listed = api.get(f"{API}/progress/", {"occurrence": occ.pk}).json()
    assert [e["id"] for e in listed["results"]] == [body["id"]]


def test_stale_version_is_a_conflict_and_writes_nothing(api, accounts, people_only):
    as_user(api, accounts["officer"])
    data = {"occurrence": people_only.pk, "version": people_only.version, "percent": 30}
    assert api.post(f"{API}/progress/", data, format="json").status_code == 201
    response = api.post(f"{API}/progress/", {**data, "percent": 60}, format="json")
    assert response.status_code == 409
    assert "Người khác vừa cập nhật công việc này" in response.json()["detail"]
    assert Occurrence.objects.get(pk=people_only.pk).percent == 30


def test_progress_validation_in_vietnamese(api, accounts, people_only):
    as_user(api, accounts["officer"])
    base = {"occurrence": people_only.pk, "version": people_only.version}
    too_much = api.post(f"{API}/progress/", {**base, "percent": 150}, format="json")
    assert too_much.status_code == 400
    assert too_much.json()["percent"] == ["Tiến độ phải là số nguyên từ 0 đến 100."]
    missing = api.post(f"{API}/progress/", {**base, "text": "Chưa có số"}, format="json")
    assert missing.status_code == 400
    assert missing.json()["detail"] == ["Hãy nhập tiến độ theo phần trăm (từ 0 đến 100)."]
    fake = SimpleUploadedFile("bc.pdf", b"not a pdf at all", content_type="application/pdf")
    wrong = api.post(f"{API}/progress/", {**base, "percent": 10, "files": [fake]}, format="multipart")
    assert wrong.status_code == 400
    assert "không phải là tệp PDF, DOCX, XLSX hoặc ảnh" in wrong.json()["detail"][0]
    assert Occurrence.objects.get(pk=people_only.pk).version == people_only.version


def test_progress_out_of_scope_is_404_and_without_right_is_403(api, accounts, people_only):
    data = {"occurrence": people_only.pk, "version": people_only.version, "percent": 10}
    assert (
        as_user(api, accounts["other_officer"]).post(f"{API}/progress/", data, format="json").status_code
        == 404
    )
    assert (
        as_user(api, accounts["reception"]).post(f"{API}/progress/", data, format="json").status_code == 404
    )
    refused = as_user(api, accounts["leader"]).post(f"{API}/progress/", data, format="json")
    assert refused.status_code == 403
    assert refused.json()["detail"] == (
        "Chỉ cơ quan chủ trì, cơ quan phối hợp hoặc Ban Dân vận mới được báo cáo tiến độ."
    )


def test_progress_entries_are_scoped(api, accounts, people_only):
    services.add_progress(people_only, actor=accounts["officer"], percent=20, text="Bắt đầu")
    entry = people_only.entries.get()
    assert as_user(api, accounts["other_officer"]).get(f"{API}/progress/").json()["count"] == 0
    assert api.get(f"{API}/progress/{entry.pk}/").status_code == 404
    assert (
        as_user(api, accounts["coordinator"]).get(f"{API}/progress/{entry.pk}/").json()["text"] == "Bắt đầu"
    )


def test_contribution_of_a_coordinating_body(api, accounts, annual_task):
    occ = annual_task.occurrences.get(year=2025)
    as_user(api, accounts["other_officer"])  # Ban Tổ chức coordinates
    response = api.post(
        f"{API}/progress/",
        {"occurrence": occ.pk, "version": occ.version, "text": "Đã phối hợp"},
        format="json",
    )
    assert (response.status_code, response.json()["kind"], response.json()["percent"]) == (
        201,
        "contribution",
        None,
    )


def test_notifications_are_the_callers_own(api, accounts, annual_task):
    occ = annual_task.occurrences.get(year=2025)
    services.add_comment(occ, actor=accounts["coordinator"], text="Đề nghị bổ sung minh chứng")
    mine = Notification.objects.get(user=accounts["officer"])
    as_user(api, accounts["officer"])
    listed = api.get(f"{API}/notifications/", {"unread": "true"}).json()
    assert [n["id"] for n in listed["results"]] == [mine.pk]
    read = api.post(f"{API}/notifications/{mine.pk}/read/").json()
    assert read["read_at"] is not None
    assert api.get(f"{API}/notifications/", {"unread": "true"}).json()["count"] == 0
    theirs = Notification.objects.get(user=accounts["other_officer"])
    assert api.get(f"{API}/notifications/{theirs.pk}/").status_code == 404
    assert api.post(f"{API}/notifications/{theirs.pk}/read/").status_code == 404
    as_user(api, accounts["other_officer"])
    assert api.post(f"{API}/notifications/read-all/").json() == {"marked": 1}
    assert Notification.objects.get(pk=theirs.pk).read_at is not None


def test_list_queries_do_not_grow(api, accounts, plan, org_tree, django_assert_max_num_queries):
    as_user(api, accounts["officer"])
    for i in range(3):
        assign(TaskFactory(plan=plan, text=f"Việc {i}"), org_tree["people"])
    with django_assert_max_num_queries(10) as small:
        api.get(f"{API}/occurrences/")
        api.get(f"{API}/progress/")
    for i in range(10):
        assign(TaskFactory(plan=plan, text=f"Việc thêm {i}"), org_tree["people"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        api.get(f"{API}/occurrences/")
        api.get(f"{API}/progress/")
