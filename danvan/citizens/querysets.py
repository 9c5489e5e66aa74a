"""Domain verbs for petitions, sessions and meetings: visible_to(user), open(), overdue(on=), due_soon()."""

from datetime import date, timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone

from danvan.core.permissions import scope_path_for, sees_everything
from danvan.core.text import fold

from .choices import ItemStatus, Status


def _scope(user, *fields: str) -> Q | None:
    """Q matching records whose unit path (any of `fields`) lies in the user's sub-tree; None = all."""
    if sees_everything(user):
        return None
    path = scope_path_for(user)
    if not path:
        return Q(pk__in=[])
    query = Q()
    for field in fields:
        query |= Q(**{f"{field}__startswith": path})
    return query


class PetitionQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PetitionQuerySet":
        """Scoped users see petitions received by, or routed to, their unit or its sub-units."""
        scope = _scope(user, "received_path", "handling_path")
        return self if scope is None else self.filter(scope)

    def open(self) -> "PetitionQuerySet":
        return self.filter(status__in=Status.open_values())

    def overdue(self, on: date | None = None) -> "PetitionQuerySet":
        """Open petitions whose current step is past its legal time limit."""
        on = on or timezone.localdate()
        return self.open().filter(current_due__lt=on)

    past_legal_deadline = overdue

    def due_soon(self, on: date | None = None, days: int = 3) -> "PetitionQuerySet":
        on = on or timezone.localdate()
        return self.open().filter(current_due__gte=on, current_due__lte=on + timedelta(days=days))

    def search(self, query: str) -> "PetitionQuerySet":
        """Tracking code, subject or the shown sender label; a protected identity is never searched."""
        qs = self
        for word in fold(query).split():
            qs = qs.filter(search_text__contains=word)
        return qs


class SessionQuerySet(models.QuerySet):
    def visible_to(self, user) -> "SessionQuerySet":
        scope = _scope(user, "unit__path")
        return self if scope is None else self.filter(scope)


class MeetingItemQuerySet(models.QuerySet):
    def visible_to(self, user) -> "MeetingItemQuerySet":
        scope = _scope(user, "meeting__unit__path", "responsible_body__path")
        return self if scope is None else self.filter(scope)

    def open(self) -> "MeetingItemQuerySet":
        return self.filter(status__in=ItemStatus.open_values())

    def overdue(self, on: date | None = None) -> "MeetingItemQuerySet":
        on = on or timezone.localdate()
        return self.open().filter(due_on__lt=on)
