"""Training courses and their participants by unit and role."""

from django.db.models import Sum
from django.utils.translation import gettext_lazy

from ..forms.training import ParticipationForm, TrainingCourseForm
from ..models import TrainingCourse
from ..services import training as services
from .common import RecordActionView, RecordDetailView, RecordFormView, YearListView, own_unit, today


class CourseListView(YearListView):
    permission_required = "movement.view_trainingcourse"
    template_name = "movement/course_list.html"
    context_object_name = "courses"
    year_field = "starts_on__year"

    def get_queryset(self):
        qs = (
            TrainingCourse.objects.visible_to(self.request.user)
            .select_related("organizer")
            .with_participant_totals()
        )
        return self.filter_year(qs).order_by("-starts_on", "topic", "pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_add=self.request.user.has_perm("movement.add_trainingcourse"), **kwargs
        )


class CourseDetailView(RecordDetailView):
    permission_required = "movement.view_trainingcourse"
    template_name = "movement/course_detail.html"
    context_object_name = "course"
    model = TrainingCourse
    related = ("organizer",)
    change_perm = "movement.change_trainingcourse"

    def get_context_data(self, **kwargs):
        parts = self.object.participations.select_related("unit")
        context = super().get_context_data(
            participations=parts, totals=parts.aggregate(a=Sum("attended"), c=Sum("completed")), **kwargs
        )
        context["participation_form"] = ParticipationForm() if context["can_change"] else None
        return context


class CourseFormView(RecordFormView):
    model = TrainingCourse
    form_class = TrainingCourseForm
    add_perm, change_perm = "movement.add_trainingcourse", "movement.change_trainingcourse"
    back_url_name = "movement:course_list"
    title_new = gettext_lazy("Record a training course")
    title_edit = gettext_lazy("Edit the training course")
    initial_new = {"organizer": own_unit, "starts_on": today, "ends_on": today}
    create, update = staticmethod(services.create_course), staticmethod(services.update_course)


class ParticipationAddView(RecordActionView):
    permission_required = "movement.view_trainingcourse"
    model, action_perm = TrainingCourse, "movement.change_trainingcourse"
    form_class = ParticipationForm
    service = staticmethod(services.record_participation)
    success_message = gettext_lazy("Participants recorded.")
