"""Public-opinion notes: search, trend per topic and per area, "needs action" → a plan task."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView

from danvan.core.models import AuditEntry

from ..forms.opinion import NeedsActionForm, OpinionFilterForm, OpinionNoteForm
from ..models import OpinionNote
from ..services import opinion as services
from .common import PermissionMixin, RecordFormView, YearListView, flash_errors, visible_or_404


class OpinionListView(YearListView):
    permission_required = "movement.view_opinionnote"
    template_name = "movement/opinion_list.html"
    context_object_name = "notes"

    def get_queryset(self):
        self.filter_form = form = OpinionFilterForm(self.request.GET or None)
        qs = OpinionNote.objects.visible_to(self.request.user).select_related("unit", "area", "task")
        if form.is_valid():
            data = form.cleaned_data
            if data["q"]:
                qs = qs.search(data["q"])
            if data["topic"]:
                qs = qs.filter(topic=data["topic"])
            if data["concern"]:
                qs = qs.filter(concern=data["concern"])
            if data["year"]:
                qs = qs.filter(noted_on__year=data["year"])
            if data["needs_action"]:
                qs = qs.needing_action()
        self.filtered = qs
        return qs

    def get_context_data(self, **kwargs):
        by = "area" if self.request.GET.get("trend") == "area" else "topic"
        return super().get_context_data(
            filter_form=self.filter_form,
            trend=services.trend(self.filtered, by=by),
            trend_by=by,
            can_add=self.request.user.has_perm("movement.add_opinionnote"),
            **kwargs,
        )


class OpinionDetailView(PermissionMixin, DetailView):
    permission_required = "movement.view_opinionnote"
    template_name = "movement/opinion_detail.html"
    context_object_name = "note"

    def get_object(self, queryset=None):
        return visible_or_404(OpinionNote, self.request, self.kwargs["pk"], "unit", "area", "task")

    def get_context_data(self, **kwargs):
        note, user = self.object, self.request.user
        can_act = user.has_perm("movement.act_on_opinionnote", note) and not note.task_id
        return super().get_context_data(
            can_change=user.has_perm("movement.change_opinionnote", note),
            can_act=can_act,
            act_form=NeedsActionForm(initial={"unit": note.unit_id}) if can_act else None,
            plan=services.current_plan() if can_act else None,
            audit_entries=AuditEntry.objects.for_object(note)[:30],
            **kwargs,
        )


class OpinionFormView(RecordFormView):
    model = OpinionNote
    form_class = OpinionNoteForm
    add_perm, change_perm = "movement.add_opinionnote", "movement.change_opinionnote"
    back_url_name = "movement:opinion_list"

    @property
    def title_new(self):
        return _("Record a public-opinion note")

    @property
    def title_edit(self):
        return _("Edit the public-opinion note")

    def initial_for_new(self):
        return {"unit": self.request.user.org_unit_id, "noted_on": timezone.localdate()}

    def save(self, form, obj):
        if obj:
            return services.update_note(obj, actor=self.request.user, **self.values(form))
        return services.create_note(actor=self.request.user, **self.values(form))


class OpinionActView(PermissionMixin, View):
    permission_required = "movement.view_opinionnote"

    def post(self, request, pk):
        note = visible_or_404(OpinionNote, request, pk)
        if not request.user.has_perm("movement.act_on_opinionnote", note):
            raise PermissionDenied
        form = NeedsActionForm(request.POST)
        if form.is_valid():
            try:
                services.flag_needs_action(note, actor=request.user, **form.cleaned_data)
                messages.success(request, _("Task created for the body that should act."))
            except ValidationError as error:
                flash_errors(request, error)
        else:
            for errs in form.errors.values():
                for e in errs:
                    messages.error(request, e)
        return redirect(note)
