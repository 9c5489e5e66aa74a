"""The plan's indicators on the public progress page: final province-wide values of the active plans'
indicators, with target, year and trend; nothing about single units, evaluators or their comments."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from danvan.indicators import services as indicators
from danvan.indicators.choices import CriteriaKind
from danvan.indicators.models import Indicator
from danvan.indicators.tests.factories import build_hierarchy, full_scores, officer, open_round
from danvan.movement.models import MembershipSurvey
from danvan.movement.services import membership
from danvan.plans.models import PlanTarget
from danvan.tracking.tests.factories import PlanFactory

pytestmark = pytest.mark.django_db
QCDC, DVK = CriteriaKind.GRASSROOTS_DEMOCRACY, CriteriaKind.DAN_VAN_KHEO
REVIEW_COMMENT = "Biên bản hội nghị đối thoại còn thiếu chữ ký"


def _approve(round_, unit, unit_officer, reviewer):
    evaluation = round_.evaluations.get(unit=unit)
    indicators.save_self_assessment(
        evaluation, actor=unit_officer, scores=full_scores(evaluation), comment="Tự đánh giá của xã"
    )
    indicators.submit_evaluation(evaluation, actor=unit_officer)
    indicators.approve_evaluation(evaluation, actor=reviewer, comment=REVIEW_COMMENT)


@pytest.fixture
def published(accounts, org_tree, django_capture_on_commit_callbacks):
    """QCDC (active plan): 2022 closed 0/4, 2023 closed 1/4, 2024 open 2/4. DVK (draft plan): 2023 closed.
    Membership (no plan target, an active plan exists): 2024 survey, closed, 1,934 of 3,000. A
    district-scoped indicator: not public."""
    units = build_hierarchy(org_tree["province"])
    coordinator = accounts["coordinator"]
    reviewer = officer(units["district_a"], "reviewer_a")
    reviewer.full_name = "Trần Thẩm Định"
    reviewer.save()
    a1, a2 = officer(units["commune_a1"], "xa_a1"), officer(units["commune_a2"], "xa_a2")
    active = PlanFactory(status="active", title="Kế hoạch công tác dân vận đang thực hiện")
    draft = PlanFactory(status="draft", title="Kế hoạch nháp")
    PlanTarget.objects.create(
        plan=active,
        text="trên 80% cơ sở thực hiện tốt quy chế dân chủ ở cơ sở",
        subject="cơ sở thực hiện tốt quy chế dân chủ ở cơ sở",
        comparator=">",
        value=Decimal(80),
        unit="%",
    )
    PlanTarget.objects.create(
        plan=draft,
        text="trên 90% cơ quan đạt tiêu chí Dân vận khéo",
        subject="cơ quan đạt tiêu chí Dân vận khéo",
        comparator=">",
        value=Decimal(90),
        unit="%",
    )
    indicators.ensure_default_indicators()
    Indicator.objects.create(
        code="qcdc-huyen-a",
        name="Dân chủ ở cơ sở — riêng huyện A",
        kind=QCDC,
        start_year=2021,
        end_year=2025,
        scope=units["district_a"],
    )
    for year in (2022, 2023):
        round_ = open_round(QCDC, year, coordinator)
        if year == 2023:
            _approve(round_, units["commune_a1"], a1, reviewer)
        indicators.close_round(round_, actor=coordinator)
    indicators.close_round(open_round(DVK, 2023, coordinator), actor=coordinator)
    round_2024 = open_round(QCDC, 2024, coordinator)
    _approve(round_2024, units["commune_a1"], a1, reviewer)
    _approve(round_2024, units["commune_a2"], a2, reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        survey = membership.create_survey(
            actor=coordinator,
            year=2024,
            title="Khảo sát 2024",
            deadline=date(2024, 10, 31),
            target_percent=Decimal(75),
            units=[units["commune_a1"], units["commune_a2"], units["commune_b1"]],
        )
        for unit, population, people in (("commune_a1", 2000, 1234), ("commune_a2", 1000, 700)):
            membership.save_return(
                survey,
                actor=coordinator,
                unit=units[unit],
                population_of_age=population,
                people_reached=people,
                counts={"farmers": people},
            )
    membership.close_survey(survey, actor=coordinator)
    indicators.compute_indicator_values()
    return {"units": units, "reviewer": reviewer, "survey": survey}


def _card(body: str, code: str) -> str:
    return body.split(f'data-indicator="{code}"', 1)[1].split("</section>", 1)[0]


def test_summary_keeps_final_province_values_of_the_active_plans(published, django_assert_num_queries):
    with django_assert_num_queries(1):
        cards = indicators.public_indicator_summary()
    assert [(c.indicator.code, c.year, c.value.value, c.value.target_label, c.value.met) for c in cards] == [
        ("dan-chu-co-so", 2023, Decimal("25.00"), "> 80%", False),
        ("tap-hop-quan-chung", 2024, Decimal("64.5"), "≥ 75%", False),
    ]
    qcdc = cards[0]
    assert (qcdc.previous.value, qcdc.change) == (Decimal("0.00"), Decimal("25.00"))
    assert [v for _y, v in qcdc.series] == [None, Decimal("0.00"), Decimal("25.00"), None, None]
    assert all(v.area_id is None for c in cards for v in c.by_year.values())
    # Before the Board closed the survey, its value was not final.
    MembershipSurvey.objects.filter(pk=published["survey"].pk).update(closed_at=None)
    assert [c.indicator.code for c in indicators.public_indicator_summary()] == ["dan-chu-co-so"]


def test_anonymous_progress_page_shows_the_values_and_no_unit_data(client, published):
    response = client.get(reverse("portal:progress"))
    body = response.content.decode()
    assert response.status_code == 200 and "Các chỉ tiêu của kế hoạch" in body
    card = _card(body, "dan-chu-co-so")
    assert '<span class="stat-value" data-role="value">25,0%</span>' in card
    assert '<span data-role="year">2023</span>' in card and '<span data-role="target">&gt; 80%</span>' in card
    assert "Chưa đạt" in card and "1/4 đơn vị" in card
    assert 'data-role="change">+25,0</span>' in card and "so với năm 2022" in card
    assert card.count("<svg") == 1 and ">25.0</text>" in card and ">0.0</text>" in card
    card = _card(body, "tap-hop-quan-chung")
    assert '<span class="stat-value" data-role="value">64,5%</span>' in card
    assert '<span data-role="target">≥ 75%</span>' in card and "1.934/3.000 người trong độ tuổi" in card
    # Not public: the draft plan's indicator, the district-scoped one, the open round's 50%.
    assert 'data-indicator="dan-van-kheo"' not in body and 'data-indicator="qcdc-huyen-a"' not in body
    assert "50,0%" not in body
    # Nothing about single units, who evaluated them or what they wrote; no drill-down links.
    for text in (
        "Xã A1",
        "Xã A2",
        "Huyện A",
        "Trần Thẩm Định",
        "reviewer_a",
        REVIEW_COMMENT,
        "Tự đánh giá của xã",
        "61,7%",
        'href="/indicators/',
        'href="/movement/',
    ):
        assert text not in body, text


def test_page_without_published_values(client):
    body = client.get(reverse("portal:progress")).content.decode()
    assert "Chưa có kết quả chính thức nào của các chỉ tiêu." in body


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_progress_page_renders_the_indicators_section(page, published):
    from playwright.sync_api import expect

    page.goto(f"{page.base_url}{reverse('portal:progress')}")
    section = page.locator("section.public-indicators")
    expect(section.get_by_role("heading", name="Các chỉ tiêu của kế hoạch")).to_be_visible()
    expect(section.locator("[data-indicator=dan-chu-co-so] [data-role=value]")).to_have_text("25,0%")
    expect(section.locator("[data-indicator=tap-hop-quan-chung] [data-role=value]")).to_have_text("64,5%")
    expect(section.locator("svg.trend")).to_have_count(2)
