"""REST API of the movement app (/api/movement/).

Every queryset is built on `visible_to(user)`: a record out of the caller's scope is in no list, count
or detail (404). Each topic's view permission is required for every request (403 otherwise, e.g. for
reception officers, as on the pages); writes and actions go through the topic's service after the
object permission of the pages (403). Personal data is only in the logged `personal-data` actions.
"""

from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from ..choices import RecommendationStatus
from ..models import (
    ComplexCase,
    EthnicFestival,
    ExemplaryModel,
    MembershipSurvey,
    OpinionNote,
    PersonalDataAccess,
    PrestigiousPerson,
    Recommendation,
    ReligiousBody,
    SocialCriticism,
    SupervisionProgramme,
    SurveyReturn,
    TrainingCourse,
    TrainingParticipation,
)
from ..services import ethnic_religious as ethnic
from ..services import exemplary, membership, opinion, supervision, training
from . import serializers as s
from .base import (
    CreateMixin,
    IntegerFilter,
    RecordViewSet,
    ScopedViewSet,
    YearFilter,
    run_service,
)

VIEW_ETHNIC = "movement.view_ethnic_religious"
ADD_ETHNIC = "movement.add_ethnic_religious"
CHANGE_ETHNIC = "movement.change_ethnic_religious"
PERSONAL = "movement.view_personal_data"
UPLOADS = [MultiPartParser, FormParser, JSONParser]


def _user(viewset):
    return viewset.request.user


# --- supervision and social criticism ----------------------------------------------------------------


class ProgrammeFilterSet(filters.FilterSet):
    year = YearFilter()
    organization = IntegerFilter(label="Supervising organization (org unit id)")

    class Meta:
        model = SupervisionProgramme
        fields = ["year", "status", "organization"]


@extend_schema_view(create=extend_schema(responses={201: s.SupervisionProgrammeDetailSerializer}))
class SupervisionProgrammeViewSet(RecordViewSet):
    """Supervision programmes of the Front and the mass organizations, with their findings and the
    recommendations you may see; the counts cover only those recommendations."""

    view_perm = "movement.view_supervisionprogramme"
    add_perm = "movement.add_supervisionprogramme"
    change_perm = "movement.change_supervisionprogramme"
    extra_object_perms = {"recommendations": change_perm}
    list_serializer_class = s.SupervisionProgrammeSerializer
    detail_serializer_class = s.SupervisionProgrammeDetailSerializer
    filterset_class = ProgrammeFilterSet

    def scoped_queryset(self):
        user = _user(self)
        qs = (
            SupervisionProgramme.objects.visible_to(user)
            .select_related("organization")
            .prefetch_related("supervised_units")
            .with_recommendation_counts(user, timezone.localdate())
        )
        if self.action != "list":
            mine = Recommendation.objects.visible_to(user).select_related(
                "programme", "addressed_to", "answered_by"
            )
            qs = qs.prefetch_related(Prefetch("recommendations", mine, to_attr="visible_recommendations"))
        return qs.order_by("-year", "subject", "pk")

    def create_record(self, data):
        units = data.pop("supervised_units", [])
        return supervision.create_programme(actor=_user(self), supervised_units=units, **data)

    def update_record(self, obj, data):
        units = data.pop("supervised_units", None)
        return supervision.update_programme(obj, actor=_user(self), supervised_units=units, **data)

    @extend_schema(request=s.RecommendationCreateSerializer, responses={201: s.RecommendationSerializer})
    @action(detail=True, methods=["post"])
    def recommendations(self, request, pk=None):
        """Add a recommendation of this supervision, addressed to one body and due by a date."""
        programme = self.get_object()
        data = self.input(s.RecommendationCreateSerializer)
        rec = run_service(lambda: supervision.add_recommendation(programme, actor=request.user, **data))
        return Response(s.RecommendationSerializer(rec).data, status=status.HTTP_201_CREATED)


class RecommendationFilterSet(filters.FilterSet):
    status = filters.ChoiceFilter(choices=RecommendationStatus.choices)
    addressed_to = IntegerFilter(label="Addressed body (org unit id)")
    programme = IntegerFilter()
    year = YearFilter(field_name="programme__year", label="Year of the supervision")
    overdue = filters.BooleanFilter(method="filter_overdue", label="Awaiting an answer past the due date")

    class Meta:
        model = Recommendation
        fields = ["status", "addressed_to", "programme", "year", "overdue"]

    def filter_overdue(self, queryset, name, value):
        overdue = queryset.overdue(timezone.localdate())
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))


class RecommendationViewSet(ScopedViewSet):
    """Recommendations after supervision, followed until answered and resolved (services.supervision):
    the addressed body answers, the supervising organization (or the Board) resolves or sends back."""

    view_perm = "movement.view_supervisionprogramme"
    extra_object_perms = {
        "answer": "movement.answer_recommendation",
        "resolve": "movement.resolve_recommendation",
        "reopen": "movement.resolve_recommendation",
    }
    list_serializer_class = detail_serializer_class = s.RecommendationSerializer
    action_serializers = {
        "answer": s.RecommendationAnswerSerializer,
        "resolve": s.RecommendationResolveSerializer,
        "reopen": s.RecommendationReopenSerializer,
    }
    filterset_class = RecommendationFilterSet

    def scoped_queryset(self):
        return (
            Recommendation.objects.visible_to(_user(self))
            .select_related("programme", "addressed_to", "answered_by")
            .order_by("due_date", "pk")
        )

    @extend_schema(
        request={
            "multipart/form-data": s.RecommendationAnswerSerializer,
            "application/json": s.RecommendationAnswerSerializer,
        },
        responses=s.RecommendationSerializer,
    )
    @action(detail=True, methods=["post"], parser_classes=UPLOADS)
    def answer(self, request, pk=None):
        """The addressed body records its answer (a new answer replaces the earlier one until resolved)."""
        return self.apply(
            lambda rec, d: supervision.answer_recommendation(rec, actor=request.user, **d),
            s.RecommendationAnswerSerializer,
        )

    @extend_schema(request=s.RecommendationResolveSerializer, responses=s.RecommendationSerializer)
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        """The answer settles it: resolved."""
        return self.apply(
            lambda rec, d: supervision.resolve_recommendation(rec, actor=request.user, **d),
            s.RecommendationResolveSerializer,
        )

    @extend_schema(request=s.RecommendationReopenSerializer, responses=s.RecommendationSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        """The answer does not settle it: back to the addressed body with a new due date."""
        return self.apply(
            lambda rec, d: supervision.reopen_recommendation(rec, actor=request.user, **d),
            s.RecommendationReopenSerializer,
        )

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            404: OpenApiResponse(description="No such recommendation in your scope, or no file."),
        }
    )
    @action(detail=True, url_path="evidence")
    def evidence(self, request, pk=None):
        """Download the file attached to the answer."""
        rec = self.get_object()
        if not rec.evidence:
            raise Http404
        name = rec.evidence.name.rsplit("/", 1)[-1]
        return FileResponse(rec.evidence.open("rb"), as_attachment=True, filename=name)


class CriticismFilterSet(filters.FilterSet):
    year = YearFilter()
    organization = IntegerFilter(label="Organization giving comments (org unit id)")
    requesting_body = IntegerFilter(label="Requesting body (org unit id)")

    class Meta:
        model = SocialCriticism
        fields = ["year", "uptake", "organization", "requesting_body"]


class SocialCriticismViewSet(RecordViewSet):
    """Social criticism (phản biện xã hội) of draft policies: requests, comments and their uptake."""

    view_perm = "movement.view_socialcriticism"
    add_perm = "movement.add_socialcriticism"
    change_perm = "movement.change_socialcriticism"
    list_serializer_class = detail_serializer_class = s.SocialCriticismSerializer
    filterset_class = CriticismFilterSet

    def scoped_queryset(self):
        return (
            SocialCriticism.objects.visible_to(_user(self))
            .select_related("organization", "requesting_body")
            .order_by("-year", "-comments_due", "pk")
        )

    def create_record(self, data):
        return supervision.create_criticism(actor=_user(self), **data)

    def update_record(self, obj, data):
        return supervision.update_criticism(obj, actor=_user(self), **data)


# --- membership ---------------------------------------------------------------------------------------


class SurveyFilterSet(filters.FilterSet):
    year = YearFilter()

    class Meta:
        model = MembershipSurvey
        fields = ["year"]


@extend_schema_view(create=extend_schema(responses={201: s.MembershipSurveyDetailSerializer}))
class MembershipSurveyViewSet(CreateMixin, ScopedViewSet):
    """Membership survey rounds; the detail has the summary computed by services.membership (people
    reached, memberships, reached share against the target) over the returns you may see."""

    view_perm = "movement.view_membershipsurvey"
    add_perm = "movement.add_membershipsurvey"
    list_serializer_class = s.MembershipSurveySerializer
    detail_serializer_class = s.MembershipSurveyDetailSerializer
    filterset_class = SurveyFilterSet

    def scoped_queryset(self):
        return (
            MembershipSurvey.objects.visible_to(_user(self))
            .prefetch_related("units")
            .order_by("-year", "-deadline", "pk")
        )

    def create_record(self, data):
        units = data.pop("units", [])
        return membership.create_survey(actor=_user(self), units=units, **data)

    @extend_schema(request=None, responses=s.MembershipSurveySerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """The Board closes the round: its returns are final and can no longer change."""
        survey = run_service(lambda: membership.close_survey(self.get_object(), actor=request.user))
        return Response(s.MembershipSurveySerializer(survey, context=self.get_serializer_context()).data)

    def _return(self, save) -> Response:
        survey = self.get_object()
        ret = run_service(lambda: save(survey))
        ret = SurveyReturn.objects.select_related("survey", "unit", "submitted_by").get(pk=ret.pk)
        return Response(s.SurveyReturnSerializer(ret).data)

    @extend_schema(request=s.SurveyReturnInputSerializer, responses=s.SurveyReturnSerializer)
    @action(detail=True, methods=["post"])
    def returns(self, request, pk=None):
        """A unit's figures entered by hand (replaces its earlier figures for this survey)."""
        data = self.input(s.SurveyReturnInputSerializer)
        counts = data.pop("counts")
        return self._return(
            lambda survey: membership.save_return(survey, actor=request.user, counts=counts, **data)
        )

    @extend_schema(
        request={"multipart/form-data": s.MemberListInputSerializer}, responses=s.SurveyReturnSerializer
    )
    @action(detail=True, methods=["post"], url_path="member-list", parser_classes=[MultiPartParser])
    def member_list(self, request, pk=None):
        """Load a unit's member list: people reached and memberships are computed, each person once."""
        data = self.input(s.MemberListInputSerializer)
        upload = data.pop("file")

        def save(survey):
            rows = membership.parse_member_list(upload.read())
            return membership.load_member_list(survey, actor=request.user, rows=rows, **data)

        return self._return(save)


class SurveyReturnFilterSet(filters.FilterSet):
    survey = IntegerFilter()
    unit = IntegerFilter()
    submitted = filters.BooleanFilter(
        field_name="submitted_at",
        lookup_expr="isnull",
        exclude=True,
        label="Submitted (true) or drafts (false)",
    )

    class Meta:
        model = SurveyReturn
        fields = ["survey", "unit", "submitted"]


class SurveyReturnViewSet(ScopedViewSet):
    """Returns of the units you may see, with members per organization and the reached share."""

    view_perm = "movement.view_membershipsurvey"
    list_serializer_class = detail_serializer_class = s.SurveyReturnSerializer
    filterset_class = SurveyReturnFilterSet

    def scoped_queryset(self):
        return (
            SurveyReturn.objects.visible_to(_user(self))
            .select_related("survey", "unit", "submitted_by")
            .prefetch_related("counts")
            .order_by("survey", "unit__name", "pk")
        )


# --- training -----------------------------------------------------------------------------------------


class CourseFilterSet(filters.FilterSet):
    year = YearFilter(field_name="starts_on__year")
    organizer = IntegerFilter()

    class Meta:
        model = TrainingCourse
        fields = ["year", "level", "organizer"]


@extend_schema_view(create=extend_schema(responses={201: s.TrainingCourseDetailSerializer}))
class TrainingCourseViewSet(RecordViewSet):
    """Training courses with how many cadres attended and completed (all units and roles)."""

    view_perm = "movement.view_trainingcourse"
    add_perm = "movement.add_trainingcourse"
    change_perm = "movement.change_trainingcourse"
    extra_object_perms = {"participations": change_perm}
    list_serializer_class = s.TrainingCourseSerializer
    detail_serializer_class = s.TrainingCourseDetailSerializer
    filterset_class = CourseFilterSet

    def scoped_queryset(self):
        qs = (
            TrainingCourse.objects.visible_to(_user(self))
            .select_related("organizer")
            .with_participant_totals()
        )
        if self.action != "list":
            parts = TrainingParticipation.objects.select_related("unit")
            qs = qs.prefetch_related(Prefetch("participations", parts))
        return qs.order_by("-starts_on", "topic", "pk")

    def create_record(self, data):
        return training.create_course(actor=_user(self), **data)

    def update_record(self, obj, data):
        return training.update_course(obj, actor=_user(self), **data)

    @extend_schema(request=s.ParticipationInputSerializer, responses=s.TrainingCourseDetailSerializer)
    @action(detail=True, methods=["post"])
    def participations(self, request, pk=None):
        """Set how many cadres of a unit in a role attended and completed (replaces an earlier figure)."""
        return self.apply(
            lambda course, d: training.record_participation(course, actor=request.user, **d),
            s.ParticipationInputSerializer,
        )


# --- ethnic and religious affairs ---------------------------------------------------------------------


def personal_data_actions(personal_serializer, detail_serializer) -> type:
    """Actions on the restricted fields of a record: read (POST, logged), change (PATCH, logged) and the
    access log. Only the Board's coordinators and the officers of the responsible unit's sub-tree
    (`movement.view_personal_data`); anyone else who may see the record gets 403."""

    class PersonalDataActions:
        personal_perms = {
            "personal_data": PERSONAL,
            "change_personal_data": PERSONAL,
            "personal_data_log": PERSONAL,
        }

        @extend_schema(request=None, responses=personal_serializer)
        @action(detail=True, methods=["post"], url_path="personal-data")
        def personal_data(self, request, pk=None):
            """Show the restricted fields; the view is logged with your name (like the page's button)."""
            obj = self.get_object()
            values = ethnic.reveal_personal_data(obj, actor=request.user)
            response = Response(personal_serializer(values).data)
            response["Cache-Control"] = "no-store"
            return response

        @extend_schema(request=personal_serializer, responses=detail_serializer)
        @personal_data.mapping.patch
        def change_personal_data(self, request, pk=None):
            """Change restricted fields; logged with the names of the fields changed, never their values."""
            return self.apply(
                lambda obj, d: ethnic.update_personal_data(obj, actor=request.user, **d), personal_serializer
            )

        @extend_schema(request=None, responses=s.PersonalDataAccessSerializer(many=True))
        @action(detail=True, url_path="personal-data/log", pagination_class=None, filterset_class=None)
        def personal_data_log(self, request, pk=None):
            """Who viewed or changed the restricted fields, and when (newest first)."""
            obj = self.get_object()
            log = PersonalDataAccess.objects.visible_to(request.user).for_object(obj)
            return Response(s.PersonalDataAccessSerializer(log, many=True).data)

    return PersonalDataActions


PersonActions = personal_data_actions(s.PersonContactsSerializer, s.PrestigiousPersonSerializer)
CaseActions = personal_data_actions(s.CasePeopleSerializer, s.ComplexCaseDetailSerializer)


class PersonFilterSet(filters.FilterSet):
    recognized_year = YearFilter()
    area = IntegerFilter()
    responsible_unit = IntegerFilter()
    q = filters.CharFilter(field_name="full_name", lookup_expr="icontains", label="Part of the name")

    class Meta:
        model = PrestigiousPerson
        fields = ["recognized_year", "role", "active", "area", "responsible_unit", "q"]


class PrestigiousPersonViewSet(PersonActions, RecordViewSet):
    """Prestigious persons in ethnic minority communities; their contacts only through personal-data."""

    view_perm, add_perm, change_perm = VIEW_ETHNIC, ADD_ETHNIC, CHANGE_ETHNIC
    extra_object_perms = PersonActions.personal_perms
    list_serializer_class = detail_serializer_class = s.PrestigiousPersonSerializer
    filterset_class = PersonFilterSet

    def scoped_queryset(self):
        return (
            PrestigiousPerson.objects.visible_to(_user(self))
            .select_related("area", "responsible_unit")
            .order_by("area__name", "full_name", "pk")
        )

    def create_record(self, data):
        return ethnic.create_person(actor=_user(self), **data)

    def update_record(self, obj, data):
        return ethnic.update_person(obj, actor=_user(self), **data)


class ReligiousBodyFilterSet(filters.FilterSet):
    area = IntegerFilter()
    responsible_unit = IntegerFilter()

    class Meta:
        model = ReligiousBody
        fields = ["kind", "religion", "area", "responsible_unit"]


class ReligiousBodyViewSet(RecordViewSet):
    """Religious organizations and places of worship recognized under the law."""

    view_perm, add_perm, change_perm = VIEW_ETHNIC, ADD_ETHNIC, CHANGE_ETHNIC
    list_serializer_class = detail_serializer_class = s.ReligiousBodySerializer
    filterset_class = ReligiousBodyFilterSet

    def scoped_queryset(self):
        return (
            ReligiousBody.objects.visible_to(_user(self))
            .select_related("area", "responsible_unit")
            .order_by("religion", "name", "pk")
        )

    def create_record(self, data):
        return ethnic.create_religious_body(actor=_user(self), **data)

    def update_record(self, obj, data):
        return ethnic.update_religious_body(obj, actor=_user(self), **data)


class CaseFilterSet(filters.FilterSet):
    year = YearFilter(field_name="opened_on__year", label="Year the case arose")
    area = IntegerFilter()
    responsible_unit = IntegerFilter()

    class Meta:
        model = ComplexCase
        fields = ["status", "kind", "year", "area", "responsible_unit"]


@extend_schema_view(
    create=extend_schema(
        request=s.ComplexCaseCreateSerializer, responses={201: s.ComplexCaseDetailSerializer}
    )
)
class ComplexCaseViewSet(CaseActions, RecordViewSet):
    """Complex cases followed by a body until resolved; the people involved only through personal-data."""

    view_perm, add_perm, change_perm = VIEW_ETHNIC, ADD_ETHNIC, CHANGE_ETHNIC
    extra_object_perms = {**CaseActions.personal_perms, "follow_ups": CHANGE_ETHNIC}
    list_serializer_class = s.ComplexCaseSerializer
    detail_serializer_class = s.ComplexCaseDetailSerializer
    action_serializers = {"create": s.ComplexCaseCreateSerializer}
    filterset_class = CaseFilterSet

    def scoped_queryset(self):
        qs = (
            ComplexCase.objects.visible_to(_user(self))
            .select_related("area", "responsible_unit")
            .order_by("status", "-opened_on", "pk")
        )
        return qs if self.action == "list" else qs.prefetch_related("follow_ups__author")

    def create_record(self, data):
        return ethnic.create_case(actor=_user(self), **data)

    def update_record(self, obj, data):
        return ethnic.update_case(obj, actor=_user(self), **data)

    @extend_schema(request=s.FollowUpInputSerializer, responses=s.ComplexCaseDetailSerializer)
    @action(detail=True, methods=["post"], url_path="follow-ups")
    def follow_ups(self, request, pk=None):
        """One step taken on the case; "resolved": true closes it with this step as the resolution."""
        return self.apply(
            lambda case, d: ethnic.add_follow_up(case, actor=request.user, **d), s.FollowUpInputSerializer
        )


class FestivalFilterSet(filters.FilterSet):
    year = YearFilter()
    organizer = IntegerFilter()

    class Meta:
        model = EthnicFestival
        fields = ["year", "organizer"]


class EthnicFestivalViewSet(RecordViewSet):
    """The yearly ethnic minorities festivals and their outcomes."""

    view_perm, add_perm, change_perm = VIEW_ETHNIC, ADD_ETHNIC, "movement.change_ethnicfestival"
    list_serializer_class = detail_serializer_class = s.EthnicFestivalSerializer
    filterset_class = FestivalFilterSet

    def scoped_queryset(self):
        return (
            EthnicFestival.objects.visible_to(_user(self)).select_related("organizer").order_by("-year", "pk")
        )

    def create_record(self, data):
        return ethnic.save_festival(None, actor=_user(self), **data)

    def update_record(self, obj, data):
        return ethnic.save_festival(obj, actor=_user(self), **data)


# --- public opinion -----------------------------------------------------------------------------------


class OpinionFilterSet(filters.FilterSet):
    q = filters.CharFilter(method="filter_q", label="Words of the summary, sources, area or unit")
    year = YearFilter(field_name="noted_on__year")
    unit = IntegerFilter()
    area = IntegerFilter()

    class Meta:
        model = OpinionNote
        fields = ["q", "topic", "concern", "year", "needs_action", "unit", "area"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)


class OpinionNoteViewSet(RecordViewSet):
    """Public-opinion notes; the Board turns a note that needs action into a task of the plan."""

    view_perm = "movement.view_opinionnote"
    add_perm = "movement.add_opinionnote"
    change_perm = "movement.change_opinionnote"
    extra_object_perms = {"act": "movement.act_on_opinionnote"}
    list_serializer_class = detail_serializer_class = s.OpinionNoteSerializer
    filterset_class = OpinionFilterSet

    def scoped_queryset(self):
        return (
            OpinionNote.objects.visible_to(_user(self))
            .select_related("unit", "area")
            .order_by("-noted_on", "-pk")
        )

    def create_record(self, data):
        return opinion.create_note(actor=_user(self), **data)

    def update_record(self, obj, data):
        return opinion.update_note(obj, actor=_user(self), **data)

    @extend_schema(request=s.NeedsActionSerializer, responses=s.OpinionNoteSerializer)
    @action(detail=True, methods=["post"])
    def act(self, request, pk=None):
        """Needs action: a one-off task of the current plan, led by `unit`, due by `due_date`."""
        return self.apply(
            lambda note, d: opinion.flag_needs_action(note, actor=request.user, **d), s.NeedsActionSerializer
        )

    @extend_schema(
        parameters=[OpenApiParameter("by", OpenApiTypes.STR, enum=["topic", "area"], description="Rows by")],
        responses=s.OpinionTrendSerializer,
    )
    @action(detail=False, pagination_class=None)
    def trend(self, request):
        """Notes per quarter by topic (or by area) among the filtered notes you may see."""
        by = "area" if request.query_params.get("by") == "area" else "topic"
        notes = self.filter_queryset(self.get_queryset())
        return Response(s.OpinionTrendSerializer(opinion.trend(notes, by=by)).data)


# --- exemplary "Dân vận khéo" models ------------------------------------------------------------------


class ModelFilterSet(filters.FilterSet):
    q = filters.CharFilter(method="filter_q", label="Words of the name, person, description or results")
    year = YearFilter()
    unit = IntegerFilter()

    class Meta:
        model = ExemplaryModel
        fields = ["q", "kind", "field", "level", "year", "published", "unit"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)


@extend_schema_view(create=extend_schema(responses={201: s.ExemplaryModelDetailSerializer}))
class ExemplaryModelViewSet(RecordViewSet):
    """Exemplary "Dân vận khéo" models: your units' models and the published ones, with awards,
    replications and evidence files (downloaded through the permission-checked page address)."""

    view_perm = "movement.view_exemplarymodel"
    add_perm = "movement.add_exemplarymodel"
    change_perm = "movement.change_exemplarymodel"
    extra_object_perms = {
        "awards": change_perm,
        "replications": change_perm,
        "evidence": change_perm,
        "publish": "movement.publish_exemplarymodel",
    }
    list_serializer_class = s.ExemplaryModelSerializer
    detail_serializer_class = s.ExemplaryModelDetailSerializer
    filterset_class = ModelFilterSet

    def scoped_queryset(self):
        qs = ExemplaryModel.objects.visible_to(_user(self)).select_related("unit", "area").with_award_counts()
        if self.action != "list":
            qs = qs.prefetch_related("awards", "replications", "evidence")
        return qs.order_by("-year", "name", "pk")

    def create_record(self, data):
        return exemplary.create_model(actor=_user(self), **data)

    def update_record(self, obj, data):
        return exemplary.update_model(obj, actor=_user(self), **data)

    @extend_schema(request=s.AwardSerializer, responses=s.ExemplaryModelDetailSerializer)
    @action(detail=True, methods=["post"])
    def awards(self, request, pk=None):
        """Record an award (form, deciding body, decision number and date)."""
        return self.apply(lambda m, d: exemplary.add_award(m, actor=request.user, **d), s.AwardSerializer)

    @extend_schema(request=s.ReplicationSerializer, responses=s.ExemplaryModelDetailSerializer)
    @action(detail=True, methods=["post"])
    def replications(self, request, pk=None):
        """Record where the model was replicated and how many times."""
        return self.apply(
            lambda m, d: exemplary.add_replication(m, actor=request.user, **d), s.ReplicationSerializer
        )

    @extend_schema(request=s.ModelPublishSerializer, responses=s.ExemplaryModelDetailSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """The Board publishes the model on the public portal, or withdraws it."""
        return self.apply(
            lambda m, d: exemplary.set_published(m, d["published"], actor=request.user),
            s.ModelPublishSerializer,
        )

    @extend_schema(
        request={"multipart/form-data": s.EvidenceFileSerializer}, responses=s.ExemplaryModelDetailSerializer
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def evidence(self, request, pk=None):
        """Attach an evidence file (its real type and size are checked)."""
        return self.apply(
            lambda m, d: exemplary.add_model_evidence(m, actor=request.user, upload=d["file"]),
            s.EvidenceFileSerializer,
        )
