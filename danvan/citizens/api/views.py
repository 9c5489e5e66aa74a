"""REST API of the citizens app (/api/citizens/). Every queryset goes through visible_to(user)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Count
from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import services
from ..choices import PetitionType, Status, Topic
from ..models import Holiday, Meeting, MeetingItem, Petition, ReceptionSession, TimeLimitRule
from . import serializers as s


class HasPerm(permissions.BasePermission):
    """Maps a view's `perms` {action: permission} onto rules; object checks use the same names."""

    def has_permission(self, request, view):
        perm = view.perms.get(getattr(view, "action", None) or request.method.lower(), view.perms.get("*"))
        if perm is None:
            return True
        if getattr(view, "object_perm", False) and view.action not in ("list", "create"):
            return request.user.is_authenticated
        return request.user.has_perm(perm)

    def has_object_permission(self, request, view, obj):
        perm = view.perms.get(view.action, view.perms.get("*"))
        return perm is None or request.user.has_perm(perm, obj)


class PetitionFilterSet(filters.FilterSet):
    q = filters.CharFilter(method="filter_q", label="Tracking code or subject")
    petition_type = filters.ChoiceFilter(choices=PetitionType.choices)
    status = filters.ChoiceFilter(choices=Status.choices)
    topic = filters.ChoiceFilter(choices=Topic.choices)
    received_from = filters.DateFilter(field_name="received_on", lookup_expr="gte")
    received_to = filters.DateFilter(field_name="received_on", lookup_expr="lte")
    overdue = filters.BooleanFilter(method="filter_overdue")

    class Meta:
        model = Petition
        fields = ["petition_type", "status", "topic", "location_unit", "competent_body", "is_duplicate"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_overdue(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.overdue(today) if value else queryset.exclude(pk__in=queryset.overdue(today))


def _django_errors(error: DjangoValidationError):
    """A service's refusal: every message under "detail", and those about a field under its name too."""
    fields = error.message_dict if hasattr(error, "error_dict") else {}
    return ValidationError({"detail": error.messages, **fields})


class PetitionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Petitions the caller may see; the sender's identity is never part of a response."""

    filterset_class = PetitionFilterSet
    permission_classes = [permissions.IsAuthenticated, HasPerm]
    object_perm = True
    perms = {
        "list": "citizens.use_reception",
        "retrieve": "citizens.view_petition",
        "create": "citizens.add_petition",
        "classify": "citizens.classify_petition",
        "route": "citizens.route_petition",
        "accept": "citizens.handle_petition",
        "answer": "citizens.handle_petition",
    }

    def get_queryset(self):
        return (
            Petition.objects.visible_to(self.request.user)
            .select_related("location_unit", "competent_body")
            .order_by("-received_on", "-id")
        )

    def get_serializer_class(self):
        return {
            "retrieve": s.PetitionDetailSerializer,
            "create": s.PetitionCreateSerializer,
            "classify": s.ClassifySerializer,
            "route": s.RouteSerializer,
            "accept": s.AcceptSerializer,
            "answer": s.AnswerSerializer,
        }.get(self.action, s.PetitionSerializer)

    @extend_schema(request=s.PetitionCreateSerializer, responses={201: s.PetitionDetailSerializer})
    def create(self, request, *args, **kwargs):
        ser = s.PetitionCreateSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        d = ser.validated_data
        try:
            petition = services.register_petition(
                actor=request.user,
                petition_type=d["petition_type"],
                channel=d["channel"],
                subject=d["subject"],
                content=d["content"],
                received_on=d["received_on"],
                received_unit=request.user.org_unit,
                is_anonymous=d["is_anonymous"],
                is_group=d["is_group"],
                signer_count=d["signer_count"],
                topic=d["topic"],
                location_unit=d.get("location_unit"),
                address_text=d["address_text"],
                sender={
                    "full_name": d.get("sender_name", ""),
                    "address": d.get("sender_address", ""),
                    "phone": d.get("sender_phone", ""),
                    "email": d.get("sender_email", ""),
                },
            )
        except DjangoValidationError as error:
            raise _django_errors(error) from error
        return Response(s.PetitionDetailSerializer(petition).data, status=status.HTTP_201_CREATED)

    def _act(self, request, fn):
        petition = self.get_object()
        ser = self.get_serializer(data=request.data)
        ser.is_valid(raise_exception=True)
        try:
            petition = fn(petition, ser.validated_data)
        except DjangoValidationError as error:
            raise _django_errors(error) from error
        return Response(s.PetitionDetailSerializer(petition).data)

    @extend_schema(request=s.ClassifySerializer, responses=s.PetitionDetailSerializer)
    @action(detail=True, methods=["post"])
    def classify(self, request, pk=None):
        return self._act(request, lambda p, d: services.classify_petition(p, actor=request.user, **d))

    @extend_schema(request=s.RouteSerializer, responses=s.PetitionDetailSerializer)
    @action(detail=True, methods=["post"])
    def route(self, request, pk=None):
        return self._act(
            request,
            lambda p, d: services.route_petition(
                p, actor=request.user, body=d["body"], on=d.get("routed_on")
            ),
        )

    @extend_schema(request=s.AcceptSerializer, responses=s.PetitionDetailSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._act(
            request, lambda p, d: services.accept_petition(p, actor=request.user, on=d.get("accepted_on"))
        )

    @extend_schema(request=s.AnswerSerializer, responses=s.PetitionDetailSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        return self._act(request, lambda p, d: services.answer_petition(p, actor=request.user, **d))


class TimeLimitRuleViewSet(viewsets.ReadOnlyModelViewSet):
    """The statutory time limits as dated rules."""

    serializer_class = s.TimeLimitRuleSerializer
    queryset = TimeLimitRule.objects.all()
    permission_classes = [permissions.IsAuthenticated, HasPerm]
    perms = {"*": "citizens.view_timelimitrule"}
    filterset_fields = ["petition_type", "step", "verify"]


class HolidayViewSet(viewsets.ModelViewSet):
    """The holiday calendar that working days skip; staff maintain it."""

    serializer_class = s.HolidaySerializer
    queryset = Holiday.objects.all()
    permission_classes = [permissions.IsAuthenticated, HasPerm]
    perms = {
        "list": "citizens.view_timelimitrule",
        "retrieve": "citizens.view_timelimitrule",
        "*": "citizens.manage_calendar",
    }

    def perform_create(self, serializer):
        serializer.instance = Holiday(**serializer.validated_data)
        services.save_holiday(serializer.instance)

    def perform_update(self, serializer):
        holiday, moved_from = serializer.instance, serializer.instance.date
        for field, value in serializer.validated_data.items():
            setattr(holiday, field, value)
        services.save_holiday(holiday, moved_from=moved_from)

    def perform_destroy(self, instance):
        services.delete_holiday(instance)


class ReceptionSessionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.ReceptionSessionSerializer
    permission_classes = [permissions.IsAuthenticated, HasPerm]
    perms = {"*": "citizens.view_session"}

    def get_queryset(self):
        # Meta.ordering is dropped from aggregate queries: order explicitly for stable pages.
        return (
            ReceptionSession.objects.visible_to(self.request.user)
            .annotate(petition_count=Count("petitions"))
            .order_by("-held_on", "-id")
        )


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """Dialogues and voter contact meetings with the opinions and recommendations raised."""

    serializer_class = s.MeetingSerializer
    permission_classes = [permissions.IsAuthenticated, HasPerm]
    perms = {"*": "citizens.view_meeting"}
    filterset_fields = ["kind"]

    def get_queryset(self):
        return Meeting.objects.visible_to(self.request.user).prefetch_related("items")


class MeetingItemViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.MeetingItemSerializer
    permission_classes = [permissions.IsAuthenticated, HasPerm]
    perms = {"*": "citizens.view_meeting"}
    filterset_fields = ["kind", "status", "meeting"]

    def get_queryset(self):
        return MeetingItem.objects.visible_to(self.request.user).order_by("id")


class StatisticsView(APIView):
    """Counts by type, topic, area and month; on-time rate per body; hot spots."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=s.StatisticsSerializer)
    def get(self, request):
        if not request.user.has_perm("citizens.view_statistics"):
            raise PermissionDenied
        stats = services.statistics(
            Petition.objects.visible_to(request.user),
            with_items_of=MeetingItem.objects.visible_to(request.user),
        )
        return Response(s.StatisticsSerializer(stats.__dict__).data)
