"""In the browser: an officer starts the body's report from the reports it owes and submits it, the
coordinator returns it, the officer resubmits, the coordinator accepts, and the reporting rate on the
completeness page goes from 0% to 20%."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_submit_return_resubmit_accept(page, login, open_period, org_tree, accounts):
    login("coordinator")
    page.goto(f"{page.base_url}/reporting/periods/{open_period.pk}/completeness/")
    assert page.inner_text("#received-rate") == "0,0%"
    page.context.clear_cookies()

    login("officer")
    page.goto(f"{page.base_url}/reporting/")
    page.click(f"text={org_tree['people'].name} · {open_period.label}")
    page.click("#start-report")
    report = open_period.reports.get(unit=org_tree["people"])
    assert page.url == f"{page.base_url}{report.get_absolute_url()}"
    page.fill("#id_results", "Tổ chức 12 hội nghị tuyên truyền.")
    page.click("#submit-report")
    assert page.inner_text("#report-status") == "Đã gửi"
    page.context.clear_cookies()

    login("coordinator")
    page.goto(f"{page.base_url}{report.get_absolute_url()}")
    page.fill("#id_reason", "Bổ sung số cuộc đối thoại.")
    page.click("#return-report")
    assert page.inner_text("#report-status") == "Trả lại"
    page.context.clear_cookies()

    login("officer")
    page.goto(f"{page.base_url}{report.get_absolute_url()}")
    assert "Bổ sung số cuộc đối thoại." in page.inner_text("main")
    page.fill("#id_results", "Tổ chức 12 hội nghị tuyên truyền, 30 cuộc đối thoại.")
    page.click("#submit-report")
    assert page.inner_text("#report-status") == "Đã gửi"
    page.context.clear_cookies()

    login("coordinator")
    page.goto(f"{page.base_url}{report.get_absolute_url()}")
    page.click("#accept-report")
    assert page.inner_text("#report-status") == "Đã chấp nhận"
    page.goto(f"{page.base_url}/reporting/periods/{open_period.pk}/completeness/")
    assert page.inner_text("#received") == "1"
    assert page.inner_text("#received-rate") == "20,0%"
