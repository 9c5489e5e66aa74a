from django import forms

from ..models import TrainingCourse, TrainingParticipation
from ..services import training as training_services
from .common import DateInput, UserFormMixin


class TrainingCourseForm(UserFormMixin, forms.ModelForm):
    own_fields = ("organizer",)

    class Meta:
        model = TrainingCourse
        fields = training_services.COURSE_FIELDS
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_units(user)


class ParticipationForm(UserFormMixin, forms.ModelForm):
    any_unit_fields = ("unit",)

    class Meta:
        model = TrainingParticipation
        fields = ["unit", "role", "attended", "completed"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_units(None)

    def validate_unique(self):
        pass  # the service replaces an earlier figure for the same unit and role
