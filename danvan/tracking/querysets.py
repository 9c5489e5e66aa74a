"""Domain verbs for occurrences: visible_to(user), with_outcome(on=), overdue(on=), due_soon(), search()."""

from datetime import date, timedelta

from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.utils import timezone

from danvan.core.permissions import scope_path_for, sees_everything
from danvan.core.text import fold

from .choices import Outcome


def outcome_expression(today: date) -> Case:
    """status.outcome() in SQL, so that lists and counts never load rows to compute a status."""
    return Case(
        When(
            Q(completed_on__isnull=False)
            & (Q(due_date__isnull=True) | Q(completed_on__lte=models.F("due_date"))),
            then=Value(Outcome.DONE_ON_TIME.value),
        ),
        When(completed_on__isnull=False, then=Value(Outcome.DONE_LATE.value)),
        When(due_date__lt=today, then=Value(Outcome.OVERDUE.value)),
        When(started_on__isnull=False, then=Value(Outcome.IN_PROGRESS.value)),
        default=Value(Outcome.NOT_STARTED.value),
        output_field=models.CharField(),
    )


def _assigned_in(path: str):
    from danvan.plans.models import Assignment

    return Exists(Assignment.objects.filter(task=OuterRef("task_id"), unit__path__startswith=path))


class OccurrenceQuerySet(models.QuerySet):
    def visible_to(self, user) -> "OccurrenceQuerySet":
        """Board and leaders see all; a body sees work it leads or is assigned to, in its sub-tree."""
        if sees_everything(user):
            return self
        path = scope_path_for(user)
        if not path:
            return self.none()
        return self.filter(Q(lead_unit__path__startswith=path) | _assigned_in(path))

    def with_outcome(self, on: date | None = None) -> "OccurrenceQuerySet":
        return self.annotate(computed_outcome=outcome_expression(on or timezone.localdate()))

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

        coordinates = Exists(
            Assignment.objects.filter(
                task=OuterRef("task_id"),
                unit=unit,
                role__in=[AssignmentRole.COORDINATOR, AssignmentRole.CO_LEAD],
            )
        )
        contributed = Exists(
            ProgressEntry.objects.filter(occurrence=OuterRef("pk"), unit=unit, kind=EntryKind.CONTRIBUTION)
        )
        return self.open().exclude(lead_unit=unit).filter(coordinates).exclude(contributed)

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
