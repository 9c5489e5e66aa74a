"""Org tree, unit page, new unit and aliases: what people see, and bad input rejected in Vietnamese."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from danvan.orgs import services
from danvan.orgs.choices import OrgKind
from danvan.orgs.models import OrgAlias, OrgUnit


@pytest.fixture
def coordinator_client(client, accounts):
    client.force_login(accounts["coordinator"])
    return client


def test_tree_nests_units_and_search_ignores_diacritics(coordinator_client, org_tree):
    response = coordinator_client.get(reverse("orgs:unit_list"))
    roots = [node["unit"].name for node in response.context["tree"]]
    assert roots == ["Tỉnh Đồng Nai", "Tỉnh ủy Đồng Nai", "Ủy ban nhân dân tỉnh Đồng Nai"]
    response = coordinator_client.get(reverse("orgs:unit_list"), {"q": "ban dan van"})
    assert [u.name for u in response.context["results"]] == ["Ban Dân vận Tỉnh ủy"]
    body = response.content.decode()
    assert "1 kết quả" in body and "Tỉnh ủy Đồng Nai" in body  # the parent is named


def test_search_finds_ended_unit_and_leads_to_its_successor(coordinator_client, org_tree):
    merged = services.merge_units(
        [org_tree["board"]], on=date(2025, 3, 1), key="t-btgdv", name="Ban Tuyên giáo và Dân vận Tỉnh ủy"
    )
    response = coordinator_client.get(reverse("orgs:unit_list"), {"q": "ban dan van"})
    assert [u.name for u in response.context["results"]] == [merged.name, "Ban Dân vận Tỉnh ủy"]
    body = response.content.decode()
    assert "đã kết thúc 28/02/2025" in body and "→ nay là" in body


def test_tree_query_count_does_not_grow(coordinator_client, org_tree, django_assert_max_num_queries):
    for n in range(30):
        services.create_unit(
            key=f"t-x{n}", kind=OrgKind.COMMUNE, name=f"Xã số {n}", parent=org_tree["province"]
        )
    with django_assert_max_num_queries(12):
        response = coordinator_client.get(reverse("orgs:unit_list"))
    assert response.context["total"] == 36


def test_unit_page_shows_aliases_history_successors_and_audit(coordinator_client, org_tree):
    board = org_tree["board"]
    merged = services.merge_units(
        [board],
        on=date(2025, 3, 1),
        key="t-btgdv",
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy",
        legal_basis="KL 121-KL/TW",
    )
    body = coordinator_client.get(board.get_absolute_url()).content.decode()
    assert "BDVTU" in body  # alias
    assert "Đơn vị này đã kết thúc hoạt động ngày 28/02/2025." in body
    assert "Nhiệm vụ hiện do đơn vị sau đảm nhận:" in body and merged.name in body
    assert "01/03/2025" in body and "Hợp nhất, sáp nhập" in body and "KL 121-KL/TW" in body
    assert "Nhật ký thay đổi" in body and "Hiệu lực đến" in body  # audit row of the closing
    body = coordinator_client.get(merged.get_absolute_url()).content.decode()
    assert "từ" in body and "Ban Dân vận Tỉnh ủy" in body


def test_create_unit_with_aliases(coordinator_client, org_tree):
    response = coordinator_client.post(
        reverse("orgs:unit_add"),
        {
            "name": "Sở  Dân tộc và Tôn giáo",
            "kind": OrgKind.STATE_BODY,
            "parent": org_tree["people"].pk,
            "aliases": "SDTTG\nSở DTTG",
            "valid_from": "2025-03-01",
        },
    )
    unit = OrgUnit.objects.get(name="Sở Dân tộc và Tôn giáo")
    assert response.status_code == 302 and response["Location"] == unit.get_absolute_url()
    assert unit.key == "so-dan-toc-va-ton-giao" and unit.parent == org_tree["people"]
    assert sorted(unit.aliases.values_list("name", flat=True)) == ["SDTTG", "Sở DTTG"]
    assert unit.path.startswith(org_tree["people"].path)
    page = coordinator_client.get(response["Location"]).content.decode()
    assert "Đã thêm đơn vị “Sở Dân tộc và Tôn giáo”." in page


def test_duplicate_code_rejected_by_form_in_vietnamese(coordinator_client, org_tree):
    services.create_unit(
        key="t-ward", kind=OrgKind.COMMUNE, name="Phường Trấn Biên", code="26041", code_source="gso-2025"
    )
    count = OrgUnit.objects.count()
    response = coordinator_client.post(
        reverse("orgs:unit_add"),
        {
            "name": "Phường Trấn Biên (trùng)",
            "kind": OrgKind.COMMUNE,
            "code": "26041",
            "code_source": "gso-2025",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [
        "Mã chính thức “26041” đã được dùng cho “Phường Trấn Biên”. Hãy kiểm tra lại mã hoặc nguồn mã."
    ]
    assert "Mã chính thức “26041” đã được dùng cho “Phường Trấn Biên”" in response.content.decode()
    assert OrgUnit.objects.count() == count


def test_same_code_from_another_source_is_allowed(org_tree):
    services.create_unit(
        key="t-a", kind=OrgKind.COMMUNE, name="Phường Phú Riềng", code="25264", code_source="vp"
    )
    other = services.create_unit(
        key="t-b", kind=OrgKind.COMMUNE, name="Phường Phú Riềng (2)", code="25264", code_source="thanglequoc"
    )
    assert other.pk


def test_duplicate_code_rejected_by_service_in_vietnamese(org_tree):
    services.create_unit(
        key="t-ward", kind=OrgKind.COMMUNE, name="Phường Trấn Biên", code="26041", code_source="gso-2025"
    )
    count = OrgUnit.objects.count()
    with pytest.raises(ValidationError) as error:
        services.create_unit(
            key="t-ward-2",
            kind=OrgKind.COMMUNE,
            name="Phường khác",
            code="26041",
            code_source="gso-2025",
            aliases=["PK"],
        )
    assert error.value.messages == [
        "Một đơn vị đang hoạt động khác đã có mã chính thức này (cùng nguồn mã). Hãy kiểm tra lại mã."
    ]
    assert OrgUnit.objects.count() == count
    assert not OrgAlias.objects.filter(name="PK").exists()


def test_duplicate_alias_rejected_by_form_and_nothing_saved(coordinator_client, org_tree):
    count, aliases = OrgUnit.objects.count(), OrgAlias.objects.count()
    response = coordinator_client.post(
        reverse("orgs:unit_add"),
        {
            "name": "Cơ quan mới",
            "kind": OrgKind.STATE_BODY,
            "aliases": "CQM\nubnd tinh",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["aliases"] == [
        "Tên gọi khác “ubnd tinh” đã được dùng cho “Ủy ban nhân dân tỉnh Đồng Nai”. Hãy chọn tên gọi khác."
    ]
    assert (OrgUnit.objects.count(), OrgAlias.objects.count()) == (count, aliases)


def test_alias_written_twice_rejected(coordinator_client, org_tree):
    url = reverse("orgs:alias_add", args=[org_tree["interior"].pk])
    response = coordinator_client.post(url, {"names": "SNV\nsnv"})
    assert response.status_code == 200
    assert response.context["form"].errors["names"] == [
        "Tên gọi khác “snv” bị nhập hai lần. Hãy xóa dòng trùng."
    ]
    assert not org_tree["interior"].aliases.exists()


def test_alias_of_another_unit_rejected_on_unit_page(coordinator_client, org_tree):
    url = reverse("orgs:alias_add", args=[org_tree["interior"].pk])
    response = coordinator_client.post(url, {"names": "BDVTU"})
    assert "Tên gọi khác “BDVTU” đã được dùng cho “Ban Dân vận Tỉnh ủy”. Hãy chọn tên gọi khác." in (
        response.content.decode()
    )
    response = coordinator_client.post(url, {"names": "SNV"})
    assert response.status_code == 302
    assert list(org_tree["interior"].aliases.values_list("name", flat=True)) == ["SNV"]
    assert "Đã lưu tên gọi khác." in coordinator_client.get(response["Location"]).content.decode()


def test_service_rejects_alias_race_in_vietnamese(org_tree):
    with pytest.raises(ValidationError) as error:
        services.add_aliases(org_tree["interior"], ["UBND tỉnh"])
    assert error.value.messages == [
        "Tên gọi khác “UBND tỉnh” đã được dùng cho “Ủy ban nhân dân tỉnh Đồng Nai”. Hãy chọn tên gọi khác."
    ]


def test_export_is_csv_with_vietnamese_headings(coordinator_client, org_tree):
    response = coordinator_client.get(reverse("orgs:unit_export"), {"q": "ban dan van"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "Tên đầy đủ,Tên viết tắt,Loại,Mã chính thức,Đơn vị cấp trên,Hiệu lực từ,Hiệu lực đến,Tên gọi khác"
    )
    assert lines[1:] == ["Ban Dân vận Tỉnh ủy,Ban Dân vận,Ban đảng,,Tỉnh ủy Đồng Nai,,,BDVTU"]
