"""Domain verbs for petitions, sessions and meetings: visible_to(user), open(), overdue(on=), due_soon()."""

from datetime import date, timedelta

from django.db import models
from django.utils import timezone

from danvan.core.permissions import in_scope
from danvan.core.text import fold

from .choices import ItemStatus


class NotIndexed(models.Func):
    """`+column` on SQLite: keeps a WHERE term from choosing the index (the documented way to steer the
    planner, sqlite.org/optoverview.html §"Disqualifying WHERE clause terms using unary-+"); the plain
    column elsewhere."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="+%(expressions)s", **extra)


class PetitionQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PetitionQuerySet":
        """Scoped users see petitions received by, or routed to, their unit or its sub-units."""
        return in_scope(self, user, "received_path", "handling_path")

    def open(self) -> "PetitionQuerySet":
        return self.filter(pending=1)

    def overdue(self, on: date | None = None, *, in_list_order: bool = False) -> "PetitionQuerySet":
        """Open petitions whose current step is past its legal time limit.

        in_list_order: when most rows match, read them in the list's order (received_on) instead of
        through the time-limit index (see PetitionListView.paginate_queryset)."""
        on = on or timezone.localdate()
        return self.open()._due_filter(in_list_order, lt=on)

    past_legal_deadline = overdue

    def due_soon(
        self, on: date | None = None, days: int = 3, *, in_list_order: bool = False
    ) -> "PetitionQuerySet":
        on = on or timezone.localdate()
        return self.open()._due_filter(in_list_order, gte=on, lte=on + timedelta(days=days))

    def _due_filter(self, in_list_order: bool, **bounds) -> "PetitionQuerySet":
        if not in_list_order:
            return self.filter(**{f"current_due__{op}": value for op, value in bounds.items()})
        due = NotIndexed("current_due", output_field=models.DateField())
        return self.alias(_due=due).filter(**{f"_due__{op}": value for op, value in bounds.items()})

    def search(self, query: str) -> "PetitionQuerySet":
        """Tracking code, subject or the shown sender label, through the search index (search.py);
        a protected identity is never indexed, so never searched."""
        from .search import search_petitions

        return search_petitions(self, fold(query).split())


class SessionQuerySet(models.QuerySet):
    def visible_to(self, user) -> "SessionQuerySet":
        return in_scope(self, user, "unit__path")


class MeetingItemQuerySet(models.QuerySet):
    def visible_to(self, user) -> "MeetingItemQuerySet":
        return in_scope(self, user, "meeting__unit__path", "responsible_body__path")

    def open(self) -> "MeetingItemQuerySet":
        return self.filter(status__in=ItemStatus.open_values())

    def overdue(self, on: date | None = None) -> "MeetingItemQuerySet":
        on = on or timezone.localdate()
        return self.open().filter(due_on__lt=on)
