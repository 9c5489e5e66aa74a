from datetime import date

import pytest

from danvan.citizens.models import Holiday
from danvan.orgs import services as orgs
from danvan.orgs.choices import OrgKind


@pytest.fixture
def holidays(db):
    """Public holidays used by the working-day cases (2/9/2025 with 1/9; 30/4 and 1/5/2026)."""
    for day, name in (
        ("2025-09-01", "Quốc khánh (nghỉ kèm)"),
        ("2025-09-02", "Quốc khánh"),
        ("2026-04-30", "Ngày Chiến thắng"),
        ("2026-05-01", "Quốc tế Lao động"),
    ):
        Holiday.objects.create(date=date.fromisoformat(day), name=name)


@pytest.fixture
def statutory_rules(db):
    """The time limit rules of the data migration: a transactional test before may have flushed them."""
    from danvan.citizens import time_limits
    from danvan.citizens.models import TimeLimitRule

    time_limits.load(TimeLimitRule)


@pytest.fixture
def open_denunciation(org_tree):
    """Received Friday 29/08/2025: initial processing (7 working days) ends 09/09/2025 with no holiday."""
    from danvan.citizens import services

    return services.register_petition(
        petition_type="denunciation",
        channel="post",
        subject="Tố cáo sai phạm",
        content="Nội dung tố cáo.",
        received_on=date(2025, 8, 29),
        received_unit=org_tree["board"],
        sender={"full_name": "Ẩn Danh Tính"},
    )


@pytest.fixture
def areas(org_tree):
    """Two of today's communes, a former ward merged into the first, and its People's Committee."""
    province = org_tree["province"]
    tran_bien = orgs.create_unit(
        key="t-tran-bien",
        kind=OrgKind.COMMUNE,
        name="Phường Trấn Biên",
        parent=province,
        valid_from=date(2025, 7, 1),
    )
    trang_bom = orgs.create_unit(
        key="t-trang-bom",
        kind=OrgKind.COMMUNE,
        name="Xã Trảng Bom",
        parent=province,
        valid_from=date(2025, 7, 1),
    )
    old = orgs.create_unit(key="t-buu-long", kind=OrgKind.COMMUNE, name="Phường Bửu Long", parent=province)
    orgs.merge_units([old], on=date(2025, 7, 1), into=tran_bien, legal_basis="NQ 1662/NQ-UBTVQH15")
    old.refresh_from_db()
    committee = orgs.create_unit(
        key="t-ubnd-tran-bien",
        kind=OrgKind.STATE_BODY,
        name="UBND phường Trấn Biên",
        territory=tran_bien,
        parent=org_tree["people"],
    )
    return {"tran_bien": tran_bien, "trang_bom": trang_bom, "old": old, "committee": committee}


@pytest.fixture(autouse=True)
def _fresh_calendar():
    """Each test starts with a freshly loaded per-process Calendar (rolled-back rows fire no signal)."""
    from danvan.citizens.deadlines import forget_shared_calendar

    forget_shared_calendar()
    yield
    forget_shared_calendar()
