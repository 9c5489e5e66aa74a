"""Edge cases of the org history: boundary days, chains of events, units without successors."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from danvan.core.models import AuditEntry
from danvan.orgs import services
from danvan.orgs.choices import OrgEventKind, OrgKind
from danvan.orgs.models import OrgEvent, OrgUnit

D = date(2025, 3, 1)
EVE = date(2025, 2, 28)


def make(key: str, name: str, **fields) -> OrgUnit:
    return services.create_unit(key=key, kind=fields.pop("kind", OrgKind.STATE_BODY), name=name, **fields)


@pytest.fixture
def board(db):
    committee = make("h-committee", "Tỉnh ủy thử", kind=OrgKind.PARTY_COMMITTEE)
    return make("h-board", "Ban Dân vận thử", kind=OrgKind.PARTY_BOARD, parent=committee)


def test_rename_boundary_day(board):
    renamed = services.rename_unit(board, on=D, name="Ban Dân vận thử (mới)", key="h-board-2")
    board.refresh_from_db()
    assert board.valid_to == EVE
    assert renamed.valid_from == D
    assert services.holders_on(renamed, EVE) == [board]
    assert services.holders_on(renamed, D) == [renamed]
    assert services.holders_on(board, D) == [renamed]
    assert services.current_holders(board, on=EVE) == [board]
    assert services.current_holders(board, on=D) == [renamed]
    assert renamed.parent == board.parent


def test_chain_of_rename_then_merge(board):
    other = make("h-other", "Ban Tuyên giáo thử", kind=OrgKind.PARTY_BOARD, parent=board.parent)
    renamed = services.rename_unit(board, on=D, name="Ban Dân vận thử 2", key="h-board-2")
    merged = services.merge_units(
        [renamed, other],
        on=date(2025, 7, 1),
        name="Ban Tuyên giáo và Dân vận thử",
        key="h-merged",
    )
    assert services.current_holders(board, on=date(2026, 1, 1)) == [merged]
    assert set(services.holders_on(merged, date(2024, 1, 1))) == {board, other}
    assert services.holders_on(merged, date(2025, 5, 1)) == [renamed, other]
    assert services.holders_on(board, date(2025, 5, 1)) == [renamed]
    assert services.holders_on(board, date(2026, 1, 1)) == [merged]


def test_split_then_merge_reaches_the_common_successor_once(board):
    left, right = services.split_unit(
        board, on=D, parts=[{"name": "Phần A", "key": "h-a"}, {"name": "Phần B", "key": "h-b"}]
    )
    joined = services.merge_units([left, right], on=date(2025, 7, 1), name="Hợp nhất", key="h-ab")
    assert services.current_holders(board, on=date(2025, 5, 1)) == [left, right]
    assert services.current_holders(board, on=date(2025, 7, 1)) == [joined]
    assert services.holders_on(joined, date(2024, 1, 1)) == [board]


def test_merge_into_an_existing_unit_keeps_it_open(board):
    other = make("h-other", "Cơ quan nhận")
    kept = services.merge_units([board], on=D, into=other, legal_basis="QĐ 1", note="ghi chú")
    board.refresh_from_db()
    other.refresh_from_db()
    assert kept == other
    assert (board.valid_to, other.valid_to) == (EVE, None)
    assert services.holders_on(other, date(2024, 1, 1)) == [other]
    event = OrgEvent.objects.get()
    assert (event.kind, event.legal_basis, event.note) == (OrgEventKind.MERGE, "QĐ 1", "ghi chú")


def test_unit_without_successor(board):
    event = services.dissolve_unit(board, on=D, legal_basis="NQ 1")
    board.refresh_from_db()
    assert board.valid_to == EVE
    assert services.current_holders(board, on=D) == []
    assert services.holders_on(board, D) == []
    assert services.holders_on(board, EVE) == [board]
    assert event.kind == OrgEventKind.DISSOLVE
    assert event.successions.count() == 0


def test_dissolve_passes_duties_to_successors(board):
    services.dissolve_unit(board, on=D, successors=[board.parent], note="cấp huyện kết thúc")
    assert services.current_holders(board, on=D) == [board.parent]
    assert services.holders_on(board.parent, date(2024, 1, 1)) == [board.parent]


def test_dissolve_refuses_a_unit_with_open_sub_units(board):
    with pytest.raises(ValidationError) as error:
        services.dissolve_unit(board.parent, on=D)
    assert "Tỉnh ủy thử" in str(error.value)
    board.parent.refresh_from_db()
    assert board.parent.valid_to is None


def test_unit_that_ended_earlier_cannot_be_closed_again_later(board):
    services.dissolve_unit(board, on=D)
    with pytest.raises(ValidationError) as error:
        services.rename_unit(board, on=date(2025, 7, 1), name="Quá muộn")
    assert "28/02/2025" in str(error.value)


def test_holders_before_a_root_unit_existed(db):
    late = make("h-late", "Cơ quan mới", valid_from=D)
    assert services.holders_on(late, EVE) == []
    assert services.holders_on(late, D) == [late]


def test_history_writes_are_audited(board):
    before = AuditEntry.objects.count()
    renamed = services.rename_unit(board, on=D, name="Ban mới", key="h-board-2")
    entries = AuditEntry.objects.order_by("id")[before:]
    assert {(e.object_repr, e.action) for e in entries} >= {("Ban Dân vận thử", "~"), ("Ban mới", "+")}
    assert AuditEntry.objects.for_object(renamed).count() == 1
