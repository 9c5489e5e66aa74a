from django.db import models
from django.db.models import Q

from danvan.core.permissions import scope_path_for, sees_everything
from danvan.core.text import fold


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

    def search(self, query: str) -> "ExemplaryModelQuerySet":
        """Diacritic-insensitive: every word must appear in the name, person, description or results."""
        qs = self
        for word in fold(query).split():
            qs = qs.filter(search_text__contains=word)
        return qs
