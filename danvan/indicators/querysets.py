"""Domain verbs for criteria, rounds, evaluations and indicator values; `visible_to` on each."""

from django.db import models
from django.db.models import Q

from danvan.core.permissions import in_scope, scope_path_for, sees_everything


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


class CriteriaSetQuerySet(models.QuerySet):
    def visible_to(self, user) -> "CriteriaSetQuerySet":
        """Criteria are the published rules of grading: every signed-in user may read them."""
        return self if _authenticated(user) else self.none()

    def latest_for(self, kind: str, year: int):
        return self.filter(kind=kind, year=year).order_by("-version").first()


class EvaluationRoundQuerySet(models.QuerySet):
    def visible_to(self, user) -> "EvaluationRoundQuerySet":
        return self if _authenticated(user) else self.none()

    def for_year(self, year: int) -> "EvaluationRoundQuerySet":
        return self.filter(year=year)

    def with_counts(self, user) -> "EvaluationRoundQuerySet":
        """n_total / n_submitted / n_approved over the evaluations `user` may see, never the others."""
        from .choices import EvaluationStatus
        from .models import Evaluation

        visible = None
        if not sees_everything(user):
            visible = Q(evaluations__in=Evaluation.objects.visible_to(user).values("pk"))

        def only(condition: Q | None) -> Q | None:
            return condition if visible is None else (visible if condition is None else visible & condition)

        return self.annotate(
            n_total=models.Count("evaluations", filter=only(None)),
            n_submitted=models.Count(
                "evaluations", filter=only(Q(evaluations__status=EvaluationStatus.SUBMITTED))
            ),
            n_approved=models.Count(
                "evaluations", filter=only(Q(evaluations__status=EvaluationStatus.APPROVED))
            ),
        )


class EvaluationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "EvaluationQuerySet":
        """Scoped users see their own unit's evaluations and those of the units below it."""
        return in_scope(self, user, "unit__path", "reviewer_unit__path")

    def not_self_assessed(self) -> "EvaluationQuerySet":
        """Units that have not sent their self-assessment (never submitted)."""
        from .choices import EvaluationStatus

        return self.filter(status__in=[EvaluationStatus.NOT_STARTED, EvaluationStatus.DRAFT])

    def awaiting_review(self) -> "EvaluationQuerySet":
        from .choices import EvaluationStatus

        return self.filter(status=EvaluationStatus.SUBMITTED)

    def approved(self) -> "EvaluationQuerySet":
        from .choices import EvaluationStatus

        return self.filter(status=EvaluationStatus.APPROVED)


class IndicatorQuerySet(models.QuerySet):
    def visible_to(self, user) -> "IndicatorQuerySet":
        return self if _authenticated(user) else self.none()


class IndicatorValueQuerySet(models.QuerySet):
    def current(self) -> "IndicatorValueQuerySet":
        return self.filter(current=True)

    def overall(self) -> "IndicatorValueQuerySet":
        """Values for the whole scope (the province), not broken down by area."""
        return self.filter(area__isnull=True)

    def visible_to(self, user) -> "IndicatorValueQuerySet":
        """Province-wide values are open to every signed-in user; area values follow the unit scope."""
        if sees_everything(user):
            return self
        path = scope_path_for(user)
        if not _authenticated(user):
            return self.none()
        return self.filter(Q(area__isnull=True) | Q(area__path__startswith=path)) if path else self.overall()
