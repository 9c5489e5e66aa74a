"""Schemathesis against the OpenAPI schema at /api/schema/: every citizens and Open311 operation,
with generated inputs (hypothesis), authenticated as a coordinator, never answers with a server error."""

import base64
from datetime import date

import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from conftest import PASSWORD
from danvan.citizens import services


def test_no_server_error_on_any_operation(accounts, org_tree, settings):
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
