"""Administrative units of Đồng Nai, read from installed packages (never typed by hand).

Sources (see docs/reference-data.md):

- ``vietnamadminunits`` 1.0.4 (PyPI), ``data/dataset.db`` table ``admin_units_legacy``: the 63-province
  map with districts (code source ``vietnamadminunits-legacy``). It carries one state only, the one
  in force from 01/11/2024 (after NQ 1194/NQ-UBTVQH15) to 30/06/2025: old Đồng Nai has 11 districts
  and 159 communes, old Bình Phước 11 districts and 111 communes.
- ``vietnam-provinces`` 2025.10.1 (PyPI), ``Ward.iter_by_province(ProvinceCode.P_75)``: the 95
  communes and wards of Đồng Nai from 01/07/2025 (code source ``vietnam-provinces-2025``).
- ``vietnamadminunits`` ``data/converter_2025.json``: the old→new mapping of NQ 1662/NQ-UBTVQH15;
  ``DICT_PROVINCE_WARD_NO_DIVIDED`` lists the old communes that went whole into a new one,
  ``DICT_PROVINCE_WARD_DIVIDED`` those whose area was divided among several new ones.
- Later changes are events with their legal acts (domain.md §5.1): Thành phố Đồng Nai from
  30/04/2026 (NQ 30/2026/QH16) and ten communes that became wards (NQ 237/NQ-UBTVQH16).

The two packages number four new wards differently (domain.md §5.1), so new wards are matched by
name, and keys are slugs of names, never codes.
"""

import json
import sqlite3
from collections import defaultdict
from datetime import date
from functools import cache
from importlib import resources

from danvan.core.text import fold
from danvan.orgs.choices import OrgEventKind, OrgKind

from .specs import EventSpec, ReferenceData, UnitSpec, slug, unique_slugs

LEGACY_SOURCE = "vietnamadminunits-legacy"
NEW_SOURCE = "vietnam-provinces-2025"

REFORM_DAY = date(2025, 7, 1)
CITY_DAY = date(2026, 4, 30)

PROVINCE_KEY = "adm-dong-nai"
CITY_KEY = "adm-thanh-pho-dong-nai"
OLD_PROVINCES = {"tinhdongnai": ("dong-nai", PROVINCE_KEY), "tinhbinhphuoc": ("binh-phuoc", "adm-binh-phuoc")}

# NQ 237/NQ-UBTVQH16: communes of Thành phố Đồng Nai that became wards (domain.md §5.1).
NEW_WARDS_2026 = (
    "Lộc Ninh",
    "Tân Khai",
    "Đồng Phú",
    "Tân Phú",
    "Trị An",
    "Trảng Bom",
    "Dầu Giây",
    "Long Thành",
    "Xuân Lộc",
    "Nhơn Trạch",
)

COMMUNE_PREFIXES = ("Phường ", "Xã ", "Thị trấn ", "Đặc khu ")


def short_of(name: str) -> str:
    """ "Phường Trấn Biên" → "Trấn Biên" (the type word stays in the full name)."""
    for prefix in COMMUNE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def code5(code) -> str:
    return f"{int(code):05d}"


def _package_file(package: str, name: str):
    return resources.files(package) / "data" / name


@cache
def legacy_rows() -> list[dict]:
    """Old Đồng Nai and old Bình Phước, one row per commune, from vietnamadminunits' dataset."""
    path = _package_file("vietnamadminunits", "dataset.db")
    with resources.as_file(path) as file:
        connection = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
        connection.row_factory = sqlite3.Row
        try:
            rows = connection.execute(
                "SELECT province, provinceCode, provinceKey, provinceShort, district, districtShort,"
                " districtCode, districtKey, ward, wardShort, wardCode, wardKey FROM admin_units_legacy"
                " WHERE provinceKey IN (?, ?) ORDER BY provinceCode, districtCode, wardCode",
                tuple(OLD_PROVINCES),
            ).fetchall()
        finally:
            connection.close()
    return [dict(r) for r in rows]


@cache
def mapping() -> tuple[dict[str, list[str]], dict[str, list[dict]]]:
    """(new ward key → old keys that went whole into it, old key → [new wards it was divided among])."""
    data = json.loads(_package_file("vietnamadminunits", "converter_2025.json").read_text(encoding="utf-8"))
    return (
        data["DICT_PROVINCE_WARD_NO_DIVIDED"]["tinhdongnai"],
        data["DICT_PROVINCE_WARD_DIVIDED"].get("tinhdongnai", {}),
    )


@cache
def new_wards() -> list:
    """Đồng Nai's communes and wards since 01/07/2025, from vietnam-provinces, by official code."""
    from vietnam_provinces import Province, ProvinceCode, Ward

    province = Province.from_code(ProvinceCode.P_75)
    return sorted(Ward.iter_by_province(province.code), key=lambda w: int(w.code))


def converter_key(name: str, keys) -> str:
    """The converter's key of a new ward: its folded name without spaces, or — where two names fold
    alike ("Xã Lộc Thành", "Xã Lộc Thạnh") — its lower-cased name with diacritics."""
    plain = fold(name).replace(" ", "")
    return plain if plain in keys else name.lower().replace(" ", "")


def build() -> tuple[ReferenceData, ReferenceData]:
    """Units and events of the administrative map: (until and on 01/07/2025, on 30/04/2026)."""
    reform, city = ReferenceData(), ReferenceData()
    province_code = str(int(new_wards()[0].province_code))
    reform.units.append(
        UnitSpec(
            PROVINCE_KEY,
            OrgKind.PROVINCE,
            "Tỉnh Đồng Nai",
            "Đồng Nai",
            code=province_code,
            code_source=NEW_SOURCE,
        )
    )
    reform.units.append(
        UnitSpec(
            "adm-binh-phuoc",
            OrgKind.PROVINCE,
            "Tỉnh Bình Phước",
            "Bình Phước",
            code=next(r["provinceCode"] for r in legacy_rows() if r["provinceKey"] == "tinhbinhphuoc"),
            code_source=LEGACY_SOURCE,
        )
    )

    # --- before 01/07/2025: districts and their communes -------------------------------------
    slugs_in: dict[str, dict[str, str]] = {}
    for row in legacy_rows():
        slugs_in.setdefault(row["provinceKey"] + row["districtKey"], {})[row["ward"]] = ""
    slugs_in = {scope: unique_slugs(list(names)) for scope, names in slugs_in.items()}
    old_key: dict[str, str] = {}  # "province_district_ward" (the converter's key) → our key
    districts: list[str] = []
    for row in legacy_rows():
        province_slug, province_key = OLD_PROVINCES[row["provinceKey"]]
        district_key = f"adm-old-{province_slug}-{slug(row['district'])}"
        if district_key not in districts:
            districts.append(district_key)
            reform.units.append(
                UnitSpec(
                    district_key,
                    OrgKind.DISTRICT,
                    row["district"],
                    row["districtShort"],
                    parent=province_key,
                    code=row["districtCode"],
                    code_source=LEGACY_SOURCE,
                )
            )
        key = f"{district_key}-{slugs_in[row['provinceKey'] + row['districtKey']][row['ward']]}"
        reform.units.append(
            UnitSpec(
                key,
                OrgKind.COMMUNE,
                row["ward"],
                row["wardShort"],
                parent=district_key,
                code=row["wardCode"],
                code_source=LEGACY_SOURCE,
            )
        )
        ckey = f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey']}"
        old_key[ckey] = key

    # --- 01/07/2025: the 95 new communes and wards (NQ 1662/NQ-UBTVQH15) ---------------------
    whole, divided = mapping()
    known = set(whole) | {part["newWardKey"] for parts in divided.values() for part in parts}
    wards = {converter_key(w.name, known): w for w in new_wards()}
    new_slugs = unique_slugs([w.name for w in new_wards()] + [f"Phường {s}" for s in NEW_WARDS_2026])
    divided_into: dict[str, list[str]] = defaultdict(list)  # new key → old keys it got part of
    for old, parts in divided.items():
        for part in parts:
            divided_into[part["newWardKey"]].append(old)
    if set(whole) | set(divided_into) != set(wards):
        raise ValueError("vietnamadminunits' 2025 mapping and vietnam-provinces' wards of Đồng Nai differ")

    new_spec: dict[str, UnitSpec] = {}
    for converter_ward, ward in sorted(wards.items(), key=lambda item: int(item[1].code)):
        new_spec[converter_ward] = UnitSpec(
            f"{PROVINCE_KEY}-{new_slugs[ward.name]}",
            OrgKind.COMMUNE,
            ward.name,
            short_of(ward.name),
            parent=PROVINCE_KEY,
            valid_from=REFORM_DAY,
            code=code5(ward.code),
            code_source=NEW_SOURCE,
        )
    opened = set()
    for converter_ward, spec in new_spec.items():
        olds = [old_key[k] for k in whole.get(converter_ward, [])]
        if not olds:
            continue
        unchanged = len(olds) == 1 and not divided_into.get(converter_ward)
        reform.events.append(
            EventSpec(
                OrgEventKind.MERGE,
                REFORM_DAY,
                tuple(olds),
                (spec.key,),
                "NQ 1662/NQ-UBTVQH15",
                note=(
                    "Not merged: same area, now directly under the province (no district level)."
                    if unchanged
                    else "Arrangement of commune-level units (mapping: vietnamadminunits)."
                ),
                opens=(spec,),
            )
        )
        opened.add(converter_ward)
    for old, parts in divided.items():
        targets = [new_spec[p["newWardKey"]] for p in parts]
        default = next((t.name for t, p in zip(targets, parts, strict=True) if p["isDefaultNewWard"]), "")
        reform.events.append(
            EventSpec(
                OrgEventKind.SPLIT,
                REFORM_DAY,
                (old_key[old],),
                tuple(t.key for t in targets),
                "NQ 1662/NQ-UBTVQH15",
                note=f"Area divided among several new units; the converter's default successor: {default}.",
                opens=tuple(t for t, p in zip(targets, parts, strict=True) if p["newWardKey"] not in opened),
            )
        )
        opened.update(p["newWardKey"] for p in parts)

    # --- 01/07/2025: districts end, Bình Phước joins Đồng Nai ---------------------------------
    for district_key in districts:
        reform.events.append(
            EventSpec(
                OrgEventKind.DISSOLVE,
                REFORM_DAY,
                (district_key,),
                (PROVINCE_KEY,),
                "NQ 202/2025/QH15; NQ 1662/NQ-UBTVQH15",
                note="District level abolished (two-level local government from 01/07/2025): its duties "
                "passed to the province and to the communes formed on its area (see their successions).",
            )
        )
    reform.events.append(
        EventSpec(
            OrgEventKind.MERGE,
            REFORM_DAY,
            ("adm-binh-phuoc",),
            (PROVINCE_KEY,),
            "NQ 202/2025/QH15",
            note="Tỉnh Bình Phước and Tỉnh Đồng Nai form the new Tỉnh Đồng Nai (same name and code 75): "
            "recorded as Bình Phước merged into the continuing Đồng Nai unit.",
        )
    )

    # --- 30/04/2026: Thành phố Đồng Nai; ten communes become wards ----------------------------
    city.events.append(
        EventSpec(
            OrgEventKind.RENAME,
            CITY_DAY,
            (PROVINCE_KEY,),
            (CITY_KEY,),
            "NQ 30/2026/QH16",
            note="Tỉnh Đồng Nai becomes Thành phố Đồng Nai (centrally governed city); code 75 carried over "
            "(inference: no dataset carries the city yet).",
            opens=(
                UnitSpec(
                    CITY_KEY,
                    OrgKind.PROVINCE,
                    "Thành phố Đồng Nai",
                    "Đồng Nai",
                    valid_from=CITY_DAY,
                    code=province_code,
                    code_source=NEW_SOURCE,
                ),
            ),
            retarget=((PROVINCE_KEY, CITY_KEY),),
        )
    )
    by_name = {spec.name: spec for spec in new_spec.values()}
    for short in NEW_WARDS_2026:
        old = by_name[f"Xã {short}"]
        ward = UnitSpec(
            f"{PROVINCE_KEY}-{new_slugs['Phường ' + short]}",
            OrgKind.COMMUNE,
            f"Phường {short}",
            short,
            parent=CITY_KEY,
            valid_from=CITY_DAY,
            code=old.code,
            code_source=old.code_source,
        )
        city.events.append(
            EventSpec(
                OrgEventKind.RENAME,
                CITY_DAY,
                (old.key,),
                (ward.key,),
                "NQ 237/NQ-UBTVQH16",
                note="Commune becomes a ward. Effective date taken as 30/04/2026, with NQ 30/2026/QH16 "
                "(verify); official code carried over from the commune (inference).",
                opens=(ward,),
            )
        )
    return reform, city
