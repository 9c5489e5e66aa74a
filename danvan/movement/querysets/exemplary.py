from django.db import models
from django.db.models import Q

from danvan.core.permissions import scope_path_for, sees_everything
from danvan.core.text import fold

from .common import count_of, sum_of


class ExemplaryModelQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ExemplaryModelQuerySet":
        """Everything for the Board and leaders; a unit's officers see their sub-tree and published models."""
        if sees_everything(user):
            return self
        if not getattr(user, "is_authenticated", False):
            return self.published()
        path = scope_path_for(user)
        return self.filter(Q(published=True) | Q(unit__path__startswith=path)) if path else self.published()

    def published(self) -> "ExemplaryModelQuerySet":
        return self.filter(published=True)

    def with_award_counts(self) -> "ExemplaryModelQuerySet":
        """`n_awards` and `n_copies` (times replicated), each counted apart so one never multiplies the
        other; awards and replications are seen with their model."""
        from ..models import Award, Replication

        return self.annotate(
            n_awards=count_of(Award.objects.all(), "model"),
            n_copies=sum_of(Replication.objects.all(), "model", "count"),
        )

    def search(self, query: str) -> "ExemplaryModelQuerySet":
        """Diacritic-insensitive: every word must appear in the name, person, description or results."""
        qs = self
        for word in fold(query).split():
            qs = qs.filter(search_text__contains=word)
        return qs
