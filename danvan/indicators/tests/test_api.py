"""The indicators API: reads through visible_to, the permission matrix, and the review actions going
through the same services and validation as the pages."""

from decimal import Decimal

import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from .. import services
from ..choices import CriteriaKind
from ..models import Evaluation, IndicatorValue
from .factories import full_scores, open_round

pytestmark = pytest.mark.django_db
QCDC = CriteriaKind.GRASSROOTS_DEMOCRACY
API = "/api/indicators/"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def round_2024(people, hierarchy):
    """2024 grassroots round: A1 approved ("Tốt"), the three other communes not evaluated; values computed."""
    services.ensure_default_indicators()
    round_ = open_round(QCDC, 2024, people["coordinator"])
    ev = round_.evaluations.get(unit=hierarchy["commune_a1"])
    services.save_self_assessment(ev, actor=people["commune_a1"], scores=full_scores(ev))
    services.submit_evaluation(ev, actor=people["commune_a1"])
    services.approve_evaluation(ev, actor=people["district_a"])
    services.compute_indicator_values()
    return round_


def _as(api, user):
    api.force_authenticate(user)
    return api


def _units(response) -> list[str]:
    return sorted(row["unit_name"] for row in response.json()["results"])


def _evaluation(round_, unit) -> Evaluation:
    return round_.evaluations.get(unit=unit)


# ---------------------------------------------------------------- permission matrix (reads)


@pytest.mark.parametrize(
    "who, expected",
    [
        ("coordinator", ["Xã A1", "Xã A2", "Xã B1", "Xã B2"]),
        ("leader", ["Xã A1", "Xã A2", "Xã B1", "Xã B2"]),
        ("admin", ["Xã A1", "Xã A2", "Xã B1", "Xã B2"]),
        ("district_a", ["Xã A1", "Xã A2"]),
        ("district_b", ["Xã B1", "Xã B2"]),
        ("commune_a1", ["Xã A1"]),
        ("officer", []),  # UBND tỉnh: nothing of the communes
        ("reception", []),
    ],
)
def test_evaluation_list_and_counts_follow_the_scope(api, people, round_2024, who, expected):
    _as(api, people[who])
    response = api.get(f"{API}evaluations/")
    assert response.status_code == 200
    assert _units(response) == expected and response.json()["count"] == len(expected)
    response = api.get(f"{API}evaluations/", {"round": round_2024.pk, "status": "not_started"})
    assert response.json()["count"] == len([u for u in expected if u != "Xã A1"])
    rounds = api.get(f"{API}rounds/").json()["results"]
    assert [(r["n_total"], r["n_approved"]) for r in rounds] == [(len(expected), int("Xã A1" in expected))]


def test_evaluation_details_out_of_scope_are_404(api, people, hierarchy, round_2024):
    a1 = _evaluation(round_2024, hierarchy["commune_a1"])
    b1 = _evaluation(round_2024, hierarchy["commune_b1"])
    matrix = {
        "district_a": {a1: 200, b1: 404},
        "district_b": {a1: 404, b1: 200},
        "commune_a2": {a1: 404, b1: 404},
        "officer": {a1: 404, b1: 404},
        "leader": {a1: 200, b1: 200},
    }
    for who, expected in matrix.items():
        _as(api, people[who])
        for evaluation, status in expected.items():
            assert api.get(f"{API}evaluations/{evaluation.pk}/").status_code == status, (who, evaluation)
    _as(api, people["district_a"])
    detail = api.get(f"{API}evaluations/{a1.pk}/").json()
    assert detail["status"] == "approved" and detail["grade"] == "good" and detail["meets"] is True
    assert len(detail["scores"]) == round_2024.criteria_set.criteria.count()
    assert [e["action"] for e in detail["events"]] == ["submit", "approve"]


def test_anonymous_callers_are_refused(api, round_2024):
    for path in ("criteria-sets/", "rounds/", "evaluations/", "indicators/", "values/"):
        assert api.get(f"{API}{path}").status_code == 403


def test_list_query_counts(api, people, round_2024, django_assert_max_num_queries):
    _as(api, people["district_a"])
    for path in ("evaluations/", "rounds/", "values/", "criteria-sets/", "indicators/"):
        with django_assert_max_num_queries(8):
            assert api.get(f"{API}{path}").status_code == 200


# ---------------------------------------------------------------- criteria, rounds, indicators


def test_criteria_sets_are_read_only(api, people, round_2024):
    cs = round_2024.criteria_set
    _as(api, people["commune_a2"])
    detail = api.get(f"{API}criteria-sets/{cs.pk}/").json()
    assert (detail["kind"], detail["year"], detail["version"], detail["is_locked"]) == (QCDC, 2024, 1, True)
    assert detail["max_total"] == "100.00"
    assert [p["title"] for p in detail["parts"]] == list(cs.parts.values_list("title", flat=True))
    assert sum(len(p["criteria"]) for p in detail["parts"]) == cs.criteria.count()
    _as(api, people["coordinator"])
    assert api.post(f"{API}criteria-sets/", {}).status_code == 405
    assert api.delete(f"{API}criteria-sets/{cs.pk}/").status_code == 405
    assert api.get(f"{API}criteria-sets/", {"year": 2023}).json()["count"] == 0


def test_indicators_list(api, people, round_2024):
    _as(api, people["commune_a1"])
    rows = api.get(f"{API}indicators/").json()["results"]
    assert [(r["code"], r["source"], r["target_label"]) for r in rows] == [
        ("dan-van-kheo", "evaluations", "> 80%"),
        ("dan-chu-co-so", "evaluations", "> 80%"),
        ("tap-hop-quan-chung", "membership", "≥ 80%"),
    ]


# ---------------------------------------------------------------- values and drill-down


def test_values_follow_the_scope_and_drill_down_hides_other_units(api, people, hierarchy, round_2024):
    overall = IndicatorValue.objects.get(indicator__code="dan-chu-co-so", year=2024, area=None, current=True)
    district_b = IndicatorValue.objects.get(
        indicator__code="dan-chu-co-so", year=2024, area=hierarchy["district_b"], current=True
    )
    a1, a2 = hierarchy["commune_a1"].pk, hierarchy["commune_a2"].pk
    b1, b2 = hierarchy["commune_b1"].pk, hierarchy["commune_b2"].pk

    _as(api, people["coordinator"])
    body = api.get(f"{API}values/{overall.pk}/").json()
    assert (body["numerator"], body["denominator"], body["value"], body["met"]) == (1, 4, "25.00", False)
    breakdown = body["breakdown"]
    assert (breakdown["met"], breakdown["not_met"], sorted(breakdown["missing"]), breakdown["hidden"]) == (
        [a1],
        [],
        sorted([a2, b1, b2]),
        0,
    )

    _as(api, people["district_a"])
    body = api.get(f"{API}values/{overall.pk}/").json()
    assert body["breakdown"]["met"] == [a1]
    assert body["breakdown"]["missing"] == [a2]
    assert body["breakdown"]["hidden"] == 2
    assert api.get(f"{API}values/{district_b.pk}/").status_code == 404
    listed = api.get(f"{API}values/", {"indicator": overall.indicator_id, "year": 2024}).json()["results"]
    assert sorted(r["area_name"] or "" for r in listed) == ["", "Huyện A", "Xã A1", "Xã A2"]
    for row in listed:
        shown = row["breakdown"]["met"] + row["breakdown"]["not_met"] + row["breakdown"]["missing"]
        assert set(shown) <= {a1, a2}

    _as(api, people["commune_a1"])
    body = api.get(f"{API}values/{overall.pk}/").json()
    breakdown = body["breakdown"]
    assert (breakdown["met"], breakdown["missing"], breakdown["hidden"]) == ([a1], [], 3)


def test_values_default_to_current_and_keep_history(api, people, round_2024):
    services.compute_indicator_values()
    _as(api, people["leader"])
    query = {"indicator": round_2024.values.first().indicator_id, "year": 2024, "overall": "true"}
    assert api.get(f"{API}values/", query).json()["count"] == 1
    history = api.get(f"{API}values/", {**query, "current": "false"}).json()["results"]
    assert [r["current"] for r in history] == [False]
    assert api.get(f"{API}values/", {**query, "current": ""}).json()["count"] == 2  # empty: no filter


# ---------------------------------------------------------------- actions


def _points_and_passfail(evaluation):
    criteria = list(evaluation.round.criteria_set.criteria.order_by("part__order", "order"))
    points = [c for c in criteria if c.mode == "points"]
    passfail = [c for c in criteria if c.mode == "pass_fail"]
    return points, passfail


def test_self_assessment_and_submit_through_the_api(api, people, hierarchy, round_2024):
    ev = _evaluation(round_2024, hierarchy["commune_a2"])
    url = f"{API}evaluations/{ev.pk}/self-assessment/"
    points, passfail = _points_and_passfail(ev)
    first = points[0]

    # out of scope → 404, in scope without the permission → 403, the unit itself → allowed
    assert _as(api, people["commune_a1"]).post(url, {}, format="json").status_code == 404
    assert _as(api, people["district_a"]).post(url, {}, format="json").status_code == 403
    assert _as(api, people["coordinator"]).post(url, {}, format="json").status_code == 403
    _as(api, people["commune_a2"])

    # the page's validation: a score above the maximum, an unknown criterion
    response = api.post(url, {"scores": {str(first.pk): float(first.max_score) + 1}}, format="json")
    assert response.status_code == 400
    assert response.json() == {  # the same words as the page (Django's own message for the bound)
        "detail": [f"Tiêu chí {first.code}: Giá trị này phải nhỏ hơn hoặc bằng {first.max_score}."]
    }
    response = api.post(url, {"scores": {"999999": 1}}, format="json")
    assert response.json() == {
        "detail": ["Các tiêu chí 999999 không thuộc bộ tiêu chí của đợt đánh giá này."]
    }

    # partial save, then a submission with criteria missing is refused and saves nothing
    response = api.post(
        url,
        {"scores": {str(first.pk): 5}, "comments": {str(first.pk): "Đã niêm yết"}, "comment": "Tự đánh giá"},
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "draft" and body["self_comment"] == "Tự đánh giá"
    assert body["self_score"] == "5.00"
    response = api.post(url, {"scores": {str(points[1].pk): 1}, "submit": True}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"][0].startswith("Hãy chấm điểm tất cả tiêu chí trước khi gửi. Còn thiếu: ")
    ev.refresh_from_db()
    assert ev.status == "draft" and not ev.scores.filter(criterion=points[1]).exists()

    # a comment alone keeps the score; then everything, submitted
    api.post(url, {"comments": {str(first.pk): "Bổ sung"}}, format="json")
    assert ev.scores.get(criterion=first).self_score == Decimal(5)
    scores = {str(c.pk): float(c.max_score) for c in points} | {str(c.pk): True for c in passfail}
    response = api.post(url, {"scores": scores, "submit": True}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "submitted"
    assert [e["action"] for e in response.json()["events"]] == ["submit"]
    response = api.post(url, {"scores": scores}, format="json")
    assert (response.status_code, response.json()) == (
        400,
        {"detail": ["Bản đánh giá đã gửi thẩm định nên không thể sửa lúc này."]},
    )


def test_review_actions_through_the_api(api, people, hierarchy, round_2024):
    ev = _evaluation(round_2024, hierarchy["commune_a2"])
    services.save_self_assessment(ev, actor=people["commune_a2"], scores=full_scores(ev))
    services.submit_evaluation(ev, actor=people["commune_a2"])
    base = f"{API}evaluations/{ev.pk}/"
    points, _ = _points_and_passfail(ev)

    # the unit cannot approve itself; another district cannot even see it
    assert _as(api, people["commune_a2"]).post(base + "approve/", {}, format="json").status_code == 403
    assert _as(api, people["district_b"]).post(base + "approve/", {}, format="json").status_code == 404
    assert _as(api, people["leader"]).post(base + "approve/", {}, format="json").status_code == 403

    _as(api, people["district_a"])
    response = api.post(base + "return/", {"reason": "  "}, format="json")
    assert response.status_code == 400
    assert response.json() == {"detail": ["Hãy ghi lý do trả lại để đơn vị biết cần sửa gì."]}
    response = api.post(base + "return/", {"reason": "Thiếu biên bản hội nghị"}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["return_reason"]) == ("returned", "Thiếu biên bản hội nghị")

    assert _as(api, people["commune_a2"]).post(base + "submit/").json()["status"] == "submitted"

    _as(api, people["district_a"])
    too_high = {str(points[0].pk): float(points[0].max_score) + 1}
    response = api.post(base + "approve/", {"review_scores": too_high}, format="json")
    bound = f"Giá trị này phải nhỏ hơn hoặc bằng {points[0].max_score}."
    assert response.status_code == 400
    assert response.json() == {"detail": [f"Tiêu chí {points[0].code}: {bound}"]}
    response = api.post(
        base + "approve/", {"review_scores": {str(points[0].pk): 0}, "comment": "Trừ điểm"}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    maximum = services.max_total(ev.round.criteria_set)
    expected = maximum - points[0].max_score
    assert (body["status"], body["final_score"], body["review_comment"]) == (
        "approved",
        f"{expected:.2f}",
        "Trừ điểm",
    )
    assert api.post(base + "approve/", {}, format="json").json() == {
        "detail": ["Chỉ duyệt được bản đánh giá đã gửi."]
    }

    # reopening is for the Board, with reasons
    assert api.post(base + "reopen/", {"reason": "x"}, format="json").status_code == 403
    _as(api, people["coordinator"])
    assert api.post(base + "reopen/", {}, format="json").json() == {
        "detail": ["Hãy ghi lý do mở lại bản đánh giá."]
    }
    response = api.post(base + "reopen/", {"reason": "Phát hiện sai sót"}, format="json")
    assert response.json()["status"] == "returned" and response.json()["meets"] is None
    actions = [e["action"] for e in response.json()["events"]]
    assert actions == ["submit", "return", "submit", "approve", "reopen"]


# ---------------------------------------------------------------- evidence and the schema


def test_evidence_download_is_scope_checked(client, api, people, hierarchy, round_2024, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    ev = _evaluation(round_2024, hierarchy["commune_a2"])
    pdf = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n%evidence\n", content_type="application/pdf")
    evidence = services.add_evidence(ev, actor=people["commune_a2"], upload=pdf)
    url = reverse("indicators:evidence", args=[evidence.pk])

    _as(api, people["district_a"])
    listed = api.get(f"{API}evaluations/{ev.pk}/").json()["evidence"]
    assert listed == [
        {
            "id": evidence.pk,
            "name": "bien-ban.pdf",
            "size": 19,
            "criterion": None,
            "uploaded_at": listed[0]["uploaded_at"],
            "download_url": url,
        }
    ]
    client.force_login(people["commune_a2"])
    page = client.get(ev.get_absolute_url()).content.decode()
    assert f'href="{url}"' in page and "/media/" not in page
    for who, status in (
        ("commune_a2", 200),
        ("district_a", 200),
        ("coordinator", 200),
        ("leader", 200),
        ("district_b", 404),
        ("commune_a1", 404),
        ("officer", 404),
    ):
        client.force_login(people[who])
        response = client.get(url)
        assert response.status_code == status, who
        if status == 200:
            assert b"".join(response.streaming_content) == b"%PDF-1.4\n%evidence\n"
    client.logout()
    assert client.get(url).status_code == 302


def test_evidence_upload_through_the_api(api, people, hierarchy, round_2024, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    ev = _evaluation(round_2024, hierarchy["commune_a2"])
    url = f"{API}evaluations/{ev.pk}/evidence/"
    criterion = ev.round.criteria_set.criteria.order_by("part__order", "order").first()

    def upload(content=b"%PDF-1.4\n%x\n", **extra):
        return {"file": SimpleUploadedFile("bien-ban.pdf", content, content_type="application/pdf"), **extra}

    assert _as(api, people["commune_a1"]).post(url, upload(), format="multipart").status_code == 404
    assert _as(api, people["district_a"]).post(url, upload(), format="multipart").status_code == 403
    _as(api, people["commune_a2"])
    response = api.post(url, upload(b"MZ\x90\x00 not a pdf"), format="multipart")
    assert (response.status_code, response.json()) == (
        400,
        {"detail": ["Chỉ được đính kèm tệp PDF, ảnh (JPG, PNG), Word hoặc Excel."]},
    )
    response = api.post(url, upload(criterion=999999), format="multipart")
    assert response.json() == {
        "detail": ["Các tiêu chí 999999 không thuộc bộ tiêu chí của đợt đánh giá này."]
    }
    response = api.post(url, upload(criterion=criterion.pk), format="multipart")
    assert response.status_code == 200
    [evidence] = response.json()["evidence"]
    assert (evidence["name"], evidence["size"], evidence["criterion"]) == ("bien-ban.pdf", 12, criterion.pk)
    assert evidence["download_url"] == reverse("indicators:evidence", args=[ev.evidence.get().pk])


def test_openapi_schema_of_the_indicators_api_is_valid():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)
    paths = [p for p in schema["paths"] if p.startswith(API)]
    assert f"{API}evaluations/{{id}}/self-assessment/" in paths
    assert f"{API}evaluations/{{id}}/return/" in paths
    assert f"{API}values/{{id}}/" in paths
    assert f"{API}criteria-sets/{{id}}/" in paths and f"{API}rounds/" in paths
