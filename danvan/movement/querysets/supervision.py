from datetime import date

from django.db import models
from django.db.models import Exists, OuterRef

from danvan.core.permissions import in_scope

from ..choices import RecommendationStatus
from .common import count_of


class SupervisionProgrammeQuerySet(models.QuerySet):
    def visible_to(self, user) -> "SupervisionProgrammeQuerySet":
        """The supervising organization's sub-tree, and the bodies a recommendation is addressed to."""
        from ..models import Recommendation

        def addressed(path: str) -> Exists:
            return Exists(
                Recommendation.objects.filter(programme=OuterRef("pk"), addressed_to__path__startswith=path)
            )

        return in_scope(self, user, "organization__path", addressed)

    def for_year(self, year: int) -> "SupervisionProgrammeQuerySet":
        return self.filter(year=year)

    def with_recommendation_counts(self, user, today: date) -> "SupervisionProgrammeQuerySet":
        """`n_recommendations`, `n_resolved` and `n_overdue` (on `today`) of each programme, counting only
        the recommendations `user` may see: one rule for the list page and the API."""
        from ..models import Recommendation

        recs = Recommendation.objects.visible_to(user)
        return self.annotate(
            n_recommendations=count_of(recs, "programme"),
            n_resolved=count_of(recs.filter(status=RecommendationStatus.RESOLVED), "programme"),
            n_overdue=count_of(recs.overdue(today), "programme"),
        )


class RecommendationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "RecommendationQuerySet":
        return in_scope(self, user, "programme__organization__path", "addressed_to__path")

    def open(self) -> "RecommendationQuerySet":
        return self.filter(status=RecommendationStatus.OPEN)

    def overdue(self, on: date) -> "RecommendationQuerySet":
        """Not answered and past the due date (the due date itself is still in time)."""
        return self.open().filter(due_date__lt=on)

    def unresolved(self) -> "RecommendationQuerySet":
        return self.exclude(status=RecommendationStatus.RESOLVED)


class SocialCriticismQuerySet(models.QuerySet):
    def visible_to(self, user) -> "SocialCriticismQuerySet":
        return in_scope(self, user, "organization__path", "requesting_body__path")
