from django.db import models

from danvan.core.permissions import in_scope

from .common import sum_of


class TrainingCourseQuerySet(models.QuerySet):
    def visible_to(self, user) -> "TrainingCourseQuerySet":
        """Courses organized in the user's sub-tree or attended by one of its units."""
        return in_scope(self, user, "organizer__path", "participations__unit__path").distinct()

    def in_year(self, year: int) -> "TrainingCourseQuerySet":
        return self.filter(starts_on__year=year)

    def with_participant_totals(self) -> "TrainingCourseQuerySet":
        """`attended` and `completed`: every unit and role of each course, as its page lists them (a
        course's participants are seen with the course, so a scope join must not narrow the totals)."""
        from ..models import TrainingParticipation

        parts = TrainingParticipation.objects.all()
        return self.annotate(
            attended=sum_of(parts, "course", "attended"), completed=sum_of(parts, "course", "completed")
        )
