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
