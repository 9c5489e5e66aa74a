from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from .. import services
from ..choices import CriteriaKind
from ..models import IndicatorValue
from .factories import full_scores, open_round

pytestmark = pytest.mark.django_db
QCDC = CriteriaKind.GRASSROOTS_DEMOCRACY


@pytest.fixture
def approved(people, hierarchy):
    """2024 grassroots round: commune A1 approved as "Tốt", the rest not evaluated; values computed."""
    services.ensure_default_indicators()
    round_ = open_round(QCDC, 2024, people["coordinator"])
    ev = round_.evaluations.get(unit=hierarchy["commune_a1"])
    services.save_self_assessment(ev, actor=people["commune_a1"], scores=full_scores(ev))
    services.submit_evaluation(ev, actor=people["commune_a1"])
    services.approve_evaluation(ev, actor=people["district_a"])
    services.compute_indicator_values()
    return round_


def test_dashboard_shows_cards_and_chart(client, people, approved, django_assert_max_num_queries):
    client.force_login(people["leader"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("indicators:dashboard") + "?year=2024")
    html = response.content.decode()
    assert response.status_code == 200
    assert "25,0%" in html or "25.0%" in html
    assert html.count("<svg") == 3  # the plan's two indicators from evaluations and the membership one
    assert "Chưa đạt" in html


def test_compute_and_manage_are_for_coordinators(client, people, approved):
    client.force_login(people["leader"])
    assert client.post(reverse("indicators:compute")).status_code == 403
    assert client.get(reverse("indicators:round_new")).status_code == 403
    client.force_login(people["coordinator"])
    assert client.post(reverse("indicators:compute")).status_code == 302


def test_evaluation_pages_follow_the_scope(client, people, approved, hierarchy):
    ev_a1 = approved.evaluations.get(unit=hierarchy["commune_a1"])
    ev_b1 = approved.evaluations.get(unit=hierarchy["commune_b1"])
    client.force_login(people["district_a"])
    assert client.get(ev_a1.get_absolute_url()).status_code == 200
    assert client.get(ev_b1.get_absolute_url()).status_code == 404
    client.force_login(people["district_b"])
    assert client.get(ev_a1.get_absolute_url()).status_code == 404
    response = client.get(reverse("indicators:round", args=[approved.pk]))
    assert "Xã B1" in response.content.decode() and "Xã A1" not in response.content.decode()


def test_commune_cannot_approve_itself_over_http(client, people, approved, hierarchy):
    ev = approved.evaluations.get(unit=hierarchy["commune_a2"])
    client.force_login(people["commune_a2"])
    url = reverse("indicators:evaluation_self", args=[ev.pk])
    data = {
        f"score_{c.pk}": ("1" if c.mode == "pass_fail" else str(c.max_score))
        for c in ev.round.criteria_set.criteria.all()
    }
    response = client.post(url, {**data, "submit": "1"}, follow=True)
    assert "Đã gửi bản tự đánh giá để xét duyệt." in response.content.decode()
    review = reverse("indicators:evaluation_review", args=[ev.pk])
    assert client.post(review, {"decision": "approve"}).status_code == 403
    client.force_login(people["district_a"])
    client.post(review, {"decision": "approve"})
    ev.refresh_from_db()
    assert ev.status == "approved"


def test_drill_down_lists_the_units_behind_the_number(client, people, approved, hierarchy):
    value = IndicatorValue.objects.get(
        year=2024, area__isnull=True, current=True, indicator__code="dan-chu-co-so"
    )
    client.force_login(people["coordinator"])
    html = client.get(value.get_absolute_url()).content.decode()
    assert "Xã A1" in html and "Xã B2" in html
    district_b_value = IndicatorValue.objects.get(
        year=2024, area=hierarchy["district_b"], current=True, indicator__code="dan-chu-co-so"
    )
    client.force_login(people["district_a"])
    assert client.get(district_b_value.get_absolute_url()).status_code == 404
    html = client.get(value.get_absolute_url()).content.decode()
    assert "Xã A1" in html and "Xã B2" not in html


def test_export_xlsx(client, people, approved):
    client.force_login(people["leader"])
    response = client.get(reverse("indicators:export") + "?year=2024")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(BytesIO(response.content))
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    assert rows[1][:5] == (
        "Tỷ lệ cơ sở thực hiện tốt quy chế dân chủ ở cơ sở",
        2024,
        25.0,
        "> 80%",
        "Chưa đạt",
    )
    areas = [r[2] for r in wb.worksheets[1].iter_rows(min_row=2, values_only=True)]
    assert sorted(areas) == ["Huyện A", "Huyện B", "Xã A1", "Xã A2", "Xã B1", "Xã B2"]


def test_criteria_pages(client, people, approved):
    client.force_login(people["coordinator"])
    cs = approved.criteria_set
    html = client.get(cs.get_absolute_url()).content.decode()
    assert "Tạo phiên bản mới" in html
    response = client.post(reverse("indicators:criteria_set_revise", args=[cs.pk]), {"year": "2025"})
    new = cs.revisions.get()
    assert response.url == new.get_absolute_url() and (new.year, new.version) == (2025, 1)
    response = client.post(
        new.get_absolute_url(),
        {
            "name": new.name,
            "description": "",
            "threshold_good": "95",
            "threshold_fair": "96",
            "threshold_average": "50",
            "meets_min_grade": "good",
        },
    )
    assert "Ngưỡng phải giảm dần" in response.content.decode()


def test_the_plan_target_is_linked_only_for_who_may_open_the_plan(client, accounts):
    from decimal import Decimal

    from danvan.plans.models import Plan, PlanTarget

    plan = Plan.objects.create(title="Kế hoạch thực hiện công tác dân vận", term_start=2020, term_end=2025)
    target = PlanTarget.objects.create(
        plan=plan,
        text="Hàng năm, có trên 80% cơ quan, đơn vị đạt tiêu chí Dân vận khéo",
        subject="cơ quan, đơn vị đạt tiêu chí Dân vận khéo",
        comparator=">",
        value=Decimal(80),
        unit="%",
    )
    dvk = services.ensure_default_indicators()[0]
    link = f'href="{target.get_absolute_url()}"'
    client.force_login(accounts["officer"])  # no task of the plan in its scope: the plan's page is 404
    html = client.get(dvk.get_absolute_url()).content.decode()
    assert target.text in html and link not in html
    assert client.get(plan.get_absolute_url()).status_code == 404
    client.force_login(accounts["coordinator"])
    assert f"{link}>{target.text}</a>" in client.get(dvk.get_absolute_url()).content.decode()


def test_a_refused_self_assessment_is_shown_again_as_typed(client, people, approved, hierarchy):
    """A score above its maximum, or a submission with criteria missing: the page again (200) with every
    score and comment as typed, the error on the criterion's field or above the form, nothing saved."""
    ev = approved.evaluations.get(unit=hierarchy["commune_a2"])
    criteria = list(ev.round.criteria_set.criteria.all())
    first, second = [c for c in criteria if c.mode == "points"][:2]
    client.force_login(people["commune_a2"])
    url = reverse("indicators:evaluation_self", args=[ev.pk])
    typed = {
        f"score_{first.pk}": "3.25",
        f"note_{first.pk}": "Đã niêm yết công khai",
        f"score_{second.pk}": str(second.max_score + 1),
        "comment": "Đã họp dân bàn việc",
    }

    response = client.post(url, {**typed, "save": ""})
    too_high = f"Giá trị này phải nhỏ hơn hoặc bằng {second.max_score}."
    assert response.status_code == 200
    assert response.context["self_form"].errors == {f"score_{second.pk}": [too_high]}
    html = response.content.decode()
    error_id = f"id_score_{second.pk}_error"
    assert f'<div class="errorlist" role="alert" id="{error_id}"><p>{too_high}</p></div>' in html
    assert f'name="score_{first.pk}" value="3.25"' in html
    assert f'name="score_{second.pk}" value="{second.max_score + 1}"' in html
    assert 'value="Đã niêm yết công khai"' in html and ">\nĐã họp dân bàn việc</textarea>" in html
    ev.refresh_from_db()
    assert (ev.status, ev.self_comment, ev.scores.count()) == ("not_started", "", 0)

    # valid scores but sent with criteria missing: the save is undone with the refused submission
    typed[f"score_{second.pk}"] = "1"
    response = client.post(url, {**typed, "submit": ""})
    missing = ", ".join(c.code for c in criteria if c not in (first, second))
    refusal = f"Hãy chấm điểm tất cả tiêu chí trước khi gửi. Còn thiếu: {missing}."
    assert response.status_code == 200
    assert response.context["self_form"].non_field_errors() == [refusal]
    html = response.content.decode()
    assert f'<div class="errorlist" role="alert"><p>{refusal}</p></div>' in html
    assert f'name="score_{first.pk}" value="3.25"' in html and "Đã họp dân bàn việc</textarea>" in html
    ev.refresh_from_db()
    assert (ev.status, ev.self_comment, ev.scores.count()) == ("not_started", "", 0)
