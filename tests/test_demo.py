"""`danvan demo`: one account per role at the units of the reference data, with a logins table."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from danvan.orgs import demo
from danvan.orgs.choices import OrgKind, Role
from danvan.orgs.models import OrgUnit, User


@pytest.fixture
def logins_file(tmp_path, monkeypatch):
    path = tmp_path / "demo-logins.txt"
    monkeypatch.setattr(demo, "logins_path", lambda: path)
    return path


def _roles() -> dict[str, tuple[str, str]]:
    return {u.username: (u.role, u.org_unit.name) for u in User.objects.select_related("org_unit")}


@pytest.mark.django_db
def test_demo_without_reference_data_builds_a_small_tree_and_every_account(logins_file):
    demo.build(scale="small", stdout=io.StringIO())
    assert _roles() == {
        "dieuphoi": (Role.COORDINATOR, "Ban Tuyên giáo và Dân vận Tỉnh ủy"),
        "lanhdao": (Role.LEADER, "Ban Thường vụ Tỉnh ủy"),
        "mttq": (Role.AGENCY_OFFICER, "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Đồng Nai"),
        "xaphuong": (Role.AGENCY_OFFICER, "Ủy ban nhân dân phường Trấn Biên"),
        "bantochuc": (Role.AGENCY_OFFICER, "Ban Tổ chức Tỉnh ủy"),
        "tiepdan": (Role.RECEPTION_OFFICER, "Ban Tiếp công dân Thành phố Đồng Nai"),
        "quantri": (Role.ADMINISTRATOR, "Thành ủy Đồng Nai"),
    }
    admin = User.objects.get(username="quantri")
    assert admin.is_staff and admin.is_superuser
    assert not User.objects.get(username="dieuphoi").is_staff
    old_board = OrgUnit.objects.get(name="Ban Dân vận Tỉnh ủy")
    assert old_board.valid_to is not None  # history: merged in 2025
    text = logins_file.read_text(encoding="utf-8")
    assert "Tên đăng nhập | Mật khẩu" in text and "| Vai trò" in text and "| Đơn vị" in text
    assert "dieuphoi      | matkhau-Demo-2025 | Chuyên viên điều phối (Ban Dân vận)" in text
    client = Client()
    response = client.post("/accounts/login/", {"username": "xaphuong", "password": demo.DEMO_PASSWORD})
    assert response.status_code == 302


@pytest.mark.django_db
def test_demo_uses_existing_units_and_is_idempotent(org_tree, logins_file):
    demo.build(scale="small", stdout=io.StringIO())
    units = OrgUnit.objects.count()
    demo.build(scale="small", stdout=io.StringIO())
    assert OrgUnit.objects.count() == units
    assert User.objects.filter(username__in=[a[0] for a in demo.ACCOUNTS.values()]).count() == 7
    assert demo.demo_user("coordinator").org_unit.name == "Ban Tuyên giáo và Dân vận Tỉnh ủy"


@pytest.mark.django_db
def test_demo_picks_units_open_today_from_reference_like_data(logins_file):
    from danvan.orgs import services

    city = services.create_unit(key="adm-dn", kind=OrgKind.PROVINCE, name="Thành phố Đồng Nai")
    ward = services.create_unit(key="adm-tb", kind=OrgKind.COMMUNE, name="Phường Trấn Biên", parent=city)
    party = services.create_unit(key="dn-thanh-uy", kind=OrgKind.PARTY_COMMITTEE, name="Thành ủy Đồng Nai")
    services.create_unit(
        key="dn-btv", kind=OrgKind.PARTY_COMMITTEE, name="Ban Thường vụ Thành ủy Đồng Nai", parent=party
    )
    services.create_unit(key="tw-bdv", kind=OrgKind.PARTY_BOARD, name="Ban Dân vận Trung ương")
    services.create_unit(
        key="dn-btgdv",
        kind=OrgKind.PARTY_BOARD,
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy Đồng Nai",
        parent=party,
    )
    services.create_unit(
        key="dn-btc", kind=OrgKind.PARTY_BOARD, name="Ban Tổ chức Thành ủy Đồng Nai", parent=party
    )
    services.create_unit(
        key="dn-mttq",
        kind=OrgKind.FATHERLAND_FRONT,
        name="Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Đồng Nai",
    )
    services.create_unit(key="dn-ubnd", kind=OrgKind.STATE_BODY, name="Ủy ban nhân dân thành phố Đồng Nai")
    demo.build(scale="small", stdout=io.StringIO())
    roles = _roles()
    assert roles["dieuphoi"][1] == "Ban Tuyên giáo và Dân vận Tỉnh ủy Đồng Nai"
    assert roles["lanhdao"][1] == "Ban Thường vụ Thành ủy Đồng Nai"
    assert roles["mttq"][1] == "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Đồng Nai"
    assert roles["bantochuc"][1] == "Ban Tổ chức Thành ủy Đồng Nai"
    assert User.objects.get(username="xaphuong").org_unit.parent == ward
    assert roles["tiepdan"][1] == "Ban Tiếp công dân thành phố Đồng Nai"
    assert not OrgUnit.objects.filter(key__startswith="demo-tinh").exists()  # no fallback tree


@pytest.mark.django_db
def test_demo_command_if_empty_keeps_its_contract(logins_file):
    out = io.StringIO()
    call_command("demo", "--if-empty", stdout=out)
    assert "Demo data built for: orgs" in out.getvalue()
    out = io.StringIO()
    call_command("demo", "--if-empty", stdout=out)
    assert out.getvalue().strip() == "Demo data already present; nothing to do."
