from django.db import models
from django.utils.translation import gettext_lazy as _


class CriteriaKind(models.TextChoices):
    """What a criteria set grades: "Dân vận khéo" work of agencies, or grassroots democracy of communes."""

    DAN_VAN_KHEO = "dan_van_kheo", _("“Skilled mass mobilization” (agencies and units)")
    GRASSROOTS_DEMOCRACY = "grassroots_democracy", _("Grassroots democracy (communes and grassroots units)")


class ScoringMode(models.TextChoices):
    POINTS = "points", _("Points")
    PASS_FAIL = "pass_fail", _("Pass / fail")


class Grade(models.TextChoices):
    """Xếp loại: Tốt / Khá / Trung bình / Yếu, or không xếp loại. Ordered best first."""

    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    AVERAGE = "average", _("Average")
    WEAK = "weak", _("Weak")
    NOT_GRADED = "not_graded", _("Not graded")

    @classmethod
    def rank(cls, value: str) -> int:
        """Higher is better; NOT_GRADED ranks below every grade."""
        return {cls.GOOD: 4, cls.FAIR: 3, cls.AVERAGE: 2, cls.WEAK: 1}.get(value, 0)


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    OPEN = "open", _("Open for self-assessment")
    CLOSED = "closed", _("Closed")


class EvaluationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    DRAFT = "draft", _("Self-assessment in progress")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned for revision")
    APPROVED = "approved", _("Approved")

    @classmethod
    def self_assessed(cls) -> list[str]:
        return [cls.SUBMITTED, cls.RETURNED, cls.APPROVED]


class ReviewAction(models.TextChoices):
    SUBMIT = "submit", _("Submitted")
    RETURN = "return", _("Returned")
    APPROVE = "approve", _("Approved")
    REOPEN = "reopen", _("Reopened")


class Measure(models.TextChoices):
    """What the numerator counts among the evaluations of the year."""

    MEETS_CRITERIA = "meets", _("Units meeting the criteria")
    GRADE_AT_LEAST = "grade_at_least", _("Units graded at least the given grade")


class MissingPolicy(models.TextChoices):
    """How units in the round that have no approved evaluation enter the denominator."""

    EXCLUDE = "exclude", _("Left out of the denominator")
    COUNT_AS_NOT_MET = "count_as_not_met", _("Counted in the denominator as not meeting")


class IndicatorSource(models.TextChoices):
    """Where an indicator's values come from."""

    EVALUATIONS = "evaluations", _("Evaluations of units (share of units)")
    MEMBERSHIP = "membership", _("Membership survey (share of people of age gathered into organizations)")
