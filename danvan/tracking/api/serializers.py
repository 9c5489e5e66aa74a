"""Serializers of the tracking API: occurrences with their computed status, progress, notifications."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..choices import Outcome
from ..models import Evidence, Notification, Occurrence, ProgressEntry
from ..status import is_due_soon


class OccurrenceSerializer(serializers.ModelSerializer):
    """An occurrence with its status computed from dates (never stored) and the due-soon band."""

    task_summary = serializers.SerializerMethodField()
    label = serializers.CharField(read_only=True)
    lead_unit_name = serializers.CharField(source="lead_unit.name", default=None, read_only=True)
    outcome = serializers.SerializerMethodField()
    due_soon = serializers.SerializerMethodField()
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Occurrence
        fields = [
            "id",
            "task",
            "task_summary",
            "plan",
            "section",
            "kind",
            "label",
            "period_start",
            "period_end",
            "due_date",
            "year",
            "lead_unit",
            "lead_unit_name",
            "percent",
            "started_on",
            "completed_on",
            "outcome",
            "due_soon",
            "version",
            "url",
        ]

    def _today(self):
        return self.context.get("today") or timezone.localdate()

    def get_task_summary(self, occ) -> str:
        return str(occ.task)

    @extend_schema_field(serializers.ChoiceField(choices=Outcome.choices))
    def get_outcome(self, occ) -> str:
        return occ.outcome_on(self._today()).value

    def get_due_soon(self, occ) -> bool:
        return is_due_soon(due=occ.due_date, completed_on=occ.completed_on, today=self._today())


class OutcomeCountsSerializer(serializers.Serializer):
    """Counts of the filtered occurrences by computed status."""

    not_started = serializers.IntegerField()
    in_progress = serializers.IntegerField()
    done_on_time = serializers.IntegerField()
    done_late = serializers.IntegerField()
    overdue = serializers.IntegerField()
    total = serializers.IntegerField()


class EvidenceSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Evidence
        fields = ["id", "name", "mime", "size", "url"]


class ProgressEntrySerializer(serializers.ModelSerializer):
    author = serializers.SlugRelatedField(slug_field="username", read_only=True)
    unit_name = serializers.CharField(source="unit.name", default=None, read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = ProgressEntry
        fields = [
            "id",
            "occurrence",
            "kind",
            "author",
            "unit",
            "unit_name",
            "percent",
            "text",
            "reported_on",
            "created_at",
            "evidence",
        ]
        read_only_fields = fields


class ProgressCreateSerializer(serializers.Serializer):
    """Input of a progress report or a contribution; the rules are those of services.add_progress."""

    occurrence = serializers.IntegerField(help_text="Id of an occurrence the caller may see.")
    version = serializers.IntegerField(
        help_text="The occurrence's `version` as last read; a report based on an older one is refused (409)."
    )
    percent = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        max_value=100,
        error_messages={
            "min_value": _("Progress must be a whole number from 0 to 100."),
            "max_value": _("Progress must be a whole number from 0 to 100."),
            "invalid": _("Progress must be a whole number from 0 to 100."),
        },
        help_text="0-100; required from the lead body, ignored for a coordinating body's contribution.",
    )
    text = serializers.CharField(required=False, allow_blank=True, default="")
    files = serializers.ListField(
        child=serializers.FileField(), required=False, default=list, help_text="Evidence files."
    )


class MarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="How many notifications were unread.")


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "text", "url", "occurrence", "created_at", "read_at"]
        read_only_fields = fields
