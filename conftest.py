"""Shared fixtures: a small org tree with one account per role, and a headless Chromium page."""

import os
import shutil
from pathlib import Path

import pytest

from danvan.orgs.choices import OrgKind, Role

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run beside
# one unless told that this is intended (tests only).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "matkhau-Demo-2025"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


def pytest_sessionstart(session):
    """Compile stale translation catalogs (.mo files are not committed). Django has read the catalogs
    while it was set up (a model's verbose name): after a compilation both caches of them, Python's
    gettext's and Django's, are emptied, so the tests read what the .po files say."""
    import gettext

    import polib
    from django.conf import settings
    from django.core.signals import setting_changed
    from django.test import signals  # noqa: F401  (its receiver empties Django's cache on LOCALE_PATHS)

    stale = [
        po_path
        for po_path in Path(__file__).parent.glob("danvan/*/locale/*/LC_MESSAGES/django.po")
        if not (mo_path := po_path.with_suffix(".mo")).exists()
        or mo_path.stat().st_mtime < po_path.stat().st_mtime
    ]
    for po_path in stale:
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
    if stale:
        gettext._translations.clear()
        setting_changed.send(sender=None, setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False)


@pytest.fixture(autouse=True, scope="session")
def media_in_temporary_folder(tmp_path_factory):
    """Files the tests upload go to a temporary folder, never to the site's own var/media."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's language: a request in English leaves English active in the
    thread (Django's locale handling does not switch back), which would leak into the next test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def org_tree(db):
    """Tỉnh ủy → Ban Dân vận, Ban Tổ chức; UBND tỉnh → Sở Nội vụ; each with a key for lookup."""
    from danvan.orgs import services

    province = services.create_unit(key="t-province", kind=OrgKind.PROVINCE, name="Tỉnh Đồng Nai")
    committee = services.create_unit(
        key="t-tinh-uy",
        kind=OrgKind.PARTY_COMMITTEE,
        name="Tỉnh ủy Đồng Nai",
        territory=province,
        aliases=["Tỉnh ủy"],
    )
    board = services.create_unit(
        key="t-bdv",
        kind=OrgKind.PARTY_BOARD,
        name="Ban Dân vận Tỉnh ủy",
        parent=committee,
        short_name="Ban Dân vận",
        aliases=["BDVTU"],
    )
    organisation = services.create_unit(
        key="t-btc", kind=OrgKind.PARTY_BOARD, name="Ban Tổ chức Tỉnh ủy", parent=committee
    )
    people = services.create_unit(
        key="t-ubnd", kind=OrgKind.STATE_BODY, name="Ủy ban nhân dân tỉnh Đồng Nai", aliases=["UBND tỉnh"]
    )
    interior = services.create_unit(key="t-snv", kind=OrgKind.STATE_BODY, name="Sở Nội vụ", parent=people)
    return {
        "province": province,
        "committee": committee,
        "board": board,
        "organisation": organisation,
        "people": people,
        "interior": interior,
    }


@pytest.fixture
def accounts(org_tree):
    """One account per role; officers belong to Ban Tổ chức (sees itself) and UBND (sees Sở Nội vụ)."""
    from danvan.orgs.tests.factories import UserFactory

    return {
        "coordinator": UserFactory(username="coordinator", role=Role.COORDINATOR, org_unit=org_tree["board"]),
        "leader": UserFactory(username="leader", role=Role.LEADER, org_unit=org_tree["committee"]),
        "officer": UserFactory(username="officer", role=Role.AGENCY_OFFICER, org_unit=org_tree["people"]),
        "other_officer": UserFactory(
            username="other_officer", role=Role.AGENCY_OFFICER, org_unit=org_tree["organisation"]
        ),
        "reception": UserFactory(
            username="reception", role=Role.RECEPTION_OFFICER, org_unit=org_tree["interior"]
        ),
        "admin": UserFactory(
            username="admin", role=Role.ADMINISTRATOR, org_unit=org_tree["committee"], is_staff=True
        ),
    }


@pytest.fixture(scope="session")
def chromium():
    """Headless Debian Chromium driven by Playwright; missing Chromium fails under CI, skips elsewhere."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required under CI but was not found at {CHROMIUM}")
        pytest.skip("Chromium not installed: browser tests skipped (run `make test` as root to install it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = live_server.url
    yield page
    context.close()


@pytest.fixture
def login(page):
    """Log in through the real form; returns the page."""

    def _login(username: str, password: str = PASSWORD):
        page.goto(f"{page.base_url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        return page

    return _login
