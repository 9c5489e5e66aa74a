"""Demo rounds 2021-2025 with approved evaluations, so the dashboard shows a trend (`danvan demo`).

Uses the units of `danvan orgs load` when present (districts and communes before 1 July 2025,
communes directly under the province after); otherwise creates a small demo hierarchy. A few
evaluations go through the real workflow (self-assessment, return, approval); the bulk of past
years is written as approved results graded with the same services, because thousands of
click-by-click reviews would only slow the demo down.
"""

import random
from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from danvan.orgs import services as org_services
from danvan.orgs.choices import OrgKind, Role
from danvan.orgs.models import OrgUnit, User

from . import services
from .choices import CriteriaKind, EvaluationStatus, Grade, RoundStatus, ScoringMode
from .models import CriteriaSet, Evaluation, EvaluationRound, Score

YEARS = range(2021, 2026)
# Share of units whose work is good enough to meet the criteria, rising over the term.
QUALITY = {2021: 0.70, 2022: 0.76, 2023: 0.81, 2024: 0.85, 2025: 0.88}
REFORM = date(2025, 7, 1)


def _coordinator() -> User:
    user = User.objects.filter(role=Role.COORDINATOR, is_active=True).order_by("id").first()
    if user is None:
        board = OrgUnit.objects.filter(kind=OrgKind.PARTY_BOARD).order_by("id").first()
        user = User.objects.create(
            username="demo-chitieu", role=Role.COORDINATOR, org_unit=board, full_name="Điều phối chỉ tiêu"
        )
    return user


def _ensure_units(scale: str) -> None:
    """Make sure there are districts and communes before the reform and communes after it."""
    before, after = date(2024, 12, 31), date(2025, 12, 31)
    n_old = OrgUnit.objects.active(before).filter(kind=OrgKind.COMMUNE).count()
    n_new = OrgUnit.objects.active(after).filter(kind=OrgKind.COMMUNE).count()
    body_kinds = services.DEFAULT_UNIT_KINDS[CriteriaKind.DAN_VAN_KHEO]
    n_bodies = OrgUnit.objects.active(after).filter(kind__in=body_kinds).count()
    districts, communes, new_communes, bodies = (11, 100, 95, 250) if scale == "province" else (2, 6, 4, 6)
    province = OrgUnit.objects.filter(kind=OrgKind.PROVINCE).order_by("valid_to", "id").first()
    if province is None:
        province = org_services.create_unit(
            key="demo-ind-province", kind=OrgKind.PROVINCE, name="Tỉnh Đồng Nai"
        )
    if n_old < communes:
        for d in range(1, districts + 1):
            district = org_services.create_unit(
                key=f"demo-ind-h{d}",
                kind=OrgKind.DISTRICT,
                name=f"Huyện Minh họa {d}",
                parent=province,
                valid_to=date(2025, 6, 30),
            )
            for c in range(1, communes // districts + 2):
                org_services.create_unit(
                    key=f"demo-ind-h{d}-x{c}",
                    kind=OrgKind.COMMUNE,
                    name=f"Xã Minh họa {d}.{c}",
                    parent=district,
                    valid_to=date(2025, 6, 30),
                )
    if n_new < new_communes:
        for c in range(1, new_communes + 1):
            org_services.create_unit(
                key=f"demo-ind-p{c}",
                kind=OrgKind.COMMUNE,
                name=f"Phường Minh họa {c}",
                parent=province,
                valid_from=REFORM,
            )
    if n_bodies < bodies:
        for b in range(1, bodies - n_bodies + 1):
            org_services.create_unit(
                key=f"demo-ind-cq{b}", kind=OrgKind.STATE_BODY, name=f"Cơ quan minh họa {b}", parent=province
            )


def _bulk_results(round_: EvaluationRound, rng: random.Random, *, share_done: float, now: datetime) -> None:
    """Approved results for `share_done` of the round's units, scored around the year's quality."""
    criteria = list(round_.criteria_set.criteria.all())
    maximum = services.max_total(round_.criteria_set)
    quality = QUALITY[round_.year]
    evaluations = list(round_.evaluations.filter(status=EvaluationStatus.NOT_STARTED))
    scores, changed = [], []
    for ev in evaluations:
        if rng.random() > share_done:
            continue
        good = rng.random() < quality
        total = Decimal(0)
        failed_required = False
        for c in criteria:
            if c.mode == ScoringMode.PASS_FAIL:
                passed = good or rng.random() < 0.5
                failed_required |= c.required and not passed
                scores.append(Score(evaluation=ev, criterion=c, self_passed=passed))
            else:
                fraction = Decimal(str(rng.uniform(0.9, 1.0) if good else rng.uniform(0.55, 0.88)))
                value = (c.max_score * fraction).quantize(Decimal("0.25"))
                total += value
                scores.append(Score(evaluation=ev, criterion=c, self_score=value))
        percent = (total * 100 / maximum).quantize(Decimal("0.01"))
        grade = services.grade_for(round_.criteria_set, percent)
        ev.self_score = ev.final_score = total
        ev.percent, ev.grade = percent, grade
        enough = Grade.rank(grade) >= Grade.rank(round_.criteria_set.meets_min_grade)
        ev.meets = enough and not failed_required
        ev.status, ev.submitted_at, ev.approved_at = EvaluationStatus.APPROVED, now, now
        changed.append(ev)
    Score.objects.bulk_create(scores, batch_size=1000)
    Evaluation.objects.bulk_update(
        changed,
        ["self_score", "final_score", "percent", "grade", "meets", "status", "submitted_at", "approved_at"],
        batch_size=500,
    )


def _workflow_examples(round_: EvaluationRound, coordinator: User) -> None:
    """Two evaluations through the real workflow: one approved by the Board, one returned."""
    # The Board may not review its own unit's evaluation, so pick other units.
    pending = list(
        round_.evaluations.filter(status=EvaluationStatus.NOT_STARTED, reviewer_unit__isnull=True)
        .exclude(unit_id=coordinator.org_unit_id)
        .select_related("unit")[:2]
    )
    for n, ev in enumerate(pending):
        officer = User.objects.filter(
            org_unit=ev.unit, role=Role.AGENCY_OFFICER
        ).first() or User.objects.create(
            username=f"demo-chitieu-{ev.unit_id}",
            role=Role.AGENCY_OFFICER,
            org_unit=ev.unit,
            full_name=f"Cán bộ {ev.unit.name}",
        )
        scores = {
            c.pk: (True if c.mode == ScoringMode.PASS_FAIL else c.max_score * Decimal("0.9"))
            for c in round_.criteria_set.criteria.all()
        }
        services.save_self_assessment(
            ev, actor=officer, scores=scores, comment="Đơn vị đã hoàn thành kế hoạch năm."
        )
        services.submit_evaluation(ev, actor=officer)
        if n == 0:
            services.approve_evaluation(ev, actor=coordinator, comment="Đồng ý với kết quả tự chấm.")
        else:
            services.return_evaluation(ev, actor=coordinator, reason="Bổ sung minh chứng cho tiêu chí 1.1.")


def build(*, scale: str, stdout) -> None:
    if EvaluationRound.objects.exists():
        stdout.write("indicators: rounds already present; nothing to do.")
        return
    rng = random.Random(2025)
    _ensure_units(scale)
    coordinator = _coordinator()
    services.ensure_default_indicators()
    for kind in CriteriaKind:
        for year in YEARS:
            criteria_set = CriteriaSet.objects.latest_for(kind, year) or services.create_default_criteria_set(
                kind, year, actor=coordinator
            )
            round_ = services.create_round(
                year=year,
                criteria_set=criteria_set,
                actor=coordinator,
                self_assessment_due=date(year, 11, 30),
            )
            services.open_round(round_, actor=coordinator)
            now = timezone.make_aware(datetime.combine(date(year, 12, 15), time(9)))
            if year == max(YEARS):
                _workflow_examples(round_, coordinator)
                _bulk_results(round_, rng, share_done=0.8, now=now)
            else:
                _bulk_results(round_, rng, share_done=0.97, now=now)
                services.close_round(round_, actor=coordinator, now=now)
    values = services.compute_indicator_values(actor=coordinator)
    open_rounds = EvaluationRound.objects.filter(status=RoundStatus.OPEN).count()
    stdout.write(
        f"indicators: {EvaluationRound.objects.count()} rounds ({open_rounds} open), "
        f"{Evaluation.objects.count()} evaluations, {len(values)} indicator values."
    )
