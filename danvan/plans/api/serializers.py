from rest_framework import serializers

from ..models import Assignment, Plan, Task


class AssignmentSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", default=None, read_only=True)

    class Meta:
        model = Assignment
        fields = ["id", "unit", "unit_name", "name_as_written", "role", "match_confidence", "is_group"]


class TaskSerializer(serializers.ModelSerializer):
    assignments = AssignmentSerializer(many=True, read_only=True)
    section_number = serializers.CharField(source="section.number", default=None, read_only=True)

    class Meta:
        model = Task
        fields = [
            "id",
            "plan",
            "section",
            "section_number",
            "parent",
            "summary",
            "text",
            "recurrence",
            "due_date",
            "deadline_text",
            "deadline_needs_review",
            "weight",
            "source_start",
            "source_end",
            "assignments",
        ]


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plan
        fields = [
            "id",
            "title",
            "doc_type",
            "symbol",
            "issued_on",
            "place",
            "issuer",
            "issuer_name",
            "signer_capacity",
            "term_start",
            "term_end",
            "recipients",
            "status",
            "source_name",
        ]
