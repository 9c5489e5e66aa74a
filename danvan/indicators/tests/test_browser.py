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
