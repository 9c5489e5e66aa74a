"""Schemathesis against the OpenAPI schema at /api/schema/: every citizens and Open311 operation,
with generated inputs (hypothesis), authenticated as a coordinator, never answers with a server error."""

import base64
from datetime import date

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from conftest import PASSWORD
from danvan.citizens import services


@pytest.fixture
def keep_test_connection():
    """Like Django's test client: the WSGI app must not close the test transaction's connection."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_no_server_error_on_any_operation(accounts, org_tree, settings, keep_test_connection):
    from django.core.wsgi import get_wsgi_application

    settings.CITIZENS_SUBMIT_LIMIT = 100_000
    services.register_petition(
        petition_type="complaint",
        channel="post",
        subject="S",
        content="C",
        received_on=date(2025, 9, 1),
        received_unit=org_tree["board"],
        sender={"full_name": "A"},
    )
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
    schema = schema.include(path_regex="^/(api/citizens/|open311/)")
    token = base64.b64encode(f"coordinator:{PASSWORD}".encode()).decode()
    checked = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=10,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            response = case.call(headers={"Authorization": f"Basic {token}"})
            assert response.status_code < 500, (case.method, case.formatted_path, response.text[:400])

        run()
        checked.append(operation.label)
    assert len(checked) >= 20, checked
