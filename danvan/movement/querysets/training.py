from django.db import models

from .common import in_scope


class TrainingCourseQuerySet(models.QuerySet):
    def visible_to(self, user) -> "TrainingCourseQuerySet":
        """Courses organized in the user's sub-tree or attended by one of its units."""
        return in_scope(self, user, "organizer__path", "participations__unit__path").distinct()

    def in_year(self, year: int) -> "TrainingCourseQuerySet":
        return self.filter(starts_on__year=year)
