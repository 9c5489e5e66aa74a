"""Training courses for Front, mass-organization and grassroots cadres."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import TrainingCourse, TrainingParticipation
from .common import assign, check_own_unit, require

COURSE_FIELDS = ("topic", "level", "organizer", "starts_on", "ends_on", "place", "description")


@transaction.atomic
def create_course(*, actor, **values) -> TrainingCourse:
    require(actor, "movement.add_trainingcourse")
    check_own_unit(actor, values.get("organizer"), "organizer")
    return assign(TrainingCourse(created_by=actor), values, COURSE_FIELDS)


@transaction.atomic
def update_course(course: TrainingCourse, *, actor, **values) -> TrainingCourse:
    require(actor, "movement.change_trainingcourse", course)
    if "organizer" in values:
        check_own_unit(actor, values["organizer"], "organizer")
    return assign(course, values, COURSE_FIELDS)


@transaction.atomic
def record_participation(
    course: TrainingCourse, *, actor, unit, role: str, attended: int, completed: int
) -> TrainingParticipation:
    """Set how many cadres of `unit` in `role` attended and completed (replaces an earlier figure)."""
    require(actor, "movement.change_trainingcourse", course)
    if unit is None:
        raise ValidationError({"unit": _("Choose the unit of the participants.")})
    if completed > attended:
        raise ValidationError(
            {
                "completed": _(
                    "More people cannot complete the course than attended it (%(completed)s > %(attended)s)."
                )
                % {"completed": completed, "attended": attended}
            }
        )
    row = TrainingParticipation.objects.filter(course=course, unit=unit, role=role).first()
    row = row or TrainingParticipation(course=course, unit=unit, role=role)
    return assign(row, {"attended": attended, "completed": completed}, ("attended", "completed"))
