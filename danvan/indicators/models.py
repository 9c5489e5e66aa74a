"""Criteria sets, evaluation rounds, evaluations and computed indicator values (chỉ tiêu, tiêu chí, đánh giá).

History is kept by construction: a criteria set is locked when a round opens with it (later edits
make a new version), an approved evaluation stores its score, grade and "meets" result, and an
indicator value stores the round, the criteria version and the time it was computed.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.core.models import TimeStampedModel
from danvan.orgs.choices import OrgKind
from danvan.plans.choices import Comparator

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
from .querysets import (
    CriteriaSetQuerySet,
    EvaluationQuerySet,
    EvaluationRoundQuerySet,
    IndicatorQuerySet,
    IndicatorValueQuerySet,
)

PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


def format_target(comparator: str, target: Decimal) -> str:
    """ "> 80%", "≥ 75.5%": the comparator (as a symbol) and the target as a percentage."""
    return f"{COMPARATOR_SYMBOLS.get(comparator, comparator)} {target.normalize():f}%"


COMPARATOR_SYMBOLS = {">=": "≥", "<=": "≤"}


class CriteriaSet(TimeStampedModel):
    """Bộ tiêu chí: the criteria, maximum scores and grading thresholds used for one year's rounds.

    Thresholds are percentages of the maximum score. A set is locked once a round opens with it;
    changing it afterwards means creating the next version, so closed rounds keep their version.
    """

    kind = models.CharField(_("kind"), max_length=32, choices=CriteriaKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    threshold_good = models.DecimalField(
        _("“Good” from (% of maximum)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(90),
        validators=PERCENT,
    )
    threshold_fair = models.DecimalField(
        _("“Fair” from (% of maximum)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(70),
        validators=PERCENT,
    )
    threshold_average = models.DecimalField(
        _("“Average” from (% of maximum)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(50),
        validators=PERCENT,
    )
    meets_min_grade = models.CharField(
        _("meets the criteria from grade"),
        max_length=16,
        choices=Grade.choices,
        default=Grade.FAIR,
        help_text=_(
            "A unit meets the criteria when graded at least this and passing every required criterion."
        ),
    )
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("based on"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="revisions",
    )
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = CriteriaSetQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "kind", "-version"]
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "version"],
                name="indicators_criteriaset_version_unique",
                violation_error_message=_("This version of the criteria set already exists."),
            ),
            models.CheckConstraint(
                condition=Q(threshold_good__gte=models.F("threshold_fair"))
                & Q(threshold_fair__gte=models.F("threshold_average")),
                name="indicators_criteriaset_thresholds_order",
                violation_error_message=_("Thresholds must go down from “Good” to “Fair” to “Average”."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year}, v{self.version})"

    def get_absolute_url(self) -> str:
        return reverse("indicators:criteria_set", args=[self.pk])

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    def audit_scope_path(self) -> str:
        return ""


class CriteriaPart(models.Model):
    """Nhóm tiêu chí: a titled group of criteria ("I. Công tác lãnh đạo, chỉ đạo")."""

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="parts")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=255)
    history = HistoricalRecords()

    class Meta:
        ordering = ["criteria_set", "order", "id"]
        verbose_name = _("group of criteria")
        verbose_name_plural = _("groups of criteria")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.criteria_set.get_absolute_url()

    def audit_scope_path(self) -> str:
        return ""


class Criterion(models.Model):
    """Tiêu chí: one criterion with its maximum score (or pass/fail) and guidance for scoring it."""

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="criteria")
    part = models.ForeignKey(CriteriaPart, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.CharField(_("number"), max_length=16, blank=True)
    text = models.TextField(_("criterion"))
    guidance = models.TextField(_("guidance"), blank=True)
    mode = models.CharField(
        _("scoring"), max_length=16, choices=ScoringMode.choices, default=ScoringMode.POINTS
    )
    max_score = models.DecimalField(
        _("maximum score"),
        max_digits=6,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    required = models.BooleanField(
        _("required"),
        default=False,
        help_text=_("For pass/fail criteria: a unit that fails it does not meet the criteria."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["part__order", "order", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.CheckConstraint(
                condition=Q(mode=ScoringMode.PASS_FAIL) | Q(max_score__gt=0),
                name="indicators_criterion_points_positive",
                violation_error_message=_("A criterion scored in points needs a maximum score above 0."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:80]}".strip()

    def get_absolute_url(self) -> str:
        return self.criteria_set.get_absolute_url()

    def audit_scope_path(self) -> str:
        return ""


class EvaluationRound(TimeStampedModel):
    """Đợt đánh giá: one year's grading of a kind of units with one criteria set."""

    kind = models.CharField(_("kind"), max_length=32, choices=CriteriaKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=255)
    criteria_set = models.ForeignKey(
        CriteriaSet, verbose_name=_("criteria set"), on_delete=models.PROTECT, related_name="rounds"
    )
    reference_date = models.DateField(
        _("reference date"),
        help_text=_("The organization of this day decides which units take part and who reviews them."),
    )
    self_assessment_due = models.DateField(_("self-assessment due"), null=True, blank=True)
    unit_kinds = models.JSONField(_("kinds of units evaluated"), default=list)
    status = models.CharField(
        _("status"), max_length=16, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])
    audit_list_choices = {"unit_kinds": OrgKind}  # how the change log names the kinds

    objects = EvaluationRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "kind"]
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year"],
                name="indicators_round_kind_year_unique",
                violation_error_message=_("There is already a round of this kind for this year."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("indicators:round", args=[self.pk])

    def audit_scope_path(self) -> str:
        return ""


class Evaluation(TimeStampedModel):
    """Đánh giá, xếp loại: one unit's self-assessment in a round and its superior's review.

    `reviewer_unit` is the superior that reviews it, taken from the organization on the round's
    reference date; empty means the Mass Mobilization Board of the province reviews it.
    """

    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="evaluations")
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="evaluations"
    )
    reviewer_unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluations_to_review",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=EvaluationStatus.choices, default=EvaluationStatus.NOT_STARTED
    )
    self_comment = models.TextField(_("self-assessment"), blank=True)
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    return_reason = models.TextField(_("reasons for returning"), blank=True)
    self_score = models.DecimalField(
        _("self-assessed score"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    final_score = models.DecimalField(
        _("approved score"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    percent = models.DecimalField(_("% of maximum"), max_digits=5, decimal_places=2, null=True, blank=True)
    grade = models.CharField(_("grade"), max_length=16, choices=Grade.choices, blank=True)
    meets = models.BooleanField(_("meets the criteria"), null=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        ordering = ["round", "unit__path"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "unit"],
                name="indicators_evaluation_unit_unique",
                violation_error_message=_("This unit already has an evaluation in this round."),
            ),
            models.CheckConstraint(
                condition=~Q(status=EvaluationStatus.APPROVED) | Q(meets__isnull=False),
                name="indicators_evaluation_approved_graded",
                violation_error_message=_("An approved evaluation must have its result."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.round}"

    def get_absolute_url(self) -> str:
        return reverse("indicators:evaluation", args=[self.pk])

    @property
    def is_locked(self) -> bool:
        return self.status in (EvaluationStatus.SUBMITTED, EvaluationStatus.APPROVED)

    def audit_scope_path(self) -> str:
        return self.unit.path


class Score(models.Model):
    """Điểm: the unit's own score (or pass/fail) for one criterion and, after review, the superior's."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    self_score = models.DecimalField(_("self score"), max_digits=6, decimal_places=2, null=True, blank=True)
    self_passed = models.BooleanField(_("self: passed"), null=True)
    review_score = models.DecimalField(
        _("review score"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    review_passed = models.BooleanField(_("review: passed"), null=True)
    comment = models.TextField(_("comment"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["evaluation", "criterion__part__order", "criterion__order"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "criterion"],
                name="indicators_score_unique",
                violation_error_message=_("This criterion is already scored in this evaluation."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.self_score}"

    def get_absolute_url(self) -> str:
        return self.evaluation.get_absolute_url()

    def audit_scope_path(self) -> str:
        return self.evaluation.unit.path


def evidence_path(instance: "Evidence", filename: str) -> str:
    return f"evidence/{instance.evaluation.round.year}/{instance.evaluation_id}/{filename}"


class Evidence(models.Model):
    """Minh chứng: a file the unit attaches to its self-assessment."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="evidence")
    criterion = models.ForeignKey(
        Criterion,
        verbose_name=_("criterion"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence",
    )
    file = models.FileField(_("file"), upload_to=evidence_path)
    name = models.CharField(_("name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("indicators:evidence", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.evaluation.unit.path


class ReviewEvent(models.Model):
    """Lượt xét duyệt: submission, return (with reasons), approval or reopening of an evaluation."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=16, choices=ReviewAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("time"))
    reason = models.TextField(_("reasons"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return self.evaluation.get_absolute_url()


class Indicator(TimeStampedModel):
    """Chỉ tiêu: a share computed from evaluations or from the membership survey, with its target,
    comparator, period and scope.

    From evaluations (`source` = evaluations): numerator = units in the year's round that the measure
    counts (meeting the criteria, or graded at least `min_grade`); denominator = units with an
    approved evaluation, plus — when `missing_policy` says so — units that were due to be evaluated
    but have no approved evaluation.

    From the membership survey (`source` = membership): numerator = people reached, denominator =
    people of age, summed over the submitted returns of the year's survey (movement's
    `reached_share_for`); each year's target is the survey's own, `target_value` only stands in
    while a year has no survey. `kind`, `measure`, `min_grade` and `missing_policy` do not apply.
    """

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("definition"), blank=True)
    source = models.CharField(
        _("computed from"),
        max_length=16,
        choices=IndicatorSource.choices,
        default=IndicatorSource.EVALUATIONS,
        help_text=_(
            "From the membership survey, each year's target is the survey's own; the kind of evaluations, "
            "what is counted and units without an evaluation do not apply."
        ),
    )
    kind = models.CharField(_("evaluations of"), max_length=32, choices=CriteriaKind.choices, blank=True)
    measure = models.CharField(
        _("counts"), max_length=16, choices=Measure.choices, default=Measure.MEETS_CRITERIA
    )
    min_grade = models.CharField(_("minimum grade"), max_length=16, choices=Grade.choices, default=Grade.GOOD)
    missing_policy = models.CharField(
        _("units without an approved evaluation"),
        max_length=20,
        choices=MissingPolicy.choices,
        default=MissingPolicy.COUNT_AS_NOT_MET,
    )
    comparator = models.CharField(
        _("comparator"), max_length=2, choices=Comparator.choices, default=Comparator.GT
    )
    target_value = models.DecimalField(
        _("target (%)"), max_digits=5, decimal_places=2, default=Decimal(80), validators=PERCENT
    )
    start_year = models.PositiveSmallIntegerField(_("from year"))
    end_year = models.PositiveSmallIntegerField(_("to year"))
    scope = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("scope"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Only units under this unit (through parent or territory links in the year's organization) "
            "are counted; empty means every unit evaluated."
        ),
    )
    plan_target = models.ForeignKey(
        "plans.PlanTarget",
        verbose_name=_("plan target"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")),
                name="indicators_indicator_period_order",
                violation_error_message=_("The period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(source=IndicatorSource.EVALUATIONS) | ~Q(kind=""),
                name="indicators_indicator_evaluations_kind",
                violation_error_message=_(
                    "Choose which evaluations an indicator computed from evaluations counts."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("indicators:indicator", args=[self.pk])

    @property
    def target_label(self) -> str:
        return format_target(self.comparator, self.target_value)

    @property
    def from_membership(self) -> bool:
        return self.source == IndicatorSource.MEMBERSHIP

    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))

    def audit_scope_path(self) -> str:
        return ""


class IndicatorValue(models.Model):
    """Giá trị chỉ tiêu: one computed value for a year and an area (empty area = the whole scope).

    Provenance: the round and criteria version (from evaluations) or the survey (from the membership
    survey), the target applied, the day whose organization decided the areas, and `computed_at`.
    `breakdown` keeps the unit ids behind the number — {"met", "not_met", "missing"} for
    evaluations; {"returned", "not_returned"} and per-unit {"figures": {id: [people, of age]}} for
    the survey — so the drill-down shows exactly what was counted at `computed_at`.
    Recomputing adds a new row and marks the earlier one as no longer current.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("year"))
    area = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    round = models.ForeignKey(
        EvaluationRound, verbose_name=_("round"), null=True, on_delete=models.SET_NULL, related_name="values"
    )
    criteria_set = models.ForeignKey(
        CriteriaSet,
        verbose_name=_("criteria version"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    survey = models.ForeignKey(
        "movement.MembershipSurvey",
        verbose_name=_("membership survey"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reference_date = models.DateField(
        _("organization as of"),
        null=True,
        blank=True,
        help_text=_("The round's reference date or the survey's deadline."),
    )
    target_value = models.DecimalField(
        _("target applied (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    numerator = models.PositiveIntegerField(_("numerator"))
    denominator = models.PositiveIntegerField(_("denominator"))
    not_evaluated = models.PositiveIntegerField(_("without approved evaluation"), default=0)
    value = models.DecimalField(_("value (%)"), max_digits=5, decimal_places=2, null=True)
    met = models.BooleanField(_("target met"), null=True)
    computed_at = models.DateTimeField(_("computed at"))
    current = models.BooleanField(_("current"), default=True)
    breakdown = models.JSONField(default=dict)

    objects = IndicatorValueQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "year", "area__path"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        indexes = [models.Index(fields=["indicator", "year", "current"], name="indicators_value_lookup")]
        constraints = [
            models.CheckConstraint(
                condition=Q(numerator__lte=models.F("denominator")),
                name="indicators_value_fraction",
                violation_error_message=_("The numerator cannot exceed the denominator."),
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | (Q(value__gte=0) & Q(value__lte=100)),
                name="indicators_value_percent",
                violation_error_message=_("A share must be between 0 and 100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"

    def get_absolute_url(self) -> str:
        return reverse("indicators:value", args=[self.pk])

    @property
    def target(self) -> Decimal:
        """The target this value was judged against (older values: the indicator's)."""
        return self.indicator.target_value if self.target_value is None else self.target_value

    @property
    def target_label(self) -> str:
        return format_target(self.indicator.comparator, self.target)
