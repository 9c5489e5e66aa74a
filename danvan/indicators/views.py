"""Dashboards, criteria, rounds and evaluations. Every query goes through visible_to; rules in services."""

from typing import NamedTuple

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from danvan.core.forms import add_service_errors
from danvan.core.models import AuditEntry
from danvan.core.pagination import LenientPaginationMixin
from danvan.orgs.models import OrgUnit

from . import services
from .charts import indicator_chart
from .choices import EvaluationStatus, RoundStatus
from .exports import indicators_workbook
from .forms import (
    CriteriaSetForm,
    CriterionForm,
    EvidenceForm,
    IndicatorForm,
    NewCriteriaSetForm,
    PartForm,
    ReasonForm,
    RoundForm,
    ScoresForm,
)
from .models import (
    CriteriaPart,
    CriteriaSet,
    Criterion,
    Evaluation,
    EvaluationRound,
    Evidence,
    Indicator,
    IndicatorValue,
)


class MembershipFigures(NamedTuple):
    """One unit's survey figures as they were counted in a value."""

    people: int
    population: int


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _year(request, default: int | None = None) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return default or services.latest_year_with_values() or timezone.localdate().year


class ActionView(LoginRequiredMixin, View):
    """A POST that calls one service and goes back to the record; errors become messages."""

    def post(self, request, *args, **kwargs):
        target = self.get_target()
        try:
            self.act(target)
        except ValidationError as error:
            _errors(request, error)
        return redirect(self.redirect_to(target))

    def redirect_to(self, target):
        return target


# ------------------------------------------------------------------------ dashboard


class DashboardView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "indicators.view_indicator"
    template_name = "indicators/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = _year(self.request)
        cards = services.dashboard_cards(self.request.user, year)
        for card in cards:
            card.chart = indicator_chart(card.indicator, card.by_year)
        years = sorted({y for c in cards for y in c.indicator.years()})
        context.update(
            year=year,
            cards=cards,
            years=years,
            can_compute=self.request.user.has_perm("indicators.compute_indicator"),
        )
        return context


class IndicatorDetailView(LoginRequiredMixin, PermissionRequiredMixin, DetailView):
    permission_required = "indicators.view_indicator"
    template_name = "indicators/indicator_detail.html"
    context_object_name = "indicator"

    def get_queryset(self):
        return Indicator.objects.visible_to(self.request.user).select_related("plan_target__plan", "scope")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        indicator, user = self.object, self.request.user
        year = _year(self.request)
        values = IndicatorValue.objects.visible_to(user).current().filter(indicator=indicator)
        overall = {v.year: v for v in values.overall().select_related("criteria_set", "survey")}
        for v in overall.values():
            v.indicator = indicator
        areas = list(
            values.filter(year=year, area__isnull=False).select_related("area").order_by("area__path")
        )
        context.update(
            year=year,
            overall=overall.get(year),
            history=[overall[y] for y in indicator.years() if y in overall],
            districts=[v for v in areas if v.area.kind == "district"],
            communes=[v for v in areas if v.area.kind == "commune"],
            chart=indicator_chart(indicator, overall),
            audit_entries=AuditEntry.objects.for_object(indicator)[:20],
            can_edit=user.has_perm("indicators.manage_indicator"),
        )
        return context


class IndicatorValueView(LoginRequiredMixin, PermissionRequiredMixin, DetailView):
    """Drill-down: the units behind one number, as counted when it was computed."""

    permission_required = "indicators.view_indicator"
    template_name = "indicators/value_detail.html"
    context_object_name = "value"

    def get_queryset(self):
        return IndicatorValue.objects.visible_to(self.request.user).select_related(
            "indicator", "area", "round", "criteria_set", "survey"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        value = self.object
        groups = self.MEMBERSHIP_GROUPS if value.indicator.from_membership else self.EVALUATION_GROUPS
        ids = {key: value.breakdown.get(key, []) for key, _label in groups}
        visible = OrgUnit.objects.visible_to(self.request.user)
        units = visible.in_bulk([i for group in ids.values() for i in group])
        details = self._details(value)
        context["groups"] = []
        for key, label in groups:
            rows = [(units[i], details.get(i)) for i in ids[key] if i in units]
            rows.sort(key=lambda r: r[0].name)
            context["groups"].append(
                {
                    "key": key,
                    "label": label,
                    "rows": rows,
                    "total": len(ids[key]),
                    "hidden": len(ids[key]) - len(rows),
                }
            )
        return context

    EVALUATION_GROUPS = (
        ("met", gettext_lazy("Counted in the numerator")),
        ("not_met", gettext_lazy("Evaluated, not counted")),
        ("missing", gettext_lazy("Without an approved evaluation")),
    )
    MEMBERSHIP_GROUPS = (
        ("returned", gettext_lazy("Units whose figures are counted")),
        ("not_returned", gettext_lazy("Units asked that have not returned figures")),
    )

    def _details(self, value: IndicatorValue) -> dict:
        """Per unit: its evaluation in the round (visible ones only), or its survey figures as counted."""
        if value.indicator.from_membership:
            figures = value.breakdown.get("figures", {})
            return {int(unit): MembershipFigures(*pair) for unit, pair in figures.items()}
        if not value.round_id:
            return {}
        evaluations = Evaluation.objects.visible_to(self.request.user).filter(round=value.round_id)
        return {e.unit_id: e for e in evaluations}


class IndicatorEditView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """Coordinators change an indicator's definition; saving recomputes its values (never typed)."""

    permission_required = "indicators.manage_indicator"
    form_class = IndicatorForm
    template_name = "indicators/indicator_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.indicator = get_object_or_404(Indicator.objects.visible_to(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": Indicator.objects.get(pk=self.indicator.pk)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(indicator=self.indicator, **kwargs)

    def form_valid(self, form):
        values = {f: form.cleaned_data[f] for f in form.Meta.fields}
        try:
            indicator, created = services.update_indicator(self.indicator, actor=self.request.user, **values)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Indicator saved; %(n)d values recomputed (earlier values are kept).") % {"n": len(created)},
        )
        return redirect(indicator)


class ExportView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "indicators.view_indicator"

    def get(self, request):
        year = _year(request)
        response = HttpResponse(
            indicators_workbook(request.user, year),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="chi-tieu-{year}.xlsx"'
        return response


class ComputeView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "indicators.compute_indicator"

    def post(self, request):
        services.ensure_default_indicators()
        created = services.compute_indicator_values(actor=request.user)
        messages.success(
            request,
            _("%(n)d values computed from the evaluations and the membership surveys.") % {"n": len(created)},
        )
        return redirect("indicators:dashboard")


# ------------------------------------------------------------------------ criteria


class CriteriaSetListView(LoginRequiredMixin, LenientPaginationMixin, ListView):
    template_name = "indicators/criteriaset_list.html"
    context_object_name = "criteria_sets"

    def get_queryset(self):
        return CriteriaSet.objects.visible_to(self.request.user).annotate(n_criteria=Count("criteria"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            new_form=NewCriteriaSetForm(initial={"year": timezone.localdate().year}),
            can_manage=self.request.user.has_perm("indicators.manage_criteria"),
            **kwargs,
        )


class CriteriaSetCreateView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "indicators.manage_criteria"

    def post(self, request):
        form = NewCriteriaSetForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a kind and a year between 2000 and 2100."))
            return redirect("indicators:criteria_set_list")
        criteria_set = services.create_default_criteria_set(
            form.cleaned_data["kind"], form.cleaned_data["year"], actor=request.user
        )
        messages.success(
            request, _("Criteria set created from the defaults; adjust it before opening a round.")
        )
        return redirect(criteria_set)


class CriteriaSetDetailView(LoginRequiredMixin, DetailView):
    template_name = "indicators/criteriaset_detail.html"
    context_object_name = "criteria_set"

    def get_queryset(self):
        return CriteriaSet.objects.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cs = self.object
        editable = self.request.user.has_perm("indicators.manage_criteria") and not cs.is_locked
        context.update(
            parts=cs.parts.prefetch_related("criteria"),
            max_total=services.max_total(cs),
            can_manage=self.request.user.has_perm("indicators.manage_criteria"),
            editable=editable,
            form=CriteriaSetForm(instance=cs) if editable else None,
            part_form=PartForm(),
            criterion_form=CriterionForm(),
            rounds=cs.rounds.all(),
            revisions=cs.revisions.all(),
            audit_entries=AuditEntry.objects.for_object(cs)[:30],
        )
        return context

    def post(self, request, *args, **kwargs):
        """Save the set's own fields (name, thresholds) while it is not locked."""
        self.object = cs = self.get_object()
        form = CriteriaSetForm(request.POST, instance=CriteriaSet.objects.get(pk=cs.pk))
        if not form.is_valid():
            context = self.get_context_data()
            context["form"] = form
            return self.render_to_response(context)
        try:
            services.update_criteria_set(cs, actor=request.user, **form.cleaned_data)
        except PermissionDenied:
            raise
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("Criteria set saved."))
        return redirect(cs)


class CriteriaSetReviseView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "indicators.manage_criteria"

    def post(self, request, pk):
        cs = get_object_or_404(CriteriaSet.objects.visible_to(request.user), pk=pk)
        year = request.POST.get("year")
        copy = services.revise_criteria_set(
            cs, actor=request.user, year=int(year) if year and year.isdigit() else None
        )
        messages.success(request, _("New version created; the earlier version is kept unchanged."))
        return redirect(copy)


class PartAddView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "indicators.manage_criteria"

    def post(self, request, pk):
        cs = get_object_or_404(CriteriaSet.objects.visible_to(request.user), pk=pk)
        form = PartForm(request.POST)
        if form.is_valid():
            try:
                services.add_part(cs, actor=request.user, title=form.cleaned_data["title"])
            except ValidationError as error:
                _errors(request, error)
        else:
            messages.error(request, _("Enter a title for the group of criteria."))
        return redirect(cs)


class CriteriaEditView(PermissionRequiredMixin, ActionView):
    """A POST changing the groups or criteria of an unlocked set; the service refuses a locked one."""

    permission_required = "indicators.manage_criteria"
    model = CriteriaPart

    def get_target(self):
        return get_object_or_404(self.model.objects.select_related("criteria_set"), pk=self.kwargs["pk"])

    def redirect_to(self, target):
        return target.criteria_set

    def step(self) -> int:
        return -1 if self.request.POST.get("direction") == "up" else 1


class PartEditView(CriteriaEditView):
    def act(self, part):
        services.rename_part(part, actor=self.request.user, title=self.request.POST.get("title", ""))
        messages.success(self.request, _("Group of criteria saved."))


class PartDeleteView(CriteriaEditView):
    def act(self, part):
        services.delete_part(part, actor=self.request.user)
        messages.success(self.request, _("Group of criteria deleted with its criteria."))


class PartMoveView(CriteriaEditView):
    def act(self, part):
        services.move_part(part, actor=self.request.user, step=self.step())


class CriterionDeleteView(CriteriaEditView):
    model = Criterion

    def act(self, criterion):
        services.delete_criterion(criterion, actor=self.request.user)
        messages.success(self.request, _("Criterion deleted."))


class CriterionMoveView(CriteriaEditView):
    model = Criterion

    def act(self, criterion):
        services.move_criterion(criterion, actor=self.request.user, step=self.step())


class CriterionFormView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """Add a criterion to a group (part_pk) or change one (pk); a locked set is refused."""

    permission_required = "indicators.manage_criteria"
    form_class = CriterionForm
    template_name = "indicators/criterion_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.criterion = get_object_or_404(Criterion, pk=kwargs["pk"]) if "pk" in kwargs else None
        self.part = (
            self.criterion.part if self.criterion else get_object_or_404(CriteriaPart, pk=kwargs["part_pk"])
        )
        if request.user.has_perm(self.permission_required) and self.part.criteria_set.is_locked:
            try:
                services.check_editable(self.part.criteria_set)
            except ValidationError as error:
                _errors(request, error)
            return redirect(self.part.criteria_set)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.criterion}

    def get_context_data(self, **kwargs):
        return super().get_context_data(part=self.part, criterion=self.criterion, **kwargs)

    def form_valid(self, form):
        values = {f: form.cleaned_data[f] for f in form.Meta.fields}
        try:
            services.save_criterion(self.part, actor=self.request.user, criterion=self.criterion, **values)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Criterion saved."))
        return redirect(self.part.criteria_set)


# ------------------------------------------------------------------------ rounds


class RoundListView(LoginRequiredMixin, LenientPaginationMixin, ListView):
    template_name = "indicators/round_list.html"
    context_object_name = "rounds"

    def get_queryset(self):
        return (
            EvaluationRound.objects.visible_to(self.request.user)
            .select_related("criteria_set")
            .with_counts(self.request.user)
        )

    def get_context_data(self, **kwargs):
        user = self.request.user
        mine = (
            Evaluation.objects.visible_to(user)
            .select_related("unit", "round")
            .exclude(round__status="closed")
        )
        todo = mine.filter(
            Q(unit_id=user.org_unit_id) | Q(reviewer_unit_id=user.org_unit_id, status="submitted")
        )
        if user.has_perm("indicators.manage_round"):
            todo = mine.filter(
                Q(status="submitted", reviewer_unit__isnull=True) | Q(unit_id=user.org_unit_id)
            )
        return super().get_context_data(
            can_manage=user.has_perm("indicators.manage_round"),
            todo=todo.order_by("round__year", "unit__name")[:100],
            **kwargs,
        )


class RoundCreateView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "indicators.manage_round"
    form_class = RoundForm
    template_name = "indicators/round_form.html"

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            round_ = services.create_round(
                year=data["year"],
                criteria_set=data["criteria_set"],
                actor=self.request.user,
                name=data["name"],
                reference_date=data["reference_date"],
                self_assessment_due=data["self_assessment_due"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        return redirect(round_)


class RoundDetailView(LoginRequiredMixin, DetailView):
    template_name = "indicators/round_detail.html"
    context_object_name = "round"

    def get_queryset(self):
        return EvaluationRound.objects.visible_to(self.request.user).select_related("criteria_set")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        evaluations = (
            Evaluation.objects.visible_to(self.request.user)
            .filter(round=self.object)
            .select_related("unit", "reviewer_unit")
        )
        status = self.request.GET.get("status", "")
        if status in EvaluationStatus.values:
            evaluations = evaluations.filter(status=status)
        counts = dict(
            Evaluation.objects.visible_to(self.request.user)
            .filter(round=self.object)
            .values_list("status")
            .annotate(n=Count("id"))
            .values_list("status", "n")
        )
        context.update(
            evaluations=evaluations.order_by("unit__path"),
            status=status,
            statuses=[(s.value, s.label, counts.get(s.value, 0)) for s in EvaluationStatus],
            not_self_assessed=Evaluation.objects.visible_to(self.request.user)
            .filter(round=self.object)
            .not_self_assessed()
            .select_related("unit")
            .order_by("unit__name"),
            can_manage=self.request.user.has_perm("indicators.manage_round"),
            audit_entries=AuditEntry.objects.for_object(self.object)[:20],
        )
        return context


class RoundOpenView(PermissionRequiredMixin, ActionView):
    permission_required = "indicators.manage_round"

    def get_target(self):
        return get_object_or_404(EvaluationRound, pk=self.kwargs["pk"])

    def act(self, round_):
        n = services.open_round(round_, actor=self.request.user)
        messages.success(self.request, _("Round opened: %(n)d units are to self-assess.") % {"n": n})


class RoundCloseView(PermissionRequiredMixin, ActionView):
    permission_required = "indicators.manage_round"

    def get_target(self):
        return get_object_or_404(EvaluationRound, pk=self.kwargs["pk"])

    def act(self, round_):
        services.close_round(round_, actor=self.request.user)
        messages.success(self.request, _("Round closed."))


# ------------------------------------------------------------------------ evaluations


def visible_evaluation(request, pk) -> Evaluation:
    """Out of scope → 404."""
    return get_object_or_404(
        Evaluation.objects.visible_to(request.user).select_related(
            "unit", "reviewer_unit", "round__criteria_set"
        ),
        pk=pk,
    )


class EvaluationDetailView(LoginRequiredMixin, DetailView):
    template_name = "indicators/evaluation_detail.html"
    context_object_name = "evaluation"

    def get_object(self, queryset=None):
        return visible_evaluation(self.request, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ev, user = self.object, self.request.user
        criteria = list(ev.round.criteria_set.criteria.select_related("part"))
        scores = {s.criterion_id: s for s in ev.scores.all()}
        is_open = ev.round.status == RoundStatus.OPEN
        can_self = is_open and user.has_perm("indicators.self_assess", ev) and not ev.is_locked
        can_review = (
            is_open and user.has_perm("indicators.review_evaluation", ev) and ev.status == "submitted"
        )
        initial = {"comment": ev.self_comment}
        for c in criteria:
            s = scores.get(c.pk)
            if s:
                initial[f"score_{c.pk}"] = (
                    ("1" if s.self_passed else "0")
                    if c.mode == "pass_fail" and s.self_passed is not None
                    else s.self_score
                )
                initial[f"note_{c.pk}"] = s.comment
        context.update(
            rows=[(c, scores.get(c.pk)) for c in criteria],
            max_total=services.max_total(ev.round.criteria_set),
            can_self=can_self,
            can_review=can_review,
            can_reopen=is_open
            and user.has_perm("indicators.reopen_evaluation", ev)
            and ev.status == "approved",
            self_form=(kwargs.get("self_form") or ScoresForm(criteria=criteria, initial=initial))
            if can_self
            else None,
            review_form=ScoresForm(criteria=criteria, prefix_name="review", with_comments=False)
            if can_review
            else None,
            reason_form=ReasonForm(),
            evidence_form=EvidenceForm() if can_self else None,
            evidence=ev.evidence.select_related("criterion"),
            events=ev.events.select_related("actor"),
            audit_entries=AuditEntry.objects.for_object(ev)[:30],
        )
        return context


class EvaluationSelfView(EvaluationDetailView):
    """Save the self-assessment; with "submit" also send it to the reviewer, all or nothing. Refused, the
    evaluation page is shown again with every score and comment as typed, each error on its criterion's
    field, and nothing saved."""

    http_method_names = ["post"]

    def post(self, request, pk):
        ev = self.object = self.get_object()
        if not request.user.has_perm("indicators.self_assess", ev):
            raise PermissionDenied
        form = ScoresForm(request.POST, criteria=ev.round.criteria_set.criteria.select_related("part"))
        if form.is_valid():
            try:
                messages.success(request, self.save(ev, form))
                return redirect(ev)
            except ValidationError as error:
                add_service_errors(form, error)
                self.object = self.get_object()  # the refused service may have changed it in memory
        context = self.get_context_data(self_form=form)
        if context["self_form"] is not form:  # no longer open to the unit: say why above the page
            for message in form.non_field_errors():
                messages.error(request, message)
        return self.render_to_response(context)

    @transaction.atomic
    def save(self, ev: Evaluation, form: ScoresForm) -> str:
        services.save_self_assessment(
            ev,
            actor=self.request.user,
            scores=form.scores(),
            comments=form.notes(),
            comment=form.cleaned_data["comment"],
        )
        if "submit" not in self.request.POST:
            return _("Self-assessment saved.")
        services.submit_evaluation(ev, actor=self.request.user)
        return _("Self-assessment sent for review.")


class EvaluationReviewView(LoginRequiredMixin, View):
    """Approve (optionally correcting scores) or return with reasons."""

    def post(self, request, pk):
        ev = visible_evaluation(request, pk)
        if not request.user.has_perm("indicators.review_evaluation", ev):
            raise PermissionDenied
        try:
            if request.POST.get("decision") == "return":
                services.return_evaluation(ev, actor=request.user, reason=request.POST.get("reason", ""))
                messages.success(request, _("Evaluation returned to the unit."))
            else:
                form = ScoresForm(
                    request.POST,
                    criteria=ev.round.criteria_set.criteria.all(),
                    prefix_name="review",
                    with_comments=False,
                )
                if not form.is_valid():
                    for errs in form.errors.values():
                        for e in errs:
                            messages.error(request, e)
                    return redirect(ev)
                review = {k: v for k, v in form.scores().items() if v is not None}
                services.approve_evaluation(
                    ev, actor=request.user, review_scores=review, comment=request.POST.get("reason", "")
                )
                messages.success(request, _("Evaluation approved and locked."))
        except ValidationError as error:
            _errors(request, error)
        return redirect(ev)


class EvaluationReopenView(LoginRequiredMixin, View):
    def post(self, request, pk):
        ev = visible_evaluation(request, pk)
        if not request.user.has_perm("indicators.reopen_evaluation", ev):
            raise PermissionDenied
        try:
            services.reopen_evaluation(ev, actor=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, _("Evaluation reopened; the reopening is recorded."))
        except ValidationError as error:
            _errors(request, error)
        return redirect(ev)


class EvidenceAddView(LoginRequiredMixin, View):
    def post(self, request, pk):
        ev = visible_evaluation(request, pk)
        if not request.user.has_perm("indicators.self_assess", ev):
            raise PermissionDenied
        form = EvidenceForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, _("Choose a file to attach."))
            return redirect(ev)
        try:
            services.add_evidence(ev, actor=request.user, upload=form.cleaned_data["file"])
            messages.success(request, _("Evidence attached."))
        except ValidationError as error:
            _errors(request, error)
        return redirect(ev)


class EvidenceDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk):
        evidence = get_object_or_404(Evidence, pk=pk)
        if not Evaluation.objects.visible_to(request.user).filter(pk=evidence.evaluation_id).exists():
            raise Http404
        return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)
