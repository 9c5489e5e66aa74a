"""The change log reads as a person reads: names of related records (read in bulk), choice labels,
field names in Vietnamese, and commands as the system."""

import json
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from danvan.core.audit import _plain, acting_as
from danvan.core.audit_display import audit_lines
from danvan.core.models import AuditEntry
from danvan.orgs import services
from danvan.orgs.choices import OrgKind
from danvan.orgs.models import OrgUnit


def _entry(model_label: str, changes: list[dict], actor="coordinator") -> AuditEntry:
    app_label, model = model_label.split(".")
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_by_natural_key(app_label, model),
        object_id="1",
        object_repr="Bản ghi thử",
        action="~",
        actor_label=actor,
        at=timezone.now(),
        changes=changes,
    )


def test_change_log_shows_names_labels_and_vietnamese_field_names(client, accounts, org_tree):
    committee, people = org_tree["committee"], org_tree["people"]
    _entry(
        "orgs.orgunit",
        [
            {"field": "parent", "old": committee.pk, "new": people.pk},
            {"field": "kind", "old": "party_board", "new": "state_body"},
        ],
    )
    _entry(
        "indicators.evaluationround",
        [{"field": "unit_kinds", "old": "[OrgKind.PARTY_BOARD, OrgKind.STATE_BODY]", "new": ["state_body"]}],
    )
    _entry("citizens.meetingitem", [{"field": "meeting_id", "old": None, "new": 987654}])
    client.force_login(accounts["coordinator"])
    body = client.get(reverse("core:audit")).content.decode()
    assert (
        '<span class="field-name">Đơn vị cấp trên</span>: '
        "<del>Tỉnh ủy Đồng Nai</del> → <ins>Ủy ban nhân dân tỉnh Đồng Nai</ins>"
    ) in body
    assert '<span class="field-name">Loại</span>: <del>Ban đảng</del> → <ins>Cơ quan nhà nước</ins>' in body
    assert (
        '<span class="field-name">Loại đơn vị được đánh giá</span>: '
        "<del>Ban đảng, Cơ quan nhà nước</del> → <ins>Cơ quan nhà nước</ins>"
    ) in body
    assert (
        '<span class="field-name">Hội nghị đối thoại hoặc tiếp xúc cử tri</span>: <ins>987654</ins>'
    ) in body
    assert "OrgKind." not in body


def test_related_records_are_read_once_per_model_for_the_whole_table(
    org_tree, accounts, django_assert_num_queries
):
    units = list(OrgUnit.objects.order_by("pk"))
    for old, new in zip(units, units[1:], strict=False):
        _entry("orgs.orgunit", [{"field": "parent", "old": old.pk, "new": new.pk}])
    _entry("orgs.user", [{"field": "org_unit", "old": None, "new": units[0].pk}])
    entries = list(AuditEntry.objects.filter(object_repr="Bản ghi thử").select_related("content_type"))
    with django_assert_num_queries(1):
        lines = audit_lines(entries, viewer=accounts["coordinator"])
    assert [rows for _entry, _actor, rows in lines][-1] == [
        {"label": "đơn vị cấp trên", "old": units[0].name, "new": units[1].name}
    ]


def test_a_list_of_choices_is_recorded_as_values():
    recorded = _plain([OrgKind.PARTY_BOARD, OrgKind.STATE_BODY])
    assert json.dumps(recorded) == '["party_board", "state_body"]'
    assert _plain({"kinds": (OrgKind.PROVINCE,)}) == {"kinds": ["province"]}


def test_command_changes_read_as_the_system_on_home_audit_and_record_pages(client, accounts, org_tree):
    with acting_as("cli"):
        services.rename_unit(org_tree["interior"], on=date(2025, 3, 1), name="Sở Nội vụ (mới)", key="t-snv-2")
    client.force_login(accounts["coordinator"])
    cell = ">Hệ thống (lệnh quản trị)</td>"
    for url in (reverse("core:home"), reverse("core:audit")):
        body = client.get(url).content.decode()
        assert cell in body and "<td>cli</td>" not in body
    found = client.get(reverse("core:audit"), {"q": "lệnh quản trị"}).context["object_list"]
    assert {entry.actor_label for entry in found} == {"cli"}


def test_a_related_record_the_viewer_may_not_see_keeps_its_id(org_tree, accounts):
    """UBND's officer reads the change of a unit's parent from Tỉnh ủy (outside UBND's sub-tree) to
    UBND: the name of the one it may see, the id of the other."""
    committee, people = org_tree["committee"], org_tree["people"]
    _entry("orgs.orgunit", [{"field": "parent", "old": committee.pk, "new": people.pk}])
    entries = AuditEntry.objects.filter(object_repr="Bản ghi thử").select_related("content_type")
    ((_entry_row, _actor, rows),) = audit_lines(entries, viewer=accounts["officer"])
    assert rows == [{"label": "đơn vị cấp trên", "old": str(committee.pk), "new": people.name}]
    ((_entry_row, _actor, rows),) = audit_lines(entries, viewer=accounts["coordinator"])
    assert rows[0]["old"] == committee.name


def test_a_list_of_objects_reads_as_stored(accounts):
    recipients = [{"name": "Ban Dân vận", "role": "lead"}]
    _entry("plans.plan", [{"field": "recipients", "old": None, "new": recipients}])
    entries = AuditEntry.objects.filter(object_repr="Bản ghi thử").select_related("content_type")
    ((_entry_row, _actor, rows),) = audit_lines(entries, viewer=accounts["coordinator"])
    assert rows[0]["new"] == '{"name": "Ban Dân vận", "role": "lead"}'


def test_a_person_reads_by_name_and_a_fingerprint_is_left_out(accounts):
    coordinator = accounts["coordinator"]
    _entry(
        "plans.plan",
        [
            {"field": "created_by", "old": None, "new": coordinator.pk},
            {"field": "source_sha256", "old": None, "new": "d5730281" * 8},
        ],
    )
    entries = AuditEntry.objects.filter(object_repr="Bản ghi thử").select_related("content_type")
    ((_entry_row, _actor, rows),) = audit_lines(entries, viewer=coordinator)
    assert [(row["label"], row["new"]) for row in rows] == [("người nhập", coordinator.full_name)]
