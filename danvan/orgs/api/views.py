from django_filters import rest_framework as filters
from rest_framework import viewsets

from ..models import OrgUnit
from .serializers import OrgUnitSerializer


class OrgUnitFilterSet(filters.FilterSet):
    q = filters.CharFilter(method="filter_q", label="Search by name or alias")
    active_on = filters.DateFilter(method="filter_active_on")

    class Meta:
        model = OrgUnit
        fields = ["kind", "parent", "code"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_active_on(self, queryset, name, value):
        return queryset.active(value)


class OrgUnitViewSet(viewsets.ReadOnlyModelViewSet):
    """Org units the caller may see (own unit and sub-units for scoped roles)."""

    serializer_class = OrgUnitSerializer
    filterset_class = OrgUnitFilterSet

    def get_queryset(self):
        return OrgUnit.objects.visible_to(self.request.user).prefetch_related("aliases").order_by("path")
