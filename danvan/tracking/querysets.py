"""Domain verbs for occurrences: visible_to(user), with_outcome(on=), overdue(on=), due_soon(), search()."""

from datetime import date, timedelta

from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.utils import timezone

from danvan.core.permissions import in_scope, sees_everything
from danvan.core.text import fold

from .choices import Outcome

# Outcome.values builds a new list on every access; hot loops use this tuple instead.
OUTCOMES: tuple[str, ...] = tuple(Outcome.values)


def outcome_condition(outcome: str, today: date) -> Q:
    """The SQL condition for one outcome: status.outcome() as five mutually exclusive conditions.

    Lists filter with it, counts aggregate with it (COUNT … FILTER per outcome, one pass over an
    index) and `outcome_expression` is built from it, so the rule exists once in SQL.
    """
    done = Q(completed_on__isnull=False)
    is_open = Q(completed_on__isnull=True)
    in_time = Q(due_date__isnull=True) | Q(due_date__gte=today)
    return {
        Outcome.DONE_ON_TIME: done & (Q(due_date__isnull=True) | Q(completed_on__lte=models.F("due_date"))),
        Outcome.DONE_LATE: done & Q(due_date__isnull=False, completed_on__gt=models.F("due_date")),
        Outcome.OVERDUE: is_open & Q(due_date__lt=today),
        Outcome.IN_PROGRESS: is_open & in_time & Q(started_on__isnull=False),
        Outcome.NOT_STARTED: is_open & in_time & Q(started_on__isnull=True),
    }[Outcome(outcome)]


def outcome_expression(today: date) -> Case:
    """status.outcome() in SQL, so that lists and counts never load rows to compute a status."""
    return Case(
        # The conditions exclude each other, so their order does not matter.
        *[When(outcome_condition(o, today), then=Value(o)) for o in OUTCOMES if o != Outcome.NOT_STARTED],
        default=Value(Outcome.NOT_STARTED.value),
        output_field=models.CharField(),
    )


def outcome_counts(today: date) -> dict:
    """Aggregates {"n_<outcome>": COUNT(*) FILTER (outcome)} for .annotate()/.aggregate()."""
    return {f"n_{o}": models.Count("pk", filter=outcome_condition(o, today)) for o in OUTCOMES}


def _assigned_in(path: str):
    from danvan.plans.models import Assignment

    return Exists(Assignment.objects.filter(task=OuterRef("task_id"), unit__path__startswith=path))


class OccurrenceQuerySet(models.QuerySet):
    def visible_to(self, user) -> "OccurrenceQuerySet":
        """Board and leaders see all; a body sees work it leads or is assigned to, in its sub-tree."""
        return in_scope(self, user, "lead_unit__path", _assigned_in)

    def with_outcome(self, on: date | None = None) -> "OccurrenceQuerySet":
        return self.annotate(computed_outcome=outcome_expression(on or timezone.localdate()))

    def with_status(self, outcome: str, on: date | None = None) -> "OccurrenceQuerySet":
        """Only occurrences whose computed outcome is `outcome` on the day (no annotation needed)."""
        return self.filter(outcome_condition(outcome, on or timezone.localdate()))

    def open(self) -> "OccurrenceQuerySet":
        return self.filter(completed_on__isnull=True)

    def overdue(self, on: date | None = None) -> "OccurrenceQuerySet":
        return self.open().filter(due_date__lt=on or timezone.localdate())

    def due_soon(self, on: date | None = None, days: int | None = None) -> "OccurrenceQuerySet":
        from .status import due_soon_days

        on = on or timezone.localdate()
        days = due_soon_days() if days is None else days
        return self.open().filter(due_date__gte=on, due_date__lte=on + timedelta(days=days))

    def current(self, on: date | None = None) -> "OccurrenceQuerySet":
        """Occurrences whose period contains the day."""
        on = on or timezone.localdate()
        return self.filter(period_start__lte=on, period_end__gte=on)

    def led_by(self, unit) -> "OccurrenceQuerySet":
        return self.filter(lead_unit=unit)

    def awaiting_contribution_from(self, unit) -> "OccurrenceQuerySet":
        """Open work where `unit` coordinates and has not yet recorded its contribution."""
        from danvan.plans.choices import AssignmentRole
        from danvan.plans.models import Assignment

        from .choices import EntryKind
        from .models import ProgressEntry

        # Driven from the body's assignments (task_id IN …): a few index look-ups instead of a scan of
        # every occurrence with a correlated sub-query per row.
        coordinated = Assignment.objects.filter(
            unit=unit, role__in=[AssignmentRole.COORDINATOR, AssignmentRole.CO_LEAD]
        ).values("task_id")
        contributed = Exists(
            ProgressEntry.objects.filter(occurrence=OuterRef("pk"), unit=unit, kind=EntryKind.CONTRIBUTION)
        )
        return self.open().exclude(lead_unit=unit).filter(task_id__in=coordinated).exclude(contributed)

    def search(self, query: str) -> "OccurrenceQuerySet":
        """Diacritic-insensitive: "dan van kheo" finds "Dân vận khéo"; every word must match."""
        qs = self
        for word in fold(query).split():
            qs = qs.filter(search_text__contains=word)
        return qs


class ProgressEntryQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ProgressEntryQuerySet":
        from .models import Occurrence

        if sees_everything(user):
            return self
        return self.filter(occurrence__in=Occurrence.objects.visible_to(user))


class ReminderQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ReminderQuerySet":
        from .models import Occurrence

        if sees_everything(user):
            return self
        return self.filter(occurrence__in=Occurrence.objects.visible_to(user))


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)
