"""Supervision programmes, recommendations (answer, resolve, send back) and social criticism."""

from django.contrib import messages
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
from .common import RecordActionView, RecordDetailView, RecordFormView, YearListView, own_unit, this_year


class SupervisionListView(YearListView):
    permission_required = "movement.view_supervisionprogramme"
    template_name = "movement/supervision_list.html"
    context_object_name = "programmes"

    def get_queryset(self):
        user = self.request.user
        qs = (
            SupervisionProgramme.objects.visible_to(user)
            .select_related("organization")
            .with_recommendation_counts(user, timezone.localdate())
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


class SupervisionDetailView(RecordDetailView):
    permission_required = "movement.view_supervisionprogramme"
    template_name = "movement/supervision_detail.html"
    context_object_name = "programme"
    model = SupervisionProgramme
    related = ("organization",)
    change_perm = "movement.change_supervisionprogramme"

    def get_context_data(self, **kwargs):
        programme, user = self.object, self.request.user
        context = super().get_context_data(
            supervised=programme.supervised_units.order_by("name"),
            recommendations=programme.recommendations.visible_to(user).select_related("addressed_to"),
            today=timezone.localdate(),
            **kwargs,
        )
        context["recommendation_form"] = RecommendationForm() if context["can_change"] else None
        return context


class SupervisionFormView(RecordFormView):
    model = SupervisionProgramme
    form_class = SupervisionProgrammeForm
    add_perm, change_perm = "movement.add_supervisionprogramme", "movement.change_supervisionprogramme"
    back_url_name = "movement:supervision_list"
    title_new = gettext_lazy("Record a supervision programme")
    title_edit = gettext_lazy("Edit the supervision programme")
    initial_new = {"organization": own_unit, "year": this_year}
    create, update = staticmethod(services.create_programme), staticmethod(services.update_programme)


class RecommendationAddView(RecordActionView):
    permission_required = "movement.view_supervisionprogramme"
    model, action_perm = SupervisionProgramme, "movement.change_supervisionprogramme"
    form_class = RecommendationForm
    service = staticmethod(services.add_recommendation)
    success_message = gettext_lazy("Recommendation recorded.")


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


class RecommendationDetailView(RecordDetailView):
    permission_required = "movement.view_supervisionprogramme"
    template_name = "movement/recommendation_detail.html"
    context_object_name = "rec"
    model = Recommendation
    related = ("programme__organization", "addressed_to", "answered_by")

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
            **kwargs,
        )


class RecommendationAnswerView(RecordActionView):
    permission_required = "movement.view_supervisionprogramme"
    model, action_perm = Recommendation, "movement.answer_recommendation"
    form_class = AnswerForm
    service = staticmethod(services.answer_recommendation)
    success_message = gettext_lazy("Answer recorded.")

    def form_invalid(self, form):
        messages.error(self.request, _("Write the answer to the recommendation."))


class RecommendationResolveView(RecordActionView):
    """Resolve the recommendation, or send it back for a further answer; an invalid form changes nothing."""

    permission_required = "movement.view_supervisionprogramme"
    model, action_perm = Recommendation, "movement.resolve_recommendation"
    form_class = ResolveForm

    def act(self, rec, data):
        if data["decision"] == "resolve":
            services.resolve_recommendation(rec, actor=self.request.user, note=data["note"])
            return _("Recommendation resolved.")
        services.reopen_recommendation(
            rec, actor=self.request.user, note=data["note"], due_date=data["due_date"]
        )
        return _("Recommendation sent back for a further answer.")

    def form_invalid(self, form):
        pass


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
    title_new = gettext_lazy("Record a social criticism")
    title_edit = gettext_lazy("Edit the social criticism")
    initial_new = {"organization": own_unit, "year": this_year}
    create, update = staticmethod(services.create_criticism), staticmethod(services.update_criticism)
