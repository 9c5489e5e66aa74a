"""The plan's membership indicator: computed from movement's survey figures, per year, area and scope,
recomputed when a return or the survey changes, and shown on the dashboard with the survey's target."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from danvan.movement.services import membership

from .. import services
from ..choices import IndicatorSource
from ..models import Indicator, IndicatorValue

pytestmark = pytest.mark.django_db
D = Decimal


def _counts(people: int) -> dict[str, int]:
    """Memberships consistent with `people` reached: everyone in the farmers' union, some also youth."""
    return {"farmers": people, "youth_union": people // 2}


def _return(survey, actor, unit, population, people, *, submit=True):
    return membership.save_return(
        survey,
        actor=actor,
        unit=unit,
        population_of_age=population,
        people_reached=people,
        counts=_counts(people),
        submit=submit,
    )


@pytest.fixture
def indicator():
    return next(i for i in services.ensure_default_indicators() if i.source == IndicatorSource.MEMBERSHIP)


@pytest.fixture
def survey(people, hierarchy, indicator, django_capture_on_commit_callbacks):
    """2024: A1 returns 1,234 of 2,000 people, A2 700 of 1,000, B2 a draft, B1 nothing; target 75%."""
    coordinator = people["coordinator"]
    with django_capture_on_commit_callbacks(execute=True):
        survey = membership.create_survey(
            actor=coordinator,
            year=2024,
            title="Khảo sát đoàn viên, hội viên 2024",
            deadline=date(2024, 10, 31),
            target_percent=D("75"),
            units=[hierarchy[k] for k in ("commune_a1", "commune_a2", "commune_b1", "commune_b2")],
        )
        _return(survey, coordinator, hierarchy["commune_a1"], 2000, 1234)
        _return(survey, coordinator, hierarchy["commune_a2"], 1000, 700)
        _return(survey, coordinator, hierarchy["commune_b2"], 500, 450, submit=False)
    return survey


def _current(indicator, year=2024, area=None) -> IndicatorValue:
    return IndicatorValue.objects.get(indicator=indicator, year=year, area=area, current=True)


def test_the_value_is_the_surveys_share_with_its_target_and_provenance(survey, indicator, hierarchy):
    value = _current(indicator)
    assert membership.summarize(survey).reached_share == D("64.5")  # 1,934 / 3,000
    assert (value.numerator, value.denominator, value.value) == (1934, 3000, D("64.5"))
    assert (value.target_value, value.target_label, value.met) == (D("75"), "≥ 75%", False)
    assert (value.survey_id, value.reference_date, value.round_id, value.criteria_set_id) == (
        survey.pk,
        date(2024, 10, 31),
        None,
        None,
    )
    a1, a2, b1, b2 = (hierarchy[k].pk for k in ("commune_a1", "commune_a2", "commune_b1", "commune_b2"))
    assert value.not_evaluated == 2  # B1 has not returned, B2 only saved a draft
    assert value.breakdown == {
        "returned": [a1, a2],
        "not_returned": [b1, b2],
        "figures": {str(a1): [1234, 2000], str(a2): [700, 1000]},
    }
    by_area = {
        v.area.name: (v.numerator, v.denominator, v.value, v.not_evaluated)
        for v in IndicatorValue.objects.filter(indicator=indicator, current=True, area__isnull=False)
    }
    assert by_area == {
        "Huyện A": (1934, 3000, D("64.5"), 0),
        "Huyện B": (0, 0, None, 2),
        "Xã A1": (1234, 2000, D("61.7"), 0),
        "Xã A2": (700, 1000, D("70.0"), 0),
        "Xã B1": (0, 0, None, 1),
        "Xã B2": (0, 0, None, 1),
    }
    # The indicator's years without a survey have no value.
    assert set(IndicatorValue.objects.filter(indicator=indicator).values_list("year", flat=True)) == {2024}


def test_a_changed_or_submitted_return_updates_the_value(
    survey, indicator, people, hierarchy, django_capture_on_commit_callbacks
):
    first = _current(indicator)
    with django_capture_on_commit_callbacks(execute=True):
        _return(survey, people["coordinator"], hierarchy["commune_a2"], 1000, 900)
    first.refresh_from_db()
    second = _current(indicator)
    assert not first.current
    assert (second.numerator, second.denominator, second.value) == (2134, 3000, D("71.1"))
    with django_capture_on_commit_callbacks(execute=True):
        _return(survey, people["coordinator"], hierarchy["commune_b1"], 1000, 800)
    third = _current(indicator)
    assert (third.numerator, third.denominator, third.value) == (2934, 4000, D("73.4"))
    assert third.not_evaluated == 1
    assert membership.summarize(survey).reached_share == third.value
    assert _current(indicator, area=hierarchy["district_b"]).value == D("80.0")


def test_the_survey_target_and_the_survey_itself_drive_the_values(
    survey, indicator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        survey.target_percent = D("60")
        survey.save()
    value = _current(indicator)
    assert (value.value, value.target_value, value.met) == (D("64.5"), D("60"), True)
    with django_capture_on_commit_callbacks(execute=True):
        survey.delete()
    assert not IndicatorValue.objects.filter(indicator=indicator, current=True).exists()


def test_one_recomputation_for_many_returns_in_one_transaction(people, hierarchy, indicator, monkeypatch):
    from danvan.indicators import signals

    calls = []
    real = services.recompute_membership_indicators
    monkeypatch.setattr(
        services, "recompute_membership_indicators", lambda **kw: calls.append(kw) or real(**kw)
    )
    # Inside the test's transaction nothing runs until the commit callback does.
    survey = membership.create_survey(
        actor=people["coordinator"],
        year=2023,
        title="Khảo sát 2023",
        deadline=date(2023, 10, 31),
        target_percent=D("70"),
        units=[hierarchy["commune_a1"]],
    )
    for people_reached in (100, 200, 300):
        _return(survey, people["coordinator"], hierarchy["commune_a1"], 1000, people_reached)
    assert calls == [] and not IndicatorValue.objects.exists()
    signals._flush()
    signals._flush()  # the commit's other callbacks find nothing left to do
    assert calls == [{"years": None}]  # every year (a survey changed), once
    assert _current(indicator, year=2023).value == D("30.0")


def test_a_scope_counts_only_the_returns_under_it(survey, indicator, people, hierarchy):
    scoped = Indicator.objects.create(
        code="tap-hop-huyen-b",
        name="Tập hợp quần chúng — huyện B",
        source=IndicatorSource.MEMBERSHIP,
        comparator=">=",
        start_year=2024,
        end_year=2024,
        scope=hierarchy["district_b"],
    )
    _return(survey, people["coordinator"], hierarchy["commune_b1"], 1000, 800)
    services.compute_indicator_values(indicators=[scoped, indicator])
    value = _current(scoped)
    assert (value.numerator, value.denominator, value.value, value.not_evaluated) == (800, 1000, D("80.0"), 1)
    assert value.breakdown["returned"] == [hierarchy["commune_b1"].pk]
    areas = IndicatorValue.objects.filter(indicator=scoped, current=True).values_list("area__name", flat=True)
    assert set(areas) == {None, "Huyện B", "Xã B1", "Xã B2"}
    assert _current(indicator).value == D("68.4")  # the whole province: 2,734 / 4,000


def test_dashboard_and_indicator_page_show_it_with_the_target(client, survey, indicator, people, hierarchy):
    client.force_login(people["leader"])
    html = client.get(reverse("indicators:dashboard"), {"year": 2024}).content.decode()
    card = html.split('data-indicator="tap-hop-quan-chung"', 1)[1].split("</section>", 1)[0]
    assert '<a class="stat-value"' in card and ">64,5%</a>" in card
    assert '<span data-role="target">≥ 75%</span>' in card and "Chưa đạt" in card
    assert "1.934/3.000 người trong độ tuổi" in card
    assert card.count("<svg") == 1 and 'class="target"' in card and ">64.5</text>" in card
    html = client.get(indicator.get_absolute_url(), {"year": 2024}).content.decode()
    assert "Khảo sát đoàn viên, hội viên (tỷ lệ người trong độ tuổi được tập hợp vào tổ chức)" in html
    assert "do đợt khảo sát đoàn viên, hội viên đề ra hằng năm" in html
    assert f'href="{survey.get_absolute_url()}">Khảo sát 2024</a>' in html
    html = client.get(_current(indicator).get_absolute_url()).content.decode()
    assert "Khảo sát đoàn viên, hội viên 2024" in html and "Đơn vị có số liệu được tính (2)" in html
    assert "<td>Xã A1</td><td>1234</td><td>2000</td>" in html
    client.force_login(people["reception"])  # sees the indicators, may not open the survey: named, not linked
    html = client.get(indicator.get_absolute_url(), {"year": 2024}).content.decode()
    assert "Khảo sát 2024" in html and survey.get_absolute_url() not in html
    assert client.get(survey.get_absolute_url()).status_code == 403


def test_value_drill_down_and_api_follow_the_scope(client, survey, indicator, people, hierarchy):
    value = _current(indicator)
    client.force_login(people["district_b"])
    html = client.get(value.get_absolute_url()).content.decode()
    assert "Xã A1" not in html and "2 đơn vị ngoài phạm vi của bạn không được liệt kê." in html
    assert "<td>Xã B1</td>" in html
    body = client.get("/api/indicators/values/", {"indicator": indicator.pk, "overall": "true"}).json()
    row = body["results"][0]
    assert (row["survey"], row["target_value"], row["value"], row["round"]) == (
        survey.pk,
        "75.00",
        "64.50",
        None,
    )
    assert row["breakdown"] == {
        "met": [],
        "not_met": [],
        "missing": [],
        "returned": [],
        "not_returned": [hierarchy["commune_b1"].pk, hierarchy["commune_b2"].pk],
        "hidden": 2,
    }


def test_the_definition_form_needs_a_kind_only_for_evaluations(client, people, indicator):
    client.force_login(people["coordinator"])
    data = {
        "name": indicator.name,
        "description": "",
        "source": "evaluations",
        "kind": "",
        "measure": "meets",
        "min_grade": "good",
        "missing_policy": "count_as_not_met",
        "comparator": ">=",
        "target_value": "75",
        "start_year": 2021,
        "end_year": 2025,
        "scope": "",
    }
    url = reverse("indicators:indicator_edit", args=[indicator.pk])
    response = client.post(url, data)
    assert response.context["form"].errors["kind"] == ["Hãy chọn loại đánh giá mà chỉ tiêu này tính."]
    assert client.post(url, {**data, "source": "membership"}).status_code == 302
