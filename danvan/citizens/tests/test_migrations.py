from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from danvan.citizens import time_limits

BEFORE = [("citizens", "0008_time_to_file")]
AFTER = [("citizens", "0009_rule_changed_in_app")]


def _record(history_model, rule, *, kind: str, user, minutes: int, **values) -> None:
    fields = {f.attname: getattr(rule, f.attname) for f in rule._meta.concrete_fields}
    history_model.objects.create(
        **(fields | values),
        history_type=kind,
        history_user=user,
        history_date=timezone.now() + timedelta(minutes=minutes),
    )


@pytest.mark.django_db(transaction=True)
def test_upgrade_flags_the_rules_people_changed():
    """Only a person's change of a figure (the rule's history says so) marks a rule as the Board's:
    a change by a command, or a person's change of the end of validity alone, does not."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    state = executor.loader.project_state(BEFORE).apps
    rule_model = state.get_model("citizens", "TimeLimitRule")
    history_model = state.get_model("citizens", "HistoricalTimeLimitRule")
    time_limits.load(rule_model)  # an earlier transactional test may have flushed them
    person = state.get_model("orgs", "User").objects.create(username="bantuyengiao")
    corrected, split, reloaded = rule_model.objects.order_by("pk")[:3]
    for rule in (corrected, split, reloaded):
        _record(history_model, rule, kind="+", user=None, minutes=0)
    _record(history_model, corrected, kind="~", user=person, minutes=1, days=15)
    _record(history_model, split, kind="~", user=person, minutes=1, valid_to=None)
    _record(history_model, reloaded, kind="~", user=None, minutes=1, days=20)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    rule_model = executor.loader.project_state(AFTER).apps.get_model("citizens", "TimeLimitRule")
    assert set(rule_model.objects.filter(changed_in_app=True).values_list("pk", flat=True)) == {corrected.pk}
