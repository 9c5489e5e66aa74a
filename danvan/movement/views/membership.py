"""Membership survey rounds, completeness per unit, returns entered by hand or from a member list."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from danvan.core.forms import add_service_errors
from danvan.orgs.models import OrgUnit

from ..choices import MassOrgType
from ..forms.membership import MemberListForm, MembershipSurveyForm, SurveyReturnForm
from ..models import MembershipSurvey, SurveyReturn
from ..services import membership as services
from .common import (
    PermissionMixin,
    RecordDetailView,
    RecordFormView,
    RecordPostView,
    YearListView,
    flash_errors,
    this_year,
    visible_or_404,
)


class SurveyListView(YearListView):
    permission_required = "movement.view_membershipsurvey"
    template_name = "movement/survey_list.html"
    context_object_name = "surveys"

    def get_queryset(self):
        return self.filter_year(MembershipSurvey.objects.visible_to(self.request.user))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            can_add=self.request.user.has_perm("movement.add_membershipsurvey"), **kwargs
        )
        context["summaries"] = [services.summarize(s, self.request.user) for s in context["surveys"]]
        return context


class SurveyDetailView(RecordDetailView):
    permission_required = "movement.view_membershipsurvey"
    template_name = "movement/survey_detail.html"
    context_object_name = "survey"
    model = MembershipSurvey
    audit_limit = 20

    def get_context_data(self, **kwargs):
        summary = services.summarize(self.object, self.request.user)
        rows = []
        for unit, ret in summary.rows:
            memberships = ret.memberships if ret else None
            rows.append(
                {
                    "unit": unit,
                    "ret": ret,
                    "memberships": memberships,
                    "share": services.share(ret.people_reached, ret.population_of_age) if ret else None,
                }
            )
        return super().get_context_data(
            summary=summary,
            rows=rows,
            orgs=[(label, summary.by_org.get(v, 0)) for v, label in MassOrgType.choices],
            # The rule decides for everyone: open survey, and the Board or an officer for their own unit.
            can_return=self.request.user.has_perm(
                "movement.change_surveyreturn",
                SurveyReturn(survey=self.object, unit=self.request.user.org_unit),
            ),
            late=timezone.localdate() > self.object.deadline,
            can_close=not self.object.is_closed
            and self.request.user.has_perm("movement.close_membershipsurvey", self.object),
            **kwargs,
        )


class SurveyCloseView(RecordPostView):
    """The Board closes the round: the figures become final and are shown on the portal."""

    permission_required = "movement.view_membershipsurvey"
    model, action_perm = MembershipSurvey, "movement.close_membershipsurvey"

    def post(self, request, pk):
        survey = self.get_record(pk)
        try:
            services.close_survey(survey, actor=request.user)
            messages.success(request, _("Survey closed: its figures are final."))
        except ValidationError as error:
            flash_errors(request, error)
        return redirect(survey)


class SurveyFormView(RecordFormView):
    model = MembershipSurvey
    form_class = MembershipSurveyForm
    add_perm = change_perm = "movement.add_membershipsurvey"
    back_url_name = "movement:survey_list"
    user_form = False
    title_new = gettext_lazy("Open a membership survey")
    title_edit = gettext_lazy("Edit the membership survey")
    initial_new = {"year": this_year}

    def save(self, form, obj):
        values = self.values(form)
        units = values.pop("units")
        if obj:
            for key, value in values.items():
                setattr(obj, key, value)
            obj.full_clean()
            obj.save()
            obj.units.set(units)
            return obj
        return services.create_survey(actor=self.request.user, units=units, **values)


def _units_for(user):
    return OrgUnit.objects.visible_to(user).active().order_by("path")


class SurveyReturnFormView(PermissionMixin, FormView):
    """Enter (or correct) a unit's figures by hand."""

    permission_required = "movement.view_membershipsurvey"
    template_name = "movement/surveyreturn_form.html"
    form_class = SurveyReturnForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.survey = visible_or_404(MembershipSurvey, request, kwargs["pk"])
            try:
                services.check_open(self.survey)
            except ValidationError as error:
                flash_errors(request, error)
                return redirect(self.survey)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "units": _units_for(self.request.user)}

    def get_initial(self):
        unit_id = self.request.GET.get("unit") or self.request.user.org_unit_id
        ret = (
            SurveyReturn.objects.visible_to(self.request.user)
            .filter(survey=self.survey, unit_id=unit_id)
            .first()
        )
        initial = {"unit": unit_id}
        if ret:
            initial.update(
                population_of_age=ret.population_of_age, people_reached=ret.people_reached, note=ret.note
            )
            initial.update({f"org_{c.org_type}": c.members for c in ret.counts.all()})
        return initial

    def get_context_data(self, **kwargs):
        kwargs.setdefault(
            "list_form", MemberListForm(units=_units_for(self.request.user), initial=self.get_initial())
        )
        return super().get_context_data(survey=self.survey, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            ret = services.save_return(
                self.survey,
                actor=self.request.user,
                unit=data["unit"],
                population_of_age=data["population_of_age"],
                people_reached=data["people_reached"],
                counts=form.counts(),
                note=data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Figures returned."))
        return redirect(ret)


class MemberListUploadView(SurveyReturnFormView):
    """Load a member list: people reached and memberships are computed, each person counted once."""

    form_class = MemberListForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["list_form"] = context["form"]
        context["form"] = SurveyReturnForm(units=_units_for(self.request.user), initial=self.get_initial())
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            rows = services.parse_member_list(data["file"].read())
            ret = services.load_member_list(
                self.survey,
                actor=self.request.user,
                unit=data["unit"],
                population_of_age=data["population_of_age"],
                rows=rows,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Member list loaded: %(people)s people, %(memberships)s memberships.")
            % {"people": ret.people_reached, "memberships": ret.memberships},
        )
        return redirect(ret)


class SurveyReturnDetailView(RecordDetailView):
    permission_required = "movement.view_membershipsurvey"
    template_name = "movement/surveyreturn_detail.html"
    context_object_name = "ret"
    model = SurveyReturn
    related = ("survey", "unit", "submitted_by")
    change_perm = "movement.change_surveyreturn"
    audit_limit = 20

    def get_context_data(self, **kwargs):
        ret = self.object
        return super().get_context_data(
            counts=ret.counts.all(), share=services.share(ret.people_reached, ret.population_of_age), **kwargs
        )
