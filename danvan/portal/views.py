"""Public pages: submit, follow by tracking code, public statistics, published exemplary models and plan
progress; no account and no personal data."""

import functools

from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, TemplateView

from danvan.citizens import services
from danvan.citizens.choices import Channel
from danvan.core.pagination import LenientPaginationMixin
from danvan.movement.models import ExemplaryModel
from danvan.plans.choices import PlanStatus
from danvan.plans.models import Plan, Section
from danvan.tracking import services as tracking
from danvan.tracking.choices import Outcome
from danvan.tracking.models import Occurrence

from .forms import FollowForm, PublicModelFilterForm, SubmitForm


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def health(request):
    """The project's minimal endpoint: a plain "ok" through the full middleware stack, no database and
    no template (the baseline of the submission benchmark)."""
    return HttpResponse("ok", content_type="text/plain")


class IndexView(TemplateView):
    template_name = "portal/index.html"


CODE_SLOT = "DV-CODE-SLOT"


@functools.cache
def receipt_page(language: str) -> str:
    """The confirmation page around CODE_SLOT, rendered once per language and process (without the
    request: nothing of one visitor can stay in it); templates change only with a deployment."""
    with translation.override(language):
        return render_to_string("portal/submitted.html", {"code": CODE_SLOT})


def submitted_page(request, code: str) -> HttpResponse:
    """The confirmation with the tracking code. For a visitor without an account it is the same page
    around the code: after a submission, the portal's most frequent request, rendering it would cost
    more than everything else together. Signed-in staff get their own header."""
    if request.user.is_authenticated:
        return render(request, "portal/submitted.html", {"code": code})
    return HttpResponse(receipt_page(get_language()).replace(CODE_SLOT, escape(code)))


class SubmitView(FormView):
    template_name = "portal/submit.html"
    form_class = SubmitForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(limits=services.submission_limits(), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        if data.get("website"):
            # A robot filled the hidden field: answer as if accepted, store nothing.
            return render(self.request, "portal/submitted.html", {"code": None})
        try:
            # Only the intake row is written here; the worker's intake watcher registers the petition.
            intake = services.receive_submission(
                address=client_address(self.request),
                channel=Channel.PORTAL,
                petition_type=data["petition_type"],
                subject=data["subject"],
                content=data["content"],
                topic=data["topic"],
                location_unit=data.get("location_unit"),
                address_text=data["address_text"],
                sender={"full_name": data["full_name"], "phone": data["phone"], "email": data["email"]},
                is_anonymous=not data["full_name"].strip(),
                upload=data.get("attachment"),
            )
        except services.TooManySubmissions:
            form.add_error(None, _("Too many submissions from your address. Please try again later."))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        return submitted_page(self.request, intake.code)


class FollowView(TemplateView):
    """Status and public answer only, looked up by the tracking code."""

    template_name = "portal/follow.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = FollowForm(self.request.GET or None)
        petition = None
        if form.is_valid():
            petition = services.find_by_code(form.cleaned_data["code"])
            if petition is None:
                form.add_error("code", _("No petition has this tracking code. Check the code and try again."))
        context.update(form=form, petition=petition)
        return context


class StatisticsView(TemplateView):
    template_name = "portal/statistics.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(stats=services.public_statistics(), public=True, **kwargs)


class PublicModelListView(LenientPaginationMixin, ListView):
    """Exemplary "Dân vận khéo" models the Board published; no contact data of anyone."""

    template_name = "portal/models.html"
    context_object_name = "models"
    paginate_by = 20

    def get_queryset(self):
        self.filter_form = form = PublicModelFilterForm(self.request.GET or None)
        qs = (
            ExemplaryModel.objects.published()
            .select_related("unit")
            .with_award_counts()
            .order_by("-year", "name", "pk")
        )
        if form.is_valid():
            data = form.cleaned_data
            if data["q"]:
                qs = qs.search(data["q"])
            if data["field"]:
                qs = qs.filter(field=data["field"])
            if data["year"]:
                qs = qs.filter(year=data["year"])
        return qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.filter_form, **kwargs)


class PublicModelDetailView(DetailView):
    template_name = "portal/model_detail.html"
    context_object_name = "model"

    def get_queryset(self):
        # An unpublished id answers 404 exactly like a missing one.
        return ExemplaryModel.objects.published().select_related("unit")

    def get_context_data(self, **kwargs):
        model = self.object
        return super().get_context_data(
            awards=model.awards.all(),
            replication_count=model.replications.aggregate(n=Sum("count"))["n"] or 0,
            **kwargs,
        )


class PublicProgressView(TemplateView):
    """Progress of the active plans: aggregate outcome counts per plan and section, no names or comments.

    Counted by tracking's own outcome matrix (the status rule lives there), in one aggregate query,
    plus one query for the plans and one for the section titles."""

    template_name = "portal/progress.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        plans = list(Plan.objects.filter(status=PlanStatus.ACTIVE).order_by("-issued_on", "-id"))
        occurrences = Occurrence.objects.filter(plan__in=[p.pk for p in plans])
        matrix = tracking.outcome_matrix(occurrences, today=today, group=("plan", "section")) if plans else []
        section_ids = {row["key"][1] for row in matrix if row["key"][1] is not None}
        sections = {s.pk: s for s in Section.objects.filter(pk__in=section_ids)} if section_ids else {}
        by_plan = {row["key"]: row for row in tracking.regroup(matrix, 0)}
        rows_by_plan: dict[int, list[dict]] = {}
        for row in matrix:
            plan_id, section_id = row["key"]
            section = sections.get(section_id)
            row["name"] = str(section) if section else _("No section")
            row["order"] = (section is None, section.order if section else 0)
            rows_by_plan.setdefault(plan_id, []).append(row)
        entries = []
        for plan in plans:
            section_rows = sorted(rows_by_plan.get(plan.pk, []), key=lambda r: r["order"])
            total = by_plan.get(plan.pk)
            entries.append(
                {
                    "plan": plan,
                    "total": _with_bars(total) if total else None,
                    "sections": [_with_bars(r) for r in section_rows],
                }
            )
        return super().get_context_data(entries=entries, outcomes=Outcome.choices, today=today, **kwargs)


def _with_bars(row: dict) -> dict:
    """Adds [(outcome, label, n, percent width)] for a CSS stacked bar."""
    total = row["total"] or 0
    labels = dict(Outcome.choices)
    row["bars"] = [
        (o, labels[o], row["counts"][o], round(100 * row["counts"][o] / total, 1) if total else 0)
        for o in BAR_ORDER
    ]
    return row


BAR_ORDER = (
    Outcome.DONE_ON_TIME,
    Outcome.DONE_LATE,
    Outcome.OVERDUE,
    Outcome.IN_PROGRESS,
    Outcome.NOT_STARTED,
)
