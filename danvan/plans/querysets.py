"""Domain verbs for plans and tasks: visible_to(user)."""

from django.db import models
from django.db.models import Exists, OuterRef

from danvan.core.permissions import scope_path_for, sees_everything


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PlanQuerySet":
        """Plans seen whole by coordinators/leaders/admins; others see plans with a task in their scope."""
        if sees_everything(user):
            return self
        path = scope_path_for(user)
        if not path:
            return self.none()
        from .models import Assignment

        return self.filter(
            Exists(Assignment.objects.filter(task__plan=OuterRef("pk"), unit__path__startswith=path))
        )


class TaskQuerySet(models.QuerySet):
    def visible_to(self, user) -> "TaskQuerySet":
        """Scoped roles see only tasks with an assignment whose unit lies in their sub-tree."""
        if sees_everything(user):
            return self
        path = scope_path_for(user)
        if not path:
            return self.none()
        from .models import Assignment

        return self.filter(
            Exists(Assignment.objects.filter(task=OuterRef("pk"), unit__path__startswith=path))
        )


class AssignmentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "AssignmentQuerySet":
        if sees_everything(user):
            return self
        from .models import Task

        return self.filter(task__in=Task.objects.visible_to(user))
