"""Schemathesis against the OpenAPI schema at /api/schema/: every citizens and Open311 operation,
with generated inputs (hypothesis), authenticated as a coordinator, never answers with a server error."""

from datetime import date

from conftest import PASSWORD
from danvan.citizens import services
from danvan.core.testing import assert_no_server_error


def test_no_server_error_on_any_operation(accounts, org_tree, settings):
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
    checked = assert_no_server_error(
        "^/(api/citizens/|open311/)", username="coordinator", password=PASSWORD, max_examples=10
    )
    assert len(checked) >= 20, checked
