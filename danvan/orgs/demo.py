"""Demo accounts, one per role, at the units `danvan orgs load` creates (`danvan demo` calls build()).

Every demo account has the password DEMO_PASSWORD; the table of logins is written to
var/demo-logins.txt, which `make run` prints. Other apps find the accounts with `demo_user(key)`
(e.g. `demo_user("coordinator")`), which returns None when the orgs demo has not run.

Units are looked up among the units open today by name, so the demo follows the reference data
(Ban Dân vận Tỉnh ủy before 2025, Ban Tuyên giáo và Dân vận afterwards). When the reference data is
absent, a small tree with one merger and one rename is created instead, so every page still has
something to show.
"""

from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation

from danvan.core.text import fold

from . import services
from .choices import OrgKind, Role
from .models import OrgAlias, OrgUnit, User

DEMO_PASSWORD = "matkhau-Demo-2025"

# key → (username, role, full name, unit finder); the keys are what other apps' demos ask for.
ACCOUNTS = {
    "coordinator": ("dieuphoi", Role.COORDINATOR, "Trần Thị Hoa", "mobilization_board"),
    "leader": ("lanhdao", Role.LEADER, "Nguyễn Văn Minh", "standing_committee"),
    "front_officer": ("mttq", Role.AGENCY_OFFICER, "Lê Thị Thu", "fatherland_front"),
    "commune_officer": ("xaphuong", Role.AGENCY_OFFICER, "Phạm Văn Long", "commune_committee"),
    # A body that leads tasks of the seed plan, so that its inbox shows real work.
    "board_officer": ("bantochuc", Role.AGENCY_OFFICER, "Đặng Minh Tuấn", "organisation_board"),
    "reception": ("tiepdan", Role.RECEPTION_OFFICER, "Võ Thị Lan", "reception"),
    "admin": ("quantri", Role.ADMINISTRATOR, "Đỗ Quang Huy", "party_committee"),
}


def demo_user(key: str) -> User | None:
    """The demo account for `key` (see ACCOUNTS), or None when it does not exist."""
    username = ACCOUNTS[key][0]
    return User.objects.filter(username=username).first()


def logins_path() -> Path:
    return Path(settings.BASE_DIR) / "var" / "demo-logins.txt"


# --- finding units among those open today ------------------------------------------------------


def _open(kind: str | list[str] | None = None, words: str = ""):
    qs = OrgUnit.objects.active()
    if kind:
        qs = qs.filter(kind__in=[kind] if isinstance(kind, str) else kind)
    return qs.search(words) if words else qs


def _depth(unit: OrgUnit) -> int:
    return unit.path.count("/")


def _first(units, *, prefer: tuple[str, ...] = (), avoid: tuple[str, ...] = ()) -> OrgUnit | None:
    """The best candidate: not matching `avoid`, matching most of `prefer`, highest in the tree."""
    candidates = [u for u in units if not any(word in fold(u.name) for word in avoid)]
    candidates.sort(key=lambda u: (-sum(word in fold(u.name) for word in prefer), _depth(u), len(u.name)))
    return candidates[0] if candidates else None


PROVINCIAL = ("tinh uy", "thanh uy", "tinh dong nai", "thanh pho dong nai", "tinh", "thanh pho")
NOT_CENTRAL = ("trung uong", "viet nam")


def find_party_committee() -> OrgUnit | None:
    return _first(
        _open(OrgKind.PARTY_COMMITTEE, "dong nai"),
        prefer=("tinh uy", "thanh uy"),
        avoid=("dang uy", "huyen uy", "ban thuong vu"),
    )


def find_mobilization_board() -> OrgUnit | None:
    return _first(
        _open(OrgKind.PARTY_BOARD, "ban dan van"),
        prefer=("tuyen giao", *PROVINCIAL),
        avoid=("trung uong", "huyen uy", "dang uy"),
    )


def find_standing_committee() -> OrgUnit | None:
    found = _first(
        _open([OrgKind.PARTY_COMMITTEE, OrgKind.PARTY_BOARD], "ban thuong vu"),
        prefer=("tinh uy", "thanh uy"),
        avoid=("doan", "hoi", "huyen uy", "trung uong"),
    )
    return found or find_party_committee()


def find_fatherland_front() -> OrgUnit | None:
    return _first(
        _open(OrgKind.FATHERLAND_FRONT, "mat tran"),
        prefer=PROVINCIAL,
        avoid=("xa ", "phuong ", "dang doan", "trung uong"),
    )


def find_organisation_board() -> OrgUnit | None:
    return _first(
        _open(OrgKind.PARTY_BOARD, "ban to chuc"),
        prefer=PROVINCIAL,
        avoid=("xa ", "phuong ", "huyen", "trung uong"),
    )


def find_peoples_committee() -> OrgUnit | None:
    return _first(
        _open(OrgKind.STATE_BODY, "uy ban nhan dan"),
        prefer=PROVINCIAL,
        avoid=("xa ", "phuong ", "huyen", "ban can su"),
    )


def find_commune_committee() -> OrgUnit:
    """A commune or ward People's Committee; created under the first open ward when absent."""
    found = _first(
        _open(OrgKind.STATE_BODY, "uy ban nhan dan"),
        prefer=("phuong tran bien", "phuong", "xa "),
        avoid=("tinh", "thanh pho", "huyen", "ban can su"),
    )
    if found and any(word in fold(found.name) for word in ("phuong", " xa ")):
        return found
    commune = _first(_open(OrgKind.COMMUNE), prefer=("tran bien", "phuong"))
    if commune is None:
        province = _first(_open(OrgKind.PROVINCE), prefer=("dong nai",))
        commune = _get_or_create(
            "demo-phuong-tran-bien",
            kind=OrgKind.COMMUNE,
            name="Phường Trấn Biên",
            parent=province,
            valid_from=date(2025, 7, 1),
        )
    title = commune.name[0].lower() + commune.name[1:]
    return _get_or_create(
        f"demo-ubnd-{commune.key}"[:120],
        kind=OrgKind.STATE_BODY,
        name=f"Ủy ban nhân dân {title}",
        short_name=f"UBND {title}",
        parent=commune,
        territory=commune,
        valid_from=commune.valid_from,
    )


def find_reception() -> OrgUnit:
    """The citizen reception board (Ban Tiếp công dân); created under the People's Committee when absent."""
    found = _first(_open(words="tiep cong dan"), prefer=PROVINCIAL, avoid=("xa ", "phuong "))
    if found:
        return found
    committee = find_peoples_committee()
    place = committee.name.removeprefix("Ủy ban nhân dân ").strip() if committee else "tỉnh"
    return _get_or_create(
        "demo-ban-tiep-cong-dan",
        kind=OrgKind.STATE_BODY,
        name=f"Ban Tiếp công dân {place}",
        parent=committee,
        territory=committee.territory if committee else None,
    )


FINDERS = {
    "mobilization_board": find_mobilization_board,
    "standing_committee": find_standing_committee,
    "fatherland_front": find_fatherland_front,
    "commune_committee": find_commune_committee,
    "reception": find_reception,
    "party_committee": find_party_committee,
    "organisation_board": find_organisation_board,
}


def _get_or_create(key: str, **fields) -> OrgUnit:
    unit = OrgUnit.objects.filter(key=key).first()
    if unit is None:
        # An alias another unit already carries (from the reference data) is left out, not an error.
        taken = OrgAlias.objects.filter(normalized__in=[fold(a) for a in fields.get("aliases", ())])
        taken = set(taken.values_list("normalized", flat=True))
        aliases = [a for a in fields.pop("aliases", ()) if fold(a) not in taken]
        unit = services.create_unit(key=key, aliases=aliases, **fields)
    return unit


# --- fallback tree when `danvan orgs load` has not run ------------------------------------------


def build_fallback_tree() -> None:
    """The province's main bodies as of today, with the 2025 merger and the 2026 rename as history."""
    province = _get_or_create(
        "demo-tinh-dong-nai", kind=OrgKind.PROVINCE, name="Tỉnh Đồng Nai", code="75", code_source="demo"
    )
    committee = _get_or_create(
        "demo-tinh-uy",
        kind=OrgKind.PARTY_COMMITTEE,
        name="Tỉnh ủy Đồng Nai",
        territory=province,
        aliases=["Tỉnh ủy", "TU"],
    )
    _get_or_create(
        "demo-btv-tinh-uy",
        kind=OrgKind.PARTY_COMMITTEE,
        name="Ban Thường vụ Tỉnh ủy",
        parent=committee,
        aliases=["BTV Tỉnh ủy"],
    )
    mobilization = _get_or_create(
        "demo-bdv-tinh-uy",
        kind=OrgKind.PARTY_BOARD,
        name="Ban Dân vận Tỉnh ủy",
        parent=committee,
        short_name="Ban Dân vận",
        aliases=["BDVTU"],
    )
    propaganda = _get_or_create(
        "demo-btg-tinh-uy",
        kind=OrgKind.PARTY_BOARD,
        name="Ban Tuyên giáo Tỉnh ủy",
        parent=committee,
        aliases=["BTGTU"],
    )
    _get_or_create("demo-btc-tinh-uy", kind=OrgKind.PARTY_BOARD, name="Ban Tổ chức Tỉnh ủy", parent=committee)
    people = _get_or_create(
        "demo-ubnd-tinh",
        kind=OrgKind.STATE_BODY,
        name="Ủy ban nhân dân tỉnh Đồng Nai",
        territory=province,
        aliases=["UBND tỉnh"],
    )
    _get_or_create("demo-so-noi-vu", kind=OrgKind.STATE_BODY, name="Sở Nội vụ", parent=people)
    front = _get_or_create(
        "demo-mttq-tinh",
        kind=OrgKind.FATHERLAND_FRONT,
        name="Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Đồng Nai",
        territory=province,
        aliases=["UBMTTQ tỉnh", "MTTQ tỉnh"],
    )
    for key, name in (("demo-tinh-doan", "Tỉnh đoàn Đồng Nai"), ("demo-hlhpn", "Hội Liên hiệp Phụ nữ tỉnh")):
        _get_or_create(key, kind=OrgKind.MASS_ORGANIZATION, name=name, parent=front)
    if mobilization.is_open:
        services.merge_units(
            [mobilization, propaganda],
            on=date(2025, 3, 1),
            key="demo-btgdv-tinh-uy",
            name="Ban Tuyên giáo và Dân vận Tỉnh ủy",
            short_name="Ban Tuyên giáo và Dân vận",
            aliases=["BTGDVTU"],
            legal_basis="Kết luận 121-KL/TW",
        )
    if province.is_open:
        city = _rename_for_city(province, name="Thành phố Đồng Nai", key="demo-thanh-pho-dong-nai")
        _rename_for_city(
            committee, name="Thành ủy Đồng Nai", key="demo-thanh-uy", territory=city, aliases=["Thành ủy"]
        )
        _rename_for_city(
            people,
            name="Ủy ban nhân dân Thành phố Đồng Nai",
            key="demo-ubnd-thanh-pho",
            territory=city,
            aliases=["UBND Thành phố"],
        )


def _rename_for_city(unit: OrgUnit, **fields) -> OrgUnit:
    """The province became Thành phố Đồng Nai on 30/04/2026 (NQ 30/2026/QH16), its top bodies with it."""
    return services.rename_unit(unit, on=date(2026, 4, 30), legal_basis="Nghị quyết 30/2026/QH16", **fields)


# --- accounts ---------------------------------------------------------------------------------


def _account(username: str, role: str, full_name: str, unit: OrgUnit) -> User:
    superuser = role == Role.ADMINISTRATOR
    user, _created = User.objects.update_or_create(
        username=username,
        defaults={
            "role": role,
            "full_name": full_name,
            "org_unit": unit,
            "is_active": True,
            "is_staff": superuser,
            "is_superuser": superuser,
            "email": f"{username}@example.invalid",
        },
    )
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    return user


def write_logins(users: list[User], path: Path | None = None) -> Path:
    """A plain-text table of the demo logins with Vietnamese headings (printed by `make run`)."""
    path = path or logins_path()
    with translation.override("vi"):
        rows = [
            (u.username, DEMO_PASSWORD, str(u.get_role_display()), u.org_unit.name if u.org_unit else "")
            for u in users
        ]
    headings = ("Tên đăng nhập", "Mật khẩu", "Vai trò", "Đơn vị")
    widths = [max(len(row[i]) for row in [headings, *rows]) for i in range(len(headings))]

    def line(cells) -> str:
        padded = (cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
        return ("  " + " | ".join(padded)).rstrip()

    text = "\n".join(
        [
            "  Tài khoản dùng thử (mật khẩu chung cho mọi tài khoản):",
            line(headings),
            "  " + "-+-".join("-" * w for w in widths),
            *(line(row) for row in rows),
            "",
        ]
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def build(*, scale: str, stdout) -> None:
    """Accounts for every role (and, at province scale, one officer per open commune or ward)."""
    finders = (find_mobilization_board, find_standing_committee, find_fatherland_front, find_party_committee)
    if any(find() is None for find in finders):
        stdout.write("orgs: reference data not found (run `danvan orgs load`); creating a small demo tree.")
        build_fallback_tree()
    users = []
    for username, role, full_name, finder in ACCOUNTS.values():
        unit = FINDERS[finder]()
        if unit is None:  # only the optional board officer can lack its unit (small trees)
            continue
        users.append(_account(username, role, full_name, unit))
    if scale == "province":
        communes = OrgUnit.objects.active(timezone.localdate()).filter(kind=OrgKind.COMMUNE)
        for n, commune in enumerate(communes, start=1):
            _account(f"xa{n:03d}", Role.AGENCY_OFFICER, f"Cán bộ {commune.name}", commune)
    path = write_logins(users)
    stdout.write(f"orgs: {len(users)} demo accounts (password {DEMO_PASSWORD}); logins written to {path}.")
