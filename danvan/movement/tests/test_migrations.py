from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("movement", "0002_supervision_membership_training_ethnic_opinion")]
AFTER = [("movement", "0003_survey_closed_at")]


@pytest.mark.django_db(transaction=True)
def test_upgrade_closes_the_surveys_past_their_deadline():
    """Before the close step the portal took a survey as final the day after its deadline; the upgrade
    closes those surveys at that moment and leaves the others open."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    survey_model = executor.loader.project_state(BEFORE).apps.get_model("movement", "MembershipSurvey")
    today = timezone.localdate()
    past = survey_model.objects.create(year=2024, title="2024", deadline=date(2024, 10, 31), target_percent=7)
    running = survey_model.objects.create(year=today.year, title="now", deadline=today, target_percent=7)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    survey_model = executor.loader.project_state(AFTER).apps.get_model("movement", "MembershipSurvey")
    closed = {s.pk: s.closed_at for s in survey_model.objects.all()}
    assert closed[past.pk] == timezone.make_aware(datetime(2024, 11, 1))
    assert timezone.localtime(closed[past.pk]).date() == date(2024, 10, 31) + timedelta(days=1)
    assert closed[running.pk] is None
