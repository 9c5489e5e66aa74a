"""Public-opinion notes: search, trend per topic and per area, "needs action" → a plan task."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy

from danvan.core.forms import add_service_errors

from ..forms.opinion import NeedsActionForm, OpinionFilterForm, OpinionNoteForm
from ..models import OpinionNote
from ..services import opinion as services
from .common import (
    RecordActionView,
    RecordDetailView,
    RecordFormView,
    YearListView,
    own_unit,
    today,
)


class OpinionListView(YearListView):
    permission_required = "movement.view_opinionnote"
    template_name = "movement/opinion_list.html"
    context_object_name = "notes"

    def get_queryset(self):
        self.filter_form = form = OpinionFilterForm(self.request.GET or None)
        qs = OpinionNote.objects.visible_to(self.request.user).select_related("unit", "area")
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


class OpinionDetailView(RecordDetailView):
    permission_required = "movement.view_opinionnote"
    template_name = "movement/opinion_detail.html"
    context_object_name = "note"
    model = OpinionNote
    related = ("unit", "area", "task")
    change_perm = "movement.change_opinionnote"

    act_form = None  # the posted form with its errors, when OpinionActView shows them again

    def get_context_data(self, **kwargs):
        note = self.object
        can_act = self.request.user.has_perm("movement.act_on_opinionnote", note) and not note.task_id
        act_form = self.act_form or NeedsActionForm(initial={"unit": note.unit_id})
        return super().get_context_data(
            can_act=can_act,
            act_form=act_form if can_act else None,
            plan=services.current_plan() if can_act else None,
            **kwargs,
        )


class OpinionFormView(RecordFormView):
    model = OpinionNote
    form_class = OpinionNoteForm
    add_perm, change_perm = "movement.add_opinionnote", "movement.change_opinionnote"
    back_url_name = "movement:opinion_list"
    title_new = gettext_lazy("Record a public-opinion note")
    title_edit = gettext_lazy("Edit the public-opinion note")
    initial_new = {"unit": own_unit, "noted_on": today}
    create, update = staticmethod(services.create_note), staticmethod(services.update_note)


class OpinionActView(RecordActionView):
    permission_required = "movement.view_opinionnote"
    model, action_perm = OpinionNote, "movement.act_on_opinionnote"
    form_class = NeedsActionForm
    service = staticmethod(services.flag_needs_action)
    success_message = gettext_lazy("Task created for the body that should act.")

    def post(self, request, pk):
        """Errors are shown on the form's fields, on the note's page, with what was entered."""
        note = self.get_record(pk)
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                messages.success(request, self.act(note, form.cleaned_data))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect(note)
        page = OpinionDetailView(act_form=form)
        page.setup(request, pk=pk)
        return page.get(request, pk=pk)
