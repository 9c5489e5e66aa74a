"""XLSX export of the completeness table: the same numbers as the page, only what the user may see."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.core.testing import assert_access
from danvan.reporting import exports, services

from .conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(period, org_tree, districts, accounts):
    """UBND on time and accepted, Biên Hòa late, the Board on time (submitted), Long Khánh missing,
    Ban Tổ chức exempt."""
    coordinator = accounts["coordinator"]
    for unit, when in (
        (org_tree["people"], at(2024, 12, 10)),
        (districts["bh"]["committee"], at(2024, 12, 20)),
        (org_tree["board"], at(2024, 12, 12)),
    ):
        report = services.ensure_report(period, unit)
        services.save_report(report, data={"results": "Đã thực hiện"}, actor=coordinator, now=when)
        services.submit_report(report, actor=coordinator, now=when)
    services.accept_report(
        period.reports.get(unit=org_tree["people"]), actor=coordinator, now=at(2024, 12, 11)
    )
    services.exempt_body(period, org_tree["organisation"], actor=coordinator, reason="Sáp nhập")
    return period


def rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def test_export_has_the_page_numbers_by_area_and_every_body(
    client, reported, accounts, django_assert_max_num_queries
):
    client.force_login(accounts["coordinator"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("reporting:completeness_export", args=[reported.pk]))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert (
        response["Content-Disposition"] == f'attachment; filename="tinh-hinh-bao-cao-2024-{reported.pk}.xlsx"'
    )
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Theo địa bàn", "Từng cơ quan, đơn vị"]
    by_area = rows(book["Theo địa bàn"])
    assert by_area[0][0] == "Tình hình gửi báo cáo · Năm 2024 · 31-KH/TU"
    assert by_area[1:] == [
        (
            "Địa bàn",
            "Phải báo cáo",
            "Đã nhận",
            "Đúng hạn",
            "Chưa báo cáo",
            "Tỷ lệ đã báo cáo (%)",
            "Tỷ lệ đúng hạn (%)",
        ),
        ("Cấp tỉnh", 2, 2, 2, 0, 100, 100),
        ("Thành phố Biên Hòa", 1, 1, 0, 0, 100, 0),
        ("Thành phố Long Khánh", 1, 0, 0, 1, 0, 0),
        ("Tất cả cơ quan, đơn vị", 4, 3, 2, 1, 75, 50),
    ]
    result = services.completeness(reported)
    assert (result.total.expected, result.total.received, result.total.on_time) == (4, 3, 2)
    bodies = rows(book["Từng cơ quan, đơn vị"])
    assert bodies[1] == (
        "Cơ quan, đơn vị",
        "Địa bàn",
        "Báo cáo",
        "Thời hạn",
        "Ngày gửi lần đầu",
        "Miễn báo cáo",
    )
    by_name = {r[0]: r[1:] for r in bodies[2:]}
    assert len(by_name) == 5
    assert by_name["Ủy ban nhân dân tỉnh Đồng Nai"][1:3] == ("Đã chấp nhận", "đúng hạn")
    assert by_name["Ủy ban nhân dân tỉnh Đồng Nai"][3].date().isoformat() == "2024-12-10"
    assert by_name["Thành ủy Biên Hòa"][:3] == ("Thành phố Biên Hòa", "Đã gửi", "trễ hạn")
    assert by_name["Thành ủy Long Khánh"][1:4] == ("Chưa có báo cáo", None, None)
    assert by_name["Ban Tổ chức Tỉnh ủy"][1::3] == ("miễn báo cáo", "Sáp nhập")


def test_export_access_follows_the_completeness_page(client, reported, accounts):
    a = accounts
    assert_access(
        client,
        reverse("reporting:completeness_export", args=[reported.pk]),
        allowed=[a["coordinator"], a["leader"]],
        forbidden=[a["officer"], a["reception"]],
    )


def test_export_counts_only_what_the_user_may_see(reported, accounts):
    """A scoped user (here UBND's officer, whose scope holds only UBND) gets only its own lines."""
    book = load_workbook(io.BytesIO(exports.completeness_workbook(reported, accounts["officer"])))
    assert rows(book["Theo địa bàn"])[2:] == [
        ("Cấp tỉnh", 1, 1, 1, 0, 100, 100),
        ("Tất cả cơ quan, đơn vị", 1, 1, 1, 0, 100, 100),
    ]
    assert [r[0] for r in rows(book["Từng cơ quan, đơn vị"])[2:]] == ["Ủy ban nhân dân tỉnh Đồng Nai"]
