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


def test_survey_returned_closed_and_shown_on_the_portal(page, login, accounts, org_tree):
    """A unit returns its figures; the share reaches the public progress page only once the Board
    closes the survey, and after that the unit can no longer change them."""
    from datetime import date
    from decimal import Decimal

    from danvan.indicators import services as indicators
    from danvan.movement.services import membership
    from danvan.tracking.tests.factories import PlanFactory

    PlanFactory(status="active")
    indicators.ensure_default_indicators()  # the seed plan's term: 2021-2025
    survey = membership.create_survey(
        actor=accounts["coordinator"],
        year=2025,
        title="Khảo sát đoàn viên, hội viên năm 2025",
        deadline=date(2025, 10, 31),
        target_percent=Decimal("75"),
        units=[org_tree["people"]],
    )
    survey_page = f"{page.base_url}{survey.get_absolute_url()}"
    share = page.locator("[data-indicator=tap-hop-quan-chung] [data-role=value]")

    login("officer")
    page.goto(survey_page)
    page.click("text=Gửi số liệu của đơn vị")
    page.fill("#id_population_of_age", "2000")
    page.fill("#id_org_farmers", "900")
    page.fill("#id_org_youth_union", "700")
    page.fill("#id_people_reached", "1400")
    page.click("form.card button.btn-primary >> nth=0")
    page.wait_for_selector("text=Đã gửi số liệu.")
    page.goto(f"{page.base_url}/public/progress/")
    assert share.count() == 0

    page.context.clear_cookies()
    login("coordinator")
    page.goto(survey_page)
    page.click("text=Khóa sổ đợt khảo sát")
    page.wait_for_selector("text=Đã khóa sổ đợt khảo sát: số liệu là số liệu chính thức.")
    assert "Đã khóa sổ ngày" in page.inner_text("[data-role=closed]")
    page.goto(f"{page.base_url}/public/progress/")
    assert share.inner_text() == "70,0%"

    page.context.clear_cookies()
    login("officer")
    page.goto(survey_page)
    assert page.locator("text=Gửi số liệu của đơn vị").count() == 0
