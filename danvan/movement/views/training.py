"""Training courses and their participants by unit and role."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView

from danvan.core.models import AuditEntry

from ..forms.training import ParticipationForm, TrainingCourseForm
from ..models import TrainingCourse
from ..services import training as services
from .common import PermissionMixin, RecordFormView, YearListView, flash_errors, visible_or_404


class CourseListView(YearListView):
    permission_required = "movement.view_trainingcourse"
    template_name = "movement/course_list.html"
    context_object_name = "courses"
    year_field = "starts_on__year"

    def get_queryset(self):
        qs = (
            TrainingCourse.objects.visible_to(self.request.user)
            .select_related("organizer")
            .annotate(attended=Sum("participations__attended"), completed=Sum("participations__completed"))
        )
        return self.filter_year(qs).order_by("-starts_on", "topic", "pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_add=self.request.user.has_perm("movement.add_trainingcourse"), **kwargs
        )


class CourseDetailView(PermissionMixin, DetailView):
    permission_required = "movement.view_trainingcourse"
    template_name = "movement/course_detail.html"
    context_object_name = "course"

    def get_object(self, queryset=None):
        return visible_or_404(TrainingCourse, self.request, self.kwargs["pk"], "organizer")

    def get_context_data(self, **kwargs):
        course = self.object
        can_change = self.request.user.has_perm("movement.change_trainingcourse", course)
        parts = course.participations.select_related("unit")
        return super().get_context_data(
            participations=parts,
            totals=parts.aggregate(a=Sum("attended"), c=Sum("completed")),
            can_change=can_change,
            participation_form=ParticipationForm() if can_change else None,
            audit_entries=AuditEntry.objects.for_object(course)[:30],
            **kwargs,
        )


class CourseFormView(RecordFormView):
    model = TrainingCourse
    form_class = TrainingCourseForm
    add_perm, change_perm = "movement.add_trainingcourse", "movement.change_trainingcourse"
    back_url_name = "movement:course_list"

    @property
    def title_new(self):
        return _("Record a training course")

    @property
    def title_edit(self):
        return _("Edit the training course")

    def initial_for_new(self):
        return {
            "organizer": self.request.user.org_unit_id,
            "starts_on": timezone.localdate(),
            "ends_on": timezone.localdate(),
        }

    def save(self, form, obj):
        if obj:
            return services.update_course(obj, actor=self.request.user, **self.values(form))
        return services.create_course(actor=self.request.user, **self.values(form))


class ParticipationAddView(PermissionMixin, View):
    permission_required = "movement.view_trainingcourse"

    def post(self, request, pk):
        course = visible_or_404(TrainingCourse, request, pk)
        if not request.user.has_perm("movement.change_trainingcourse", course):
            raise PermissionDenied
        form = ParticipationForm(request.POST)
        if form.is_valid():
            try:
                services.record_participation(course, actor=request.user, **form.cleaned_data)
                messages.success(request, _("Participants recorded."))
            except ValidationError as error:
                flash_errors(request, error)
        else:
            for errs in form.errors.values():
                for e in errs:
                    messages.error(request, e)
        return redirect(course)
