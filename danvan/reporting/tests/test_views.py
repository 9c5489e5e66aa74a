"""Pages: access by role and scope, the workflow through the forms, completeness, the consolidated button."""

import pytest
from django.urls import reverse

from danvan.core.testing import assert_access
from danvan.reporting import services
from danvan.reporting.choices import ReportStatus
from danvan.reporting.models import ConsolidatedReport

from .conftest import at

pytestmark = pytest.mark.django_db


def test_report_page_access(client, period, org_tree, accounts):
    report = services.ensure_report(period, org_tree["people"])
    a = accounts
    assert_access(
        client,
        report.get_absolute_url(),
        allowed=[a["coordinator"], a["leader"], a["officer"]],
        out_of_scope=[a["other_officer"]],
    )
    assert_access(
        client,
        reverse("reporting:completeness", args=[period.pk]),
        allowed=[a["coordinator"], a["leader"]],
        forbidden=[a["officer"], a["reception"]],
    )
    assert_access(
        client, reverse("reporting:index"), allowed=[a["coordinator"], a["officer"], a["reception"]]
    )


def test_a_missing_report_is_linked_only_for_who_may_start_it(client, period, org_tree, accounts):
    start = reverse("reporting:report_start", args=[period.pk, org_tree["people"].pk])
    client.force_login(accounts["coordinator"])
    assert f'href="{start}"' in client.get(period.get_absolute_url()).content.decode()
    client.force_login(accounts["leader"])  # sees every body's report, writes none
    html = client.get(period.get_absolute_url()).content.decode()
    assert "Ủy ban nhân dân tỉnh Đồng Nai" in html and f'href="{start}"' not in html
    assert client.get(start).status_code == client.post(start).status_code == 403
    assert not period.reports.exists()


def test_past_the_lock_date_only_the_board_starts_a_report_to_reopen_it(client, period, org_tree, accounts):
    start = reverse("reporting:report_start", args=[period.pk, org_tree["people"].pk])
    client.force_login(accounts["officer"])
    html = client.get(start).content.decode()
    assert "Kỳ báo cáo đã khóa sau ngày 31/01/2025." in html and 'id="start-report"' not in html
    assert client.post(start).status_code == 403 and not period.reports.exists()
    client.force_login(accounts["coordinator"])
    assert 'id="start-report"' in client.get(start).content.decode()
    report = client.get(client.post(start).url).context["report"]
    assert (report.period, report.unit) == (period, org_tree["people"])
    assert client.get(report.get_absolute_url()).context["can_reopen"] is True


def test_officer_submits_coordinator_returns_then_accepts(client, open_period, org_tree, accounts):
    client.force_login(accounts["officer"])
    start = reverse("reporting:report_start", args=[open_period.pk, org_tree["people"].pk])
    page = client.get(start).content.decode()  # a visit does not start the report: the button does
    assert "Cơ quan, đơn vị chưa lập báo cáo kỳ này." in page and ">Lập báo cáo</button>" in page
    assert not open_period.reports.exists()
    response = client.post(start)
    report = open_period.reports.get(unit=org_tree["people"])
    assert response.url == report.get_absolute_url()
    assert client.post(start).url == client.get(start).url == report.get_absolute_url()  # started once
    response = client.post(
        reverse("reporting:report_save", args=[report.pk]), {"results": "", "submit": "1"}, follow=True
    )
    assert "Nhập phần kết quả đạt được trước khi gửi báo cáo." in response.content.decode(), [
        str(m) for m in response.context["messages"]
    ]
    client.post(reverse("reporting:report_save", args=[report.pk]), {"results": "12 hội nghị", "submit": "1"})
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert client.post(reverse("reporting:report_accept", args=[report.pk])).status_code == 403
    client.force_login(accounts["coordinator"])
    client.post(reverse("reporting:report_return", args=[report.pk]), {"reason": "Bổ sung số liệu"})
    report.refresh_from_db()
    assert (report.status, report.return_reason) == (ReportStatus.RETURNED, "Bổ sung số liệu")
    client.force_login(accounts["officer"])
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Bổ sung số liệu" in page
    client.post(
        reverse("reporting:report_save", args=[report.pk]),
        {"results": "12 hội nghị, 30 đối thoại", "submit": "1"},
    )
    client.force_login(accounts["coordinator"])
    client.post(reverse("reporting:report_accept", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    page = client.get(reverse("reporting:completeness", args=[open_period.pk])).content.decode()
    assert 'id="received">1<' in page and 'id="received-rate">20,0%<' in page


def test_a_refused_report_names_its_sections_and_keeps_what_was_typed(
    client, open_period, org_tree, accounts
):
    report = services.ensure_report(open_period, org_tree["people"])
    url = reverse("reporting:report_save", args=[report.pk])
    client.force_login(accounts["officer"])
    typed = {"results": "12 hội nghị", "shortcomings": "Còn chậm", "causes": "Thiếu\x00 người", "save": ""}

    response = client.post(url, typed)  # refused by the form: a NUL character in "Nguyên nhân"
    nul = "Nội dung chứa ký tự rỗng (NUL), là ký tự không được phép."
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == ["Kiểm tra lại các phần: Nguyên nhân."]
    assert response.context["form"].errors == {"causes": [nul]}
    html = response.content.decode()
    assert f'<div class="errorlist" role="alert"><p>{nul}</p></div>' in html
    assert ">\n12 hội nghị</textarea>" in html and ">\nCòn chậm</textarea>" in html

    typed.update(results="", causes="Thiếu người", submit="")  # refused by the service, on submitting
    response = client.post(url, typed)
    missing = "Nhập phần kết quả đạt được trước khi gửi báo cáo."
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == ["Kiểm tra lại các phần: Kết quả đạt được."]
    assert response.context["form"].errors == {"results": [missing]}
    html = response.content.decode()
    assert f'<div class="errorlist" role="alert"><p>{missing}</p></div>' in html
    assert ">\nCòn chậm</textarea>" in html and ">\nThiếu người</textarea>" in html
    report.refresh_from_db()  # the draft saved with the refused submission is undone
    assert (report.status, report.shortcomings, report.causes) == (ReportStatus.DRAFT, "", "")


def test_out_of_scope_officer_cannot_open_another_bodys_report(client, period, org_tree, accounts):
    client.force_login(accounts["other_officer"])
    url = reverse("reporting:report_start", args=[period.pk, org_tree["people"].pk])
    assert client.get(url).status_code == 404


def test_board_exempts_reminds_and_generates(client, tracked, period, org_tree, accounts, mailoutbox):
    client.force_login(accounts["coordinator"])
    client.post(
        reverse("reporting:exempt", args=[period.pk]),
        {"unit": org_tree["organisation"].pk, "reason": "Sáp nhập"},
    )
    assert period.obligations.get(unit=org_tree["organisation"]).exempt
    response = client.post(reverse("reporting:remind", args=[period.pk]), follow=True)
    assert "Đang gửi đôn đốc đến 4 cơ quan, đơn vị chưa báo cáo." in response.content.decode()
    response = client.post(reverse("reporting:consolidated_start", args=[period.pk]))
    report = ConsolidatedReport.objects.get(period=period)
    assert response.url == report.get_absolute_url() and report.docx and report.pdf and report.xlsx
    download = client.get(reverse("reporting:consolidated_file", args=[report.pk, "docx"]))
    assert download.status_code == 200
    client.force_login(accounts["officer"])
    assert client.get(report.get_absolute_url()).status_code == 404


def test_open_difficulty_on_home_panel_until_answered(client, period, org_tree, accounts):
    from danvan.reporting.views import home_panel

    report = services.ensure_report(period, org_tree["people"])
    decision = services.flag_difficulty(
        report, text="Xin bổ sung kinh phí", actor=accounts["officer"], now=at(2024, 12, 1)
    )
    request = client.get("/").wsgi_request
    request.user = accounts["leader"]
    assert "Xin bổ sung kinh phí" in home_panel(request)
    client.force_login(accounts["leader"])
    client.post(decision.get_absolute_url(), {"answer": "Đồng ý"})
    decision.refresh_from_db()
    assert not decision.is_open
    assert "Xin bổ sung kinh phí" not in home_panel(request)


def test_report_list_query_count(client, period, org_tree, accounts, django_assert_max_num_queries):
    for unit in (org_tree["people"], org_tree["organisation"], org_tree["board"]):
        services.ensure_report(period, unit)
    client.force_login(accounts["coordinator"])
    with django_assert_max_num_queries(15):
        assert client.get(reverse("reporting:index")).status_code == 200


def _upload(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_attachments_are_checked_by_content_like_progress_evidence(client, open_period, org_tree, accounts):
    report = services.ensure_report(open_period, org_tree["people"])
    client.force_login(accounts["officer"])
    url = reverse("reporting:attachment_add", args=[report.pk])
    for name, content in (("baocao.pdf", b"MZ\x90\x00\x03 a Windows program"), ("empty.pdf", b"")):
        response = client.post(url, {"file": _upload(name, content)}, follow=True)
        assert [str(m) for m in response.context["messages"]] == [
            f"Tệp “{name}” không phải là tệp PDF, DOCX, XLSX hoặc ảnh (JPG, PNG, WEBP, GIF). "
            "Hãy đính kèm minh chứng ở một trong các định dạng này."
        ]
    assert not report.attachments.exists()
    response = client.post(url, {"file": _upload("bien-ban.pdf", b"%PDF-1.4\n%%EOF\n")}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Đã đính kèm tệp."]
    assert list(report.attachments.values_list("name", flat=True)) == ["bien-ban.pdf"]


def test_report_page_names_roles_and_capitalises_its_badges(client, tracked, period, org_tree, accounts):
    officer, coordinator = accounts["officer"], accounts["coordinator"]
    lead = services.ensure_report(period, org_tree["people"], actor=officer)
    services.save_report(lead, data={"results": "12 hội nghị"}, actor=officer, now=at(2024, 12, 10))
    services.submit_report(lead, actor=officer, now=at(2024, 12, 10))
    services.return_report(lead, reason="Bổ sung số liệu", actor=coordinator, now=at(2024, 12, 12))
    client.force_login(coordinator)
    html = client.get(lead.get_absolute_url()).content.decode()  # today is past the lock date (31/01/2025)
    assert html.count('<td data-label="Vai trò">Chủ trì</td>') == 2 and ">lead</td>" not in html
    assert '<span class="badge report-returned" id="report-status">Trả lại</span>' in html
    assert '<span class="badge badge-grey">Đã khóa</span>' in html and "đã khóa</span>" not in html
    helper = services.ensure_report(period, org_tree["organisation"])
    html = client.get(helper.get_absolute_url()).content.decode()
    assert '<td data-label="Vai trò">Phối hợp</td>' in html and ">coordinator</td>" not in html
