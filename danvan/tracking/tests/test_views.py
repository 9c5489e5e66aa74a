"""Pages: permissions (a body sees only its inbox; coordinators all), query counts, filters, search."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.tracking.models import Occurrence

from .factories import TaskFactory, assign

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def test_inbox_shows_only_the_bodys_own_work(client, annual_task, plan, org_tree, accounts):
    other = TaskFactory(plan=plan, text="Việc của Ban Tổ chức", recurrence="once")
    other.due_date = None
    assign(other, org_tree["organisation"])
    response = login(client, accounts["officer"]).get("/tracking/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nâng cao hiệu quả công tác dân vận chính quyền" in html
    assert "Việc của Ban Tổ chức" not in html


def test_out_of_scope_occurrence_is_404_and_board_sees_all(client, annual_task, accounts):
    occ = annual_task.occurrences.get(year=2025)
    assert login(client, accounts["reception"]).get(occ.get_absolute_url()).status_code == 404
    client.logout()
    assert login(client, accounts["coordinator"]).get(occ.get_absolute_url()).status_code == 200


def test_sub_tasks_are_listed_only_for_who_may_see_them(client, annual_task, org_tree, accounts):
    from danvan.tracking import services

    interior = org_tree["interior"]
    sub = services.create_subtask(
        annual_task, actor=accounts["coordinator"], text="Sở Nội vụ rà soát thủ tục", lead=interior
    )
    url = annual_task.occurrences.get(year=2025).get_absolute_url()
    html = login(client, accounts["other_officer"]).get(url).content.decode()  # coordinates the task only
    assert "Sở Nội vụ rà soát thủ tục" not in html and "Chưa có nhiệm vụ con." in html
    html = login(client, accounts["officer"]).get(url).content.decode()  # leads it; Sở Nội vụ is under it
    assert "Sở Nội vụ rà soát thủ tục" in html
    # Sở Nội vụ sees its sub-task, not the task it is part of: no link to a page it may not open.
    sub_url = sub.occurrences.get(year=2025).get_absolute_url()
    parent_link = f"/tracking/tasks/{annual_task.pk}/"
    for user, sees_parent in ((accounts["reception"], False), (accounts["officer"], True)):
        html = login(client, user).get(sub_url).content.decode()
        assert (f'href="{parent_link}"' in html) is sees_parent
        html = client.get(sub.get_absolute_url()).content.decode()  # the plan's page of the sub-task
        assert (annual_task.get_absolute_url() in html) is sees_parent


def test_overview_and_dashboard_are_for_the_board(client, annual_task, accounts):
    assert login(client, accounts["officer"]).get("/tracking/overview/").status_code == 403
    assert client.get("/tracking/dashboard/").status_code == 403
    client.logout()
    login(client, accounts["leader"])
    assert client.get("/tracking/dashboard/").status_code == 200
    response = client.get("/tracking/overview/")
    assert response.status_code == 200
    assert [(r["name"], r["counts"]["overdue"], r["total"]) for r in response.context["matrix"]["items"]] == [
        ("Ủy ban nhân dân tỉnh Đồng Nai", 4, 5)
    ]


def test_search_without_diacritics_and_filters(client, annual_task, accounts):
    login(client, accounts["coordinator"])
    found = client.get("/tracking/overview/", {"q": "dan van chinh quyen", "year": 2025})
    assert [o.year for o in found.context["occurrences"]] == [2025]
    assert client.get("/tracking/overview/", {"q": "khong co viec nay"}).context["total"] == 0
    overdue = client.get("/tracking/overview/", {"outcome": "overdue"})
    assert overdue.context["total"] == 4


def test_progress_form_with_pdf_and_stale_version_message(client, annual_task, accounts):
    occ = annual_task.occurrences.get(year=2025)
    login(client, accounts["officer"])
    pdf = SimpleUploadedFile("bc.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client.post(
        f"/tracking/occurrences/{occ.pk}/progress/",
        {"percent": 50, "text": "Đã làm", "files": [pdf], "version": occ.version},
        follow=True,
    )
    assert "Đã ghi nhận tiến độ." in response.content.decode()
    response = client.post(
        f"/tracking/occurrences/{occ.pk}/progress/",
        {"percent": 60, "text": "Cũ", "version": occ.version},
        follow=True,
    )
    assert "Người khác vừa cập nhật công việc này" in response.content.decode()
    assert Occurrence.objects.get(pk=occ.pk).percent == 50
    evidence = occ.entries.get().evidence.get()
    assert client.get(evidence.get_absolute_url()).status_code == 200
    client.logout()
    login(client, accounts["reception"])
    assert client.get(evidence.get_absolute_url()).status_code == 404


def test_export_is_scoped(client, annual_task, accounts):
    response = login(client, accounts["reception"]).get("/tracking/overview/export.xlsx")
    from io import BytesIO

    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 1  # header only: Sở Nội vụ has no work in this plan


def _grow(plan, org_tree, n):
    """n more tasks; every third one led by a new body, so the matrix and the filters grow too."""
    from danvan.orgs.choices import OrgKind
    from danvan.orgs.services import create_unit

    start = plan.tasks.count()
    for i in range(start, start + n):
        task = TaskFactory(plan=plan, recurrence="quarterly" if i % 2 else "annual", text=f"Việc thêm {i}")
        if i % 3 == 0:
            lead = create_unit(key=f"t-grow-{i}", kind=OrgKind.STATE_BODY, name=f"Sở thử nghiệm {i}")
        else:
            lead = org_tree["people"] if i % 3 == 1 else org_tree["organisation"]
        assign(task, lead)
        assign(task, org_tree["people"] if lead != org_tree["people"] else org_tree["board"], "coordinator")


QUERIES = {"/tracking/": 11, "/tracking/overview/": 11, "/tracking/dashboard/": 25}


@pytest.mark.parametrize("url", list(QUERIES))
def test_query_count_does_not_grow_with_data(
    client, plan, org_tree, accounts, url, django_assert_num_queries, monkeypatch
):
    from danvan.tracking import views

    # Small pages so that the bigger data set spans several pages of every list.
    for name in ("INBOX_PAGE", "MATRIX_PAGE", "LIST_PAGE", "DASHBOARD_PAGE"):
        monkeypatch.setattr(views, name, 3)
    user = accounts["coordinator"] if url != "/tracking/" else accounts["officer"]
    login(client, user)
    _grow(plan, org_tree, 2)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    # Pinned: a query more is a regression (the dashboard also shows movement's panels, a fixed set of
    # aggregate queries); a query fewer is an improvement to record here.
    assert len(small) == QUERIES[url], [q["sql"] for q in small.captured_queries]
    _grow(plan, org_tree, 30)
    with django_assert_num_queries(len(small)):
        response = client.get(url)
    assert response.status_code == 200
    assert any(
        pager["num_pages"] > 1
        for pager in [s["pager"] for s in response.context.get("sections", [])]
        + [response.context.get(k) for k in ("matrix", "listing", "overdue", "by_unit")]
        if pager
    )


def test_notifications_unread_count(client, annual_task, accounts):
    from danvan.tracking import services
    from danvan.tracking.context_processors import notifications

    occ = annual_task.occurrences.get(year=2025)
    services.add_comment(occ, actor=accounts["coordinator"], text="Đề nghị bổ sung minh chứng")
    request = type("R", (), {"user": accounts["officer"]})()
    assert notifications(request) == {"unread_notifications": 1}
    note = accounts["officer"].notifications.get()
    login(client, accounts["officer"]).get(note.get_absolute_url())
    assert notifications(request) == {"unread_notifications": 0}


def _rows(html: str, section: str) -> str:
    """The HTML of one <section id=…> of the page."""
    start = html.index(f'id="{section}"')
    return html[start : html.index("</section>", start)]


def test_inbox_sections_are_paged_with_real_counts(client, annual_task, accounts, monkeypatch):
    from danvan.tracking import views

    monkeypatch.setattr(views, "INBOX_PAGE", 3)
    login(client, accounts["officer"])
    response = client.get("/tracking/")
    overdue = response.context["sections"][0]["pager"]
    assert (overdue["count"], overdue["num_pages"], [o.year for o in overdue["items"]]) == (
        4,
        2,
        [2021, 2022, 2023],
    )
    html = response.content.decode()
    assert '<span class="stat-value">4</span>' in html
    assert "Trang 1 / 2" in _rows(html, "overdue")
    assert overdue["next"] == "?overdue_page=2#overdue"
    second = client.get("/tracking/", {"overdue_page": 2}).context["sections"][0]["pager"]
    assert [o.year for o in second["items"]] == [2024]


def test_due_soon_badge_in_list_tables(client, plan, org_tree, accounts):
    from datetime import date

    soon = TaskFactory(plan=plan, recurrence="once", due_date=date(2025, 6, 20), text="Việc sắp đến hạn")
    assign(soon, org_tree["people"])
    later = TaskFactory(plan=plan, recurrence="once", due_date=date(2025, 9, 20), text="Việc còn xa hạn")
    assign(later, org_tree["people"])
    inbox = login(client, accounts["officer"]).get("/tracking/").content.decode()
    assert 'Việc sắp đến hạn</a><br><small class="muted">01-KH/TU</small>' in _rows(inbox, "soon")
    assert '<span class="badge due-soon">Sắp đến hạn</span>' in _rows(inbox, "soon")
    assert "due-soon" not in _rows(inbox, "current")
    client.logout()
    overview = login(client, accounts["coordinator"]).get("/tracking/overview/").content.decode()
    rows = _rows(overview, "list").split("<tr>")[2:]
    assert [("Việc sắp đến hạn" in r, "badge due-soon" in r) for r in rows] == [(True, True), (False, False)]


def test_overview_matrix_and_list_are_paged(client, annual_task, plan, org_tree, accounts, monkeypatch):
    from danvan.tracking import views

    other = TaskFactory(plan=plan, text="Việc của Ban Tổ chức")
    assign(other, org_tree["organisation"])
    monkeypatch.setattr(views, "MATRIX_PAGE", 1)
    monkeypatch.setattr(views, "LIST_PAGE", 4)
    login(client, accounts["coordinator"])
    response = client.get("/tracking/overview/", {"year": 2025})
    matrix, listing = response.context["matrix"], response.context["listing"]
    assert [(r["name"], r["total"]) for r in matrix["items"]] == [("Ban Tổ chức Tỉnh ủy", 1)]
    assert (matrix["num_pages"], response.context["total"], listing["num_pages"]) == (2, 2, 1)
    assert matrix["next"] == "?year=2025&rows=2#matrix"
    page2 = client.get("/tracking/overview/", {"year": 2025, "rows": 2}).context["matrix"]
    assert [r["name"] for r in page2["items"]] == ["Ủy ban nhân dân tỉnh Đồng Nai"]
    everything = client.get("/tracking/overview/").context["listing"]
    assert (everything["count"], everything["num_pages"], len(everything["items"])) == (10, 3, 4)
    html = client.get("/tracking/overview/", {"unit": org_tree["people"].pk}).content.decode()
    assert f'<option value="{org_tree["people"].pk}" selected>Ủy ban nhân dân tỉnh Đồng Nai</option>' in html
    assert '<option value="overdue">Quá hạn</option>' in html


def test_outcome_filter_and_dashboard_overdue_list(client, annual_task, accounts, monkeypatch):
    from danvan.tracking import views

    monkeypatch.setattr(views, "DASHBOARD_PAGE", 3)
    login(client, accounts["leader"])
    listing = client.get("/tracking/overview/", {"outcome": "not_started"}).context["listing"]
    assert [o.year for o in listing["items"]] == [2025]
    dashboard = client.get("/tracking/dashboard/").context
    assert (dashboard["overdue"]["count"], dashboard["overdue"]["num_pages"]) == (4, 2)
    assert [r["key"] for r in dashboard["by_year"]] == [2021, 2022, 2023, 2024, 2025]
    assert (dashboard["rate"], dashboard["overdue_count"]) == (0, 4)


def test_a_one_off_sub_task_due_before_today_is_refused_on_its_field(client, annual_task, org_tree, accounts):
    occ = annual_task.occurrences.get(year=2025)  # today is 15/06/2025
    url = f"/tracking/occurrences/{occ.pk}/subtasks/"
    body = {"text": "Rà soát", "lead": org_tree["interior"].pk, "recurrence": "once", "weight": "1"}
    response = login(client, accounts["coordinator"]).post(url, body | {"due_date": "2001-01-01"})
    assert response.status_code == 200 and not annual_task.subtasks.exists()
    form = response.context["subtask_form"]
    assert form.errors == {"due_date": ["Thời hạn không được trước ngày hôm nay."]}
    html = response.content.decode()
    assert 'value="2001-01-01"' in html and "<p>Thời hạn không được trước ngày hôm nay.</p>" in html
    response = client.post(url, body | {"due_date": "2025-06-15"})
    assert response.status_code == 302 and annual_task.subtasks.get().due_date.isoformat() == "2025-06-15"


def test_delegation_offers_only_units_below_the_lead_body(client, annual_task, org_tree, accounts):
    from danvan.orgs import services as orgs
    from danvan.orgs.choices import OrgKind

    central = orgs.create_unit(key="t-tw", kind=OrgKind.GROUP, name="Trung ương")
    orgs.create_unit(key="t-bct", kind=OrgKind.PARTY_COMMITTEE, name="Bộ Chính trị", parent=central)
    province = org_tree["province"]
    district = orgs.create_unit(key="t-ha", kind=OrgKind.DISTRICT, name="Huyện A", parent=province)
    commune = orgs.create_unit(key="t-xb", kind=OrgKind.COMMUNE, name="Xã B", parent=district)
    district_committee = orgs.create_unit(
        key="t-hua",
        kind=OrgKind.PARTY_COMMITTEE,
        name="Huyện ủy A",
        parent=org_tree["committee"],
        territory=district,
    )
    people = org_tree["people"]  # UBND tỉnh leads the task and serves the province
    people.territory = province
    people.save()
    occ = annual_task.occurrences.get(year=2025)
    response = login(client, accounts["coordinator"]).get(occ.get_absolute_url())
    offered = set(response.context["delegate_form"].fields["units"].queryset)
    assert offered == {org_tree["interior"], district, commune, district_committee}
    response = client.post(f"/tracking/occurrences/{occ.pk}/delegate/", {"units": [central.pk]})
    assert response.status_code == 302 and not annual_task.subtasks.exists()


def test_completed_occurrence_has_no_reminder_form_and_an_unnumbered_timeline(client, annual_task, accounts):
    from datetime import date

    from django.core.exceptions import ValidationError

    from danvan.tracking import services

    occ = annual_task.occurrences.get(year=2022)
    board = accounts["coordinator"]
    services.send_manual_reminder(occ, actor=board, message="Đề nghị báo cáo")
    services.add_progress(occ, actor=board, percent=100, text="Đã hoàn thành")
    occ.refresh_from_db()
    assert occ.completed_on == date(2025, 6, 15)
    with pytest.raises(ValidationError) as error:
        services.send_manual_reminder(occ, actor=board, message="Nhắc lại")
    assert error.value.messages == ["Việc này đã hoàn thành, không cần nhắc các cơ quan, đơn vị nữa."]
    response = login(client, board).get(occ.get_absolute_url())
    html = response.content.decode()
    assert response.context["reminder_form"] is None and "/remind/" not in html
    assert response.context["progress_form"] is not None  # a lower figure reopens the work (add_progress)
    assert '<ul class="timeline tracking-timeline">' in html and "<ol" not in html


def test_a_refused_progress_report_shows_each_error_on_its_field_with_what_was_typed(
    client, annual_task, accounts
):
    occ = annual_task.occurrences.get(year=2025)
    url = f"/tracking/occurrences/{occ.pk}/progress/"
    login(client, accounts["officer"])
    text = "Đã tổ chức 3 hội nghị đối thoại"

    response = client.post(url, {"percent": 150, "text": text, "version": occ.version})
    assert response.status_code == 200
    form = response.context["progress_form"]
    assert form.errors == {"percent": ["Tiến độ phải là số nguyên từ 0 đến 100."]}
    html = response.content.decode()
    assert '<div class="errorlist" role="alert"><p>Tiến độ phải là số nguyên từ 0 đến 100.</p></div>' in html
    assert 'name="percent" value="150"' in html and f">\n{text}</textarea>" in html

    note = SimpleUploadedFile("ghi-chu.txt", b"khong phai PDF", content_type="application/pdf")
    response = client.post(url, {"percent": 40, "text": text, "files": [note], "version": occ.version})
    refused = (
        "Tệp “ghi-chu.txt” không phải là tệp PDF, DOCX, XLSX hoặc ảnh (JPG, PNG, WEBP, GIF). "
        "Hãy đính kèm minh chứng ở một trong các định dạng này."
    )
    assert response.status_code == 200
    assert response.context["progress_form"].errors == {"files": [refused]}
    html = response.content.decode()
    assert f'<div class="errorlist" role="alert"><p>{refused}</p></div>' in html
    assert 'name="percent" value="40"' in html and f">\n{text}</textarea>" in html

    response = client.post(url, {"percent": "", "text": text, "version": occ.version})
    assert response.context["progress_form"].errors == {
        "percent": ["Hãy nhập tiến độ theo phần trăm (từ 0 đến 100)."]
    }
    assert f">\n{text}</textarea>" in response.content.decode()
    assert "Kiểm tra lại" not in response.content.decode()  # no general message: each error is on its field
    occ.refresh_from_db()
    assert (occ.percent, occ.entries.count()) == (0, 0)
