"""REST API of the indicators app (/api/indicators/).

Reads go through visible_to (out of scope → 404); the self-assessment and review actions go through
the same services, forms and permission checks as the pages (no permission → 403, bad input → 400
with the Vietnamese messages the pages show).
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from .. import services
from ..choices import ScoringMode
from ..forms import ScoresForm
from ..models import CriteriaSet, Criterion, Evaluation, EvaluationRound, Indicator, IndicatorValue
from . import serializers as s


def _django_errors(error: DjangoValidationError) -> ValidationError:
    return ValidationError({"detail": error.messages})


def _form_value(criterion: Criterion, value) -> str:
    """JSON → the value the page's form field receives ("1"/"0" for pass/fail, text for points)."""
    if value is None:
        return ""
    if criterion.mode == ScoringMode.PASS_FAIL and isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _clean_scores(evaluation: Evaluation, raw: dict, *, prefix: str, with_comments: bool, notes=None):
    """Validate scores with the page's ScoresForm; returns {criterion id: cleaned value} of those sent."""
    criteria = list(evaluation.round.criteria_set.criteria.select_related("part"))
    by_id = {c.pk: c for c in criteria}
    sent, unknown = {}, []
    for key, value in raw.items():
        criterion = by_id.get(int(key)) if str(key).isdigit() else None
        if criterion is None:
            unknown.append(key)
        else:
            sent[criterion.pk] = value
    for key in notes or {}:
        if not str(key).isdigit() or int(key) not in by_id:
            unknown.append(key)
    if unknown:
        raise ValidationError({"detail": [s.unknown_criteria_message(unknown)]})
    data = {f"{prefix}_{pk}": _form_value(by_id[pk], value) for pk, value in sent.items()}
    data.update({f"note_{int(k)}": text for k, text in (notes or {}).items()})
    form = ScoresForm(data, criteria=criteria, prefix_name=prefix, with_comments=with_comments)
    if not form.is_valid():
        errors = []
        for name, messages in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            errors += [f"{_('Criterion')} {label}: {m}" if label else m for m in messages]
        raise ValidationError({"detail": errors})
    return {pk: form.cleaned_data[f"{prefix}_{pk}"] for pk in sent}


class CriteriaSetViewSet(viewsets.ReadOnlyModelViewSet):
    """Criteria sets (bộ tiêu chí) by kind, year and version; the detail lists groups and criteria."""

    filterset_fields = ["kind", "year"]

    def get_queryset(self):
        qs = CriteriaSet.objects.visible_to(self.request.user).order_by("-year", "kind", "-version")
        if self.action == "retrieve":
            qs = qs.prefetch_related("criteria", "parts__criteria")
        return qs

    def get_serializer_class(self):
        return s.CriteriaSetDetailSerializer if self.action == "retrieve" else s.CriteriaSetSerializer


class EvaluationRoundViewSet(viewsets.ReadOnlyModelViewSet):
    """Evaluation rounds; the counts cover only the evaluations the caller may see."""

    serializer_class = s.EvaluationRoundSerializer
    filterset_fields = ["kind", "year", "status"]

    def get_queryset(self):
        user = self.request.user
        return EvaluationRound.objects.visible_to(user).with_counts(user).order_by("-year", "kind")


class EvaluationFilterSet(filters.FilterSet):
    class Meta:
        model = Evaluation
        fields = ["round", "status", "unit", "reviewer_unit", "grade", "meets"]


class EvaluationViewSet(viewsets.ReadOnlyModelViewSet):
    """Evaluations the caller may see (own unit and sub-units; as reviewer, the units it reviews)."""

    filterset_class = EvaluationFilterSet

    def get_queryset(self):
        qs = (
            Evaluation.objects.visible_to(self.request.user)
            .select_related("unit", "reviewer_unit", "round__criteria_set")
            .order_by("round", "unit__path")
        )
        if self.action == "retrieve":
            qs = qs.prefetch_related("scores", "evidence", "events__actor")
        return qs

    def get_serializer_class(self):
        return {
            "retrieve": s.EvaluationDetailSerializer,
            "self_assessment": s.SelfAssessmentSerializer,
            "evidence": s.EvidenceUploadSerializer,
            "return_": s.ReturnSerializer,
            "approve": s.ApproveSerializer,
            "reopen": s.ReopenSerializer,
        }.get(self.action, s.EvaluationSerializer)

    def _evaluation(self, perm: str) -> Evaluation:
        """Out of scope → 404 (get_object over visible_to), without the permission → 403."""
        evaluation = self.get_object()
        if not self.request.user.has_perm(perm, evaluation):
            raise PermissionDenied
        return evaluation

    def _body(self):
        serializer = self.get_serializer(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _done(self, evaluation: Evaluation) -> Response:
        fresh = (
            self.get_queryset().prefetch_related("scores", "evidence", "events__actor").get(pk=evaluation.pk)
        )
        return Response(s.EvaluationDetailSerializer(fresh, context=self.get_serializer_context()).data)

    def _run(self, fn):
        try:
            with transaction.atomic():
                return fn()
        except DjangoValidationError as error:
            raise _django_errors(error) from error
        except DjangoPermissionDenied as error:
            raise PermissionDenied(str(error) or None) from error

    @extend_schema(request=s.SelfAssessmentSerializer, responses=s.EvaluationDetailSerializer)
    @action(detail=True, methods=["post"], url_path="self-assessment")
    def self_assessment(self, request, pk=None):
        """The unit's own scores and comments; "submit": true also sends it for review (all or nothing)."""
        evaluation = self._evaluation("indicators.self_assess")
        data = self._body()
        scores = _clean_scores(
            evaluation, data["scores"], prefix="score", with_comments=True, notes=data["comments"]
        )
        comments = {int(k): v for k, v in data["comments"].items()}

        def act():
            services.save_self_assessment(
                evaluation, actor=request.user, scores=scores, comments=comments, comment=data.get("comment")
            )
            if data["submit"]:
                services.submit_evaluation(evaluation, actor=request.user)

        self._run(act)
        return self._done(evaluation)

    @extend_schema(request=None, responses=s.EvaluationDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Send the saved self-assessment to the reviewer (every criterion must be scored)."""
        evaluation = self._evaluation("indicators.self_assess")
        self._run(lambda: services.submit_evaluation(evaluation, actor=request.user))
        return self._done(evaluation)

    @extend_schema(
        request={"multipart/form-data": s.EvidenceUploadSerializer}, responses=s.EvaluationDetailSerializer
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def evidence(self, request, pk=None):
        """Attach an evidence file to the unit's own self-assessment (real type and size are checked)."""
        evaluation = self._evaluation("indicators.self_assess")
        data = self._body()
        criterion = None
        if data.get("criterion") is not None:
            criterion = evaluation.round.criteria_set.criteria.filter(pk=data["criterion"]).first()
            if criterion is None:
                raise ValidationError({"detail": [s.unknown_criteria_message([data["criterion"]])]})
        self._run(
            lambda: services.add_evidence(
                evaluation, actor=request.user, upload=data["file"], criterion=criterion
            )
        )
        return self._done(evaluation)

    @extend_schema(request=s.ReturnSerializer, responses=s.EvaluationDetailSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        """The reviewer sends the evaluation back; reasons are required."""
        evaluation = self._evaluation("indicators.review_evaluation")
        data = self._body()
        self._run(lambda: services.return_evaluation(evaluation, actor=request.user, reason=data["reason"]))
        return self._done(evaluation)

    @extend_schema(request=s.ApproveSerializer, responses=s.EvaluationDetailSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """The reviewer approves, optionally correcting scores; the result is stored and locked."""
        evaluation = self._evaluation("indicators.review_evaluation")
        data = self._body()
        review = _clean_scores(evaluation, data["review_scores"], prefix="review", with_comments=False)
        review = {k: v for k, v in review.items() if v is not None}
        self._run(
            lambda: services.approve_evaluation(
                evaluation, actor=request.user, review_scores=review, comment=data["comment"]
            )
        )
        return self._done(evaluation)

    @extend_schema(request=s.ReopenSerializer, responses=s.EvaluationDetailSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        """The Board reopens an approved evaluation; reasons are required and recorded."""
        evaluation = self._evaluation("indicators.reopen_evaluation")
        data = self._body()
        self._run(lambda: services.reopen_evaluation(evaluation, actor=request.user, reason=data["reason"]))
        return self._done(evaluation)


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """Indicator definitions (chỉ tiêu): measure, target with comparator, period and scope."""

    serializer_class = s.IndicatorSerializer
    filterset_fields = ["kind", "code"]

    def get_queryset(self):
        return Indicator.objects.visible_to(self.request.user).order_by("order", "id")


class IndicatorValueFilterSet(filters.FilterSet):
    current = filters.BooleanFilter(
        label="Current values only (the default when absent); false lists earlier computations"
    )
    overall = filters.BooleanFilter(
        field_name="area", lookup_expr="isnull", label="Only values for the whole scope (no area)"
    )

    class Meta:
        model = IndicatorValue
        fields = ["indicator", "year", "area", "current", "overall"]


class IndicatorValueViewSet(viewsets.ReadOnlyModelViewSet):
    """Computed values; area values follow the caller's scope and the drill-down lists only visible units."""

    serializer_class = s.IndicatorValueSerializer
    filterset_class = IndicatorValueFilterSet

    def get_queryset(self):
        qs = (
            IndicatorValue.objects.visible_to(self.request.user)
            .select_related("area")
            .order_by("indicator", "year", "area__path", "-computed_at")
        )
        if self.action == "list" and "current" not in self.request.query_params:
            qs = qs.current()
        return qs
