import pytest

from conftest import PASSWORD

from .. import services
from ..choices import CriteriaKind
from .factories import open_round


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_unit_self_assesses_board_approves_dashboard_changes(page, login, people, hierarchy):
    """After 1 July 2025 the Board reviews communes directly; approving one moves the indicator."""
    services.ensure_default_indicators()
    round_ = open_round(CriteriaKind.GRASSROOTS_DEMOCRACY, 2025, people["coordinator"])
    services.compute_indicator_values()
    evaluation = round_.evaluations.get(unit=hierarchy["new_commune_1"])

    login("new_commune_1", PASSWORD)
    page.goto(f"{page.base_url}/indicators/evaluations/{evaluation.pk}/")
    for criterion in round_.criteria_set.criteria.all():
        field = f"#id_score_{criterion.pk}"
        if criterion.mode == "pass_fail":
            page.select_option(field, "1")
        else:
            page.fill(field, str(criterion.max_score))
    page.click("button[name=submit]")
    assert page.locator("[data-role=status]").inner_text() == "Đã gửi chờ thẩm định"
    page.click("text=Đăng xuất")

    login("coordinator", PASSWORD)
    page.goto(f"{page.base_url}/indicators/?year=2025")
    card = page.locator("[data-indicator=dan-chu-co-so] [data-role=value]")
    assert card.inner_text() == "0,0%"
    page.goto(f"{page.base_url}/indicators/evaluations/{evaluation.pk}/")
    page.click("button[value=approve]")
    assert page.locator("[data-role=status]").inner_text() == "Đã duyệt"
    page.goto(f"{page.base_url}/indicators/?year=2025")
    page.click("text=Tính lại từ kết quả đánh giá và khảo sát")
    assert page.locator("[data-indicator=dan-chu-co-so] [data-role=value]").inner_text() == "50,0%"


# The size in screen pixels of every text of the charts: its font size times the scale the SVG draws it at.
CHART_TEXT_SIZES = """(selector) => [...document.querySelectorAll(selector)].map(
    (t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_trend_charts_text_is_readable_on_desktop_and_phone(page, login, people, hierarchy):
    from ..choices import CriteriaKind as Kind

    services.ensure_default_indicators()
    open_round(Kind.GRASSROOTS_DEMOCRACY, 2024, people["coordinator"])
    services.compute_indicator_values()
    login("leader", PASSWORD)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{page.base_url}/indicators/?year=2024")
        sizes = page.evaluate(CHART_TEXT_SIZES, "svg.trend text")
        assert sizes and min(sizes) >= 12, (width, sorted(sizes)[:3])
