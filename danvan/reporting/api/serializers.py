from rest_framework import serializers

from ..models import BodyReport, ReportingPeriod


class ReportingPeriodSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)

    class Meta:
        model = ReportingPeriod
        fields = [
            "id",
            "plan",
            "kind",
            "year",
            "sequence",
            "label",
            "starts_on",
            "ends_on",
            "due_on",
            "cutoff_on",
            "grace_days",
            "lock_on",
        ]


class BodyReportSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = BodyReport
        fields = [
            "id",
            "period",
            "unit",
            "unit_name",
            "status",
            "late",
            "first_submitted_at",
            "submitted_at",
            "results",
            "shortcomings",
            "causes",
            "difficulties",
            "recommendations",
            "next_direction",
        ]
