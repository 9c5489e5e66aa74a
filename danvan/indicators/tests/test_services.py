from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core.models import AuditEntry

from .. import services
from ..choices import CriteriaKind, EvaluationStatus, Grade, ReviewAction
from ..models import Evaluation, Indicator, IndicatorValue
from .factories import full_scores, open_round

pytestmark = pytest.mark.django_db
QCDC, DVK = CriteriaKind.GRASSROOTS_DEMOCRACY, CriteriaKind.DAN_VAN_KHEO


def _approve(evaluation, self_actor, reviewer, fraction=1.0, passed=True):
    services.save_self_assessment(
        evaluation, actor=self_actor, scores=full_scores(evaluation, fraction=fraction, passed=passed)
    )
    services.submit_evaluation(evaluation, actor=self_actor)
    return services.approve_evaluation(evaluation, actor=reviewer)


def test_round_before_reform_is_reviewed_by_districts(people, hierarchy):
    round_ = open_round(QCDC, 2024, people["coordinator"])
    reviewers = {
        e.unit.key: e.reviewer_unit for e in round_.evaluations.select_related("unit", "reviewer_unit")
    }
    assert reviewers == {
        "h-commune-a1": hierarchy["district_a"],
        "h-commune-a2": hierarchy["district_a"],
        "h-commune-b1": hierarchy["district_b"],
        "h-commune-b2": hierarchy["district_b"],
    }
    assert round_.criteria_set.is_locked


def test_round_after_reform_is_reviewed_by_the_board(people, hierarchy):
    round_ = open_round(QCDC, 2025, people["coordinator"])
    rows = sorted((e.unit.key, e.reviewer_unit_id) for e in round_.evaluations.select_related("unit"))
    assert rows == [("h-new-commune-1", None), ("h-new-commune-2", None)]


def test_dan_van_kheo_round_covers_bodies_with_their_superior(people, hierarchy, org_tree):
    round_ = open_round(DVK, 2024, people["coordinator"])
    reviewers = {e.unit.key: getattr(e.reviewer_unit, "key", None) for e in round_.evaluations.all()}
    assert reviewers == {
        "t-bdv": None,
        "t-btc": None,
        "t-ubnd": None,
        "t-snv": None,
        "h-body-a": "h-district-a",
        "h-body-b": "h-district-b",
    }


def test_review_chain(people, hierarchy):
    round_ = open_round(QCDC, 2024, people["coordinator"])
    evaluation = round_.evaluations.get(unit=hierarchy["commune_a1"])
    own = people["commune_a1"]
    with pytest.raises(PermissionDenied):  # another commune cannot self-assess for it
        services.save_self_assessment(evaluation, actor=people["commune_a2"], scores={})
    services.save_self_assessment(evaluation, actor=own, scores=full_scores(evaluation, fraction=0.95))
    services.submit_evaluation(evaluation, actor=own)
    with pytest.raises(ValidationError):  # locked once submitted
        services.save_self_assessment(evaluation, actor=own, scores={})
    for outsider in ("commune_a1", "district_b", "leader", "new_commune_1"):
        with pytest.raises(PermissionDenied):
            services.approve_evaluation(evaluation, actor=people[outsider])
    with pytest.raises(ValidationError) as error:
        services.return_evaluation(evaluation, actor=people["district_a"], reason="  ")
    assert "Hãy ghi lý do trả lại" in error.value.messages[0]
    services.return_evaluation(evaluation, actor=people["district_a"], reason="Thiếu minh chứng tiêu chí 1.1")
    services.submit_evaluation(evaluation, actor=own)
    services.approve_evaluation(evaluation, actor=people["district_a"], review_scores={})
    evaluation.refresh_from_db()
    assert (
        evaluation.status,
        evaluation.final_score,
        evaluation.percent,
        evaluation.grade,
        evaluation.meets,
    ) == (
        EvaluationStatus.APPROVED,
        Decimal("95.00"),
        Decimal("95.00"),
        Grade.GOOD,
        True,
    )
    assert list(evaluation.events.values_list("action", flat=True)) == [
        ReviewAction.SUBMIT,
        ReviewAction.RETURN,
        ReviewAction.SUBMIT,
        ReviewAction.APPROVE,
    ]
    with pytest.raises(PermissionDenied):  # only the Board reopens
        services.reopen_evaluation(evaluation, actor=people["district_a"], reason="x")
    services.reopen_evaluation(evaluation, actor=people["coordinator"], reason="Phát hiện sai sót")
    evaluation.refresh_from_db()
    assert (evaluation.status, evaluation.meets, evaluation.events.last().action) == (
        EvaluationStatus.RETURNED,
        None,
        ReviewAction.REOPEN,
    )
    assert AuditEntry.objects.for_object(evaluation).count() >= 5


def test_reviewer_corrections_and_required_criterion(people, hierarchy):
    round_ = open_round(QCDC, 2024, people["coordinator"])
    evaluation = round_.evaluations.get(unit=hierarchy["commune_b1"])
    own = _officer_for(people, "commune_b1", hierarchy)
    services.save_self_assessment(evaluation, actor=own, scores=full_scores(evaluation, passed=False))
    services.submit_evaluation(evaluation, actor=own)
    first = evaluation.round.criteria_set.criteria.filter(mode="points").first()
    services.approve_evaluation(evaluation, actor=people["district_b"], review_scores={first.pk: "0"})
    evaluation.refresh_from_db()
    # 100 − 20 points = 80% → "Khá", below the "Tốt" needed to meet; own score stays on record.
    assert (evaluation.final_score, evaluation.self_score, evaluation.grade, evaluation.meets) == (
        Decimal("80.00"),
        Decimal("100.00"),
        Grade.FAIR,
        False,
    )


def _officer_for(people, key, hierarchy):
    from .factories import officer

    if key in people:
        return people[key]
    people[key] = officer(hierarchy[key], key)
    return people[key]


def test_scores_are_checked_with_clear_messages(people, hierarchy):
    round_ = open_round(QCDC, 2024, people["coordinator"])
    evaluation = round_.evaluations.get(unit=hierarchy["commune_a1"])
    first = evaluation.round.criteria_set.criteria.filter(mode="points").first()
    with pytest.raises(ValidationError) as error:
        services.save_self_assessment(evaluation, actor=people["commune_a1"], scores={first.pk: "25"})
    assert error.value.message_dict == {f"score_{first.pk}": ["Tiêu chí 1.1: điểm phải từ 0 đến 20."]}
    services.save_self_assessment(evaluation, actor=people["commune_a1"], scores={first.pk: "18"})
    with pytest.raises(ValidationError) as error:
        services.submit_evaluation(evaluation, actor=people["commune_a1"])
    assert error.value.messages == [
        "Hãy chấm điểm tất cả tiêu chí trước khi gửi. Còn thiếu: 1.2, 2.1, 2.2, 3.1, 4.1, 4.2, 4.3."
    ]


def test_evidence_type_and_size(people, hierarchy):
    round_ = open_round(QCDC, 2024, people["coordinator"])
    evaluation = round_.evaluations.get(unit=hierarchy["commune_a1"])
    pdf = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    evidence = services.add_evidence(evaluation, actor=people["commune_a1"], upload=pdf)
    assert (evidence.name, evidence.size) == ("bien-ban.pdf", 15)
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        services.add_evidence(evaluation, actor=people["commune_a1"], upload=fake)
    assert error.value.messages == ["Chỉ được đính kèm tệp PDF, ảnh (JPG, PNG), Word hoặc Excel."]


def test_values_per_area_with_drill_down(people, hierarchy):
    indicator = services.ensure_default_indicators()[1]  # grassroots democracy, graded "Tốt", > 80%
    round_ = open_round(QCDC, 2024, people["coordinator"])
    evs = {e.unit.key: e for e in round_.evaluations.select_related("unit")}
    _approve(evs["h-commune-a1"], people["commune_a1"], people["district_a"], fraction=1.0)
    _approve(evs["h-commune-a2"], people["commune_a2"], people["district_a"], fraction=0.8)  # Khá
    b1 = _officer_for(people, "commune_b1", hierarchy)
    _approve(evs["h-commune-b1"], b1, people["district_b"], fraction=0.9)
    # b2 never self-assessed: counted as not meeting by the definition.
    services.compute_indicator_values(indicators=[indicator])
    values = {
        (v.area.key if v.area else None): v for v in IndicatorValue.objects.filter(year=2024, current=True)
    }
    overall = values[None]
    assert (overall.numerator, overall.denominator, overall.not_evaluated, overall.value, overall.met) == (
        2,
        4,
        1,
        Decimal("50.00"),
        False,
    )
    assert overall.criteria_set_id == round_.criteria_set_id and overall.round_id == round_.pk
    assert (values["h-district-a"].value, values["h-district-b"].value) == (
        Decimal("50.00"),
        Decimal("50.00"),
    )
    assert (values["h-commune-a1"].value, values["h-commune-a2"].value) == (
        Decimal("100.00"),
        Decimal("0.00"),
    )
    assert sorted(overall.breakdown["missing"]) == [hierarchy["commune_b2"].pk]
    assert sorted(overall.breakdown["met"]) == sorted(
        [hierarchy["commune_a1"].pk, hierarchy["commune_b1"].pk]
    )


def test_criteria_version_history(people, hierarchy):
    indicator = services.ensure_default_indicators()[1]
    round_ = open_round(QCDC, 2024, people["coordinator"])
    version_1 = round_.criteria_set
    evaluation = round_.evaluations.get(unit=hierarchy["commune_a1"])
    _approve(evaluation, people["commune_a1"], people["district_a"], fraction=0.85)  # Khá under v1 (Tốt ≥ 90)
    first = services.compute_indicator_values(indicators=[indicator])
    services.close_round(round_, actor=people["coordinator"])
    with pytest.raises(ValidationError) as error:
        services.update_criteria_set(version_1, actor=people["coordinator"], threshold_good=Decimal(80))
    assert "Tạo phiên bản mới" in error.value.messages[0]
    version_2 = services.revise_criteria_set(version_1, actor=people["coordinator"])
    services.update_criteria_set(version_2, actor=people["coordinator"], threshold_good=Decimal(80))
    assert (version_2.version, version_2.based_on, version_2.criteria.count()) == (2, version_1, 8)
    second = services.compute_indicator_values(indicators=[indicator])
    old, new = first[0], second[0]
    old.refresh_from_db()
    assert (old.current, new.current) == (False, True)
    assert (new.value, new.criteria_set_id) == (old.value, version_1.pk) == (Decimal("0.00"), version_1.pk)
    evaluation.refresh_from_db()
    assert evaluation.grade == Grade.FAIR
    version_1.refresh_from_db()
    assert version_1.threshold_good == Decimal(90)


def test_default_indicators_come_from_the_plan_when_imported(db):
    from danvan.plans.models import Plan, PlanTarget

    plan = Plan.objects.create(title="Kế hoạch thực hiện công tác dân vận", term_start=2020, term_end=2025)
    target = PlanTarget.objects.create(
        plan=plan,
        text="Hàng năm, có trên 80% cơ quan, đơn vị thực hiện đạt tiêu chí Dân vận khéo",
        subject="cơ quan, đơn vị thực hiện đạt tiêu chí Dân vận khéo",
        comparator=">",
        value=Decimal(80),
        unit="%",
    )
    dvk, qcdc, membership = services.ensure_default_indicators()
    assert (dvk.plan_target, dvk.comparator, dvk.target_value, dvk.start_year, dvk.end_year) == (
        target,
        ">",
        Decimal(80),
        2021,
        2025,
    )
    assert (qcdc.plan_target, qcdc.target_label) == (None, "> 80%")
    assert (membership.source, membership.kind, membership.plan_target, membership.comparator) == (
        "membership",
        "",
        None,
        ">=",
    )
    assert services.ensure_default_indicators()[0].pk == dvk.pk


def test_only_coordinators_manage_rounds(people):
    criteria_set = services.create_default_criteria_set(QCDC, 2023)
    for who in ("leader", "officer", "district_a"):
        with pytest.raises(PermissionDenied):
            services.create_round(year=2023, criteria_set=criteria_set, actor=people[who])
    round_ = services.create_round(year=2023, criteria_set=criteria_set, actor=people["coordinator"])
    assert round_.reference_date == date(2023, 12, 31)
    with pytest.raises(ValidationError):
        services.create_round(year=2023, criteria_set=criteria_set, actor=people["coordinator"])


def test_visible_to_hides_other_districts(people, hierarchy):
    open_round(QCDC, 2024, people["coordinator"])
    keys = lambda who: sorted(Evaluation.objects.visible_to(people[who]).values_list("unit__key", flat=True))  # noqa: E731
    assert keys("district_a") == ["h-commune-a1", "h-commune-a2"]
    assert keys("commune_a1") == ["h-commune-a1"]
    assert len(keys("leader")) == 4


def test_scope_unit_restricts_numerator_and_denominator(people, hierarchy, org_tree):
    """A district scope counts only its communes; the province scope all; a dissolved one none."""
    base = services.ensure_default_indicators()[1]
    round_ = open_round(QCDC, 2024, people["coordinator"])
    evs = {e.unit.key: e for e in round_.evaluations.all()}
    _approve(evs["h-commune-a1"], people["commune_a1"], people["district_a"], fraction=1.0)
    b1 = _officer_for(people, "commune_b1", hierarchy)
    _approve(evs["h-commune-b1"], b1, people["district_b"], fraction=1.0)
    _approve(
        evs["h-commune-b2"], _officer_for(people, "commune_b2", hierarchy), people["district_b"], fraction=1.0
    )

    def scoped(code, scope):
        return Indicator.objects.create(
            code=code,
            name=code,
            kind=base.kind,
            measure=base.measure,
            min_grade=base.min_grade,
            start_year=2024,
            end_year=2025,
            scope=scope,
        )

    district_a = scoped("a", hierarchy["district_a"])
    district_b = scoped("b", hierarchy["district_b"])
    province = scoped("p", org_tree["province"])
    services.compute_indicator_values(indicators=[base, district_a, district_b, province])
    overall = {
        v.indicator.code: (v.numerator, v.denominator, v.value)
        for v in IndicatorValue.objects.filter(year=2024, area=None, current=True).select_related("indicator")
    }
    assert overall == {
        "dan-chu-co-so": (3, 4, Decimal("75.00")),
        "a": (1, 2, Decimal("50.00")),
        "b": (2, 2, Decimal("100.00")),
        "p": (3, 4, Decimal("75.00")),
    }
    a_value = IndicatorValue.objects.get(indicator=district_a, year=2024, area=None, current=True)
    assert sorted(a_value.breakdown["met"] + a_value.breakdown["missing"]) == sorted(
        [hierarchy["commune_a1"].pk, hierarchy["commune_a2"].pk]
    )
    areas = sorted(
        IndicatorValue.objects.filter(
            indicator=district_a, year=2024, current=True, area__isnull=False
        ).values_list("area__key", flat=True)
    )
    assert areas == ["h-commune-a1", "h-commune-a2", "h-district-a"]
    # 2025: the district no longer exists on 31/12/2025, so nothing is under it (0/0, no value).
    open_round(QCDC, 2025, people["coordinator"])
    services.compute_indicator_values(indicators=[district_a, province], years=[2025])
    rows = {
        v.indicator.code: (v.numerator, v.denominator, v.value)
        for v in IndicatorValue.objects.filter(year=2025, area=None, current=True).select_related("indicator")
    }
    assert rows == {"a": (0, 0, None), "p": (0, 2, Decimal("0.00"))}
