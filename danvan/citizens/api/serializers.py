"""REST serializers. No serializer has a field for a sender's identity or contact in its output:
the sender fields of PetitionCreateSerializer are write-only."""

from django.utils import timezone
from rest_framework import serializers

from danvan.orgs.models import OrgUnit

from ..choices import Channel, ComplaintTrack, IneligibleReason, PetitionType, Topic
from ..models import Holiday, Meeting, MeetingItem, Petition, ReceptionSession, TimeLimitRule
from ..services import check_signer_count


class PetitionSerializer(serializers.ModelSerializer):
    area = serializers.CharField(source="location_unit.name", read_only=True, default=None)
    competent_body_name = serializers.CharField(source="competent_body.name", read_only=True, default=None)
    deadline_state = serializers.SerializerMethodField()

    class Meta:
        model = Petition
        fields = [
            "id",
            "code",
            "petition_type",
            "channel",
            "status",
            "subject",
            "received_on",
            "topic",
            "location_unit",
            "area",
            "is_group",
            "signer_count",
            "is_anonymous",
            "eligible",
            "ineligible_reason",
            "complaint_track",
            "decision_known_on",
            "is_complex",
            "is_remote_area",
            "extensions",
            "case_file",
            "is_duplicate",
            "suggested_body",
            "competent_body",
            "competent_body_name",
            "classified_on",
            "routed_on",
            "accepted_on",
            "answered_on",
            "classification_due",
            "forwarding_due",
            "acceptance_due",
            "reply_due",
            "resolution_due",
            "current_due",
            "deadline_state",
            "answer_number",
            "answer_date",
            "public_answer",
        ]
        read_only_fields = fields

    def get_deadline_state(self, obj) -> str:
        return obj.deadline_state(timezone.localdate())


class PetitionDetailSerializer(PetitionSerializer):
    class Meta(PetitionSerializer.Meta):
        fields = PetitionSerializer.Meta.fields + ["content", "answer_summary", "classification_note"]
        read_only_fields = fields


def _units():
    return OrgUnit.objects.all()


class PetitionCreateSerializer(serializers.Serializer):
    """Staff enter a petition on a citizen's behalf; the sender fields are accepted, never returned."""

    petition_type = serializers.ChoiceField(choices=PetitionType.choices)
    channel = serializers.ChoiceField(choices=[c for c in Channel.choices if c[0] != Channel.OPEN311])
    subject = serializers.CharField(max_length=255)
    content = serializers.CharField(max_length=20000)
    received_on = serializers.DateField(default=timezone.localdate)
    topic = serializers.ChoiceField(choices=Topic.choices, default=Topic.OTHER)
    location_unit = serializers.PrimaryKeyRelatedField(queryset=_units(), required=False, allow_null=True)
    address_text = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    is_anonymous = serializers.BooleanField(default=False)
    is_group = serializers.BooleanField(default=False)
    signer_count = serializers.IntegerField(min_value=1, default=1, validators=[check_signer_count])
    sender_name = serializers.CharField(max_length=150, required=False, allow_blank=True, write_only=True)
    sender_address = serializers.CharField(max_length=255, required=False, allow_blank=True, write_only=True)
    sender_phone = serializers.CharField(max_length=30, required=False, allow_blank=True, write_only=True)
    sender_email = serializers.EmailField(required=False, allow_blank=True, write_only=True)
    # The date of receipt is checked by services.register_petition, like the staff form's.


class ClassifySerializer(serializers.Serializer):
    petition_type = serializers.ChoiceField(choices=PetitionType.choices)
    eligible = serializers.BooleanField()
    ineligible_reason = serializers.ChoiceField(
        choices=IneligibleReason.choices, required=False, allow_blank=True, default=""
    )
    topic = serializers.ChoiceField(choices=Topic.choices, required=False)
    complaint_track = serializers.ChoiceField(
        choices=[c for c in ComplaintTrack.choices if c[0]], required=False, default="first"
    )
    decision_known_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Complaints: the day the decision complained of was received or known (time to file).",
    )
    is_complex = serializers.BooleanField(default=False)
    is_remote_area = serializers.BooleanField(default=False)
    multi_place_verification = serializers.BooleanField(default=False)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class RouteSerializer(serializers.Serializer):
    body = serializers.PrimaryKeyRelatedField(queryset=_units())
    routed_on = serializers.DateField(required=False)


class AcceptSerializer(serializers.Serializer):
    accepted_on = serializers.DateField(required=False)


class AnswerSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=60)
    answered_on = serializers.DateField()
    summary = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000)
    public_answer = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000)


class TimeLimitRuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = TimeLimitRule
        fields = [
            "id",
            "key",
            "petition_type",
            "step",
            "complaint_track",
            "condition",
            "channel",
            "days",
            "unit",
            "counted_from",
            "legal_basis",
            "valid_from",
            "valid_to",
            "verify",
            "note",
            "changed_in_app",
        ]
        read_only_fields = fields


class HolidaySerializer(serializers.ModelSerializer):
    class Meta:
        model = Holiday
        fields = ["id", "date", "name", "is_working_day"]


class ReceptionSessionSerializer(serializers.ModelSerializer):
    petition_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = ReceptionSession
        fields = ["id", "held_on", "place", "kind", "online", "unit", "leader_name", "note", "petition_count"]
        read_only_fields = fields


class MeetingItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeetingItem
        fields = [
            "id",
            "meeting",
            "kind",
            "raised_by",
            "content",
            "topic",
            "responsible_body",
            "answer",
            "commitment",
            "status",
            "due_on",
            "resolved_on",
        ]
        read_only_fields = fields


class MeetingSerializer(serializers.ModelSerializer):
    items = MeetingItemSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "kind", "title", "held_on", "place", "unit", "hosts", "participant_count", "items"]
        read_only_fields = fields


class CountSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    n = serializers.IntegerField()


class StatisticsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    overdue = serializers.IntegerField()
    due_soon = serializers.IntegerField()
    duplicates = serializers.IntegerField()
    groups = serializers.IntegerField()
    eligible = serializers.IntegerField()
    by_type = CountSerializer(many=True)
    by_topic = CountSerializer(many=True)
    by_area = serializers.ListField(child=serializers.DictField())
    by_month = serializers.ListField(child=serializers.DictField())
    on_time = serializers.ListField(child=serializers.DictField())
    hot_spots = serializers.ListField(child=serializers.DictField())
    items = serializers.ListField(child=serializers.DictField())
