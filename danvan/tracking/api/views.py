"""REST API of plan execution (/api/tracking/). Every queryset goes through visible_to(user); a record
out of the caller's scope answers 404, an action the caller may not take 403."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from .. import services
from ..choices import Outcome
from ..models import Notification, Occurrence, ProgressEntry
from . import serializers as s


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "stale_version"


class OccurrenceFilterSet(filters.FilterSet):
    body = filters.NumberFilter(field_name="lead_unit", label="Lead body (org unit id)")
    outcome = filters.ChoiceFilter(choices=Outcome.choices, method="filter_outcome", label="Computed status")
    due_soon = filters.BooleanFilter(method="filter_due_soon", label="Open work due within the band")
    q = filters.CharFilter(method="filter_q", label="Search without diacritics")

    class Meta:
        model = Occurrence
        fields = ["plan", "section", "task", "year", "kind"]

    def filter_outcome(self, queryset, name, value):
        return queryset.with_status(value)

    def filter_due_soon(self, queryset, name, value):
        soon = queryset.due_soon()
        return soon if value else queryset.exclude(pk__in=soon.values("pk"))

    def filter_q(self, queryset, name, value):
        return queryset.search(value)


class OccurrenceViewSet(viewsets.ReadOnlyModelViewSet):
    """Occurrences (kỳ thực hiện) the caller may see, with their computed status."""

    serializer_class = s.OccurrenceSerializer
    filterset_class = OccurrenceFilterSet

    def get_queryset(self):
        return (
            Occurrence.objects.visible_to(self.request.user)
            .select_related("task", "lead_unit")
            .order_by("due_date", "pk")
        )

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    @extend_schema(
        responses=s.OutcomeCountsSerializer,
        parameters=[
            OpenApiParameter(name, OpenApiTypes.INT, description=f"Filter by {name} id")
            for name in ("plan", "section", "task", "body")
        ]
        + [
            OpenApiParameter("year", OpenApiTypes.INT),
            OpenApiParameter("kind", OpenApiTypes.STR),
            OpenApiParameter("outcome", OpenApiTypes.STR, enum=Outcome.values),
            OpenApiParameter("due_soon", OpenApiTypes.BOOL),
            OpenApiParameter("q", OpenApiTypes.STR, description="Search without diacritics"),
        ],
    )
    @action(detail=False, pagination_class=None, filterset_class=OccurrenceFilterSet)
    def counts(self, request):
        """Counts by computed status of the filtered occurrences the caller may see (one query)."""
        counts = services.outcome_totals(self.filter_queryset(self.get_queryset()))
        return Response({**counts, "total": sum(counts.values())})


class ProgressEntryFilterSet(filters.FilterSet):
    class Meta:
        model = ProgressEntry
        fields = ["occurrence", "kind", "unit"]


class ProgressEntryViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Progress reports, contributions and comments on occurrences the caller may see.

    POST records progress (lead body, Board) or a contribution (coordinating body) through
    services.add_progress, the same rules as the task page: percent 0-100, evidence checked by
    content and size, and the occurrence's `version` — a report based on an older version answers
    409 and writes nothing."""

    filterset_class = ProgressEntryFilterSet
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self):
        return (
            ProgressEntry.objects.visible_to(self.request.user)
            .select_related("author", "unit")
            .prefetch_related("evidence")
            .order_by("-created_at", "-id")
        )

    def get_serializer_class(self):
        return s.ProgressCreateSerializer if self.action == "create" else s.ProgressEntrySerializer

    @extend_schema(
        request=s.ProgressCreateSerializer,
        responses={
            201: s.ProgressEntrySerializer,
            400: OpenApiResponse(description="Invalid input (message in Vietnamese)."),
            403: OpenApiResponse(description="The caller's body may not report on this occurrence."),
            404: OpenApiResponse(description="No such occurrence within the caller's scope."),
            409: OpenApiResponse(description="Someone else updated the occurrence: reload and retry."),
        },
    )
    def create(self, request, *args, **kwargs):
        form = s.ProgressCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        occ = get_object_or_404(
            Occurrence.objects.visible_to(request.user).select_related("task", "lead_unit"),
            pk=data["occurrence"],
        )
        try:
            entry = services.add_progress(
                occ,
                actor=request.user,
                text=data["text"],
                percent=data.get("percent"),
                files=data["files"],
                version=data["version"],
            )
        except services.StaleVersion as error:
            raise Conflict(error.messages[0]) from error
        except DjangoValidationError as error:
            raise ValidationError({"detail": error.messages}) from error
        except DjangoPermissionDenied as error:
            raise PermissionDenied(str(error) or None) from error
        entry = self.get_queryset().get(pk=entry.pk)
        return Response(s.ProgressEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


class NotificationFilterSet(filters.FilterSet):
    unread = filters.BooleanFilter(field_name="read_at", lookup_expr="isnull", label="Only unread")

    class Meta:
        model = Notification
        fields = ["occurrence"]


class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The caller's own in-app notifications; anybody else's answer 404."""

    serializer_class = s.NotificationSerializer
    filterset_class = NotificationFilterSet

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation, no real user
            return Notification.objects.none()
        return Notification.objects.filter(user=self.request.user).order_by("-created_at", "-id")

    @extend_schema(request=None, responses=s.NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        """Mark one notification as read."""
        note = self.get_object()
        services.mark_read(note)
        note.refresh_from_db()
        return Response(s.NotificationSerializer(note).data)

    @extend_schema(request=None, responses={200: s.MarkedSerializer})
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        """Mark all the caller's notifications as read; answers how many were unread."""
        return Response({"marked": services.mark_all_read(request.user)})
