"""Rules of the indicators app: criteria versions, rounds, the review chain and indicator values.

Everything that changes state goes through these functions (views, commands, demo, tests). They
check the actor's permission with the rules in rules.py and raise PermissionDenied otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from operator import itemgetter

import filetype
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.orgs.choices import OrgKind
from danvan.orgs.models import OrgUnit
from danvan.plans.choices import Comparator, PlanStatus

from .choices import (
    CriteriaKind,
    EvaluationStatus,
    Grade,
    IndicatorSource,
    Measure,
    MissingPolicy,
    ReviewAction,
    RoundStatus,
    ScoringMode,
)
from .defaults import DEFAULT_INDICATORS, DEFAULT_SETS
from .models import (
    CriteriaPart,
    CriteriaSet,
    Criterion,
    Evaluation,
    EvaluationRound,
    Evidence,
    Indicator,
    IndicatorValue,
    ReviewEvent,
    Score,
)

# Kinds of units graded by default: bodies for "Dân vận khéo", communes for grassroots democracy.
DEFAULT_UNIT_KINDS = {
    CriteriaKind.DAN_VAN_KHEO: [
        OrgKind.PARTY_BOARD,
        OrgKind.PARTY_DELEGATION,
        OrgKind.STATE_BODY,
        OrgKind.FATHERLAND_FRONT,
        OrgKind.MASS_ORGANIZATION,
        OrgKind.ARMED_FORCES,
        OrgKind.MEDIA,
        OrgKind.SCHOOL,
    ],
    CriteriaKind.GRASSROOTS_DEMOCRACY: [OrgKind.COMMUNE],
}
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
EVIDENCE_TYPES = {"pdf", "jpg", "png", "docx", "xlsx", "doc", "xls", "odt", "ods"}
HUNDRED = Decimal(100)


def _require(actor, perm: str, obj=None) -> None:
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You do not have permission to do this."))


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


# ---------------------------------------------------------------- criteria sets and versions


@transaction.atomic
def create_default_criteria_set(kind: str, year: int, *, actor=None) -> CriteriaSet:
    """Create the next version of `kind` for `year` from danvan's default criteria."""
    if actor is not None:
        _require(actor, "indicators.manage_criteria")
    spec = DEFAULT_SETS[CriteriaKind(kind)]
    version = (
        CriteriaSet.objects.filter(kind=kind, year=year)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
        or 0
    ) + 1
    criteria_set = CriteriaSet.objects.create(
        kind=kind,
        year=year,
        version=version,
        name=spec["name"],
        description=spec["description"],
        meets_min_grade=spec["meets_min_grade"],
    )
    for p_order, (title, items) in enumerate(spec["parts"], start=1):
        part = CriteriaPart.objects.create(criteria_set=criteria_set, order=p_order, title=title)
        for c_order, (code, text, guidance, max_score, required) in enumerate(items, start=1):
            Criterion.objects.create(
                criteria_set=criteria_set,
                part=part,
                order=c_order,
                code=code,
                text=text,
                guidance=guidance,
                mode=ScoringMode.PASS_FAIL if max_score is None else ScoringMode.POINTS,
                max_score=max_score or Decimal(0),
                required=required,
            )
    return criteria_set


def check_editable(criteria_set: CriteriaSet) -> None:
    """Refuse (in the user's language) any change to a set locked by an open or closed round."""
    if criteria_set.is_locked:
        raise ValidationError(
            _(
                "This criteria set is already used by a round and can no longer be changed. "
                "Create a new version to change it."
            )
        )


@transaction.atomic
def revise_criteria_set(criteria_set: CriteriaSet, *, actor, year: int | None = None) -> CriteriaSet:
    """Copy a criteria set into a new, editable version (for the same or another year)."""
    _require(actor, "indicators.manage_criteria")
    year = year or criteria_set.year
    latest = CriteriaSet.objects.filter(kind=criteria_set.kind, year=year).order_by("-version").first()
    copy = CriteriaSet.objects.create(
        kind=criteria_set.kind,
        year=year,
        version=(latest.version + 1) if latest else 1,
        name=criteria_set.name,
        description=criteria_set.description,
        threshold_good=criteria_set.threshold_good,
        threshold_fair=criteria_set.threshold_fair,
        threshold_average=criteria_set.threshold_average,
        meets_min_grade=criteria_set.meets_min_grade,
        based_on=criteria_set,
    )
    for part in criteria_set.parts.prefetch_related("criteria"):
        new_part = CriteriaPart.objects.create(criteria_set=copy, order=part.order, title=part.title)
        for c in part.criteria.all():
            Criterion.objects.create(
                criteria_set=copy,
                part=new_part,
                order=c.order,
                code=c.code,
                text=c.text,
                guidance=c.guidance,
                mode=c.mode,
                max_score=c.max_score,
                required=c.required,
            )
    return copy


@transaction.atomic
def update_criteria_set(criteria_set: CriteriaSet, *, actor, **values) -> CriteriaSet:
    """Change name, description, thresholds or the "meets" grade of an unlocked set."""
    _require(actor, "indicators.manage_criteria")
    check_editable(criteria_set)
    for name, value in values.items():
        setattr(criteria_set, name, value)
    criteria_set.full_clean()
    criteria_set.save()
    return criteria_set


@transaction.atomic
def add_part(criteria_set: CriteriaSet, *, actor, title: str) -> CriteriaPart:
    _require(actor, "indicators.manage_criteria")
    check_editable(criteria_set)
    order = criteria_set.parts.count() + 1
    return CriteriaPart.objects.create(criteria_set=criteria_set, title=title, order=order)


@transaction.atomic
def save_criterion(part: CriteriaPart, *, actor, criterion: Criterion | None = None, **values) -> Criterion:
    """Add a criterion to a group, or change one, while the set is not locked."""
    _require(actor, "indicators.manage_criteria")
    check_editable(part.criteria_set)
    criterion = criterion or Criterion(
        part=part, criteria_set=part.criteria_set, order=part.criteria.count() + 1
    )
    for name, value in values.items():
        setattr(criterion, name, value)
    if criterion.mode == ScoringMode.PASS_FAIL:
        criterion.max_score = Decimal(0)
    elif not criterion.max_score or criterion.max_score <= 0:
        raise ValidationError(
            {"max_score": _("Enter a maximum score above 0 for a criterion scored in points.")}
        )
    criterion.full_clean()
    criterion.save()
    return criterion


@transaction.atomic
def delete_criterion(criterion: Criterion, *, actor) -> None:
    """Remove a criterion from an unlocked set; the rest of its group is renumbered."""
    _require(actor, "indicators.manage_criteria")
    check_editable(criterion.criteria_set)
    part = criterion.part
    criterion.delete()
    _renumber(list(part.criteria.order_by("order", "id")))


@transaction.atomic
def rename_part(part: CriteriaPart, *, actor, title: str) -> CriteriaPart:
    _require(actor, "indicators.manage_criteria")
    check_editable(part.criteria_set)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Enter a title for the group of criteria.")})
    part.title = title
    part.full_clean()
    part.save()
    return part


@transaction.atomic
def delete_part(part: CriteriaPart, *, actor) -> None:
    """Remove a group and the criteria in it from an unlocked set; the other groups are renumbered."""
    _require(actor, "indicators.manage_criteria")
    criteria_set = part.criteria_set
    check_editable(criteria_set)
    for criterion in part.criteria.all():
        criterion.delete()  # one by one, so each deletion is in the audit trail
    part.delete()
    _renumber(list(criteria_set.parts.order_by("order", "id")))


def _renumber(items: list) -> None:
    """Give items the orders 1..n, saving only those that change (each save is audited)."""
    for number, item in enumerate(items, start=1):
        if item.order != number:
            item.order = number
            item.save(update_fields=["order"])


def _move(items: list, item, step: int) -> None:
    position = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = position + step
    if 0 <= target < len(items):
        items[position], items[target] = items[target], items[position]
    _renumber(items)


@transaction.atomic
def move_part(part: CriteriaPart, *, actor, step: int) -> None:
    """Move a group one place up (step -1) or down (step +1) in its set."""
    _require(actor, "indicators.manage_criteria")
    check_editable(part.criteria_set)
    _move(list(part.criteria_set.parts.order_by("order", "id")), part, step)


@transaction.atomic
def move_criterion(criterion: Criterion, *, actor, step: int) -> None:
    """Move a criterion one place up (step -1) or down (step +1) within its group."""
    _require(actor, "indicators.manage_criteria")
    check_editable(criterion.criteria_set)
    _move(list(criterion.part.criteria.order_by("order", "id")), criterion, step)


def max_total(criteria_set: CriteriaSet) -> Decimal:
    return sum((c.max_score for c in criteria_set.criteria.all() if c.mode == ScoringMode.POINTS), Decimal(0))


def grade_for(criteria_set: CriteriaSet, percent: Decimal | None) -> str:
    """Tốt / Khá / Trung bình / Yếu from the share of the maximum score."""
    if percent is None:
        return Grade.NOT_GRADED
    if percent >= criteria_set.threshold_good:
        return Grade.GOOD
    if percent >= criteria_set.threshold_fair:
        return Grade.FAIR
    if percent >= criteria_set.threshold_average:
        return Grade.AVERAGE
    return Grade.WEAK


# ---------------------------------------------------------------- the hierarchy of the year


@dataclass
class UnitIndex:
    """Org units that exist on one day, in memory, for walking parents and territories quickly."""

    on: date
    units: dict[int, tuple[str, int | None, int | None]] = field(default_factory=dict)
    _below: dict[int, frozenset[int]] = field(default_factory=dict, repr=False)

    @classmethod
    def on_day(cls, on: date) -> UnitIndex:
        rows = OrgUnit.objects.active(on).values_list("id", "kind", "parent_id", "territory_id")
        return cls(on=on, units={pk: (kind, parent, territory) for pk, kind, parent, territory in rows})

    def nearest(self, unit_id: int, kind: str, *, include_self: bool) -> int | None:
        """Breadth-first over parent and territory links: the closest unit of `kind` existing that day."""
        seen: set[int] = set()
        frontier = [unit_id] if include_self else list(self._links(unit_id))
        while frontier:
            current = frontier.pop(0)
            if current in seen or current not in self.units:
                continue
            seen.add(current)
            if self.units[current][0] == kind and (include_self or current != unit_id):
                return current
            frontier.extend(self._links(current))
        return None

    def below(self, scope_id: int) -> frozenset[int]:
        """The scope unit and every unit reaching it through parent or territory links that day."""
        if scope_id not in self._below:
            children: dict[int, list[int]] = defaultdict(list)
            for pk, (_kind, parent, territory) in self.units.items():
                for link in {parent, territory} - {None}:
                    children[link].append(pk)
            found, frontier = {scope_id}, [scope_id]
            while frontier:
                for child in children.get(frontier.pop(), ()):
                    if child not in found:
                        found.add(child)
                        frontier.append(child)
            self._below[scope_id] = frozenset(found)
        return self._below[scope_id]

    def _links(self, unit_id: int) -> Iterable[int]:
        _kind, parent, territory = self.units.get(unit_id, (None, None, None))
        return [x for x in (parent, territory) if x]


def reviewer_unit_for(unit: OrgUnit, on: date, index: UnitIndex | None = None) -> OrgUnit | None:
    """The superior that reviews `unit` under the organization of day `on`.

    Before 1 July 2025 a district reviewed its communes and district-level bodies; since the
    two-level government there is no district, so the province's Board reviews them. Nothing of
    this is dated in code: the reviewer is the nearest district (through parent or territory links)
    that exists on `on`, else None = the Board.
    """
    index = index or UnitIndex.on_day(on)
    district_id = index.nearest(unit.pk, OrgKind.DISTRICT, include_self=False)
    return OrgUnit.objects.get(pk=district_id) if district_id else None


# ---------------------------------------------------------------- rounds


@transaction.atomic
def create_round(
    *,
    year: int,
    criteria_set: CriteriaSet,
    actor,
    name: str = "",
    reference_date: date | None = None,
    self_assessment_due: date | None = None,
    unit_kinds: list[str] | None = None,
) -> EvaluationRound:
    _require(actor, "indicators.manage_round")
    if EvaluationRound.objects.filter(kind=criteria_set.kind, year=year).exists():
        raise ValidationError(_("There is already a round of this kind for this year."))
    return EvaluationRound.objects.create(
        kind=criteria_set.kind,
        year=year,
        criteria_set=criteria_set,
        name=name or f"{criteria_set.get_kind_display()} — {year}",
        reference_date=reference_date or date(year, 12, 31),
        self_assessment_due=self_assessment_due,
        unit_kinds=list(unit_kinds or DEFAULT_UNIT_KINDS[CriteriaKind(criteria_set.kind)]),
    )


@transaction.atomic
def open_round(round_: EvaluationRound, *, actor, now: datetime | None = None) -> int:
    """Lock the criteria version and create one evaluation per unit due to be graded; returns that count."""
    _require(actor, "indicators.manage_round")
    if round_.status != RoundStatus.DRAFT:
        raise ValidationError(_("Only a round being prepared can be opened."))
    now = _now(now)
    if not round_.criteria_set.criteria.exists():
        raise ValidationError(
            _("The criteria set has no criteria yet. Add criteria before opening the round.")
        )
    if round_.criteria_set.locked_at is None:
        round_.criteria_set.locked_at = now
        round_.criteria_set.save(update_fields=["locked_at", "updated_at"])
    index = UnitIndex.on_day(round_.reference_date)
    units = OrgUnit.objects.active(round_.reference_date).filter(kind__in=round_.unit_kinds).only("id")
    existing = set(round_.evaluations.values_list("unit_id", flat=True))
    new = [
        Evaluation(
            round=round_,
            unit_id=u.pk,
            reviewer_unit_id=index.nearest(u.pk, OrgKind.DISTRICT, include_self=False),
        )
        for u in units
        if u.pk not in existing
    ]
    Evaluation.objects.bulk_create(new, batch_size=500)
    round_.status, round_.opened_at = RoundStatus.OPEN, now
    round_.save(update_fields=["status", "opened_at", "updated_at"])
    return len(new)


@transaction.atomic
def close_round(round_: EvaluationRound, *, actor, now: datetime | None = None) -> EvaluationRound:
    """Close the round: no more self-assessment or review; its criteria version stays with it."""
    _require(actor, "indicators.manage_round")
    if round_.status != RoundStatus.OPEN:
        raise ValidationError(_("Only an open round can be closed."))
    round_.status, round_.closed_at = RoundStatus.CLOSED, _now(now)
    round_.save(update_fields=["status", "closed_at", "updated_at"])
    return round_


# ---------------------------------------------------------------- self-assessment and review


def _open_round(evaluation: Evaluation) -> None:
    if evaluation.round.status != RoundStatus.OPEN:
        raise ValidationError(_("The round is not open: evaluations can no longer be changed."))


def _clean_score(criterion: Criterion, value, *, field: str) -> tuple[Decimal | None, bool | None]:
    """The score typed for a criterion; refused, the error names `field` (the form's field of it)."""
    if criterion.mode == ScoringMode.PASS_FAIL:
        if value in (None, ""):
            return None, None
        return None, bool(value) if not isinstance(value, str) else value in ("1", "true", "yes", "on")
    if value in (None, ""):
        return None, None
    try:
        score = Decimal(str(value))
    except ArithmeticError:
        raise ValidationError(
            {field: _("Criterion %(code)s: enter a number.") % {"code": criterion.code}}
        ) from None
    if score < 0 or score > criterion.max_score:
        message = _("Criterion %(code)s: the score must be between 0 and %(max)s.") % {
            "code": criterion.code,
            "max": f"{criterion.max_score.normalize():f}",
        }
        raise ValidationError({field: message})
    return score, None


def _criteria(evaluation: Evaluation) -> list[Criterion]:
    return list(evaluation.round.criteria_set.criteria.select_related("part"))


@transaction.atomic
def save_self_assessment(
    evaluation: Evaluation,
    *,
    actor,
    scores: Mapping[int, object],
    comments: Mapping[int, str] | None = None,
    comment: str | None = None,
) -> Evaluation:
    """Record the unit's own scores (criterion id → score, or True/False for pass/fail)."""
    _require(actor, "indicators.self_assess", evaluation)
    _open_round(evaluation)
    if evaluation.is_locked:
        raise ValidationError(_("This evaluation has been sent for review and cannot be changed now."))
    comments = comments or {}
    existing = {s.criterion_id: s for s in evaluation.scores.all()}
    for criterion in _criteria(evaluation):
        if criterion.pk not in scores and criterion.pk not in comments:
            continue
        row = existing.get(criterion.pk) or Score(evaluation=evaluation, criterion=criterion)
        if criterion.pk in scores:  # a comment alone keeps the score already given
            row.self_score, row.self_passed = _clean_score(
                criterion, scores[criterion.pk], field=f"score_{criterion.pk}"
            )
        if criterion.pk in comments:
            row.comment = comments[criterion.pk]
        row.save()
    if comment is not None:
        evaluation.self_comment = comment
    if evaluation.status == EvaluationStatus.NOT_STARTED:
        evaluation.status = EvaluationStatus.DRAFT
    evaluation.self_score = _total(evaluation, reviewed=False)
    evaluation.save()
    return evaluation


def _total(evaluation: Evaluation, *, reviewed: bool) -> Decimal:
    total = Decimal(0)
    for s in evaluation.scores.select_related("criterion"):
        if s.criterion.mode != ScoringMode.POINTS:
            continue
        value = s.review_score if reviewed and s.review_score is not None else s.self_score
        total += value or Decimal(0)
    return total


def missing_scores(evaluation: Evaluation) -> list[Criterion]:
    scored = {
        s.criterion_id
        for s in evaluation.scores.all()
        if s.self_score is not None or s.self_passed is not None
    }
    return [c for c in _criteria(evaluation) if c.pk not in scored]


@transaction.atomic
def submit_evaluation(evaluation: Evaluation, *, actor, now: datetime | None = None) -> Evaluation:
    """Send the self-assessment to the reviewer; every criterion must be scored."""
    _require(actor, "indicators.self_assess", evaluation)
    _open_round(evaluation)
    if evaluation.status not in (EvaluationStatus.DRAFT, EvaluationStatus.RETURNED):
        raise ValidationError(_("Only a self-assessment in progress or returned can be submitted."))
    missing = missing_scores(evaluation)
    if missing:
        raise ValidationError(
            _("Score every criterion before submitting. Missing: %(codes)s.")
            % {"codes": ", ".join(c.code or str(c.pk) for c in missing)}
        )
    now = _now(now)
    evaluation.status, evaluation.submitted_at = EvaluationStatus.SUBMITTED, now
    evaluation.self_score = _total(evaluation, reviewed=False)
    evaluation.save()
    ReviewEvent.objects.create(evaluation=evaluation, action=ReviewAction.SUBMIT, actor=actor, at=now)
    return evaluation


@transaction.atomic
def return_evaluation(
    evaluation: Evaluation, *, actor, reason: str, now: datetime | None = None
) -> Evaluation:
    """The reviewer sends the self-assessment back with the reasons the unit must address."""
    _require(actor, "indicators.review_evaluation", evaluation)
    _open_round(evaluation)
    if evaluation.status != EvaluationStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted evaluation can be returned."))
    if not (reason or "").strip():
        raise ValidationError(
            _("Write the reasons for returning the evaluation so the unit knows what to fix.")
        )
    now = _now(now)
    evaluation.status, evaluation.return_reason = EvaluationStatus.RETURNED, reason.strip()
    evaluation.save()
    ReviewEvent.objects.create(
        evaluation=evaluation, action=ReviewAction.RETURN, actor=actor, at=now, reason=reason
    )
    return evaluation


def grade_evaluation(evaluation: Evaluation) -> tuple[Decimal, Decimal | None, str, bool]:
    """Score, % of maximum, grade and "meets the criteria" from the reviewed (else own) scores."""
    criteria_set = evaluation.round.criteria_set
    maximum = max_total(criteria_set)
    total = _total(evaluation, reviewed=True)
    percent = (total * HUNDRED / maximum).quantize(Decimal("0.01"), ROUND_HALF_UP) if maximum else None
    grade = grade_for(criteria_set, percent)
    required_failed = any(
        (s.review_passed if s.review_passed is not None else s.self_passed) is False
        for s in evaluation.scores.select_related("criterion")
        if s.criterion.mode == ScoringMode.PASS_FAIL and s.criterion.required
    )
    meets = Grade.rank(grade) >= Grade.rank(criteria_set.meets_min_grade) and not required_failed
    return total, percent, grade, meets


@transaction.atomic
def approve_evaluation(
    evaluation: Evaluation,
    *,
    actor,
    review_scores: Mapping[int, object] | None = None,
    comment: str = "",
    now: datetime | None = None,
) -> Evaluation:
    """The reviewer approves, optionally correcting scores; the result is stored and locked."""
    _require(actor, "indicators.review_evaluation", evaluation)
    _open_round(evaluation)
    if evaluation.status != EvaluationStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted evaluation can be approved."))
    if review_scores:
        by_criterion = {s.criterion_id: s for s in evaluation.scores.select_related("criterion")}
        for criterion_id, value in review_scores.items():
            row = by_criterion.get(int(criterion_id))
            if row is None or value in (None, ""):
                continue
            row.review_score, row.review_passed = _clean_score(
                row.criterion, value, field=f"review_{row.criterion_id}"
            )
            row.save()
    now = _now(now)
    total, percent, grade, meets = grade_evaluation(evaluation)
    evaluation.final_score, evaluation.percent, evaluation.grade, evaluation.meets = (
        total,
        percent,
        grade,
        meets,
    )
    evaluation.status, evaluation.approved_at, evaluation.approved_by = EvaluationStatus.APPROVED, now, actor
    evaluation.review_comment = comment
    evaluation.save()
    ReviewEvent.objects.create(
        evaluation=evaluation, action=ReviewAction.APPROVE, actor=actor, at=now, reason=comment
    )
    return evaluation


@transaction.atomic
def reopen_evaluation(
    evaluation: Evaluation, *, actor, reason: str, now: datetime | None = None
) -> Evaluation:
    """The Board unlocks an approved evaluation; the reopening and its reasons are recorded."""
    _require(actor, "indicators.reopen_evaluation", evaluation)
    _open_round(evaluation)
    if evaluation.status != EvaluationStatus.APPROVED:
        raise ValidationError(_("Only an approved evaluation can be reopened."))
    if not (reason or "").strip():
        raise ValidationError(_("Write the reasons for reopening the evaluation."))
    now = _now(now)
    evaluation.status, evaluation.return_reason = EvaluationStatus.RETURNED, reason.strip()
    evaluation.meets, evaluation.grade, evaluation.final_score, evaluation.percent = None, "", None, None
    evaluation.approved_at = evaluation.approved_by = None
    evaluation.save()
    ReviewEvent.objects.create(
        evaluation=evaluation, action=ReviewAction.REOPEN, actor=actor, at=now, reason=reason
    )
    return evaluation


@transaction.atomic
def add_evidence(evaluation: Evaluation, *, actor, upload, criterion: Criterion | None = None) -> Evidence:
    """Attach an evidence file after checking its real type (not its name) and size."""
    _require(actor, "indicators.self_assess", evaluation)
    _open_round(evaluation)
    if evaluation.is_locked:
        raise ValidationError(_("This evaluation has been sent for review and cannot be changed now."))
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(_("The file is larger than 10 MB. Send a smaller file."))
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.extension not in EVIDENCE_TYPES:
        raise ValidationError(_("Only PDF, image (JPG, PNG), Word or Excel files can be attached."))
    return Evidence.objects.create(
        evaluation=evaluation,
        criterion=criterion,
        file=upload,
        name=upload.name[:255],
        size=upload.size,
        uploaded_by=actor,
    )


# ---------------------------------------------------------------- indicators


def compare(value: Decimal | None, comparator: str, target: Decimal) -> bool | None:
    if value is None:
        return None
    return {
        Comparator.GT: value > target,
        Comparator.GTE: value >= target,
        Comparator.LT: value < target,
        Comparator.LTE: value <= target,
        Comparator.EQ: value == target,
    }[Comparator(comparator)]


@dataclass(frozen=True)
class Tally:
    numerator: int
    denominator: int
    not_evaluated: int
    value: Decimal | None
    met: list[int]
    not_met: list[int]
    missing: list[int]


def counts(indicator: Indicator, status: str, grade: str, meets: bool | None) -> bool:
    """Whether one approved evaluation enters the numerator under the indicator's definition."""
    if indicator.measure == Measure.MEETS_CRITERIA:
        return bool(meets)
    return Grade.rank(grade) >= Grade.rank(indicator.min_grade)


def tally(indicator: Indicator, rows: Iterable[tuple[int, str, str, bool | None]]) -> Tally:
    """Numerator, denominator and share from (unit id, status, grade, meets) rows of one area.

    Approved evaluations are in the denominator; the others are "missing" and enter it only when
    the indicator counts them as not meeting. value = 100 × numerator / denominator, 2 decimals.
    """
    met, not_met, missing = [], [], []
    for unit_id, status, grade, meets in rows:
        if status != EvaluationStatus.APPROVED:
            missing.append(unit_id)
        elif counts(indicator, status, grade, meets):
            met.append(unit_id)
        else:
            not_met.append(unit_id)
    denominator = len(met) + len(not_met)
    if indicator.missing_policy == MissingPolicy.COUNT_AS_NOT_MET:
        denominator += len(missing)
    value = None
    if denominator:
        value = (Decimal(len(met)) * HUNDRED / Decimal(denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return Tally(len(met), denominator, len(missing), value, met, not_met, missing)


def _areas(index: UnitIndex, unit_id: int) -> list[int]:
    """The district and the commune a unit belongs to (itself included) in that day's organization."""
    found = []
    for kind in (OrgKind.DISTRICT, OrgKind.COMMUNE):
        area = index.nearest(unit_id, kind, include_self=True)
        if area:
            found.append(area)
    return found


def _by_area(
    indicator: Indicator, index: UnitIndex, rows: Iterable, unit_of: Callable = lambda row: row
) -> dict[int | None, list]:
    """The rows counted in each area: None = the indicator's whole scope, then each district and commune.

    `unit_of(row)` is the row's unit. A scope restricts every area to the units under it that day
    (parent or territory links). The whole scope always gets an entry, even empty (a value of 0/0,
    shown as no value).
    """
    inside = index.below(indicator.scope_id) if indicator.scope_id is not None else None
    by_area: dict[int | None, list] = defaultdict(list)
    by_area[None] = []
    for row in rows:
        unit_id = unit_of(row)
        if inside is not None and unit_id not in inside:
            continue
        by_area[None].append(row)
        for area in _areas(index, unit_id):
            by_area[area].append(row)
    return by_area


@dataclass
class _Sources:
    """What one computation reads, each once: rounds, their evaluations, surveys, the organization by day."""

    now: datetime
    rounds: dict[tuple[str, int], EvaluationRound] | None = None
    rows_by_round: dict[int, list[tuple]] = field(default_factory=dict)
    memberships: dict[int, object] = field(default_factory=dict)
    index_by_day: dict[date, UnitIndex] = field(default_factory=dict)

    def index(self, day: date) -> UnitIndex:
        if day not in self.index_by_day:
            self.index_by_day[day] = UnitIndex.on_day(day)
        return self.index_by_day[day]

    def round(self, kind: str, year: int) -> EvaluationRound | None:
        if self.rounds is None:
            self.rounds = {
                (r.kind, r.year): r for r in EvaluationRound.objects.exclude(status=RoundStatus.DRAFT)
            }
        return self.rounds.get((kind, year))

    def evaluation_rows(self, round_: EvaluationRound) -> list[tuple]:
        if round_.pk not in self.rows_by_round:
            self.rows_by_round[round_.pk] = list(
                round_.evaluations.values_list("unit_id", "status", "grade", "meets")
            )
        return self.rows_by_round[round_.pk]

    def membership(self, year: int):
        """movement's figures of the year's survey (None: no survey). Indicators reads movement only here."""
        if year not in self.memberships:
            from danvan.movement.services.membership import reached_share_for

            self.memberships[year] = reached_share_for(year)
        return self.memberships[year]


def _value(indicator: Indicator, year: int, area: int | None, target: Decimal, now: datetime, **fields):
    value = fields["value"]
    return IndicatorValue(
        indicator=indicator,
        year=year,
        area_id=area,
        target_value=target,
        met=compare(value, indicator.comparator, target),
        computed_at=now,
        **fields,
    )


def _evaluation_values(indicator: Indicator, year: int, sources: _Sources) -> list[IndicatorValue] | None:
    """Values from the year's round of the indicator's kind; None when there is no round (nothing changes)."""
    round_ = sources.round(indicator.kind, year)
    if round_ is None:
        return None
    index = sources.index(round_.reference_date)
    values = []
    for area, rows in _by_area(indicator, index, sources.evaluation_rows(round_), itemgetter(0)).items():
        t = tally(indicator, rows)
        values.append(
            _value(
                indicator,
                year,
                area,
                indicator.target_value,
                sources.now,
                round=round_,
                criteria_set_id=round_.criteria_set_id,
                reference_date=round_.reference_date,
                numerator=t.numerator,
                denominator=t.denominator,
                not_evaluated=t.not_evaluated,
                value=t.value,
                breakdown={"met": t.met, "not_met": t.not_met, "missing": t.missing},
            )
        )
    return values


def _membership_values(indicator: Indicator, year: int, sources: _Sources) -> list[IndicatorValue]:
    """Values from the year's membership survey: people reached / people of age of the submitted
    returns in each area, judged against the survey's target; none (earlier ones retired) without a survey.
    """
    year_figures = sources.membership(year)
    if year_figures is None:
        return []
    index = sources.index(year_figures.deadline)
    values = []
    units = year_figures.asked | year_figures.figures.keys()
    for area, unit_ids in _by_area(indicator, index, units).items():
        reached = year_figures.reached_share(set(unit_ids))
        values.append(
            _value(
                indicator,
                year,
                area,
                year_figures.target_percent,
                sources.now,
                survey_id=year_figures.survey_id,
                reference_date=year_figures.deadline,
                numerator=reached.people,
                denominator=reached.population,
                not_evaluated=len(reached.not_returned),
                value=reached.value,
                breakdown={
                    "returned": list(reached.returned),
                    "not_returned": list(reached.not_returned),
                    "figures": {str(u): list(year_figures.figures[u]) for u in reached.returned},
                },
            )
        )
    return values


VALUES_FROM = {
    IndicatorSource.EVALUATIONS: _evaluation_values,
    IndicatorSource.MEMBERSHIP: _membership_values,
}


@transaction.atomic
def compute_indicator_values(
    *,
    years: Iterable[int] | None = None,
    indicators: Iterable[Indicator] | None = None,
    actor=None,
    now: datetime | None = None,
) -> list[IndicatorValue]:
    """Compute (never type) each indicator for each year of its period that has data.

    From evaluations: the years with a round of the indicator's kind, areas from the organization
    of the round's reference date. From the membership survey: the years with a survey, areas from
    the organization of its deadline (a year whose survey is gone loses its current values).
    One value for the whole scope and one per district and commune (with a scope unit, only units
    under it through parent or territory links on that date are counted); each stores its source
    (round and criteria version, or survey), the target applied, the time and the unit ids behind
    it. Earlier values of the same year stay, marked as no longer current.
    """
    if actor is not None:
        _require(actor, "indicators.compute_indicator")
    sources = _Sources(now=_now(now))
    indicators = list(indicators if indicators is not None else Indicator.objects.all())
    wanted = set(years) if years is not None else None
    created: list[IndicatorValue] = []
    stale: list[tuple[int, int]] = []
    for indicator in indicators:
        for year in indicator.years():
            if wanted is not None and year not in wanted:
                continue
            values = VALUES_FROM[IndicatorSource(indicator.source)](indicator, year, sources)
            if values is not None:
                stale.append((indicator.pk, year))
                created.extend(values)
    for indicator_id, year in stale:
        IndicatorValue.objects.filter(indicator_id=indicator_id, year=year, current=True).update(
            current=False
        )
    IndicatorValue.objects.bulk_create(created, batch_size=500)
    return created


def recompute_membership_indicators(*, years: Iterable[int] | None = None) -> list[IndicatorValue]:
    """Recompute the indicators fed by the membership survey (called when its figures change)."""
    indicators = list(Indicator.objects.filter(source=IndicatorSource.MEMBERSHIP))
    if not indicators:
        return []
    return compute_indicator_values(indicators=indicators, years=years)


INDICATOR_FIELDS = (
    "name",
    "description",
    "source",
    "kind",
    "measure",
    "min_grade",
    "missing_policy",
    "comparator",
    "target_value",
    "start_year",
    "end_year",
    "scope",
)


@transaction.atomic
def update_indicator(
    indicator: Indicator, *, actor, now: datetime | None = None, **values
) -> tuple[Indicator, list[IndicatorValue]]:
    """Change an indicator's definition (target, comparator, period, scope, ...) and recompute it.

    Values are never typed: the new definition is applied by computing again; the earlier values
    stay in the history (no longer current), each with the time it was computed.
    """
    _require(actor, "indicators.manage_indicator", indicator)
    unknown = set(values) - set(INDICATOR_FIELDS)
    if unknown:
        raise ValueError(f"Not part of an indicator's definition: {', '.join(sorted(unknown))}")
    for name, value in values.items():
        setattr(indicator, name, value)
    indicator.full_clean()
    indicator.save()
    return indicator, compute_indicator_values(indicators=[indicator], now=now)


@transaction.atomic
def ensure_default_indicators(*, start_year: int = 2021, end_year: int = 2025) -> list[Indicator]:
    """The seed plan's indicators, linked to the imported plan's targets when they are found.

    "Dân vận khéo" and grassroots democracy (from evaluations) and the share of people gathered into
    organizations (from the membership survey). When the plan reader has stored a PlanTarget
    mentioning "Dân vận khéo", "dân chủ ở cơ sở" or "tập hợp", the indicator takes its comparator,
    value and the plan's term from it; otherwise danvan's defaults (> 80%, 2021-2025) are used.
    """
    from danvan.core.text import fold
    from danvan.plans.models import PlanTarget

    targets = list(PlanTarget.objects.select_related("plan").order_by("-plan__issued_on", "-id"))
    result = []
    for order, spec in enumerate(DEFAULT_INDICATORS, start=1):
        values = {k: v for k, v in spec.items() if k not in ("code", "match")}
        target = next((t for t in targets if spec["match"] in fold(f"{t.subject} {t.text}")), None)
        values.update(order=order, start_year=start_year, end_year=end_year)
        if target is not None:
            values.update(plan_target=target, comparator=target.comparator, target_value=target.value)
            plan = target.plan
            if plan.term_start and plan.term_end:
                values.update(start_year=max(plan.term_start, plan.term_end - 4), end_year=plan.term_end)
        indicator, created = Indicator.objects.get_or_create(code=spec["code"], defaults=values)
        if not created and target is not None and indicator.plan_target_id is None:
            indicator.plan_target, indicator.comparator = target, target.comparator
            indicator.target_value = target.value
            indicator.save()
        result.append(indicator)
    return result


# ---------------------------------------------------------------- dashboard


@dataclass
class Card:
    """One indicator on a dashboard: the year's value, last year's and every year's (for the trend)."""

    indicator: Indicator
    year: int
    by_year: dict[int, IndicatorValue]

    @property
    def value(self) -> IndicatorValue | None:
        return self.by_year.get(self.year)

    @property
    def previous(self) -> IndicatorValue | None:
        return self.by_year.get(self.year - 1)

    @property
    def change(self) -> Decimal | None:
        if (
            self.value is None
            or self.previous is None
            or self.value.value is None
            or self.previous.value is None
        ):
            return None
        return self.value.value - self.previous.value

    @property
    def series(self) -> list[tuple[int, Decimal | None]]:
        return [(y, getattr(self.by_year.get(y), "value", None)) for y in self.indicator.years()]


def _cards(indicators: list[Indicator], values: Iterable[IndicatorValue], year_of: Callable) -> list[Card]:
    """Cards of `indicators` from their values; `year_of(by_year)` picks the year each card shows."""
    by_indicator: dict[int, dict[int, IndicatorValue]] = {i.pk: {} for i in indicators}
    indicator_of = {i.pk: i for i in indicators}
    for v in values:
        v.indicator = indicator_of[v.indicator_id]  # its target label reads the comparator: no query
        by_indicator[v.indicator_id][v.year] = v
    cards = []
    for indicator in indicators:
        by_year = by_indicator[indicator.pk]
        cards.append(Card(indicator=indicator, year=year_of(by_year), by_year=by_year))
    return cards


def dashboard_cards(user, year: int) -> list[Card]:
    """One card per indicator: this year's province value, last year's, and the term's series."""
    indicators = list(Indicator.objects.visible_to(user).select_related("plan_target"))
    values = (
        IndicatorValue.objects.visible_to(user)
        .current()
        .overall()
        .filter(indicator__in=indicators)
        .select_related("criteria_set")
    )
    return _cards(indicators, values, lambda by_year: year)


def public_indicator_summary() -> list[Card]:
    """The plan's indicators as the public portal shows them, in one query.

    Public are the indicators of the active plans (linked to an active plan's target, or linked to
    no plan while a plan is active) whose scope is the whole province, and only their final
    province-wide values: current, with a value, from a closed round or a closed survey. No area
    values, no breakdown, nothing about who evaluated whom. Each card shows the latest such year, the
    year before and the trend over the term.
    """
    from danvan.plans.models import Plan

    of_active_plan = Q(indicator__plan_target__plan__status=PlanStatus.ACTIVE) | (
        Q(indicator__plan_target__isnull=True) & Exists(Plan.objects.filter(status=PlanStatus.ACTIVE))
    )
    final = Q(round__status=RoundStatus.CLOSED) | Q(survey__closed_at__isnull=False)
    values = list(
        IndicatorValue.objects.current()
        .overall()
        .filter(of_active_plan, final, value__isnull=False)
        .filter(Q(indicator__scope__isnull=True) | Q(indicator__scope__kind=OrgKind.PROVINCE))
        .select_related("indicator")
        .order_by("indicator__order", "indicator_id", "year")
    )
    indicators = list({v.indicator_id: v.indicator for v in values}.values())
    return _cards(indicators, values, lambda by_year: max(by_year))


def latest_year_with_values() -> int | None:
    return IndicatorValue.objects.current().order_by("-year").values_list("year", flat=True).first()
