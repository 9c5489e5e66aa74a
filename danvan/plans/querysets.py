"""Domain verbs for plans, tasks, their targets and citations: visible_to(user)."""

from django.db import models
from django.db.models import Exists, OuterRef, Q

from danvan.core.permissions import in_scope, sees_everything


def _assignment_in_scope(row: str):
    """For `in_scope`: the row (a task, or a plan through "task__plan") has an assignment in the sub-tree."""

    def condition(path: str) -> Exists:
        from .models import Assignment

        return Exists(Assignment.objects.filter(**{row: OuterRef("pk")}, unit__path__startswith=path))

    return condition


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PlanQuerySet":
        """Plans seen whole by coordinators/leaders/admins; others see plans with a task in their scope."""
        return in_scope(self, user, _assignment_in_scope("task__plan"))


class TaskQuerySet(models.QuerySet):
    def visible_to(self, user) -> "TaskQuerySet":
        """Scoped roles see only tasks with an assignment whose unit lies in their sub-tree."""
        return in_scope(self, user, _assignment_in_scope("task"))

    def parent_of(self, task):
        """The task's parent if it is among these (e.g. visible_to the user), else None."""
        return self.filter(pk=task.parent_id).first() if task.parent_id else None


class AssignmentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "AssignmentQuerySet":
        if sees_everything(user):
            return self
        from .models import Task

        return self.filter(task__in=Task.objects.visible_to(user))


class PlanTargetQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PlanTargetQuerySet":
        """A target is seen with its plan."""
        from .models import Plan

        return self if sees_everything(user) else self.filter(plan__in=Plan.objects.visible_to(user))


class CitationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "CitationQuerySet":
        """A citation is seen with what cites it: its task, or its plan when the plan itself cites."""
        if sees_everything(user):
            return self
        from .models import Plan, Task

        return self.filter(plan__in=Plan.objects.visible_to(user)).filter(
            Q(task=None) | Q(task__in=Task.objects.visible_to(user))
        )
