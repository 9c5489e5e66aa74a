"""Serializers of the indicators API: criteria, rounds, evaluations, indicators and computed values."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from danvan.core.permissions import sees_everything
from danvan.orgs.models import OrgUnit

from .. import services
from ..models import (
    CriteriaPart,
    CriteriaSet,
    Criterion,
    Evaluation,
    EvaluationRound,
    Evidence,
    Indicator,
    IndicatorValue,
    ReviewEvent,
    Score,
)

BREAKDOWN_KEYS = ("met", "not_met", "missing", "returned", "not_returned")


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["id", "part", "order", "code", "text", "guidance", "mode", "max_score", "required"]


class CriteriaPartSerializer(serializers.ModelSerializer):
    criteria = CriterionSerializer(many=True, read_only=True)

    class Meta:
        model = CriteriaPart
        fields = ["id", "order", "title", "criteria"]


class CriteriaSetSerializer(serializers.ModelSerializer):
    is_locked = serializers.BooleanField(read_only=True)

    class Meta:
        model = CriteriaSet
        fields = [
            "id",
            "kind",
            "year",
            "version",
            "name",
            "description",
            "threshold_good",
            "threshold_fair",
            "threshold_average",
            "meets_min_grade",
            "is_locked",
            "locked_at",
            "based_on",
        ]


class CriteriaSetDetailSerializer(CriteriaSetSerializer):
    parts = CriteriaPartSerializer(many=True, read_only=True)
    max_total = serializers.SerializerMethodField()

    class Meta(CriteriaSetSerializer.Meta):
        fields = [*CriteriaSetSerializer.Meta.fields, "max_total", "parts"]

    @extend_schema_field(serializers.DecimalField(max_digits=8, decimal_places=2))
    def get_max_total(self, obj) -> str:
        return f"{services.max_total(obj):.2f}"


class EvaluationRoundSerializer(serializers.ModelSerializer):
    n_total = serializers.IntegerField(read_only=True, help_text="Evaluations of this round you may see.")
    n_submitted = serializers.IntegerField(read_only=True)
    n_approved = serializers.IntegerField(read_only=True)

    class Meta:
        model = EvaluationRound
        fields = [
            "id",
            "kind",
            "year",
            "name",
            "criteria_set",
            "reference_date",
            "self_assessment_due",
            "unit_kinds",
            "status",
            "opened_at",
            "closed_at",
            "n_total",
            "n_submitted",
            "n_approved",
        ]


class EvaluationSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    reviewer_unit_name = serializers.CharField(source="reviewer_unit.name", read_only=True, default=None)

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "round",
            "unit",
            "unit_name",
            "reviewer_unit",
            "reviewer_unit_name",
            "status",
            "self_score",
            "final_score",
            "percent",
            "grade",
            "meets",
            "submitted_at",
            "approved_at",
        ]


class ScoreSerializer(serializers.ModelSerializer):
    class Meta:
        model = Score
        fields = ["criterion", "self_score", "self_passed", "review_score", "review_passed", "comment"]


class EvaluationEvidenceSerializer(serializers.ModelSerializer):
    download_url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Evidence
        fields = ["id", "name", "size", "criterion", "uploaded_at", "download_url"]


class ReviewEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", read_only=True, default=None)

    class Meta:
        model = ReviewEvent
        fields = ["action", "actor", "at", "reason"]


class EvaluationDetailSerializer(EvaluationSerializer):
    scores = ScoreSerializer(many=True, read_only=True)
    evidence = EvaluationEvidenceSerializer(many=True, read_only=True)
    events = ReviewEventSerializer(many=True, read_only=True)

    class Meta(EvaluationSerializer.Meta):
        fields = [
            *EvaluationSerializer.Meta.fields,
            "self_comment",
            "review_comment",
            "return_reason",
            "scores",
            "evidence",
            "events",
        ]


# ---------------------------------------------------------------- actions (request bodies)


class SelfAssessmentSerializer(serializers.Serializer):
    scores = serializers.DictField(
        child=serializers.JSONField(allow_null=True),
        required=False,
        default=dict,
        help_text="Criterion id → score (number) or pass/fail (true/false); null clears it.",
    )
    comments = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        default=dict,
        help_text="Criterion id → comment.",
    )
    comment = serializers.CharField(required=False, allow_blank=True, help_text="Overall self-assessment.")
    submit = serializers.BooleanField(
        required=False, default=False, help_text="Also send the self-assessment for review."
    )


class EvidenceUploadSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="PDF, JPG, PNG, Word or Excel; at most 10 MB (checked by content)."
    )
    criterion = serializers.IntegerField(required=False, allow_null=True, help_text="Criterion it supports.")


class ReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ApproveSerializer(serializers.Serializer):
    review_scores = serializers.DictField(
        child=serializers.JSONField(allow_null=True),
        required=False,
        default=dict,
        help_text="Criterion id → corrected score (number) or pass/fail (true/false); omit to keep.",
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ReopenSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


# ---------------------------------------------------------------- indicators and values


class IndicatorSerializer(serializers.ModelSerializer):
    target_label = serializers.CharField(read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "name",
            "description",
            "source",
            "kind",
            "measure",
            "min_grade",
            "missing_policy",
            "comparator",
            "target_value",
            "target_label",
            "start_year",
            "end_year",
            "scope",
            "plan_target",
            "order",
        ]


def visible_unit_ids(user, values) -> set[int] | None:
    """Ids among the values' breakdowns that `user` may see; None means all of them (one query)."""
    if sees_everything(user):
        return None
    ids = {i for v in values for key in BREAKDOWN_KEYS for i in (v.breakdown or {}).get(key, [])}
    if not ids:
        return set()
    return set(OrgUnit.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


class IndicatorValueListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        items = list(data.all() if hasattr(data, "all") else data)
        self.child.context["visible_units"] = visible_unit_ids(self.context["request"].user, items)
        return super().to_representation(items)


class BreakdownSerializer(serializers.Serializer):
    met = serializers.ListField(child=serializers.IntegerField(), help_text="Units counted in the numerator.")
    not_met = serializers.ListField(child=serializers.IntegerField(), help_text="Evaluated, not counted.")
    missing = serializers.ListField(
        child=serializers.IntegerField(), help_text="Units without an approved evaluation."
    )
    returned = serializers.ListField(
        child=serializers.IntegerField(), help_text="Survey: units whose submitted figures are counted."
    )
    not_returned = serializers.ListField(
        child=serializers.IntegerField(), help_text="Survey: units asked that have not returned figures."
    )
    hidden = serializers.IntegerField(help_text="Units behind the number that are outside your scope.")


class IndicatorValueSerializer(serializers.ModelSerializer):
    area_name = serializers.CharField(source="area.name", read_only=True, default=None)
    breakdown = serializers.SerializerMethodField(
        help_text="Ids of the org units behind the number, only those you may see."
    )

    class Meta:
        model = IndicatorValue
        list_serializer_class = IndicatorValueListSerializer
        fields = [
            "id",
            "indicator",
            "year",
            "area",
            "area_name",
            "round",
            "criteria_set",
            "survey",
            "reference_date",
            "target_value",
            "numerator",
            "denominator",
            "not_evaluated",
            "value",
            "met",
            "computed_at",
            "current",
            "breakdown",
        ]

    @extend_schema_field(BreakdownSerializer)
    def get_breakdown(self, obj) -> dict:
        if "visible_units" in self.context:
            visible = self.context["visible_units"]
        else:
            visible = visible_unit_ids(self.context["request"].user, [obj])
        raw = obj.breakdown or {}
        result, hidden = {}, 0
        for key in BREAKDOWN_KEYS:
            ids = raw.get(key, [])
            shown = ids if visible is None else [i for i in ids if i in visible]
            hidden += len(ids) - len(shown)
            result[key] = shown
        result["hidden"] = hidden
        return result


def unknown_criteria_message(ids) -> str:
    return _("Criteria %(ids)s are not in this round's criteria set.") % {
        "ids": ", ".join(str(i) for i in ids)
    }
