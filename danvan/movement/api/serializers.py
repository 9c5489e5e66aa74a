"""Serializers of the movement API, one section per topic.

Record serializers validate the shape of the input only; the rules (who may record for which unit,
dates in order, counts that add up) are the services'. Personal data (a prestigious person's contacts,
the people involved in a case) is in no record serializer: it is read and changed only through the
`personal-data` actions, which log every access (services.ethnic_religious).
"""

from datetime import date

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from danvan.orgs.models import OrgUnit

from ..choices import MassOrgType
from ..models import (
    Award,
    CaseFollowUp,
    ComplexCase,
    EthnicFestival,
    ExemplaryModel,
    MembershipSurvey,
    ModelEvidence,
    OpinionNote,
    PersonalDataAccess,
    PrestigiousPerson,
    Recommendation,
    ReligiousBody,
    Replication,
    SocialCriticism,
    SupervisionProgramme,
    SurveyReturn,
    TrainingCourse,
    TrainingParticipation,
)
from ..services import ethnic_religious as ethnic_services
from ..services import exemplary as exemplary_services
from ..services import membership as membership_services
from ..services import opinion as opinion_services
from ..services import supervision as supervision_services
from ..services import training as training_services
from ..services.membership import share


def name_of(source: str) -> serializers.CharField:
    """The name of a related unit, read-only (None when the link is empty)."""
    return serializers.CharField(source=f"{source}.name", read_only=True, default=None)


def any_unit(**kwargs) -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), **kwargs)


def page_url() -> serializers.CharField:
    return serializers.CharField(source="get_absolute_url", read_only=True, help_text="The record's page.")


SHARE = {"max_digits": 5, "decimal_places": 1, "allow_null": True, "read_only": True}


class RecordSerializer(serializers.ModelSerializer):
    """A record written through its service: no model-level validators here (the service runs them)."""

    class Meta:
        validators: list = []


def today(context) -> date:
    return context.get("today") or timezone.localdate()


# --- supervision and social criticism ----------------------------------------------------------------


class RecommendationSerializer(serializers.ModelSerializer):
    programme_subject = serializers.CharField(source="programme.subject", read_only=True)
    year = serializers.IntegerField(source="programme.year", read_only=True)
    addressed_to_name = name_of("addressed_to")
    overdue = serializers.SerializerMethodField(help_text="Awaiting an answer and past the due date.")
    answered_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    evidence_name = serializers.SerializerMethodField(help_text="File attached to the answer, if any.")
    url = page_url()

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "programme",
            "programme_subject",
            "year",
            "text",
            "addressed_to",
            "addressed_to_name",
            "due_date",
            "status",
            "overdue",
            "answer",
            "answered_on",
            "answered_by",
            "evidence_name",
            "resolved_on",
            "resolution_note",
            "url",
        ]
        read_only_fields = fields

    def get_overdue(self, rec) -> bool:
        return rec.is_overdue(today(self.context))

    def get_evidence_name(self, rec) -> str | None:
        return rec.evidence.name.rsplit("/", 1)[-1] if rec.evidence else None


class SupervisionProgrammeSerializer(RecordSerializer):
    organization_name = name_of("organization")
    supervised_units = any_unit(many=True, required=False)
    n_recommendations = serializers.IntegerField(read_only=True, help_text="Recommendations you may see.")
    n_resolved = serializers.IntegerField(read_only=True)
    n_overdue = serializers.IntegerField(read_only=True)
    url = page_url()

    class Meta(RecordSerializer.Meta):
        model = SupervisionProgramme
        fields = [
            "id",
            *supervision_services.PROGRAMME_FIELDS,
            "supervised_units",
            "organization_name",
            "n_recommendations",
            "n_resolved",
            "n_overdue",
            "url",
        ]


class SupervisionProgrammeDetailSerializer(SupervisionProgrammeSerializer):
    recommendations = RecommendationSerializer(
        source="visible_recommendations", many=True, read_only=True, help_text="Those you may see."
    )

    class Meta(SupervisionProgrammeSerializer.Meta):
        fields = [*SupervisionProgrammeSerializer.Meta.fields, "recommendations"]


class RecommendationCreateSerializer(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, default="")
    addressed_to = any_unit(
        required=False, allow_null=True, default=None, help_text="The body that must answer."
    )
    due_date = serializers.DateField(help_text="Answer due by.")


class RecommendationAnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(required=False, allow_blank=True, default="")
    evidence = serializers.FileField(
        required=False,
        allow_null=True,
        default=None,
        help_text="PDF, Word, Excel or image (checked by content).",
    )


class RecommendationResolveSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", help_text="Assessment.")


class RecommendationReopenSerializer(serializers.Serializer):
    note = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Why the answer does not settle it."
    )
    due_date = serializers.DateField(required=False, allow_null=True, default=None, help_text="New due date.")


class SocialCriticismSerializer(RecordSerializer):
    organization_name = name_of("organization")
    requesting_body_unit_name = name_of("requesting_body")
    url = page_url()

    class Meta(RecordSerializer.Meta):
        model = SocialCriticism
        fields = [
            "id",
            *supervision_services.CRITICISM_FIELDS,
            "requesting_body_unit_name",
            "organization_name",
            "url",
        ]


# --- membership ---------------------------------------------------------------------------------------


OrgCountsSerializer = type(
    "OrgCountsSerializer",
    (serializers.Serializer,),
    {
        "__doc__": "Members per mass organization (a person counts once per organization).",
        "__module__": __name__,
        **{
            value: serializers.IntegerField(
                min_value=0, max_value=2_000_000_000, required=False, default=0, help_text=label
            )
            for value, label in MassOrgType.choices
        },
    },
)


def org_counts(by_org: dict) -> dict:
    return {value: by_org.get(value, 0) for value in MassOrgType.values}


class SurveyReturnSerializer(serializers.ModelSerializer):
    survey_title = serializers.CharField(source="survey.title", read_only=True)
    unit_name = name_of("unit")
    memberships = serializers.IntegerField(read_only=True, help_text="Person × organization.")
    reached_share = serializers.SerializerMethodField(help_text="People reached / people of age, in %.")
    counts = serializers.SerializerMethodField()
    submitted_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    url = page_url()

    class Meta:
        model = SurveyReturn
        fields = [
            "id",
            "survey",
            "survey_title",
            "unit",
            "unit_name",
            "population_of_age",
            "people_reached",
            "memberships",
            "reached_share",
            "counts",
            "from_member_list",
            "submitted_at",
            "submitted_by",
            "note",
            "url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.DecimalField(**SHARE))
    def get_reached_share(self, ret):
        value = share(ret.people_reached, ret.population_of_age)
        return None if value is None else str(value)

    @extend_schema_field(OrgCountsSerializer)
    def get_counts(self, ret) -> dict:
        return org_counts({c.org_type: c.members for c in ret.counts.all()})


class SurveySummaryRowSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    unit_name = serializers.CharField()
    survey_return = serializers.IntegerField(allow_null=True, help_text="Its return, if any.")
    submitted = serializers.BooleanField()
    population_of_age = serializers.IntegerField(allow_null=True)
    people_reached = serializers.IntegerField(allow_null=True)
    memberships = serializers.IntegerField(allow_null=True)
    reached_share = serializers.DecimalField(**SHARE)


class SurveySummarySerializer(serializers.Serializer):
    """Totals of the submitted returns you may see (services.membership.summarize)."""

    expected = serializers.IntegerField(help_text="Units asked to report that you may see.")
    submitted = serializers.IntegerField()
    completeness = serializers.DecimalField(**SHARE)
    population_of_age = serializers.IntegerField()
    people_reached = serializers.IntegerField(help_text="Distinct persons in at least one organization.")
    memberships = serializers.IntegerField(help_text="Person × organization.")
    reached_share = serializers.DecimalField(**SHARE)
    target_percent = serializers.DecimalField(max_digits=5, decimal_places=2)
    target_met = serializers.BooleanField(allow_null=True)
    by_org = OrgCountsSerializer()
    rows = SurveySummaryRowSerializer(many=True)


def summary_data(summary) -> dict:
    rows = [
        {
            "unit": unit.pk,
            "unit_name": unit.name,
            "survey_return": ret.pk if ret else None,
            "submitted": bool(ret and ret.submitted_at),
            "population_of_age": ret.population_of_age if ret else None,
            "people_reached": ret.people_reached if ret else None,
            "memberships": ret.memberships if ret else None,
            "reached_share": share(ret.people_reached, ret.population_of_age) if ret else None,
        }
        for unit, ret in summary.rows
    ]
    return {
        "expected": summary.expected,
        "submitted": summary.submitted,
        "completeness": summary.completeness,
        "population_of_age": summary.population,
        "people_reached": summary.people,
        "memberships": summary.memberships,
        "reached_share": summary.reached_share,
        "target_percent": summary.survey.target_percent,
        "target_met": summary.target_met,
        "by_org": org_counts(summary.by_org),
        "rows": rows,
    }


class MembershipSurveySerializer(serializers.ModelSerializer):
    units = any_unit(many=True, required=False, help_text="Units asked to report.")
    url = page_url()

    class Meta:
        model = MembershipSurvey
        fields = ["id", *membership_services.SURVEY_FIELDS, "units", "closed_at", "url"]
        read_only_fields = ["closed_at"]
        validators: list = []


class MembershipSurveyDetailSerializer(MembershipSurveySerializer):
    summary = serializers.SerializerMethodField()

    class Meta(MembershipSurveySerializer.Meta):
        fields = [*MembershipSurveySerializer.Meta.fields, "summary"]

    @extend_schema_field(SurveySummarySerializer)
    def get_summary(self, survey) -> dict:
        summary = membership_services.summarize(survey, self.context["request"].user)
        return SurveySummarySerializer(summary_data(summary)).data


class SurveyReturnInputSerializer(serializers.Serializer):
    unit = any_unit(help_text="Your own unit or one below it.")
    population_of_age = serializers.IntegerField(min_value=0, max_value=2_000_000_000)
    people_reached = serializers.IntegerField(min_value=0, max_value=2_000_000_000)
    counts = OrgCountsSerializer(required=False, default=dict)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    submit = serializers.BooleanField(required=False, default=True, help_text="False keeps it as a draft.")


class MemberListInputSerializer(serializers.Serializer):
    unit = any_unit(help_text="Your own unit or one below it.")
    population_of_age = serializers.IntegerField(min_value=0, max_value=2_000_000_000)
    file = serializers.FileField(
        help_text="CSV (UTF-8): full name, birth date dd/mm/yyyy, organization, member code (optional). "
        "No national ID number."
    )
    submit = serializers.BooleanField(required=False, default=True)


# --- training -----------------------------------------------------------------------------------------


class ParticipationSerializer(serializers.ModelSerializer):
    unit_name = name_of("unit")

    class Meta:
        model = TrainingParticipation
        fields = ["id", "unit", "unit_name", "role", "attended", "completed"]
        read_only_fields = fields


class TrainingCourseSerializer(RecordSerializer):
    organizer_name = name_of("organizer")
    year = serializers.IntegerField(read_only=True)
    attended = serializers.IntegerField(read_only=True, help_text="Participants, all units and roles.")
    completed = serializers.IntegerField(read_only=True)
    url = page_url()

    class Meta(RecordSerializer.Meta):
        model = TrainingCourse
        fields = [
            "id",
            *training_services.COURSE_FIELDS,
            "organizer_name",
            "year",
            "attended",
            "completed",
            "url",
        ]


class TrainingCourseDetailSerializer(TrainingCourseSerializer):
    participations = ParticipationSerializer(many=True, read_only=True)

    class Meta(TrainingCourseSerializer.Meta):
        fields = [*TrainingCourseSerializer.Meta.fields, "participations"]


class ParticipationInputSerializer(serializers.ModelSerializer):
    unit = any_unit(required=False, allow_null=True, default=None)

    class Meta:
        model = TrainingParticipation
        fields = ["unit", "role", "attended", "completed"]
        validators: list = []


# --- ethnic and religious affairs ---------------------------------------------------------------------


class PersonalDataFlagMixin(serializers.Serializer):
    can_see_personal_data = serializers.SerializerMethodField(
        help_text="Whether you may open the restricted fields (POST …/personal-data/, logged)."
    )

    def get_can_see_personal_data(self, obj) -> bool:
        return ethnic_services.can_see_personal_data(self.context["request"].user, obj)


class PrestigiousPersonSerializer(PersonalDataFlagMixin, RecordSerializer):
    area_name = name_of("area")
    responsible_unit_name = name_of("responsible_unit")
    url = page_url()

    class Meta(RecordSerializer.Meta):
        model = PrestigiousPerson
        fields = [
            "id",
            *ethnic_services.PERSON_FIELDS,
            "area_name",
            "responsible_unit_name",
            "can_see_personal_data",
            "url",
        ]


class PersonContactsSerializer(RecordSerializer):
    """A prestigious person's restricted fields."""

    class Meta(RecordSerializer.Meta):
        model = PrestigiousPerson
        fields = list(PrestigiousPerson.PERSONAL_FIELDS)


class CasePeopleSerializer(RecordSerializer):
    """A complex case's restricted field."""

    class Meta(RecordSerializer.Meta):
        model = ComplexCase
        fields = list(ComplexCase.PERSONAL_FIELDS)


class PersonalDataAccessSerializer(serializers.ModelSerializer):
    class Meta:
        model = PersonalDataAccess
        fields = ["at", "actor_label", "action", "fields"]
        read_only_fields = fields


class ReligiousBodySerializer(RecordSerializer):
    area_name = name_of("area")
    responsible_unit_name = name_of("responsible_unit")
    url = page_url()

    class Meta(RecordSerializer.Meta):
        model = ReligiousBody
        fields = ["id", *ethnic_services.BODY_FIELDS, "area_name", "responsible_unit_name", "url"]


class FollowUpSerializer(serializers.ModelSerializer):
    author = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = CaseFollowUp
        fields = ["id", "on", "text", "author"]
        read_only_fields = fields


class ComplexCaseSerializer(PersonalDataFlagMixin, RecordSerializer):
    area_name = name_of("area")
    responsible_unit_name = name_of("responsible_unit")
    url = page_url()

    class Meta(RecordSerializer.Meta):
        model = ComplexCase
        fields = [
            "id",
            *ethnic_services.CASE_FIELDS,
            "area_name",
            "responsible_unit_name",
            "status",
            "resolved_on",
            "resolution",
            "can_see_personal_data",
            "url",
        ]
        read_only_fields = ["status", "resolved_on", "resolution"]


class ComplexCaseDetailSerializer(ComplexCaseSerializer):
    follow_ups = FollowUpSerializer(many=True, read_only=True)

    class Meta(ComplexCaseSerializer.Meta):
        fields = [*ComplexCaseSerializer.Meta.fields, "follow_ups"]


class ComplexCaseCreateSerializer(ComplexCaseSerializer):
    people_involved = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        write_only=True,
        help_text="Restricted; never returned here (read it with POST …/personal-data/, logged).",
    )

    class Meta(ComplexCaseSerializer.Meta):
        fields = [*ComplexCaseSerializer.Meta.fields, "people_involved"]


class FollowUpInputSerializer(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, default="")
    on = serializers.DateField(required=False, allow_null=True, default=None, help_text="Today when empty.")
    resolved = serializers.BooleanField(
        required=False, default=False, help_text="This step resolves the case."
    )


class EthnicFestivalSerializer(RecordSerializer):
    organizer_name = name_of("organizer")
    url = page_url()

    class Meta(RecordSerializer.Meta):
        model = EthnicFestival
        fields = ["id", *ethnic_services.FESTIVAL_FIELDS, "organizer_name", "url"]


# --- public opinion -----------------------------------------------------------------------------------


class OpinionNoteSerializer(RecordSerializer):
    unit_name = name_of("unit")
    area_name = name_of("area")
    url = page_url()

    class Meta(RecordSerializer.Meta):
        model = OpinionNote
        fields = [
            "id",
            *opinion_services.NOTE_FIELDS,
            "unit_name",
            "area_name",
            "needs_action",
            "task",
            "url",
        ]
        read_only_fields = ["needs_action", "task"]


class NeedsActionSerializer(serializers.Serializer):
    unit = any_unit(
        required=False,
        allow_null=True,
        default=None,
        help_text="The body that should act (lead of the new task).",
    )
    due_date = serializers.DateField(required=False, allow_null=True, default=None)
    text = serializers.CharField(required=False, allow_blank=True, default="", help_text="The task's text.")


class OpinionTrendRowSerializer(serializers.Serializer):
    label = serializers.CharField()
    counts = serializers.ListField(child=serializers.IntegerField(), help_text="Notes per period.")
    high = serializers.ListField(child=serializers.IntegerField(), help_text="Of high concern, per period.")
    total = serializers.IntegerField()


class OpinionTrendSerializer(serializers.Serializer):
    periods = serializers.ListField(child=serializers.CharField(), help_text="Quarters, e.g. 2025-Q2.")
    rows = OpinionTrendRowSerializer(many=True)


# --- exemplary "Dân vận khéo" models ------------------------------------------------------------------


class AwardSerializer(serializers.ModelSerializer):
    class Meta:
        model = Award
        fields = ["id", "form", "deciding_body", "decision_number", "decision_date", "note"]
        validators: list = []


class ReplicationSerializer(serializers.ModelSerializer):
    place = any_unit(required=False, allow_null=True, default=None)

    class Meta:
        model = Replication
        fields = ["id", "place", "place_name", "count", "year", "note"]
        validators: list = []


class ModelEvidenceSerializer(serializers.ModelSerializer):
    url = serializers.CharField(
        source="get_absolute_url", read_only=True, help_text="Permission-checked download."
    )

    class Meta:
        model = ModelEvidence
        fields = ["id", "name", "uploaded_at", "url"]
        read_only_fields = fields


class ExemplaryModelSerializer(RecordSerializer):
    unit_name = name_of("unit")
    area_name = name_of("area")
    n_awards = serializers.IntegerField(read_only=True)
    n_copies = serializers.IntegerField(read_only=True, help_text="Times replicated.")
    url = page_url()

    class Meta(RecordSerializer.Meta):
        model = ExemplaryModel
        fields = [
            "id",
            *exemplary_services.MODEL_FIELDS,
            "unit_name",
            "area_name",
            "published",
            "published_at",
            "n_awards",
            "n_copies",
            "url",
        ]
        read_only_fields = ["published", "published_at"]


class ExemplaryModelDetailSerializer(ExemplaryModelSerializer):
    awards = AwardSerializer(many=True, read_only=True)
    replications = ReplicationSerializer(many=True, read_only=True)
    evidence = ModelEvidenceSerializer(many=True, read_only=True)

    class Meta(ExemplaryModelSerializer.Meta):
        fields = [*ExemplaryModelSerializer.Meta.fields, "awards", "replications", "evidence"]


class ModelPublishSerializer(serializers.Serializer):
    published = serializers.BooleanField(help_text="True publishes on the portal, false withdraws.")


class EvidenceFileSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="PDF, image (JPG, PNG), Word or Excel; at most 10 MB.")
