"""Test helpers shared by every app.

One call checks a URL for anonymous, allowed, forbidden and out-of-scope users (NetBox-style view
tests, in plain pytest):

    assert_access(client, reverse("orgs:unit", args=[unit.pk]),
                  allowed=[coordinator, leader], forbidden=[], out_of_scope=[other_officer])

Expected answers: allowed → 200 (or `allowed_status`), forbidden → 403, out of scope → 404, and
anonymous → a redirect to the login page (pages) or 401/403 (API under /api/ and /open311/).
Every failure is collected first, so one run shows the whole row of a permission matrix.

Another runs schemathesis over part of the OpenAPI schema and returns the operations it checked:

    checked = assert_no_server_error("^/api/movement/", username="coordinator", password=PASSWORD)
"""

import base64
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import resolve_url

ANONYMOUS_LOGIN = "login"


def _is_api(url: str) -> bool:
    return url.startswith(("/api/", "/open311/"))


def _label(user) -> str:
    return f"{user.get_username()} ({getattr(user, 'role', '?')})"


def _request(client, method: str, url: str, data: dict | None):
    if method == "get":
        return client.get(url, data or {})
    return getattr(client, method)(url, data or {})


def _check_anonymous(client, method: str, url: str, data: dict | None, expected) -> str | None:
    client.logout()
    response = _request(client, method, url, data)
    if expected == ANONYMOUS_LOGIN:
        if _is_api(url):
            if response.status_code not in (401, 403):
                return f"anonymous: expected 401/403, got {response.status_code}"
            return None
        login_path = resolve_url(settings.LOGIN_URL)
        location = urlsplit(response.get("Location", "")).path
        if response.status_code != 302 or location != login_path:
            return f"anonymous: expected redirect to {login_path}, got {response.status_code} {location!r}"
        return None
    if response.status_code != expected:
        return f"anonymous: expected {expected}, got {response.status_code}"
    return None


def assert_access(
    client,
    url: str,
    *,
    allowed: Iterable = (),
    forbidden: Iterable = (),
    out_of_scope: Iterable = (),
    redirected: Iterable = (),
    anonymous=ANONYMOUS_LOGIN,
    method: str = "get",
    data: dict | None = None,
    allowed_status: int | tuple[int, ...] = 200,
) -> None:
    """Assert who may open `url`: allowed users get `allowed_status`, forbidden 403, out of scope 404.

    `redirected` users expect a 302 (e.g. Django admin sends non-staff users to its own login);
    `anonymous` is "login" (the default rule), a status code, or None to skip the anonymous check.
    The client ends logged out.
    """
    statuses = allowed_status if isinstance(allowed_status, tuple) else (allowed_status,)
    failures = []
    if anonymous is not None:
        failure = _check_anonymous(client, method, url, data, anonymous)
        if failure:
            failures.append(failure)
    groups = [(allowed, statuses), (forbidden, (403,)), (out_of_scope, (404,)), (redirected, (302,))]
    for users, expected in groups:
        for user in users:
            client.force_login(user)
            response = _request(client, method, url, data)
            if response.status_code not in expected:
                failures.append(
                    f"{_label(user)}: expected {'/'.join(map(str, expected))}, got {response.status_code}"
                )
            client.logout()
    assert not failures, f"{method.upper()} {url}\n  " + "\n  ".join(failures)


def assert_absent(response, *texts: str) -> None:
    """None of `texts` (names of records of other units) appears in the response body."""
    body = response.content.decode()
    present = [text for text in texts if text in body]
    assert not present, f"{response.request['PATH_INFO']} shows out-of-scope records: {present}"


@contextmanager
def connection_kept_open() -> Iterator[None]:
    """Like Django's test client: the WSGI app must not close the test transaction's connection."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _never_a_server_error(operation, headers: dict, max_examples: int) -> None:
    """Generated cases of one schemathesis operation (hypothesis, derandomized): every answer is < 500."""
    from hypothesis import HealthCheck, given
    from hypothesis import settings as hypothesis_settings

    @given(case=operation.as_strategy())
    @hypothesis_settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        response = case.call(headers=headers)
        assert response.status_code < 500, (case.method, case.formatted_path, response.text[:400])

    run()


def assert_no_server_error(
    path_regex: str, *, username: str, password: str, max_examples: int = 10
) -> list[str]:
    """Schemathesis over every operation of /api/schema/ whose path matches `path_regex`, with generated
    input, signed in as `username` by HTTP Basic: no answer is a server error.

    Returns the labels of the operations checked, so the caller can assert how many there are.
    """
    import schemathesis
    from django.core.wsgi import get_wsgi_application

    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    headers = {"Authorization": f"Basic {token}"}
    checked = []
    with connection_kept_open():
        schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
        for result in schema.include(path_regex=path_regex).get_all_operations():
            operation = result.ok()
            _never_a_server_error(operation, headers, max_examples)
            checked.append(operation.label)
    return checked
