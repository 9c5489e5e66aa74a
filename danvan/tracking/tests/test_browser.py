"""An agency officer reports 50% with a PDF from the inbox; the Board's overview shows it."""

import pytest

from danvan.tracking.models import Occurrence


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_reports_progress_and_board_sees_it(page, login, accounts, annual_task, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    pdf = tmp_path / "bao-cao-tien-do.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    login("officer")
    page.goto(f"{page.base_url}/tracking/")
    current = page.locator("#current")
    task_link = current.get_by_role("link", name="Nâng cao hiệu quả công tác dân vận chính quyền")
    task_link.click()
    page.wait_for_load_state()
    assert "2025" in page.locator("h1").inner_text()
    page.fill("#id_percent", "50")
    page.fill("#id_text", "Đã tổ chức hội nghị quán triệt")
    page.set_input_files("#id_files", str(pdf))
    page.click("#progress-form button[type=submit]")
    page.wait_for_load_state()
    assert "Đã ghi nhận tiến độ." in page.content()
    assert page.locator("#occ-percent").inner_text() == "50%"
    assert page.get_by_role("link", name="bao-cao-tien-do.pdf").count() == 1

    occ = Occurrence.objects.get(task=annual_task, year=2025)
    assert (occ.percent, occ.entries.get().evidence.get().mime) == (50, "application/pdf")

    page.context.clear_cookies()
    login("coordinator")
    page.goto(f"{page.base_url}/tracking/overview/?q=dan+van+chinh+quyen&year=2025")
    row = page.locator("table.matrix tbody tr").first
    assert row.locator("th").inner_text() == "Ủy ban nhân dân tỉnh Đồng Nai"
    assert row.locator("td").nth(1).inner_text() == "1"  # "in progress within the deadline" column
    listed = page.locator("section.card table.table").last
    assert "50%" in listed.inner_text() and "Đang thực hiện trong hạn" in listed.inner_text()


# The size in screen pixels of each text of the charts: the font size times the scale it is drawn at
# (an SVG with a viewBox scales its text down with the card).
TEXT_SIZES = """() => [...document.querySelectorAll('svg.chart text, .rate-bars span')].map((t) =>
    parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM ? t.getScreenCTM().a : 1))"""


@pytest.fixture
def movement_year(org_tree, accounts):
    """2025's supervision by the Front (a long name in a four-column table) and a big membership survey."""
    from datetime import date
    from decimal import Decimal

    from danvan.movement.services import membership, supervision
    from danvan.orgs import services as orgs
    from danvan.orgs.choices import OrgKind

    board = accounts["coordinator"]
    front = orgs.create_unit(
        key="t-mttq",
        kind=OrgKind.FATHERLAND_FRONT,
        name="Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Đồng Nai",
    )
    programme = supervision.create_programme(
        actor=board, year=2025, subject="Giám sát cải cách hành chính", organization=front
    )
    supervision.add_recommendation(
        programme,
        actor=board,
        text="Rút ngắn thời gian",
        addressed_to=org_tree["people"],
        due_date=date(2025, 9, 1),
    )
    survey = membership.create_survey(
        actor=board,
        year=2025,
        title="Khảo sát 2025",
        deadline=date(2025, 9, 30),
        target_percent=Decimal("75"),
        units=[org_tree["people"]],
    )
    membership.save_return(
        survey,
        actor=board,
        unit=org_tree["people"],
        population_of_age=350160,
        people_reached=238925,
        counts={"youth_union": 54292, "farmers": 72393, "womens_union": 181027},
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dashboard_is_readable_on_desktop_and_phone(page, login, accounts, annual_task, movement_year):
    from danvan.plans.models import Section

    Section.objects.filter(pk=annual_task.section_id).update(
        title="Sở Thông tin và Truyền thông chủ trì tuyên truyền trên các phương tiện thông tin đại chúng"
    )
    login("coordinator")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{page.base_url}/tracking/dashboard/?year=2025")
        sizes = page.evaluate(TEXT_SIZES)
        assert sizes and min(sizes) >= 12, (width, sorted(sizes)[:3])
        label = page.locator(".rate-bars .rate-label").first
        assert "thông tin đại chúng" in label.inner_text() and label.is_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{page.base_url}/tracking/dashboard/?year=2025")
    membership = page.locator("[data-section=membership]")
    assert "238.925" in membership.inner_text() and "54.292" in membership.inner_text()
    supervision = page.locator("[data-section=supervision]")
    wrap = supervision.locator(".table-wrap")
    assert wrap.evaluate("(w) => w.scrollWidth <= w.clientWidth")  # the whole table shows, none cut off
    header = supervision.get_by_role("columnheader", name="Đã giải quyết dứt điểm")
    cell = supervision.get_by_role("cell", name="Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Đồng Nai")
    line = 42  # px: one line of text (24px) with the cell's padding
    assert header.bounding_box()["height"] <= line and cell.bounding_box()["height"] <= line
