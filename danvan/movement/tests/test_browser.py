"""The Front records a supervision with two recommendations, the addressed body answers one, and the
leaders see the other, overdue, on the movement overview and on their home page."""

from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_supervision_to_overdue_on_the_overview(page, login, accounts, org_tree, front, front_officer):
    past = (timezone.localdate() - timedelta(days=10)).isoformat()
    login("front")
    page.goto(f"{page.base_url}/movement/supervision/new/")
    page.fill("#id_subject", "Giám sát việc thực hiện chính sách hỗ trợ hộ nghèo")
    page.select_option("#id_organization", label=front.name)
    page.select_option("#id_supervised_units", label=org_tree["people"].name)
    page.click("button.btn-primary")
    page.wait_for_selector("form[data-role=add-recommendation]")
    for text, due in (
        ("Rà soát lại danh sách hộ cận nghèo", past),
        ("Công khai kết quả hỗ trợ tại ấp", past),
    ):
        page.fill("#id_text", text)
        page.select_option("#id_addressed_to", label=org_tree["people"].name)
        page.fill("#id_due_date", due)
        page.click("form[data-role=add-recommendation] button")
        page.wait_for_selector(f"text={text}")
    assert page.locator("table[data-role=recommendations] tbody tr").count() == 2

    page.context.clear_cookies()
    login("officer")  # Ủy ban nhân dân tỉnh, the addressed body
    page.goto(f"{page.base_url}/movement/recommendations/?status=overdue")
    page.click("text=Rà soát lại danh sách hộ cận nghèo")
    page.fill("#id_answer", "Đã rà soát, bổ sung 120 hộ vào danh sách.")
    page.click("form[data-role=answer] button")
    page.wait_for_selector("text=Đã ghi nhận văn bản trả lời.")
    assert page.inner_text("[data-role=status]") == "Đã trả lời"

    page.context.clear_cookies()
    login("leader")
    page.goto(f"{page.base_url}/movement/")
    panel = page.locator("[data-role=overdue-recommendations]")
    assert "Công khai kết quả hỗ trợ tại ấp" in panel.inner_text()
    assert "Rà soát lại danh sách hộ cận nghèo" not in panel.inner_text()
    page.goto(f"{page.base_url}/")
    assert (
        "Công khai kết quả hỗ trợ tại ấp" in page.locator("[data-role=overdue-recommendations]").inner_text()
    )
