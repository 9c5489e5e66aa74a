"""The consolidated report's targets table reads the indicators app's current computed values."""

import io
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from docx import Document

from danvan.indicators import services as indicators
from danvan.indicators.choices import CriteriaKind
from danvan.indicators.models import Indicator, IndicatorValue
from danvan.reporting import consolidated

from .factories import PlanTargetFactory

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def value(indicator, year, share, *, area=None, current=True, criteria_set=None, at=None):
    numerator = int(Decimal(share))
    return IndicatorValue.objects.create(
        indicator=indicator,
        year=year,
        area=area,
        criteria_set=criteria_set,
        numerator=numerator,
        denominator=100,
        value=Decimal(share),
        met=None,
        computed_at=at or datetime(2025, 1, 10, 8, 30, tzinfo=TZ),
        current=current,
    )


@pytest.fixture
def targets(period, org_tree, districts):
    """Three plan targets: one met, one not met (the stale and district values must be ignored), one
    without any indicator."""
    plan = period.plan
    kheo = PlanTargetFactory(plan=plan, order=1)
    democracy = PlanTargetFactory(
        plan=plan,
        order=2,
        text="Từ 90% xã thực hiện tốt Quy chế dân chủ ở cơ sở",
        subject="Xã thực hiện tốt Quy chế dân chủ ở cơ sở",
        comparator=">=",
        value=90,
    )
    PlanTargetFactory(plan=plan, order=3, subject="Mô hình được nhân rộng", comparator=">", value=50)
    criteria = indicators.create_default_criteria_set(CriteriaKind.DAN_VAN_KHEO, 2024)
    first = Indicator.objects.create(
        code="kheo",
        name="Dân vận khéo",
        kind=CriteriaKind.DAN_VAN_KHEO,
        start_year=2021,
        end_year=2025,
        plan_target=kheo,
    )
    second = Indicator.objects.create(
        code="qcdc",
        name="QCDC",
        kind=CriteriaKind.GRASSROOTS_DEMOCRACY,
        start_year=2021,
        end_year=2025,
        plan_target=democracy,
    )
    # an indicator counting one district only does not measure the province target
    local = Indicator.objects.create(
        code="kheo-bh",
        name="Dân vận khéo Biên Hòa",
        kind=CriteriaKind.DAN_VAN_KHEO,
        start_year=2021,
        end_year=2025,
        plan_target=democracy,
        scope=districts["bh"]["area"],
        order=0,
    )
    value(first, 2024, "70.00", current=False, criteria_set=criteria)  # recomputed since
    value(first, 2024, "85.50", criteria_set=criteria)
    value(first, 2024, "10.00", area=districts["bh"]["area"], criteria_set=criteria)  # one district
    value(first, 2023, "99.00", criteria_set=criteria)  # another year
    value(second, 2024, "87.25", at=datetime(2025, 1, 12, 16, 5, tzinfo=TZ))
    value(local, 2024, "95.00")
    return period


def test_docx_targets_table_shows_value_target_and_verdict(targets, accounts):
    report = consolidated.start_consolidated(targets, actor=accounts["coordinator"])
    document = Document(io.BytesIO(consolidated.render(report, formats=("docx",))["docx"]))
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "Chỉ tiêu")
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["STT", "Chỉ tiêu", "Mục tiêu", "Kết quả", "Đánh giá"],
        ["1", "Cơ quan, đơn vị đạt tiêu chí Dân vận khéo", "Trên 80%", "85,5%", "Đạt"],
        ["2", "Xã thực hiện tốt Quy chế dân chủ ở cơ sở", "Từ 90% trở lên", "87,25%", "Chưa đạt"],
        ["3", "Mô hình được nhân rộng", "Trên 50%", "—", "Chưa có số liệu"],
    ]
    texts = [p.text for p in document.paragraphs]
    note = next(t for t in texts if t.startswith("(Kết quả chỉ tiêu"))
    assert note == (
        "(Kết quả chỉ tiêu do hệ thống tính từ kết quả đánh giá, cập nhật lúc 16:05 ngày 12/01/2025; "
        "bộ tiêu chí: Tiêu chí đánh giá thực hiện phong trào thi đua “Dân vận khéo” của cơ quan, đơn vị "
        "(phiên bản 1).)"
    )


def test_targets_without_indicators_show_a_dash(period, accounts):
    PlanTargetFactory(plan=period.plan)
    report = consolidated.start_consolidated(period, actor=accounts["coordinator"])
    document = Document(io.BytesIO(consolidated.render(report, formats=("docx",))["docx"]))
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "Chỉ tiêu")
    assert [c.text for c in table.rows[1].cells] == [
        "1",
        "Cơ quan, đơn vị đạt tiêu chí Dân vận khéo",
        "Trên 80%",
        "—",
        "Chưa có số liệu",
    ]
