"""Domain verbs for org units: active(on=), visible_to(user), search(q)."""

from datetime import date

from django.db import models
from django.db.models import Q

from danvan.core.permissions import in_scope
from danvan.core.text import fold


class OrgUnitQuerySet(models.QuerySet):
    def active(self, on: date | None = None) -> "OrgUnitQuerySet":
        """Units that exist on the given day (today when omitted)."""
        from django.utils import timezone

        on = on or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on)
        )

    def visible_to(self, user) -> "OrgUnitQuerySet":
        """The permission filter every list of units goes through."""
        return in_scope(self, user, "path")

    def search(self, query: str) -> "OrgUnitQuerySet":
        """Diacritic-insensitive search over names, short names and aliases: every word must match."""
        qs = self
        for word in fold(query).split():
            qs = qs.filter(search_text__contains=word)
        return qs


class UserQuerySet(models.QuerySet):
    def visible_to(self, user) -> "UserQuerySet":
        return in_scope(self, user, "org_unit__path")
