"""Coordinators edit criteria (groups, order, thresholds, the "meets" rule) before a round opens, and
indicator definitions; a locked set is refused in Vietnamese; values stay computed."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.translation import gettext

from .. import services
from ..choices import CriteriaKind
from ..models import CriteriaPart, Criterion, IndicatorValue
from .factories import full_scores, open_round

pytestmark = pytest.mark.django_db
QCDC = CriteriaKind.GRASSROOTS_DEMOCRACY
LOCKED = "Bộ tiêu chí này đã được dùng cho một đợt đánh giá nên không thể sửa. Tạo phiên bản mới để thay đổi."


def _messages(response) -> list[str]:
    """Messages added by this request (earlier undisplayed ones are dropped from the storage first)."""
    storage = get_messages(response.wsgi_request)
    return [str(m) for m in storage._queued_messages]


def _codes(part) -> list[str]:
    return list(part.criteria.order_by("order").values_list("code", flat=True))


def _titles(criteria_set) -> list[str]:
    return list(criteria_set.parts.order_by("order").values_list("title", flat=True))


@pytest.fixture
def draft_set(db):
    return services.create_default_criteria_set(QCDC, 2026)


def test_coordinator_edits_groups_and_criteria_before_a_round(client, people, draft_set):
    client.force_login(people["coordinator"])
    parts = list(draft_set.parts.order_by("order"))
    first, second = parts[0], parts[1]
    titles = _titles(draft_set)
    html = client.get(draft_set.get_absolute_url()).content.decode()
    assert reverse("indicators:part_move", args=[first.pk]) in html
    assert reverse("indicators:criterion_delete", args=[first.criteria.first().pk]) in html

    # rename, then move the second group up
    client.post(reverse("indicators:part_edit", args=[first.pk]), {"title": "Nhóm công khai"})
    response = client.post(reverse("indicators:part_edit", args=[first.pk]), {"title": "  "})
    assert _messages(response) == ["Hãy nhập tên nhóm tiêu chí."]
    client.post(reverse("indicators:part_move", args=[second.pk]), {"direction": "up"})
    assert _titles(draft_set) == [titles[1], "Nhóm công khai", *titles[2:]]
    client.post(reverse("indicators:part_move", args=[second.pk]), {"direction": "up"})  # already first
    assert _titles(draft_set)[0] == titles[1]

    # criteria: move the last one up, delete the first one (renumbered), add one
    codes = _codes(first)
    last = first.criteria.order_by("order").last()
    client.post(reverse("indicators:criterion_move", args=[last.pk]), {"direction": "up"})
    assert _codes(first) == [*codes[:-2], codes[-1], codes[-2]]
    client.post(reverse("indicators:criterion_delete", args=[first.criteria.order_by("order").first().pk]))
    assert list(first.criteria.order_by("order").values_list("order", flat=True)) == list(
        range(1, len(codes))
    )
    response = client.post(
        reverse("indicators:criterion_add", args=[first.pk]),
        {
            "code": "1.9",
            "text": "Niêm yết công khai tại nhà văn hóa",
            "guidance": "",
            "mode": "points",
            "max_score": "0",
            "required": "",
        },
    )
    assert "Tiêu chí chấm điểm phải có điểm tối đa lớn hơn 0." in response.content.decode()
    client.post(
        reverse("indicators:criterion_add", args=[first.pk]),
        {
            "code": "1.9",
            "text": "Niêm yết công khai tại nhà văn hóa",
            "guidance": "",
            "mode": "points",
            "max_score": "5",
            "required": "",
        },
    )
    assert _codes(first)[-1] == "1.9"

    # thresholds and the "meets" rule
    response = client.post(
        draft_set.get_absolute_url(),
        {
            "name": draft_set.name,
            "description": "",
            "threshold_good": "85",
            "threshold_fair": "65",
            "threshold_average": "45",
            "meets_min_grade": "fair",
        },
    )
    draft_set.refresh_from_db()
    assert (draft_set.threshold_good, draft_set.threshold_fair, draft_set.threshold_average) == (
        Decimal(85),
        Decimal(65),
        Decimal(45),
    )
    assert draft_set.meets_min_grade == "fair"

    # delete the (now second) group with its criteria
    n_criteria = draft_set.criteria.count()
    n_in_first = first.criteria.count()
    client.post(reverse("indicators:part_delete", args=[first.pk]))
    assert not CriteriaPart.objects.filter(pk=first.pk).exists()
    assert draft_set.criteria.count() == n_criteria - n_in_first
    assert list(draft_set.parts.order_by("order").values_list("order", flat=True)) == list(
        range(1, len(titles))
    )


def test_criteria_editing_is_for_coordinators(client, people, draft_set):
    part = draft_set.parts.first()
    criterion = part.criteria.first()
    client.force_login(people["district_a"])
    for url in (
        reverse("indicators:part_edit", args=[part.pk]),
        reverse("indicators:part_delete", args=[part.pk]),
        reverse("indicators:part_move", args=[part.pk]),
        reverse("indicators:criterion_delete", args=[criterion.pk]),
        reverse("indicators:criterion_move", args=[criterion.pk]),
    ):
        assert client.post(url, {"title": "x", "direction": "up"}).status_code == 403
    assert client.get(reverse("indicators:criterion_edit", args=[criterion.pk])).status_code == 403
    assert CriteriaPart.objects.filter(pk=part.pk).exists()
    assert Criterion.objects.filter(pk=criterion.pk).exists()


def test_locked_set_is_refused_with_a_vietnamese_message(client, people):
    round_ = open_round(QCDC, 2024, people["coordinator"])
    cs = round_.criteria_set
    part = cs.parts.order_by("order").first()
    criterion = part.criteria.order_by("order").first()
    before = (_titles(cs), _codes(part), cs.threshold_good)
    client.force_login(people["coordinator"])
    html = client.get(cs.get_absolute_url()).content.decode()
    assert reverse("indicators:part_delete", args=[part.pk]) not in html
    assert "Tạo phiên bản mới" in html
    for url, data in (
        (reverse("indicators:part_edit", args=[part.pk]), {"title": "Khác"}),
        (reverse("indicators:part_delete", args=[part.pk]), {}),
        (reverse("indicators:part_move", args=[part.pk]), {"direction": "down"}),
        (reverse("indicators:criterion_delete", args=[criterion.pk]), {}),
        (reverse("indicators:criterion_move", args=[criterion.pk]), {"direction": "down"}),
        (reverse("indicators:part_add", args=[cs.pk]), {"title": "Nhóm mới"}),
    ):
        response = client.post(url, data)
        assert response.status_code == 302 and response.url == cs.get_absolute_url()
        assert _messages(response) == [LOCKED], url
    response = client.get(reverse("indicators:criterion_edit", args=[criterion.pk]))
    assert response.status_code == 302 and _messages(response) == [LOCKED]
    response = client.post(
        cs.get_absolute_url(),
        {
            "name": cs.name,
            "description": "",
            "threshold_good": "60",
            "threshold_fair": "50",
            "threshold_average": "40",
            "meets_min_grade": "fair",
        },
    )
    assert _messages(response) == [LOCKED]
    cs.refresh_from_db()
    assert (_titles(cs), _codes(part), cs.threshold_good) == before
    services.close_round(round_, actor=people["coordinator"])
    response = client.post(reverse("indicators:part_delete", args=[part.pk]))
    assert _messages(response) == [LOCKED]


def _indicator_data(indicator, **changes):
    data = {
        "name": indicator.name,
        "description": indicator.description,
        "source": indicator.source,
        "kind": indicator.kind,
        "measure": indicator.measure,
        "min_grade": indicator.min_grade,
        "missing_policy": indicator.missing_policy,
        "comparator": indicator.comparator,
        "target_value": str(indicator.target_value),
        "start_year": indicator.start_year,
        "end_year": indicator.end_year,
        "scope": indicator.scope_id or "",
    }
    data.update(changes)
    return data


def test_coordinator_edits_an_indicator_and_values_are_recomputed(client, people, hierarchy):
    indicator = services.ensure_default_indicators()[1]
    round_ = open_round(QCDC, 2024, people["coordinator"])
    ev = round_.evaluations.get(unit=hierarchy["commune_a1"])
    services.save_self_assessment(ev, actor=people["commune_a1"], scores=full_scores(ev))
    services.submit_evaluation(ev, actor=people["commune_a1"])
    services.approve_evaluation(ev, actor=people["district_a"])
    services.compute_indicator_values()
    url = reverse("indicators:indicator_edit", args=[indicator.pk])

    client.force_login(people["leader"])
    assert client.get(url).status_code == 403
    assert "Sửa định nghĩa" not in client.get(indicator.get_absolute_url()).content.decode()
    client.force_login(people["coordinator"])
    assert "Sửa định nghĩa" in client.get(indicator.get_absolute_url()).content.decode()
    form_html = client.get(url).content.decode()
    assert 'name="value"' not in form_html and 'name="numerator"' not in form_html

    response = client.post(url, _indicator_data(indicator, start_year=2026, end_year=2025))
    # The msgid is shared with other apps' catalogs, so the exact Vietnamese wording is theirs.
    period_error = gettext("The period cannot end before it starts.")
    assert period_error != "The period cannot end before it starts." and "trước" in period_error
    assert response.context["form"].non_field_errors() == [period_error]
    response = client.post(url, _indicator_data(indicator, target_value="120"))
    assert "Hãy nhập chỉ tiêu từ 0 đến 100 (tỷ lệ phần trăm)." in response.content.decode()
    response = client.post(url, _indicator_data(indicator, start_year=1990))
    assert "Hãy nhập năm từ 2000 đến 2100." in response.content.decode()

    response = client.post(
        url,
        _indicator_data(
            indicator,
            comparator=">=",
            target_value="50",
            start_year=2022,
            scope=hierarchy["district_a"].pk,
        ),
    )
    assert response.status_code == 302
    assert _messages(response) == [  # whole scope, district A, communes A1 and A2
        "Đã lưu chỉ tiêu; đã tính lại 4 giá trị (các giá trị trước vẫn được lưu)."
    ]
    indicator.refresh_from_db()
    assert (indicator.comparator, indicator.target_value, indicator.start_year, indicator.scope) == (
        ">=",
        Decimal(50),
        2022,
        hierarchy["district_a"],
    )
    values = IndicatorValue.objects.filter(indicator=indicator, year=2024, area=None)
    old, new = values.get(current=False), values.get(current=True)
    assert (old.numerator, old.denominator, old.value, old.met) == (1, 4, Decimal("25.00"), False)
    assert (new.numerator, new.denominator, new.value, new.met) == (1, 2, Decimal("50.00"), True)
