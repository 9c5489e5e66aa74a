"""Read-only API of reporting: periods, body reports and each period's completeness (all via visible_to)."""

from django.shortcuts import get_object_or_404
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from .. import services
from ..models import BodyReport, ReportingPeriod
from .serializers import BodyReportSerializer, ReportingPeriodSerializer


class ReportingPeriodViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ReportingPeriodSerializer

    def get_queryset(self):
        return ReportingPeriod.objects.visible_to(self.request.user).order_by("-starts_on", "id")

    @action(detail=True)
    def completeness(self, request, pk=None):
        """Expected / received / on time with rates, per district, and who has not reported."""
        period = get_object_or_404(self.get_queryset(), pk=pk)
        if not request.user.has_perm("reporting.view_completeness"):
            raise PermissionDenied
        result = services.completeness(period, user=request.user)

        def tally(t):
            return {
                "label": str(t.label),
                "expected": t.expected,
                "received": t.received,
                "on_time": t.on_time,
                "received_rate": t.received_rate,
                "on_time_rate": t.on_time_rate,
            }

        return Response(
            {
                "period": period.pk,
                "total": tally(result.total),
                "by_district": [tally(t) for t in result.by_district],
                "missing": [{"unit": line.unit.pk, "name": line.unit.name} for line in result.missing],
                "exempted": [
                    {"unit": line.unit.pk, "name": line.unit.name, "reason": line.obligation.reason}
                    for line in result.exempted
                ],
            }
        )


class BodyReportViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = BodyReportSerializer
    filterset_fields = ["period", "status", "unit"]

    def get_queryset(self):
        return (
            BodyReport.objects.visible_to(self.request.user)
            .select_related("unit")
            .order_by("period", "unit__path")
        )
