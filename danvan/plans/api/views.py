from django.db.models import Prefetch
from django_filters import rest_framework as filters
from rest_framework import viewsets

from ..models import Assignment, Plan, Task
from .serializers import PlanSerializer, TaskSerializer


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    """Plans the caller may see (scoped roles: plans with a task of their unit or sub-units)."""

    serializer_class = PlanSerializer
    filterset_fields = ["status", "term_start", "term_end"]

    def get_queryset(self):
        return Plan.objects.visible_to(self.request.user).order_by("-issued_on", "-id")


class TaskFilterSet(filters.FilterSet):
    class Meta:
        model = Task
        fields = ["plan", "section", "recurrence", "parent"]


class TaskViewSet(viewsets.ReadOnlyModelViewSet):
    """Tasks the caller may see, with their assignments."""

    serializer_class = TaskSerializer
    filterset_class = TaskFilterSet

    def get_queryset(self):
        return (
            Task.objects.visible_to(self.request.user)
            .select_related("section")
            .prefetch_related(Prefetch("assignments", queryset=Assignment.objects.select_related("unit")))
            .order_by("plan", "order", "id")
        )
