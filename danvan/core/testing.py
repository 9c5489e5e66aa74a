"""Test helpers shared by every app: one call checks a URL for anonymous, allowed, forbidden and
out-of-scope users (NetBox-style view tests, in plain pytest).

    assert_access(client, reverse("orgs:unit", args=[unit.pk]),
                  allowed=[coordinator, leader], forbidden=[], out_of_scope=[other_officer])

Expected answers: allowed → 200 (or `allowed_status`), forbidden → 403, out of scope → 404, and
anonymous → a redirect to the login page (pages) or 401/403 (API under /api/ and /open311/).
Every failure is collected first, so one run shows the whole row of a permission matrix.
"""

from collections.abc import Iterable
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
                failures.append(f"{_label(user)}: expected {'/'.join(map(str, expected))}, "
                                f"got {response.status_code}")
            client.logout()
    assert not failures, f"{method.upper()} {url}\n  " + "\n  ".join(failures)


def assert_absent(response, *texts: str) -> None:
    """None of `texts` (names of records of other units) appears in the response body."""
    body = response.content.decode()
    present = [text for text in texts if text in body]
    assert not present, f"{response.request['PATH_INFO']} shows out-of-scope records: {present}"
