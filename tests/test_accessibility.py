"""Every kind of page that the demo's coordinator and a citizen reach (found by following links), on a
phone's screen: it does not scroll sideways, and axe-core finds no WCAG 2.0–2.2 level A or AA
violation."""

import io
import re
from collections import deque
from urllib.parse import urljoin, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from danvan.orgs import demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_A_AA = {
    "runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    "resultTypes": ["violations"],
}
PHONE = {"width": 390, "height": 844}
NOT_PAGES = re.compile(r"^/(accounts/logout|language|admin|api|open311|media|static)/")


@pytest.fixture
def demo_site(tmp_path, monkeypatch):
    monkeypatch.setattr(demo, "logins_path", lambda: tmp_path / "demo-logins.txt")
    call_command("demo", stdout=io.StringIO())


def is_html(page, path: str) -> bool:
    return "text/html" in page.request.head(page.base_url + path).headers["content-type"]


def same_site_links(page, path: str) -> set[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    addresses = (urlparse(urljoin(page.base_url + path, href)) for href in hrefs)
    site = urlparse(page.base_url).netloc
    return {a.path for a in addresses if a.netloc == site and not NOT_PAGES.match(a.path)}


def problems_on_each_kind_of_page(page, start: str) -> tuple[int, list[str]]:
    """Breadth-first over same-site links from `start`, one page per address shape (numbers folded);
    files (CSV, Excel, Word, calendars) are left out by their content type."""
    axe, kinds, found = Axe(), set(), []
    queue, seen = deque([start]), {start}
    while queue:
        path = queue.popleft()
        kind = re.sub(r"\d+", "N", path)
        if kind in kinds or not is_html(page, path):
            continue
        kinds.add(kind)
        page.goto(page.base_url + path)
        sideways = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if sideways > 0:
            found.append(f"{path}: scrolls sideways by {sideways} px")
        for violation in axe.run(page, options=WCAG_A_AA).response["violations"]:
            found.append(f"{path}: {violation['id']} {violation['nodes'][0]['target']}")
        for link in sorted(same_site_links(page, path) - seen):
            seen.add(link)
            queue.append(link)
    return len(kinds), found


def test_each_kind_of_page_fits_a_phone_and_meets_wcag_a_and_aa(demo_site, page, login):
    page.set_viewport_size(PHONE)
    login("dieuphoi")
    staff_pages, staff_found = problems_on_each_kind_of_page(page, "/")
    page.context.clear_cookies()
    public_pages, public_found = problems_on_each_kind_of_page(page, "/public/")
    assert (staff_pages >= 100, public_pages >= 7) == (True, True)  # 106 and 7 kinds today
    assert staff_found + public_found == []
