"""End to end in headless Chromium: the coordinator finds Ban Dân vận by typing without diacritics;
an agency officer cannot open another unit's page; on a phone the menu folds and pages fit the screen."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_searches_org_tree_without_diacritics(accounts, login):
    page = login("coordinator")
    expect(page.locator("h1")).to_have_text("Tổng quan")
    page.get_by_role("link", name="Cơ quan, đơn vị").first.click()
    expect(page.locator("h1")).to_have_text("Cơ quan, đơn vị và đơn vị hành chính")
    page.get_by_label("Tìm theo tên hoặc tên gọi khác").fill("ban dan van")
    page.get_by_role("button", name="Tìm kiếm").click()
    results = page.locator("ul.results")
    expect(results.get_by_role("link", name="Ban Dân vận Tỉnh ủy")).to_be_visible()
    results.get_by_role("link", name="Ban Dân vận Tỉnh ủy").click()
    expect(page.locator("h1")).to_contain_text("Ban Dân vận Tỉnh ủy")
    expect(page.locator(".chip", has_text="BDVTU")).to_be_visible()


def test_agency_officer_cannot_open_another_units_page(accounts, org_tree, login):
    page = login("officer")
    page.goto(f"{page.base_url}/orgs/")
    expect(page.locator(".tree")).to_contain_text("Ủy ban nhân dân tỉnh Đồng Nai")
    expect(page.locator(".tree")).not_to_contain_text("Ban Dân vận")
    response = page.goto(f"{page.base_url}{org_tree['board'].get_absolute_url()}")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Không tìm thấy trang")
    expect(page.locator("main")).to_contain_text("Trang không tồn tại hoặc bạn không có quyền truy cập.")
    expect(page).to_have_title(re.compile("danvan"))


def test_mobile_menu_opens(accounts, page, login):
    page.set_viewport_size({"width": 390, "height": 800})
    login("coordinator")
    nav = page.locator("nav.mainnav")
    expect(nav).to_be_hidden()
    page.locator("label.nav-toggle-label").click()
    expect(nav).to_be_visible()
    organizations = nav.get_by_role("link", name="Cơ quan, đơn vị")
    expect(organizations).to_be_hidden()
    nav.get_by_text("Hệ thống").click()
    expect(organizations).to_be_visible()


def test_pages_fit_a_phone_screen(accounts, org_tree, page, login):
    """On a phone no page scrolls sideways: filters stack with long options cut to the screen, grid
    cells shrink, and a wide table scrolls inside its own box (visually hidden labels included)."""
    from danvan.citizens import services as citizens
    from danvan.citizens import time_limits
    from danvan.citizens.models import TimeLimitRule
    from danvan.tracking.tests.factories import PlanFactory

    time_limits.load(TimeLimitRule)
    PlanFactory(title="Thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XI về công tác dân vận")
    petition = citizens.register_petition(
        petition_type="complaint",
        channel="post",
        subject="Cán bộ địa chính nhận tiền của dân",
        content="Nội dung khiếu nại.",
        received_on=date(2026, 12, 1),
        received_unit=org_tree["board"],
        sender={"full_name": "Lê Văn Lan"},
    )
    page.set_viewport_size({"width": 390, "height": 844})
    login("coordinator")
    paths = ("/tracking/dashboard/", "/citizens/", petition.get_absolute_url(), "/citizens/time-limits/")
    sideways = {}
    for path in paths:
        page.goto(page.base_url + path)
        sideways[path] = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert sideways == dict.fromkeys(paths, 0)


def test_list_filters_fold_away_on_a_phone(accounts, org_tree, page, login):
    """A list's filters stay open on a wide screen; on a phone they fold into "Bộ lọc" above the
    results, and the fold says how many filters are in use."""
    login("coordinator")
    page.goto(page.base_url + "/citizens/")
    fold = page.locator("details.filter-fold")
    expect(fold.get_by_label("Loại đơn")).to_be_visible()
    expect(fold.locator("summary")).to_be_hidden()

    page.set_viewport_size({"width": 390, "height": 844})
    expect(fold.get_by_label("Loại đơn")).to_be_hidden()
    expect(fold.locator("summary")).to_have_text("Bộ lọc")
    fold.locator("summary").click()
    fold.get_by_label("Loại đơn").select_option("complaint")
    fold.get_by_label("Lĩnh vực").select_option("land")
    fold.get_by_role("button", name="Lọc", exact=True).click()
    expect(page).to_have_url(re.compile(r"petition_type=complaint"))
    expect(fold.locator("summary")).to_have_text("Bộ lọc (đang dùng 2)")
    expect(fold.get_by_label("Loại đơn")).to_be_hidden()

    page.goto(page.base_url + "/citizens/?status=answered&received_from=notadate")
    expect(fold.get_by_text("Nhập một ngày hợp lệ.")).to_be_visible()  # a refused filter opens the fold


def test_a_list_reads_as_cards_on_a_phone(accounts, org_tree, page, login):
    """On a phone the petition list needs no sideways scrolling: each petition is a block whose cells
    follow their column's name; on a wide screen it is a table with its header row."""
    from danvan.citizens import services

    petition = services.register_petition(
        petition_type="recommendation",
        channel="post",
        subject="Đề nghị sửa chữa đường liên ấp bị sụt lún sau mùa mưa lũ năm nay",
        content="Nội dung kiến nghị.",
        received_on=date(2025, 9, 2),
        received_unit=org_tree["board"],
        sender={"full_name": "Võ Văn Gửi"},
    )
    login("coordinator")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + "/citizens/")
    wrap = page.locator(".table-wrap").first
    assert wrap.evaluate("w => w.scrollWidth <= w.clientWidth")
    subject = page.locator("td", has_text=petition.subject)
    assert subject.evaluate("td => getComputedStyle(td, '::before').content") == '"Trích yếu"'
    expect(subject).to_be_visible()
    assert page.locator("thead").first.bounding_box()["height"] <= 1  # for screen readers only

    page.set_viewport_size({"width": 1280, "height": 800})
    expect(page.get_by_role("columnheader", name="Trích yếu")).to_be_visible()
    assert subject.evaluate("td => getComputedStyle(td, '::before').content") == "none"
