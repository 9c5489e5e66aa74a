"""`danvan orgs load`: the reference data is complete, resolvable by name and alias, and idempotent.

The whole data set is loaded once per module, twice in a row, inside a transaction that is rolled
back at the end, so other test modules never see it; each test runs in its own savepoint (`db`).
"""

import re
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from danvan.core.models import AuditEntry
from danvan.core.text import fold
from danvan.orgs import services
from danvan.orgs.choices import OrgEventKind, OrgKind
from danvan.orgs.models import OrgAlias, OrgEvent, OrgSuccession, OrgUnit
from danvan.orgs.reference import build
from danvan.orgs.reference.loader import Loader, ReferenceDataError
from danvan.orgs.reference.specs import EventSpec, ReferenceData, UnitSpec, ambiguous_aliases

UNITS, EVENTS = 527, 188


def _counts() -> dict[str, int]:
    models = [
        OrgUnit,
        OrgAlias,
        OrgEvent,
        OrgSuccession,
        AuditEntry,
        OrgUnit.history.model,
        OrgAlias.history.model,
        OrgEvent.history.model,
    ]
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            first = Loader(build()).run()
            after_first = _counts()
            second = Loader(build()).run()
            yield {"first": first, "second": second, "after_first": after_first, "after_second": _counts()}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def ref(loaded, db):
    return loaded


def unit(key: str) -> OrgUnit:
    return OrgUnit.objects.get(key=key)


def by_alias(name: str) -> OrgUnit:
    return OrgAlias.objects.select_related("unit").get(normalized=fold(name)).unit


def keys(units) -> list[str]:
    return [u.key for u in units]


# --- the load itself -------------------------------------------------------------------------


def test_first_load_creates_everything_through_audited_saves(ref):
    first = ref["first"]
    assert (first.created, first.updated, first.unchanged) == (UNITS, 0, 0)
    assert (first.events_created, first.events_unchanged) == (EVENTS, 0)
    assert first.skipped_aliases == []
    assert OrgUnit.objects.count() == UNITS
    assert OrgEvent.objects.count() == EVENTS
    labels = set(AuditEntry.objects.values_list("actor_label", flat=True))
    assert labels == {"cli"}
    assert AuditEntry.objects.for_object(unit("dn-ban-dan-van")).filter(action="+").count() == 1


def test_second_load_changes_nothing(ref):
    second = ref["second"]
    assert (second.created, second.updated, second.unchanged) == (0, 0, UNITS)
    assert (second.events_created, second.events_unchanged) == (0, EVENTS)
    assert ref["after_second"] == ref["after_first"]


def test_command_prints_one_summary_line_and_changes_nothing(ref):
    before = _counts()
    out = StringIO()
    call_command("load_orgs", stdout=out, stderr=StringIO())
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 1
    assert [int(n) for n in re.findall(r"\d+(?:\.\d+)?", lines[0])[:5]] == [0, 0, UNITS, 0, EVENTS]
    assert _counts() == before


def test_shipped_aliases_are_unambiguous():
    assert ambiguous_aliases(build().all_units()) == {}


# --- names and aliases the plan reader needs ---------------------------------------------------

SEED_NAMES = {
    # as the seed plan and its recipients list write them → unit key
    "Ban Dân vận Tỉnh ủy": "dn-ban-dan-van",
    "BDVTU": "dn-ban-dan-van",
    "Ban Tuyên giáo Tỉnh ủy": "dn-ban-tuyen-giao",
    "Ban Tổ chức Tỉnh ủy": "dn-ban-to-chuc",
    "Ban Nội chính Tỉnh ủy": "dn-ban-noi-chinh",
    "Văn phòng Tỉnh ủy": "dn-vptu",
    "VPTU": "dn-vptu",
    "Ban Thường vụ Tỉnh ủy": "dn-btv-tinh-uy",
    "Ban Chấp hành Đảng bộ tỉnh": "dn-tinh-uy",
    "Tỉnh ủy": "dn-tinh-uy",
    "Các đ/c TUV": "dn-tinh-uy",
    "Trường Chính trị tỉnh": "dn-truong-chinh-tri",
    "Đảng ủy Quân sự tỉnh": "dn-dang-uy-quan-su",
    "Đảng ủy Công an tỉnh": "dn-dang-uy-cong-an",
    "Đảng đoàn HĐND tỉnh": "dn-dang-doan-hdnd",
    "Đảng đoàn Hội đồng nhân dân tỉnh": "dn-dang-doan-hdnd",
    "Ban Cán sự đảng UBND tỉnh": "dn-bcs-ubnd",
    "BCS đảng UBND tỉnh": "dn-bcs-ubnd",
    "Ban Cán sự đảng Ủy ban nhân dân tỉnh": "dn-bcs-ubnd",
    "Ban Cán sự đảng Ủy ban Nhân dân tỉnh": "dn-bcs-ubnd",
    "Đảng đoàn Mặt trận Tổ quốc": "dn-dang-doan-mttq",
    "Đảng đoàn MTTQ tỉnh": "dn-dang-doan-mttq",
    "Đảng đoàn Mặt trận Tổ quốc tỉnh": "dn-dang-doan-mttq",
    "Đảng đoàn Liên đoàn lao động tỉnh": "dn-dang-doan-ldld",
    "Đảng đoàn Hội Liên hiệp Phụ nữ tỉnh": "dn-dang-doan-hlhpn",
    "Đảng đoàn các đoàn thể chính trị-xã hội tỉnh": "grp-dang-doan-doan-the",
    "BCS đảng, đảng đoàn": "grp-bcs-dang-doan",
    "Ban Chỉ đạo Công tác Dân vận tỉnh": "dn-bcd-dan-van",
    "Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở tỉnh": "dn-bcd-qcdc",
    "Ban chỉ đạo các huyện, thành phố": "grp-bcd-qcdc-huyen",
    "HĐND tỉnh": "dn-hdnd",
    "UBND tỉnh": "dn-ubnd",
    "Ủy ban Nhân dân tỉnh": "dn-ubnd",
    "Ủy ban nhân dân tỉnh": "dn-ubnd",
    "Ủy ban nhân dân cấp huyện": "grp-ubnd-cap-huyen",
    "Sở Nội vụ": "dn-so-noi-vu",
    "Ban Tôn giáo (Sở Nội vụ)": "dn-ban-ton-giao",
    "Ban Dân tộc tỉnh": "dn-ban-dan-toc",
    "Hội đồng tuyên truyền phổ biến giáo dục pháp luật tỉnh": "dn-hd-pbgdpl",
    "Mặt trận Tổ quốc tỉnh": "dn-mttq",
    "Tỉnh đoàn": "dn-tinh-doan",
    "Ban Thường vụ Tỉnh đoàn": "dn-tinh-doan",
    "BTV Tỉnh đoàn": "dn-tinh-doan",
    "Báo Đồng Nai": "dn-bao",
    "Đài Phát thanh và Truyền hình Đồng Nai": "dn-dai-ptth",
    "các sở, ban, ngành tỉnh": "grp-so-ban-nganh",
    "các sở, ban, ngành liên quan": "grp-so-ban-nganh",
    "các đoàn thể chính trị - xã hội tỉnh": "grp-doan-the",
    "các đoàn thể chính trị-xã hội tỉnh": "grp-doan-the",
    "các cơ quan liên quan": "grp-co-quan-lien-quan",
    "các cấp ủy đảng trực thuộc tỉnh": "grp-cap-uy-truc-thuoc",
    "Các cấp ủy trực thuộc tỉnh": "grp-cap-uy-truc-thuoc",
    "các hội quần chúng": "grp-hoi-quan-chung",
    "các ban đảng": "grp-ban-dang",
    "Các ban đảng tỉnh": "grp-ban-dang",
    "các cơ quan tư pháp": "grp-tu-phap",
    "các cơ quan hành pháp": "grp-hanh-phap",
    "Thường trực cấp ủy cấp huyện": "grp-thuong-truc-cap-uy-huyen",
    "Đoàn, Hội áp, khu phố": "grp-doan-hoi-ap",
    "Ban Chấp hành Trung ương Đảng": "tw-bch",
    "Bộ Chính trị": "tw-bo-chinh-tri",
    "Ban Bí thư": "tw-ban-bi-thu",
    "Ban Bí thư Trung ương Đảng": "tw-ban-bi-thu",
    "Ban Dân vận Trung ương": "tw-ban-dan-van",
    "Thủ tướng Chính phủ": "tw-thu-tuong",
    "Văn phòng Trung ương Đảng": "tw-van-phong",
}


def test_every_name_of_the_seed_resolves_to_one_unit_by_alias(ref):
    found = {name: by_alias(name).key for name in SEED_NAMES}
    assert found == SEED_NAMES


def test_search_is_diacritic_insensitive(ref):
    assert "dn-ban-dan-van" in keys(OrgUnit.objects.search("ban dan van"))
    assert unit("dn-ban-dan-van").name == "Ban Dân vận Tỉnh ủy Đồng Nai"
    assert keys(OrgUnit.objects.search("tran bien")) == ["adm-dong-nai-phuong-tran-bien"]


def test_bodies_have_kind_parent_and_territory(ref):
    board = unit("dn-ban-dan-van")
    assert (board.kind, board.short_name) == (OrgKind.PARTY_BOARD, "Ban Dân vận Tỉnh ủy")
    assert board.parent.key == "grp-ban-dang"
    assert board.parent.parent.key == "dn-thanh-uy"  # the group followed the renamed committee
    assert board.territory.key == "adm-dong-nai"
    assert unit("dn-bcs-ubnd").kind == OrgKind.PARTY_DELEGATION
    assert unit("grp-so-ban-nganh").kind == OrgKind.GROUP
    assert unit("tw-thu-tuong").parent.key == "tw"
    assert unit("tw-thu-tuong").territory is None
    committee = unit("dn-trang-bom-cap-uy")
    assert (committee.name, committee.territory.key) == (
        "Huyện ủy Trảng Bom",
        "adm-old-dong-nai-huyen-trang-bom",
    )
    members = unit("grp-doan-the").children.order_by("key")
    assert keys(members.active(date(2022, 1, 1))) == [
        "dn-hccb",
        "dn-hlhpn",
        "dn-hnd",
        "dn-ldld",
        "dn-tinh-doan",
    ]
    assert keys(members.active(date(2026, 11, 25))) == [
        "dn-hccb-thanh-pho",
        "dn-hlhpn-thanh-pho",
        "dn-hnd-thanh-pho",
        "dn-ldld-thanh-pho",
        "dn-thanh-doan",
    ]


# --- administrative units ------------------------------------------------------------------------


def test_old_dong_nai_has_eleven_districts_until_june_2025(ref):
    districts = OrgUnit.objects.filter(kind=OrgKind.DISTRICT)
    assert districts.filter(parent__key="adm-dong-nai").active(date(2024, 1, 1)).count() == 11
    assert districts.filter(parent__key="adm-binh-phuoc").active(date(2024, 1, 1)).count() == 11
    assert districts.active(date(2025, 6, 30)).count() == 22
    assert districts.active(date(2025, 7, 2)).count() == 0
    old_communes = OrgUnit.objects.filter(kind=OrgKind.COMMUNE, parent__parent__key="adm-dong-nai")
    assert old_communes.active(date(2024, 1, 1)).count() == 159
    bien_hoa = unit("adm-old-dong-nai-thanh-pho-bien-hoa")
    assert (bien_hoa.code, bien_hoa.code_source, bien_hoa.valid_to) == (
        "731",
        "vietnamadminunits-legacy",
        date(2025, 6, 30),
    )


def test_ninety_five_communes_since_july_2025(ref):
    communes = OrgUnit.objects.filter(kind=OrgKind.COMMUNE)
    on_2025 = communes.active(date(2025, 7, 2))
    assert on_2025.count() == 95
    assert on_2025.filter(name__startswith="Phường").count() == 23
    assert set(on_2025.values_list("code_source", flat=True)) == {"vietnam-provinces-2025"}
    on_2026 = communes.active(date(2026, 5, 1))
    assert on_2026.count() == 95
    assert on_2026.filter(name__startswith="Phường").count() == 33
    assert set(on_2026.values_list("parent__key", flat=True)) == {"adm-thanh-pho-dong-nai"}
    tran_bien = unit("adm-dong-nai-phuong-tran-bien")
    assert (tran_bien.code, tran_bien.valid_from) == ("26041", date(2025, 7, 1))


def test_tran_bien_comes_from_six_old_wards_of_bien_hoa(ref):
    tran_bien = unit("adm-dong-nai-phuong-tran-bien")
    olds = [u for u in services.holders_on(tran_bien, date(2024, 1, 1)) if u.kind == OrgKind.COMMUNE]
    assert sorted(u.name for u in olds) == sorted(
        [
            "Phường Bửu Long",
            "Phường Quang Vinh",
            "Phường Trung Dũng",
            "Phường Thống Nhất",
            "Phường Hiệp Hòa",
            "Phường An Bình",
        ]
    )
    assert {u.parent.key for u in olds} == {"adm-old-dong-nai-thanh-pho-bien-hoa"}
    event = OrgEvent.objects.distinct().get(successions__successor=tran_bien)
    assert (event.kind, event.date, event.legal_basis) == (
        OrgEventKind.MERGE,
        date(2025, 7, 1),
        "NQ 1662/NQ-UBTVQH15",
    )


def test_a_divided_commune_has_several_successors(ref):
    xuan_tam = unit("adm-old-dong-nai-huyen-xuan-loc-xa-xuan-tam")
    assert sorted(u.name for u in services.direct_successors(xuan_tam)) == ["Xã Xuân Hòa", "Xã Xuân Đông"]
    assert OrgEvent.objects.distinct().get(successions__predecessor=xuan_tam).kind == OrgEventKind.SPLIT
    assert len(services.current_holders(xuan_tam, date(2025, 8, 1))) == 2


def test_bien_hoa_district_is_held_by_the_province_then_the_city(ref):
    bien_hoa = unit("adm-old-dong-nai-thanh-pho-bien-hoa")
    assert keys(services.current_holders(bien_hoa, date(2025, 8, 1))) == ["adm-dong-nai"]
    assert keys(services.current_holders(bien_hoa, date(2026, 11, 25))) == ["adm-thanh-pho-dong-nai"]
    binh_phuoc = unit("adm-binh-phuoc")
    assert keys(services.current_holders(binh_phuoc, date(2025, 7, 2))) == ["adm-dong-nai"]


def test_communes_that_became_wards_in_2026(ref):
    open_on = OrgUnit.objects.active(date(2026, 5, 1))
    assert open_on.filter(name="Phường Trảng Bom").exists()
    assert not open_on.filter(name="Xã Trảng Bom").exists()
    old = unit("adm-dong-nai-xa-trang-bom")
    ward = unit("adm-dong-nai-phuong-trang-bom")
    assert old.valid_to == date(2026, 4, 29)
    assert services.current_holders(old, date(2026, 5, 1)) == [ward]
    assert ward.code == old.code
    assert sorted(u.name for u in services.holders_on(ward, date(2024, 6, 1))) == [
        "Thị trấn Trảng Bom",
        "Xã Giang Điền",
        "Xã Quảng Tiến",
        "Xã Sông Trầu",
    ]
    assert (
        OrgEvent.objects.filter(
            kind=OrgEventKind.RENAME, date=date(2026, 4, 30), legal_basis="NQ 237/NQ-UBTVQH16"
        ).count()
        == 10
    )


# --- history of the bodies -------------------------------------------------------------------------


def test_merged_board_holds_the_mass_mobilization_board(ref):
    merged = unit("dn-ban-tuyen-giao-dan-van")
    assert keys(services.holders_on(merged, date(2022, 1, 1))) == ["dn-ban-dan-van", "dn-ban-tuyen-giao"]
    assert services.current_holders(unit("dn-ban-dan-van"), date(2026, 11, 25)) == [merged]
    assert unit("dn-ban-dan-van").valid_to == date(2025, 2, 28)
    assert merged.parent.parent.key == "dn-thanh-uy"
    assert merged.path.startswith(unit("dn-thanh-uy").path)


def test_provincial_committee_is_now_the_city_committee(ref):
    city = unit("dn-thanh-uy")
    assert services.current_holders(unit("dn-tinh-uy"), date(2026, 5, 1)) == [city]
    assert keys(services.holders_on(city, date(2024, 1, 1))) == ["dn-tinh-uy"]
    assert city.territory.key == "adm-thanh-pho-dong-nai"
    assert unit("dn-btv-thanh-uy").parent == city
    assert by_alias("UBND thành phố").key == "dn-ubnd-thanh-pho"
    event = OrgEvent.objects.distinct().get(successions__successor=city)
    assert event.legal_basis == "NQ 30/2026/QH16"
    assert "Inference" in event.note


def test_open_bodies_follow_the_city_territory(ref):
    assert unit("dn-so-noi-vu").territory.key == "adm-thanh-pho-dong-nai"
    assert unit("dn-ban-dan-van").territory.key == "adm-dong-nai"  # closed before the city existed


def test_party_delegations_end_in_2025(ref):
    government = unit("dn-dang-uy-ubnd")
    assert services.current_holders(unit("dn-bcs-ubnd"), date(2025, 6, 1)) == [government]
    agencies = unit("dn-dang-uy-cac-co-quan-dang")
    assert services.current_holders(unit("dn-dang-doan-mttq"), date(2025, 6, 1)) == [agencies]
    assert "Verify" in OrgEvent.objects.distinct().get(successions__successor=government).note
    assert government.parent.key == "grp-cap-uy-truc-thuoc"


def test_ethnic_and_religious_affairs_department(ref):
    department = unit("dn-so-dan-toc-ton-giao")
    assert keys(services.holders_on(department, date(2024, 1, 1))) == ["dn-ban-dan-toc", "dn-ban-ton-giao"]
    event = OrgEvent.objects.distinct().get(successions__successor=department)
    assert (event.date, event.legal_basis) == (date(2025, 3, 1), "QĐ 17/2025/QĐ-UBND (27/02/2025)")


def test_district_bodies_end_on_30_june_2025(ref):
    committee = unit("dn-trang-bom-cap-uy")
    assert committee.valid_to == date(2025, 6, 30)
    assert keys(services.current_holders(committee, date(2026, 11, 25))) == ["dn-thanh-uy"]
    assert keys(services.current_holders(unit("dn-trang-bom-ubnd"), date(2025, 8, 1))) == ["dn-ubnd"]
    open_boards = OrgUnit.objects.filter(key__endswith="-ban-dan-van").active(date(2025, 7, 1))
    assert keys(open_boards) == []


def test_central_mass_mobilization_board_merged(ref):
    central = unit("tw-ban-dan-van")
    assert keys(services.current_holders(central, date(2026, 1, 1))) == ["tw-ban-tuyen-giao-dan-van"]


# --- the loader on small data --------------------------------------------------------------------------


def _small(extra_alias: str = "Đơn vị thử") -> ReferenceData:
    return ReferenceData(
        units=[
            UnitSpec("t-a", OrgKind.STATE_BODY, "Đơn vị thử A", "Đơn vị A", (extra_alias,)),
            UnitSpec("t-b", OrgKind.STATE_BODY, "Đơn vị thử B", "Đơn vị B"),
        ],
        events=[
            EventSpec(
                OrgEventKind.MERGE,
                date(2025, 3, 1),
                ("t-a", "t-b"),
                ("t-c",),
                "QĐ 1",
                opens=(UnitSpec("t-c", OrgKind.STATE_BODY, "Đơn vị thử C", valid_from=date(2025, 3, 1)),),
            ),
        ],
    )


def test_dry_run_saves_nothing(ref):
    before = _counts()
    result = Loader(_small()).run(dry_run=True)
    assert (result.created, result.events_created) == (3, 1)
    assert _counts() == before


def test_reload_updates_changed_fields_and_adds_missing_aliases(ref):
    Loader(_small()).run()
    data = _small()
    data.units[1] = UnitSpec("t-b", OrgKind.STATE_BODY, "Đơn vị thử B (tên mới)", "Đơn vị B", ("ĐVB",))
    result = Loader(data).run()
    assert (result.created, result.updated, result.unchanged, result.events_created) == (0, 1, 2, 0)
    assert by_alias("ĐVB").name == "Đơn vị thử B (tên mới)"


def test_alias_held_by_another_unit_is_skipped_not_fatal(ref):
    result = Loader(_small(extra_alias="UBND tỉnh")).run()
    assert result.skipped_aliases == ["UBND tỉnh (t-a): already an alias of dn-ubnd"]
    assert by_alias("UBND tỉnh").key == "dn-ubnd"


def test_partly_recorded_event_is_reported(ref):
    Loader(_small()).run()
    data = _small()
    data.units.append(UnitSpec("t-d", OrgKind.STATE_BODY, "Đơn vị thử D"))
    merge = data.events[0]
    data.events[0] = EventSpec(
        merge.kind, merge.on, ("t-a", "t-b", "t-d"), merge.successors, merge.legal_basis, opens=merge.opens
    )
    with pytest.raises(ReferenceDataError, match="only partly recorded"):
        Loader(data).run()
