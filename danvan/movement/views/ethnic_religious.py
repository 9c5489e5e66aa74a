"""Ethnic and religious registers. Personal data is shown only after a deliberate, logged request (POST)."""

from django import forms
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from ..choices import CaseStatus, ReligiousBodyKind
from ..forms.ethnic_religious import (
    ComplexCaseForm,
    EthnicFestivalForm,
    FollowUpForm,
    PersonalDataForm,
    PrestigiousPersonForm,
    ReligiousBodyForm,
)
from ..models import ComplexCase, EthnicFestival, PersonalDataAccess, PrestigiousPerson, ReligiousBody
from ..services import ethnic_religious as services
from .common import (
    PermissionMixin,
    RecordActionView,
    RecordDetailView,
    RecordFormView,
    YearListView,
    own_unit,
    this_year,
    today,
)

VIEW = "movement.view_ethnic_religious"


class EthnicIndexView(PermissionMixin, TemplateView):
    permission_required = VIEW
    template_name = "movement/ethnic_index.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        kinds = dict(
            ReligiousBody.objects.visible_to(user).values_list("kind").annotate(n=Count("id")).order_by()
        )
        return super().get_context_data(
            persons=PrestigiousPerson.objects.visible_to(user).filter(active=True).count(),
            organizations=kinds.get(ReligiousBodyKind.ORGANIZATION, 0),
            places=kinds.get(ReligiousBodyKind.PLACE_OF_WORSHIP, 0),
            open_cases=ComplexCase.objects.visible_to(user).unresolved().count(),
            festival=EthnicFestival.objects.visible_to(user).order_by("-year").first(),
            can_add=user.has_perm("movement.add_ethnic_religious"),
            **kwargs,
        )


class _DetailWithPersonalData(RecordDetailView):
    """A record page; a POST to the same address reveals the personal fields and logs the view."""

    permission_required = VIEW
    change_perm = "movement.change_ethnic_religious"

    def get_context_data(self, **kwargs):
        obj, user = self.object, self.request.user
        context = super().get_context_data(
            can_see_personal=services.can_see_personal_data(user, obj), **kwargs
        )
        if context["can_see_personal"]:
            context["accesses"] = (
                PersonalDataAccess.objects.visible_to(user).for_object(obj).select_related("actor")[:20]
            )
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        personal = services.reveal_personal_data(self.object, actor=request.user)  # 403 when not allowed
        context = self.get_context_data(object=self.object, personal=personal)
        response = TemplateResponse(request, self.get_template_names(), context)
        response["Cache-Control"] = "no-store"
        return response


class PersonListView(YearListView):
    permission_required = VIEW
    template_name = "movement/person_list.html"
    context_object_name = "persons"
    year_field = "recognized_year"

    def get_queryset(self):
        qs = PrestigiousPerson.objects.visible_to(self.request.user).select_related(
            "area", "responsible_unit"
        )
        if self.request.GET.get("q"):
            qs = qs.filter(full_name__icontains=self.request.GET["q"].strip())
        return self.filter_year(qs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_add=self.request.user.has_perm("movement.add_ethnic_religious"),
            q=self.request.GET.get("q", ""),
            **kwargs,
        )


class PersonDetailView(_DetailWithPersonalData):
    model = PrestigiousPerson
    related = ("area", "responsible_unit")
    template_name = "movement/person_detail.html"
    context_object_name = "person"


class PersonFormView(RecordFormView):
    model = PrestigiousPerson
    form_class = PrestigiousPersonForm
    add_perm, change_perm = "movement.add_ethnic_religious", "movement.change_ethnic_religious"
    back_url_name = "movement:person_list"
    title_new = gettext_lazy("Register a prestigious person")
    title_edit = gettext_lazy("Edit the prestigious person")
    initial_new = {"responsible_unit": own_unit, "recognized_year": this_year}
    create, update = staticmethod(services.create_person), staticmethod(services.update_person)


class PersonalDataEditView(RecordFormView):
    """Change a prestigious person's contacts: opening the form shows them, so it is logged as a view."""

    model = PrestigiousPerson
    form_class = PersonalDataForm
    change_perm = "movement.view_personal_data"
    user_form = False
    title_edit = gettext_lazy("Contact details")

    def get(self, request, *args, **kwargs):
        services.record_view(request.user, self.object, self.object.PERSONAL_FIELDS)
        response = super().get(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response

    def save(self, form, obj):
        return services.update_personal_data(obj, actor=self.request.user, **form.cleaned_data)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.request.method == "POST":
            # bind to a copy so the instance is changed only by the service (which logs the change)
            kwargs["instance"] = PrestigiousPerson.objects.get(pk=self.object.pk)
        return kwargs


class ReligiousBodyListView(YearListView):
    permission_required = VIEW
    template_name = "movement/religiousbody_list.html"
    context_object_name = "bodies"

    def get_queryset(self):
        qs = ReligiousBody.objects.visible_to(self.request.user).select_related("area", "responsible_unit")
        kind = self.request.GET.get("kind", "")
        return qs.filter(kind=kind) if kind in ReligiousBodyKind.values else qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_add=self.request.user.has_perm("movement.add_ethnic_religious"),
            kind=self.request.GET.get("kind", ""),
            kinds=ReligiousBodyKind.choices,
            **kwargs,
        )


class ReligiousBodyDetailView(RecordDetailView):
    permission_required = VIEW
    template_name = "movement/religiousbody_detail.html"
    context_object_name = "body"
    model = ReligiousBody
    related = ("area", "responsible_unit")
    change_perm = "movement.change_ethnic_religious"


class ReligiousBodyFormView(RecordFormView):
    model = ReligiousBody
    form_class = ReligiousBodyForm
    add_perm, change_perm = "movement.add_ethnic_religious", "movement.change_ethnic_religious"
    back_url_name = "movement:religious_body_list"
    title_new = gettext_lazy("Register a religious organization or place of worship")
    title_edit = gettext_lazy("Edit the religious organization or place of worship")
    initial_new = {"responsible_unit": own_unit}
    create = staticmethod(services.create_religious_body)
    update = staticmethod(services.update_religious_body)


class CaseListView(YearListView):
    permission_required = VIEW
    template_name = "movement/case_list.html"
    context_object_name = "cases"
    year_field = "opened_on__year"

    def get_queryset(self):
        qs = ComplexCase.objects.visible_to(self.request.user).select_related("area", "responsible_unit")
        status = self.request.GET.get("status", "")
        if status in CaseStatus.values:
            qs = qs.filter(status=status)
        return self.filter_year(qs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_add=self.request.user.has_perm("movement.add_ethnic_religious"),
            status=self.request.GET.get("status", ""),
            statuses=CaseStatus.choices,
            **kwargs,
        )


class CaseDetailView(_DetailWithPersonalData):
    model = ComplexCase
    related = ("area", "responsible_unit")
    template_name = "movement/case_detail.html"
    context_object_name = "case"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            follow_ups=self.object.follow_ups.select_related("author"), **kwargs
        )
        if context["can_change"] and self.object.status != CaseStatus.RESOLVED:
            context["follow_up_form"] = FollowUpForm(initial={"on": timezone.localdate()})
        return context


class CaseFormView(RecordFormView):
    """A new case also takes the people involved (restricted personal data), which only its service stores."""

    model = ComplexCase
    form_class = ComplexCaseForm
    add_perm, change_perm = "movement.add_ethnic_religious", "movement.change_ethnic_religious"
    back_url_name = "movement:case_list"
    title_new = gettext_lazy("Record a complex case")
    title_edit = gettext_lazy("Edit the complex case")
    initial_new = {"responsible_unit": own_unit, "opened_on": today}
    create, update = staticmethod(services.create_case), staticmethod(services.update_case)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.object is None:
            form.fields["people_involved"] = forms.CharField(
                label=_("People involved (restricted)"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_(
                    "Seen only by the Board's coordinators and the responsible unit; every view is logged."
                ),
            )
        return form

    def new_values(self, form):
        return {"people_involved": form.cleaned_data["people_involved"], **self.values(form)}


class FollowUpAddView(RecordActionView):
    permission_required = VIEW
    model, action_perm = ComplexCase, "movement.change_ethnic_religious"
    form_class = FollowUpForm
    service = staticmethod(services.add_follow_up)
    success_message = gettext_lazy("Follow-up recorded.")


class FestivalListView(YearListView):
    permission_required = VIEW
    template_name = "movement/festival_list.html"
    context_object_name = "festivals"

    def get_queryset(self):
        return self.filter_year(
            EthnicFestival.objects.visible_to(self.request.user).select_related("organizer")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_add=self.request.user.has_perm("movement.add_ethnic_religious"), **kwargs
        )


class FestivalDetailView(RecordDetailView):
    permission_required = VIEW
    template_name = "movement/festival_detail.html"
    context_object_name = "festival"
    model = EthnicFestival
    related = ("organizer",)
    change_perm = "movement.change_ethnicfestival"


class FestivalFormView(RecordFormView):
    """One service saves a new festival and changes one."""

    model = EthnicFestival
    form_class = EthnicFestivalForm
    add_perm, change_perm = "movement.add_ethnic_religious", "movement.change_ethnicfestival"
    back_url_name = "movement:festival_list"
    title_new = gettext_lazy("Record the ethnic minorities festival")
    title_edit = gettext_lazy("Edit the ethnic minorities festival")
    initial_new = {"organizer": own_unit, "year": this_year}

    def save(self, form, obj):
        return services.save_festival(obj, actor=self.request.user, **self.values(form))
