"""Supervision programmes, recommendations (answer, resolve, send back) and social criticism."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView

from danvan.core.models import AuditEntry

from ..choices import RecommendationStatus
from ..forms.supervision import (
    AnswerForm,
    RecommendationForm,
    ResolveForm,
    SocialCriticismForm,
    SupervisionProgrammeForm,
)
from ..models import Recommendation, SocialCriticism, SupervisionProgramme
from ..services import supervision as services
from .common import (
    PermissionMixin,
    RecordDetailView,
    RecordFormView,
    YearListView,
    flash_errors,
    visible_or_404,
)


class SupervisionListView(YearListView):
    permission_required = "movement.view_supervisionprogramme"
    template_name = "movement/supervision_list.html"
    context_object_name = "programmes"

    def get_queryset(self):
        today = timezone.localdate()
        qs = (
            SupervisionProgramme.objects.visible_to(self.request.user)
            .select_related("organization")
            .annotate(
                n_recs=Count("recommendations", distinct=True),
                n_resolved=Count(
                    "recommendations",
                    filter=Q(recommendations__status=RecommendationStatus.RESOLVED),
                    distinct=True,
                ),
                n_overdue=Count(
                    "recommendations",
                    filter=Q(
                        recommendations__status=RecommendationStatus.OPEN, recommendations__due_date__lt=today
                    ),
                    distinct=True,
                ),
            )
        )
        return self.filter_year(qs).order_by("-year", "subject", "pk")

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            can_add=user.has_perm("movement.add_supervisionprogramme"),
            overdue=Recommendation.objects.visible_to(user)
            .overdue(timezone.localdate())
            .select_related("addressed_to", "programme")
            .order_by("due_date")[:20],
            **kwargs,
        )


class SupervisionDetailView(PermissionMixin, DetailView):
    permission_required = "movement.view_supervisionprogramme"
    template_name = "movement/supervision_detail.html"
    context_object_name = "programme"

    def get_object(self, queryset=None):
        return visible_or_404(SupervisionProgramme, self.request, self.kwargs["pk"], "organization")

    def get_context_data(self, **kwargs):
        programme, user = self.object, self.request.user
        can_change = user.has_perm("movement.change_supervisionprogramme", programme)
        return super().get_context_data(
            supervised=programme.supervised_units.order_by("name"),
            recommendations=programme.recommendations.visible_to(user).select_related("addressed_to"),
            today=timezone.localdate(),
            can_change=can_change,
            recommendation_form=RecommendationForm() if can_change else None,
            audit_entries=AuditEntry.objects.for_object(programme)[:30],
            **kwargs,
        )


class SupervisionFormView(RecordFormView):
    model = SupervisionProgramme
    form_class = SupervisionProgrammeForm
    add_perm, change_perm = "movement.add_supervisionprogramme", "movement.change_supervisionprogramme"
    back_url_name = "movement:supervision_list"

    @property
    def title_new(self):
        return _("Record a supervision programme")

    @property
    def title_edit(self):
        return _("Edit the supervision programme")

    def initial_for_new(self):
        return {"organization": self.request.user.org_unit_id, "year": timezone.localdate().year}

    def save(self, form, obj):
        values = self.values(form)
        units = values.pop("supervised_units")
        if obj:
            return services.update_programme(obj, actor=self.request.user, supervised_units=units, **values)
        return services.create_programme(actor=self.request.user, supervised_units=units, **values)


class RecommendationAddView(PermissionMixin, View):
    permission_required = "movement.view_supervisionprogramme"

    def post(self, request, pk):
        programme = visible_or_404(SupervisionProgramme, request, pk)
        if not request.user.has_perm("movement.change_supervisionprogramme", programme):
            raise PermissionDenied
        form = RecommendationForm(request.POST)
        if form.is_valid():
            try:
                services.add_recommendation(programme, actor=request.user, **form.cleaned_data)
                messages.success(request, _("Recommendation recorded."))
            except ValidationError as error:
                flash_errors(request, error)
        else:
            for errs in form.errors.values():
                for e in errs:
                    messages.error(request, e)
        return redirect(programme)


class RecommendationListView(YearListView):
    permission_required = "movement.view_supervisionprogramme"
    template_name = "movement/recommendation_list.html"
    context_object_name = "recommendations"
    year_field = "programme__year"

    def get_queryset(self):
        qs = Recommendation.objects.visible_to(self.request.user).select_related("addressed_to", "programme")
        status = self.request.GET.get("status", "")
        if status == "overdue":
            qs = qs.overdue(timezone.localdate())
        elif status in RecommendationStatus.values:
            qs = qs.filter(status=status)
        return self.filter_year(qs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            status=self.request.GET.get("status", ""),
            statuses=RecommendationStatus.choices,
            today=timezone.localdate(),
            **kwargs,
        )


class RecommendationDetailView(PermissionMixin, DetailView):
    permission_required = "movement.view_supervisionprogramme"
    template_name = "movement/recommendation_detail.html"
    context_object_name = "rec"

    def get_object(self, queryset=None):
        return visible_or_404(
            Recommendation,
            self.request,
            self.kwargs["pk"],
            "programme__organization",
            "addressed_to",
            "answered_by",
        )

    def get_context_data(self, **kwargs):
        rec, user = self.object, self.request.user
        can_answer = (
            user.has_perm("movement.answer_recommendation", rec)
            and rec.status != RecommendationStatus.RESOLVED
        )
        can_resolve = (
            user.has_perm("movement.resolve_recommendation", rec)
            and rec.status == RecommendationStatus.ANSWERED
        )
        return super().get_context_data(
            can_answer=can_answer,
            can_resolve=can_resolve,
            answer_form=AnswerForm(initial={"answer": rec.answer}) if can_answer else None,
            resolve_form=ResolveForm() if can_resolve else None,
            overdue=rec.is_overdue(timezone.localdate()),
            reminders=services.reminders_for(rec)[:20],
            audit_entries=AuditEntry.objects.for_object(rec)[:30],
            **kwargs,
        )


class RecommendationAnswerView(PermissionMixin, View):
    permission_required = "movement.view_supervisionprogramme"

    def post(self, request, pk):
        rec = visible_or_404(Recommendation, request, pk)
        if not request.user.has_perm("movement.answer_recommendation", rec):
            raise PermissionDenied
        form = AnswerForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.answer_recommendation(
                    rec,
                    actor=request.user,
                    answer=form.cleaned_data["answer"],
                    evidence=form.cleaned_data["evidence"],
                )
                messages.success(request, _("Answer recorded."))
            except ValidationError as error:
                flash_errors(request, error)
        else:
            messages.error(request, _("Write the answer to the recommendation."))
        return redirect(rec)


class RecommendationResolveView(PermissionMixin, View):
    permission_required = "movement.view_supervisionprogramme"

    def post(self, request, pk):
        rec = visible_or_404(Recommendation, request, pk)
        if not request.user.has_perm("movement.resolve_recommendation", rec):
            raise PermissionDenied
        form = ResolveForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["decision"] == "resolve":
                    services.resolve_recommendation(rec, actor=request.user, note=data["note"])
                    messages.success(request, _("Recommendation resolved."))
                else:
                    services.reopen_recommendation(
                        rec, actor=request.user, note=data["note"], due_date=data["due_date"]
                    )
                    messages.success(request, _("Recommendation sent back for a further answer."))
            except ValidationError as error:
                flash_errors(request, error)
        return redirect(rec)


class CriticismListView(YearListView):
    permission_required = "movement.view_socialcriticism"
    template_name = "movement/criticism_list.html"
    context_object_name = "criticisms"

    def get_queryset(self):
        return self.filter_year(
            SocialCriticism.objects.visible_to(self.request.user).select_related(
                "organization", "requesting_body"
            )
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_add=self.request.user.has_perm("movement.add_socialcriticism"), **kwargs
        )


class CriticismDetailView(RecordDetailView):
    permission_required = "movement.view_socialcriticism"
    template_name = "movement/criticism_detail.html"
    context_object_name = "criticism"
    model = SocialCriticism
    related = ("organization", "requesting_body")
    change_perm = "movement.change_socialcriticism"


class CriticismFormView(RecordFormView):
    model = SocialCriticism
    form_class = SocialCriticismForm
    add_perm, change_perm = "movement.add_socialcriticism", "movement.change_socialcriticism"
    back_url_name = "movement:criticism_list"

    @property
    def title_new(self):
        return _("Record a social criticism")

    @property
    def title_edit(self):
        return _("Edit the social criticism")

    def initial_for_new(self):
        return {"organization": self.request.user.org_unit_id, "year": timezone.localdate().year}

    def save(self, form, obj):
        if obj:
            return services.update_criticism(obj, actor=self.request.user, **self.values(form))
        return services.create_criticism(actor=self.request.user, **self.values(form))
