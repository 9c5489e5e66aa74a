from django.db import models

from danvan.core.permissions import in_scope
from danvan.core.text import fold


class OpinionNoteQuerySet(models.QuerySet):
    def visible_to(self, user) -> "OpinionNoteQuerySet":
        return in_scope(self, user, "unit__path", "area__path")

    def search(self, query: str) -> "OpinionNoteQuerySet":
        """Diacritic-insensitive: every word must appear in the summary, sources, area or unit."""
        qs = self
        for word in fold(query).split():
            qs = qs.filter(search_text__contains=word)
        return qs

    def needing_action(self) -> "OpinionNoteQuerySet":
        return self.filter(needs_action=True)
