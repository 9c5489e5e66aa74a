import io

import pytest

from danvan.movement import demo
from danvan.movement.models import (
    ComplexCase,
    EthnicFestival,
    MembershipSurvey,
    OpinionNote,
    PrestigiousPerson,
    Recommendation,
    ReligiousBody,
    SupervisionProgramme,
    TrainingCourse,
)

pytestmark = pytest.mark.django_db


def test_small_demo_fills_every_area(accounts, org_tree, front):
    out = io.StringIO()
    demo.build(scale="small", stdout=out)
    for model in (
        SupervisionProgramme,
        Recommendation,
        MembershipSurvey,
        TrainingCourse,
        PrestigiousPerson,
        ReligiousBody,
        ComplexCase,
        EthnicFestival,
        OpinionNote,
    ):
        assert model.objects.exists(), model.__name__
    assert Recommendation.objects.filter(status="open").exists()
    assert "supervision programmes" in out.getvalue()
    demo.build(scale="small", stdout=out)  # a second run adds nothing
    assert SupervisionProgramme.objects.count() == 2 * (len(range(2021, _this_year() + 1)))


def _this_year() -> int:
    from django.utils import timezone

    return timezone.localdate().year
