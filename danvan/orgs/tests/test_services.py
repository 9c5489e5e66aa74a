from datetime import date

import pytest
from django.core.exceptions import ValidationError

from danvan.core.models import AuditEntry
from danvan.orgs import services
from danvan.orgs.choices import OrgKind
from danvan.orgs.models import OrgUnit


@pytest.fixture
def boards(org_tree):
    propaganda = services.create_unit(
        key="t-btg", kind=OrgKind.PARTY_BOARD, name="Ban Tuyên giáo Tỉnh ủy", parent=org_tree["committee"]
    )
    return org_tree["board"], propaganda


def test_merge_closes_both_and_answers_holder_now_and_then(boards):
    mobilization, propaganda = boards
    merged = services.merge_units(
        [mobilization, propaganda],
        on=date(2025, 3, 1),
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy",
        key="t-btgdv",
        legal_basis="KL 121-KL/TW",
    )
    mobilization.refresh_from_db()
    assert mobilization.valid_to == date(2025, 2, 28)
    assert merged.valid_from == date(2025, 3, 1)
    assert services.current_holders(mobilization, on=date(2026, 1, 1)) == [merged]
    assert services.holders_on(merged, date(2024, 6, 1)) == [mobilization, propaganda]
    assert services.holders_on(mobilization, date(2024, 6, 1)) == [mobilization]
    assert merged.parent == mobilization.parent


def test_rename_moves_open_children_and_keeps_paths(org_tree):
    committee = org_tree["committee"]
    city = services.rename_unit(committee, on=date(2026, 4, 30), name="Thành ủy Đồng Nai", key="t-thanh-uy")
    board = OrgUnit.objects.get(key="t-bdv")
    assert board.parent == city
    assert board.path.startswith(city.path)
    assert services.current_holders(committee) == [city]
    assert services.holders_on(city, date(2025, 1, 1)) == [committee]


def test_split_records_every_part(org_tree):
    parts = services.split_unit(
        org_tree["interior"],
        on=date(2025, 3, 1),
        parts=[
            {"name": "Sở Nội vụ (mới)", "key": "t-snv2"},
            {"name": "Sở Dân tộc và Tôn giáo", "key": "t-sdttg"},
        ],
    )
    assert {p.name for p in services.current_holders(org_tree["interior"], on=date(2025, 3, 1))} == {
        "Sở Nội vụ (mới)",
        "Sở Dân tộc và Tôn giáo",
    }
    assert len(parts) == 2


def test_duplicate_alias_is_rejected_in_vietnamese_and_nothing_is_saved(org_tree):
    count = OrgUnit.objects.count()
    with pytest.raises(ValidationError) as error:
        services.create_unit(key="t-x", kind=OrgKind.STATE_BODY, name="Cơ quan X", aliases=["ubnd tinh"])
    assert "Ủy ban nhân dân tỉnh Đồng Nai" in str(error.value)
    assert OrgUnit.objects.count() == count


def test_search_ignores_diacritics_and_finds_aliases(org_tree):
    assert list(OrgUnit.objects.search("ban dan van")) == [org_tree["board"]]
    assert list(OrgUnit.objects.search("bdvtu")) == [org_tree["board"]]


def test_changes_are_audited_with_old_and_new_values(org_tree):
    board = org_tree["board"]
    board.short_name = "BDV"
    board.save()
    entry = AuditEntry.objects.for_object(board).first()
    assert entry.action == "~"
    assert {"field": "short_name", "old": "Ban Dân vận", "new": "BDV"} in entry.changes
