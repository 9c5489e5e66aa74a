"""Bodies (cơ quan, đơn vị) named in the seed plan, their groups, the central issuers, and their history.

Source: the seed plan (Kế hoạch thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI về công tác
dân vận, Đồng Nai, 2020-2025) and its recipients list, with shared/domain.md §5.2 and §7 for the
2025-2026 reorganization. Names, short names and aliases are written as the seed writes them
(plus the usual abbreviations); every alias belongs to one unit only (diacritic-insensitive), so an
abbreviation that could mean two bodies ("Ban Dân vận", "TU") is left out on purpose.

Dates without an exact decision are marked in the event notes as inferred; "verify" marks what
domain.md asks to confirm on real documents before relying on it.
"""

from datetime import date

from danvan.orgs.choices import OrgEventKind, OrgKind

from .admin_units import CITY_DAY, CITY_KEY, PROVINCE_KEY, REFORM_DAY
from .specs import EventSpec, ReferenceData, UnitSpec, slug

K = OrgKind
E = OrgEventKind

MERGER_DAY = date(2025, 3, 1)  # Party apparatus streamlining (KL 121-KL/TW), see notes
DN = PROVINCE_KEY
BP = "adm-binh-phuoc"

INFERRED_MARCH = (
    "Effective date inferred as 01/03/2025 (the mergers ran nationwide in February–March 2025; Đồng Nai's "
    "merged board existed by 19/03/2025); verify against the Provincial Standing Committee's decision."
)
CITY_NOTE = (
    "Inference: with Thành phố Đồng Nai (NQ 30/2026/QH16) the provincial bodies become the city's; "
    "confirm the names on real documents (domain.md §5.2)."
)


def U(key, kind, name, short="", aliases=(), parent=None, territory=DN, valid_from=None) -> UnitSpec:  # noqa: N802
    return UnitSpec(key, kind, name, short, tuple(aliases), parent, territory, valid_from)


def _central() -> list[UnitSpec]:
    """Central bodies cited as issuers or recipients (no territory in this registry)."""
    root = "tw"

    def tw(key, kind, name, short="", aliases=(), valid_from=None):
        return UnitSpec(f"tw-{key}", kind, name, short, tuple(aliases), root, None, valid_from)

    return [
        UnitSpec(root, K.GROUP, "Trung ương", "Trung ương", ("Các cơ quan Trung ương",)),
        tw(
            "bch",
            K.PARTY_COMMITTEE,
            "Ban Chấp hành Trung ương Đảng",
            "Ban Chấp hành Trung ương",
            [
                "BCH Trung ương Đảng",
                "BCH Trung ương",
                "BCHTW",
                "Trung ương Đảng",
                "Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam",
            ],
        ),
        tw(
            "bo-chinh-tri",
            K.PARTY_COMMITTEE,
            "Bộ Chính trị",
            "Bộ Chính trị",
            ["Bộ Chính trị Ban Chấp hành Trung ương Đảng"],
        ),
        tw(
            "ban-bi-thu",
            K.PARTY_COMMITTEE,
            "Ban Bí thư Trung ương Đảng",
            "Ban Bí thư",
            ["Ban Bí thư Trung ương", "Ban Bí thư TW"],
        ),
        tw(
            "ban-dan-van",
            K.PARTY_BOARD,
            "Ban Dân vận Trung ương",
            "Ban Dân vận Trung ương",
            ["Ban Dân vận TW", "BDVTW", "Ban Dân vận Trung ương Đảng"],
        ),
        tw(
            "ban-tuyen-giao",
            K.PARTY_BOARD,
            "Ban Tuyên giáo Trung ương",
            "Ban Tuyên giáo Trung ương",
            ["Ban Tuyên giáo TW", "BTGTW"],
        ),
        tw(
            "ban-to-chuc",
            K.PARTY_BOARD,
            "Ban Tổ chức Trung ương",
            "Ban Tổ chức Trung ương",
            ["Ban Tổ chức TW", "BTCTW"],
        ),
        tw(
            "ban-noi-chinh",
            K.PARTY_BOARD,
            "Ban Nội chính Trung ương",
            "Ban Nội chính Trung ương",
            ["Ban Nội chính TW", "BNCTW"],
        ),
        tw(
            "van-phong",
            K.PARTY_BOARD,
            "Văn phòng Trung ương Đảng",
            "Văn phòng Trung ương",
            ["VPTW", "Văn phòng TW Đảng", "Văn phòng Trung ương Đảng (VPTW)"],
        ),
        tw(
            "quoc-hoi",
            K.STATE_BODY,
            "Quốc hội",
            "Quốc hội",
            ["Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam"],
        ),
        tw("ubtvqh", K.STATE_BODY, "Ủy ban Thường vụ Quốc hội", "Ủy ban Thường vụ Quốc hội", ["UBTVQH"]),
        tw(
            "chinh-phu",
            K.STATE_BODY,
            "Chính phủ",
            "Chính phủ",
            ["Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam"],
        ),
        tw("thu-tuong", K.STATE_BODY, "Thủ tướng Chính phủ", "Thủ tướng Chính phủ", ["Thủ tướng", "TTg"]),
        tw("thanh-tra-chinh-phu", K.STATE_BODY, "Thanh tra Chính phủ", "Thanh tra Chính phủ", ["TTCP"]),
    ]


def _province() -> list[UnitSpec]:
    """Provincial bodies of Đồng Nai as they stood when the plan was issued (2021)."""
    party = "dn-tinh-uy"
    boards = "grp-ban-dang"
    delegations = "grp-bcs-dang-doan"
    mass_delegations = "grp-dang-doan-doan-the"
    committees = "grp-cap-uy-truc-thuoc"
    ubnd = "dn-ubnd"
    departments = "grp-so-ban-nganh"
    front = "dn-mttq"
    mass = "grp-doan-the"
    return [
        # Party committee and its Standing Committee
        U(
            party,
            K.PARTY_COMMITTEE,
            "Tỉnh ủy Đồng Nai",
            "Tỉnh ủy",
            [
                "Ban Chấp hành Đảng bộ tỉnh",
                "Ban Chấp hành Đảng bộ tỉnh Đồng Nai",
                "BCH Đảng bộ tỉnh",
                "Tỉnh ủy Đồng Nai",
                "Các đ/c TUV",
                "Các đồng chí Tỉnh ủy viên",
                "Tỉnh ủy viên",
                "TUV",
                "Cấp ủy tỉnh",
            ],
        ),
        U(
            "dn-btv-tinh-uy",
            K.PARTY_COMMITTEE,
            "Ban Thường vụ Tỉnh ủy Đồng Nai",
            "Ban Thường vụ Tỉnh ủy",
            ["BTV Tỉnh ủy", "BTVTU", "Ban Thường vụ Tỉnh ủy Đồng Nai", "Thường vụ Tỉnh ủy"],
            parent=party,
        ),
        U(
            "dn-ubkt-tinh-uy",
            K.PARTY_BOARD,
            "Ủy ban Kiểm tra Tỉnh ủy Đồng Nai",
            "Ủy ban Kiểm tra Tỉnh ủy",
            ["UBKT Tỉnh ủy", "UBKTTU"],
            parent=party,
        ),
        U(
            "dn-vptu",
            K.PARTY_BOARD,
            "Văn phòng Tỉnh ủy Đồng Nai",
            "Văn phòng Tỉnh ủy",
            ["VPTU", "Văn phòng Thành ủy Đồng Nai"],
            parent=party,
        ),
        # Party boards (group "các ban đảng")
        U(
            boards,
            K.GROUP,
            "Các ban đảng tỉnh",
            "Các ban đảng",
            ["Các ban đảng Tỉnh ủy", "Các ban Đảng tỉnh", "Ban đảng tỉnh", "Các ban tham mưu của Tỉnh ủy"],
            parent=party,
        ),
        U(
            "dn-ban-dan-van",
            K.PARTY_BOARD,
            "Ban Dân vận Tỉnh ủy Đồng Nai",
            "Ban Dân vận Tỉnh ủy",
            ["BDVTU", "Ban DVTU", "Ban Dân vận Tỉnh ủy Đồng Nai", "Ban Dân vận tỉnh"],
            parent=boards,
        ),
        U(
            "dn-ban-tuyen-giao",
            K.PARTY_BOARD,
            "Ban Tuyên giáo Tỉnh ủy Đồng Nai",
            "Ban Tuyên giáo Tỉnh ủy",
            ["BTGTU", "Ban TGTU", "Ban Tuyên giáo tỉnh"],
            parent=boards,
        ),
        U(
            "dn-ban-to-chuc",
            K.PARTY_BOARD,
            "Ban Tổ chức Tỉnh ủy Đồng Nai",
            "Ban Tổ chức Tỉnh ủy",
            ["BTCTU", "Ban TCTU", "Ban Tổ chức tỉnh", "Ban Tổ chức Thành ủy Đồng Nai"],
            parent=boards,
        ),
        U(
            "dn-ban-noi-chinh",
            K.PARTY_BOARD,
            "Ban Nội chính Tỉnh ủy Đồng Nai",
            "Ban Nội chính Tỉnh ủy",
            ["BNCTU", "Ban NCTU", "Ban Nội chính tỉnh", "Ban Nội chính Thành ủy Đồng Nai"],
            parent=boards,
        ),
        U(
            "dn-truong-chinh-tri",
            K.SCHOOL,
            "Trường Chính trị tỉnh Đồng Nai",
            "Trường Chính trị tỉnh",
            ["Trường Chính trị Đồng Nai"],
            parent=party,
        ),
        # Steering committees
        U(
            "dn-bcd-dan-van",
            K.STEERING_COMMITTEE,
            "Ban Chỉ đạo Công tác Dân vận tỉnh Đồng Nai",
            "Ban Chỉ đạo Công tác Dân vận tỉnh",
            ["BCĐ Công tác Dân vận tỉnh", "Ban Chỉ đạo công tác dân vận"],
            parent=party,
        ),
        U(
            "dn-bcd-qcdc",
            K.STEERING_COMMITTEE,
            "Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở tỉnh Đồng Nai",
            "Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở tỉnh",
            [
                "Ban Chỉ đạo quy chế dân chủ ở cơ sở tỉnh",
                "Ban Chỉ đạo quy chế dân chủ tỉnh",
                "BCĐ QCDC tỉnh",
                "Ban Chỉ đạo QCDC tỉnh",
                "Ban Chỉ đạo thực hiện QCDC ở cơ sở tỉnh",
                "BCĐ thực hiện QCDC ở cơ sở tỉnh",
                "Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở",
                "Ban Chỉ đạo quy chế dân chủ",
            ],
            parent=party,
        ),
        # Directly affiliated Party committees (group "các cấp ủy trực thuộc tỉnh")
        U(
            committees,
            K.GROUP,
            "Các cấp ủy đảng trực thuộc tỉnh",
            "Các cấp ủy trực thuộc tỉnh",
            [
                "Các cấp ủy đảng trực thuộc",
                "Cấp ủy trực thuộc tỉnh",
                "Các đảng ủy trực thuộc tỉnh",
                "Đảng ủy trực thuộc tỉnh",
                "Các cấp ủy trực thuộc",
                "Các huyện ủy, thành ủy, đảng ủy trực thuộc tỉnh",
            ],
            parent=party,
        ),
        U(
            "dn-dang-uy-quan-su",
            K.PARTY_COMMITTEE,
            "Đảng ủy Quân sự tỉnh Đồng Nai",
            "Đảng ủy Quân sự tỉnh",
            ["Đảng ủy Quân sự tỉnh Đồng Nai"],
            parent=committees,
        ),
        U(
            "dn-dang-uy-cong-an",
            K.PARTY_COMMITTEE,
            "Đảng ủy Công an tỉnh Đồng Nai",
            "Đảng ủy Công an tỉnh",
            ["Đảng ủy Công an tỉnh Đồng Nai"],
            parent=committees,
        ),
        # Party delegations and caucuses (group "BCS đảng, đảng đoàn")
        U(
            delegations,
            K.GROUP,
            "Các ban cán sự đảng, đảng đoàn tỉnh",
            "Ban Cán sự đảng, Đảng đoàn",
            ["BCS đảng, đảng đoàn", "Ban cán sự đảng, đảng đoàn tỉnh", "Các ban cán sự đảng, đảng đoàn"],
            parent=party,
        ),
        U(
            "dn-dang-doan-hdnd",
            K.PARTY_DELEGATION,
            "Đảng đoàn Hội đồng nhân dân tỉnh Đồng Nai",
            "Đảng đoàn HĐND tỉnh",
            ["Đảng đoàn Hội đồng nhân dân tỉnh", "Đảng đoàn HĐND"],
            parent=delegations,
        ),
        U(
            "dn-bcs-ubnd",
            K.PARTY_DELEGATION,
            "Ban Cán sự đảng Ủy ban nhân dân tỉnh Đồng Nai",
            "Ban Cán sự đảng UBND tỉnh",
            [
                "BCS đảng UBND tỉnh",
                "Ban Cán sự đảng Ủy ban nhân dân tỉnh",
                "Ban Cán sự đảng Ủy ban Nhân dân tỉnh",
                "BCSĐ UBND tỉnh",
                "BCS Đảng UBND tỉnh",
                "Ban cán sự Đảng UBND tỉnh",
                "Ban Cán sự đảng UBND",
                "BCS đảng UBND",
            ],
            parent=delegations,
        ),
        U(
            "dn-dang-doan-mttq",
            K.PARTY_DELEGATION,
            "Đảng đoàn Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Đồng Nai",
            "Đảng đoàn Mặt trận Tổ quốc tỉnh",
            [
                "Đảng đoàn MTTQ tỉnh",
                "Đảng đoàn Mặt trận Tổ quốc",
                "Đảng đoàn MTTQ",
                "Đảng đoàn Ủy ban MTTQ tỉnh",
                "Đảng đoàn Ủy ban MTTQ Việt Nam tỉnh",
                "Đảng đoàn Mặt trận",
            ],
            parent=delegations,
        ),
        U(
            mass_delegations,
            K.GROUP,
            "Đảng đoàn các đoàn thể chính trị - xã hội tỉnh",
            "Đảng đoàn các đoàn thể chính trị - xã hội tỉnh",
            [
                "Đảng đoàn các đoàn thể chính trị-xã hội tỉnh",
                "Đảng đoàn các đoàn thể chính trị xã hội tỉnh",
                "Đảng đoàn các đoàn thể chính trị - xã hội",
                "Đảng đoàn các đoàn thể chính trị-xã hội",
                "Đảng đoàn các đoàn thể",
            ],
            parent=delegations,
        ),
        U(
            "dn-dang-doan-ldld",
            K.PARTY_DELEGATION,
            "Đảng đoàn Liên đoàn Lao động tỉnh Đồng Nai",
            "Đảng đoàn Liên đoàn Lao động tỉnh",
            ["Đảng đoàn LĐLĐ tỉnh", "Đảng đoàn Liên đoàn lao động tỉnh", "Đảng đoàn Liên đoàn Lao động"],
            parent=mass_delegations,
        ),
        U(
            "dn-dang-doan-hlhpn",
            K.PARTY_DELEGATION,
            "Đảng đoàn Hội Liên hiệp Phụ nữ tỉnh Đồng Nai",
            "Đảng đoàn Hội Liên hiệp Phụ nữ tỉnh",
            ["Đảng đoàn Hội LHPN tỉnh", "Đảng đoàn Hội Phụ nữ tỉnh", "Đảng đoàn Hội Liên hiệp Phụ nữ"],
            parent=mass_delegations,
        ),
        U(
            "dn-dang-doan-hnd",
            K.PARTY_DELEGATION,
            "Đảng đoàn Hội Nông dân tỉnh Đồng Nai",
            "Đảng đoàn Hội Nông dân tỉnh",
            ["Đảng đoàn Hội ND tỉnh", "Đảng đoàn Hội Nông dân"],
            parent=mass_delegations,
        ),
        U(
            "dn-dang-doan-hccb",
            K.PARTY_DELEGATION,
            "Đảng đoàn Hội Cựu chiến binh tỉnh Đồng Nai",
            "Đảng đoàn Hội Cựu chiến binh tỉnh",
            ["Đảng đoàn Hội CCB tỉnh", "Đảng đoàn Hội Cựu chiến binh"],
            parent=mass_delegations,
        ),
        # State
        U(
            "dn-hdnd",
            K.STATE_BODY,
            "Hội đồng nhân dân tỉnh Đồng Nai",
            "HĐND tỉnh",
            ["Hội đồng nhân dân tỉnh", "HĐND tỉnh Đồng Nai", "Thường trực HĐND tỉnh"],
        ),
        U(
            ubnd,
            K.STATE_BODY,
            "Ủy ban nhân dân tỉnh Đồng Nai",
            "UBND tỉnh",
            ["Ủy ban nhân dân tỉnh", "Ủy ban Nhân dân tỉnh", "UBND tỉnh Đồng Nai"],
        ),
        U(
            departments,
            K.GROUP,
            "Các sở, ban, ngành tỉnh",
            "Các sở, ban, ngành tỉnh",
            [
                "Các sở, ban, ngành",
                "Sở, ban, ngành tỉnh",
                "Các sở, ban, ngành liên quan",
                "Các sở ban ngành tỉnh",
                "Các sở, ngành tỉnh",
                "Các ngành chức năng của tỉnh",
                "Các ngành chức năng",
                "Các sở, ban, ngành thành phố",
            ],
            parent=ubnd,
        ),
        U(
            "dn-so-noi-vu",
            K.STATE_BODY,
            "Sở Nội vụ tỉnh Đồng Nai",
            "Sở Nội vụ",
            ["SNV", "Sở Nội vụ tỉnh"],
            parent=departments,
        ),
        U(
            "dn-ban-ton-giao",
            K.STATE_BODY,
            "Ban Tôn giáo tỉnh Đồng Nai (thuộc Sở Nội vụ)",
            "Ban Tôn giáo",
            [
                "Ban Tôn giáo (Sở Nội vụ)",
                "Ban Tôn giáo tỉnh",
                "Ban Tôn giáo Sở Nội vụ",
                "Ban Tôn giáo thuộc Sở Nội vụ",
            ],
            parent="dn-so-noi-vu",
        ),
        U(
            "dn-ban-dan-toc",
            K.STATE_BODY,
            "Ban Dân tộc tỉnh Đồng Nai",
            "Ban Dân tộc tỉnh",
            ["Ban Dân tộc"],
            parent=departments,
        ),
        U(
            "dn-hd-pbgdpl",
            K.STEERING_COMMITTEE,
            "Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh Đồng Nai",
            "Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh",
            [
                "Hội đồng tuyên truyền phổ biến giáo dục pháp luật tỉnh",
                "Hội đồng phối hợp phổ biến giáo dục pháp luật tỉnh",
                "Hội đồng phối hợp PBGDPL tỉnh",
                "Hội đồng PBGDPL tỉnh",
                "Hội đồng tuyên truyền, phổ biến, giáo dục pháp luật tỉnh",
            ],
            parent=ubnd,
        ),
        U(
            "dn-tand",
            K.STATE_BODY,
            "Tòa án nhân dân tỉnh Đồng Nai",
            "Tòa án nhân dân tỉnh",
            ["TAND tỉnh"],
            parent="grp-tu-phap",
        ),
        U(
            "dn-vksnd",
            K.STATE_BODY,
            "Viện kiểm sát nhân dân tỉnh Đồng Nai",
            "Viện kiểm sát nhân dân tỉnh",
            ["VKSND tỉnh"],
            parent="grp-tu-phap",
        ),
        # Armed forces
        U(
            "dn-bchqs",
            K.ARMED_FORCES,
            "Bộ Chỉ huy Quân sự tỉnh Đồng Nai",
            "Bộ Chỉ huy Quân sự tỉnh",
            ["Bộ CHQS tỉnh"],
            parent="grp-luc-luong-vu-trang",
        ),
        U(
            "dn-cong-an",
            K.ARMED_FORCES,
            "Công an tỉnh Đồng Nai",
            "Công an tỉnh",
            ["Công an tỉnh Đồng Nai"],
            parent="grp-luc-luong-vu-trang",
        ),
        # Front and mass organizations
        U(
            front,
            K.FATHERLAND_FRONT,
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Đồng Nai",
            "Ủy ban MTTQ tỉnh",
            [
                "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
                "Ủy ban Mặt trận Tổ quốc tỉnh",
                "Ủy ban MTTQ Việt Nam tỉnh",
                "UBMTTQ tỉnh",
                "UBMTTQVN tỉnh",
                "MTTQ tỉnh",
                "Mặt trận Tổ quốc tỉnh",
                "Mặt trận tỉnh",
                "Mặt trận Tổ quốc Việt Nam tỉnh",
            ],
        ),
        U(
            mass,
            K.GROUP,
            "Các đoàn thể chính trị - xã hội tỉnh",
            "Các đoàn thể chính trị - xã hội tỉnh",
            [
                "Các đoàn thể chính trị-xã hội tỉnh",
                "Các đoàn thể chính trị xã hội tỉnh",
                "Các đoàn thể chính trị - xã hội",
                "Các đoàn thể chính trị-xã hội",
                "Các đoàn thể chính trị xã hội",
                "Đoàn thể chính trị - xã hội tỉnh",
                "Các tổ chức chính trị - xã hội tỉnh",
                "Các đoàn thể tỉnh",
                "Các đoàn thể",
            ],
        ),
        U(
            "dn-ldld",
            K.MASS_ORGANIZATION,
            "Liên đoàn Lao động tỉnh Đồng Nai",
            "Liên đoàn Lao động tỉnh",
            ["LĐLĐ tỉnh", "Liên đoàn lao động tỉnh Đồng Nai", "Công đoàn tỉnh"],
            parent=mass,
        ),
        U(
            "dn-hlhpn",
            K.MASS_ORGANIZATION,
            "Hội Liên hiệp Phụ nữ tỉnh Đồng Nai",
            "Hội Liên hiệp Phụ nữ tỉnh",
            ["Hội LHPN tỉnh", "Hội Phụ nữ tỉnh", "Hội Liên hiệp Phụ nữ tỉnh Đồng Nai"],
            parent=mass,
        ),
        U(
            "dn-tinh-doan",
            K.MASS_ORGANIZATION,
            "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Đồng Nai",
            "Tỉnh đoàn",
            [
                "Tỉnh đoàn Đồng Nai",
                "Ban Thường vụ Tỉnh đoàn",
                "BTV Tỉnh đoàn",
                "Đoàn TNCS Hồ Chí Minh tỉnh",
                "Đoàn Thanh niên tỉnh",
                "Tỉnh Đoàn Đồng Nai",
            ],
            parent=mass,
        ),
        U(
            "dn-hnd",
            K.MASS_ORGANIZATION,
            "Hội Nông dân tỉnh Đồng Nai",
            "Hội Nông dân tỉnh",
            ["Hội ND tỉnh"],
            parent=mass,
        ),
        U(
            "dn-hccb",
            K.MASS_ORGANIZATION,
            "Hội Cựu chiến binh tỉnh Đồng Nai",
            "Hội Cựu chiến binh tỉnh",
            ["Hội CCB tỉnh"],
            parent=mass,
        ),
        # Media
        U("dn-bao", K.MEDIA, "Báo Đồng Nai", "Báo Đồng Nai", ["Báo ĐN"], parent="grp-bao-chi"),
        U(
            "dn-dai-ptth",
            K.MEDIA,
            "Đài Phát thanh và Truyền hình Đồng Nai",
            "Đài Phát thanh và Truyền hình Đồng Nai",
            ["Đài PT-TH Đồng Nai", "Đài PTTH Đồng Nai", "Đài Phát thanh - Truyền hình Đồng Nai", "ĐNRTV"],
            parent="grp-bao-chi",
        ),
    ]


def _groups() -> list[UnitSpec]:
    """Generic groups the seed assigns work to or sends the plan to (kind GROUP); members are children."""
    return [
        U(
            "grp-tu-phap",
            K.GROUP,
            "Các cơ quan tư pháp tỉnh",
            "Các cơ quan tư pháp",
            ["Cơ quan tư pháp tỉnh", "Các cơ quan tư pháp tỉnh Đồng Nai"],
        ),
        U(
            "grp-hanh-phap",
            K.GROUP,
            "Các cơ quan hành pháp tỉnh",
            "Các cơ quan hành pháp",
            ["Cơ quan hành pháp tỉnh"],
        ),
        U(
            "grp-luc-luong-vu-trang",
            K.GROUP,
            "Lực lượng vũ trang tỉnh",
            "Lực lượng vũ trang",
            ["Các lực lượng vũ trang tỉnh", "Lực lượng vũ trang tỉnh Đồng Nai"],
        ),
        U(
            "grp-bao-chi",
            K.GROUP,
            "Các cơ quan báo chí, phát thanh, truyền hình tỉnh",
            "Các cơ quan báo chí, phát thanh, truyền hình",
            [
                "Các cơ quan báo chí",
                "Cơ quan báo chí, phát thanh, truyền hình",
                "Các cơ quan thông tin đại chúng",
            ],
        ),
        U(
            "grp-co-quan-lien-quan",
            K.GROUP,
            "Các cơ quan liên quan",
            "Các cơ quan liên quan",
            [
                "Các cơ quan, đơn vị liên quan",
                "Cơ quan liên quan",
                "Các đơn vị liên quan",
                "Các ngành liên quan",
            ],
        ),
        U(
            "grp-hoi-quan-chung",
            K.GROUP,
            "Các hội quần chúng tỉnh",
            "Các hội quần chúng",
            ["Hội quần chúng", "Các hội quần chúng do Đảng, Nhà nước giao nhiệm vụ"],
        ),
        U(
            "grp-mttq-doan-the-cac-cap",
            K.GROUP,
            "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội các cấp",
            "Mặt trận Tổ quốc và các đoàn thể",
            [
                "Mặt trận Tổ quốc, các đoàn thể",
                "Mặt trận Tổ quốc, các đoàn thể chính trị - xã hội các cấp",
                "Mặt trận Tổ quốc, các đoàn thể chính trị-xã hội các cấp",
                "Mặt trận Tổ quốc và các đoàn thể nhân dân",
                "MTTQ và các đoàn thể",
                "MTTQ, các đoàn thể",
                "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội",
                "Mặt trận Tổ quốc, các đoàn thể chính trị-xã hội",
                "Mặt trận Tổ quốc và các đoàn thể chính trị-xã hội",
            ],
        ),
        U(
            "grp-cap-uy-cac-cap",
            K.GROUP,
            "Các cấp ủy đảng",
            "Các cấp ủy đảng",
            ["Cấp ủy đảng các cấp", "Các cấp ủy", "Cấp ủy các cấp"],
        ),
        U(
            "grp-hdnd-cac-cap",
            K.GROUP,
            "Hội đồng nhân dân các cấp",
            "Hội đồng nhân dân các cấp",
            ["HĐND các cấp"],
        ),
        U(
            "grp-chinh-quyen-cac-cap",
            K.GROUP,
            "Chính quyền các cấp",
            "Chính quyền các cấp",
            ["Các cấp chính quyền", "Chính quyền địa phương các cấp"],
        ),
        U(
            "grp-bcd-qcdc-cac-cap",
            K.GROUP,
            "Ban chỉ đạo thực hiện quy chế dân chủ ở cơ sở các cấp",
            "Ban chỉ đạo quy chế dân chủ các cấp",
            ["Ban chỉ đạo thực hiện quy chế dân chủ ở cơ sở các cấp", "Ban Chỉ đạo QCDC các cấp"],
        ),
        U(
            "grp-ubnd-cap-xa",
            K.GROUP,
            "Ủy ban nhân dân cấp xã",
            "UBND cấp xã",
            ["Ủy ban nhân dân các xã, phường, thị trấn", "UBND các xã, phường", "Chính quyền cấp xã"],
        ),
        U(
            "grp-doan-hoi-ap",
            K.GROUP,
            "Đoàn, Hội ấp, khu phố",
            "Đoàn, Hội ấp, khu phố",
            ["Đoàn, Hội áp, khu phố", "Tổ chức Đoàn, Hội ấp, khu phố", "Chi đoàn, chi hội ấp, khu phố"],
        ),
    ]


def _district_level() -> tuple[list[UnitSpec], list[EventSpec]]:
    """District bodies of old Đồng Nai (Huyện ủy / Thành ủy, its Ban Dân vận, UBND) and district groups.

    The district names come from the administrative data (vietnamadminunits), not typed here.
    """
    from .admin_units import legacy_rows

    units = [
        U(
            "grp-ubnd-cap-huyen",
            K.GROUP,
            "Ủy ban nhân dân cấp huyện",
            "UBND cấp huyện",
            [
                "Ủy ban nhân dân các huyện, thành phố",
                "UBND các huyện, thành phố",
                "Ủy ban Nhân dân cấp huyện",
            ],
            parent="dn-ubnd",
        ),
        U(
            "grp-thuong-truc-cap-uy-huyen",
            K.GROUP,
            "Thường trực cấp ủy cấp huyện",
            "Thường trực cấp ủy cấp huyện",
            ["Thường trực các huyện ủy, thành ủy", "Thường trực huyện ủy, thành ủy"],
            parent="dn-tinh-uy",
        ),
        U(
            "grp-bcd-qcdc-huyen",
            K.GROUP,
            "Ban chỉ đạo thực hiện quy chế dân chủ ở cơ sở các huyện, thành phố",
            "Ban chỉ đạo các huyện, thành phố",
            [
                "Ban chỉ đạo quy chế dân chủ cấp huyện",
                "Ban chỉ đạo QCDC các huyện, thành phố",
                "Ban chỉ đạo quy chế dân chủ các huyện, thành phố",
            ],
            parent="dn-tinh-uy",
        ),
        U(
            "grp-doan-the-cap-huyen",
            K.GROUP,
            "Các đoàn thể cấp huyện",
            "Các đoàn thể cấp huyện",
            ["Các đoàn thể cấp huyện và cơ sở", "Đoàn thể cấp huyện"],
        ),
    ]
    events = []
    seen = []
    for row in legacy_rows():
        if row["provinceKey"] != "tinhdongnai" or row["district"] in seen:
            continue
        seen.append(row["district"])
        district, short = row["district"], row["districtShort"]
        territory = f"adm-old-dong-nai-{slug(district)}"
        city = district.startswith("Thành phố")
        committee_name = f"{'Thành' if city else 'Huyện'} ủy {short}"
        level = "thành phố" if city else "huyện"
        key = slug(short)
        committee, board, people = f"dn-{key}-cap-uy", f"dn-{key}-ban-dan-van", f"dn-{key}-ubnd"
        units += [
            U(
                committee,
                K.PARTY_COMMITTEE,
                committee_name,
                committee_name,
                [f"Ban Chấp hành Đảng bộ {level} {short}"],
                parent="grp-cap-uy-truc-thuoc",
                territory=territory,
            ),
            U(
                board,
                K.PARTY_BOARD,
                f"Ban Dân vận {committee_name}",
                f"Ban Dân vận {committee_name}",
                [f"Ban Dân vận {level} {short}"],
                parent=committee,
                territory=territory,
            ),
            U(
                people,
                K.STATE_BODY,
                f"Ủy ban nhân dân {level} {short}",
                f"UBND {level} {short}",
                [f"UBND {short}"] + ([f"UBND TP {short}", f"UBND TP. {short}"] if city else []),
                parent="grp-ubnd-cap-huyen",
                territory=territory,
            ),
        ]
        basis = "HD 31-HD/BTCTW (23/4/2025); NQ 202/2025/QH15"
        board_note = (
            " Its mass-mobilization duties passed to the commune Party committees, which are not in "
            "the registry; the provincial committee is recorded as the holder."
        )
        note = (
            "District level abolished from 01/07/2025 (two-level local government); the commune Party "
            "committees came directly under the provincial committee. Verify Đồng Nai's closing decision."
        )
        events += [
            EventSpec(E.DISSOLVE, REFORM_DAY, (board,), ("dn-tinh-uy",), basis, note + board_note),
            EventSpec(E.DISSOLVE, REFORM_DAY, (committee,), ("dn-tinh-uy",), basis, note),
            EventSpec(
                E.DISSOLVE,
                REFORM_DAY,
                (people,),
                ("dn-ubnd",),
                "NQ 202/2025/QH15",
                "District People's Committees ended on 30/06/2025 (two-level local government); "
                "their duties passed to the communes and the province.",
            ),
        ]
    ended = "District level abolished from 01/07/2025 (two-level local government)."
    events += [
        EventSpec(
            E.DISSOLVE, REFORM_DAY, ("grp-ubnd-cap-huyen",), ("grp-ubnd-cap-xa",), "NQ 202/2025/QH15", ended
        ),
        EventSpec(
            E.DISSOLVE,
            REFORM_DAY,
            ("grp-thuong-truc-cap-uy-huyen",),
            ("grp-cap-uy-truc-thuoc",),
            "HD 31-HD/BTCTW (23/4/2025)",
            ended,
        ),
        EventSpec(
            E.DISSOLVE, REFORM_DAY, ("grp-bcd-qcdc-huyen",), ("dn-bcd-qcdc",), "NQ 202/2025/QH15", ended
        ),
        EventSpec(
            E.DISSOLVE,
            REFORM_DAY,
            ("grp-doan-the-cap-huyen",),
            ("grp-mttq-doan-the-cac-cap",),
            "NQ 202/2025/QH15",
            ended,
        ),
    ]
    return units, events


def _binh_phuoc() -> list[UnitSpec]:
    """Bình Phước's provincial bodies, merged into Đồng Nai's on 01/07/2025 (not named in the seed)."""
    return [
        U(
            "bp-tinh-uy",
            K.PARTY_COMMITTEE,
            "Tỉnh ủy Bình Phước",
            "Tỉnh ủy Bình Phước",
            ["Ban Chấp hành Đảng bộ tỉnh Bình Phước"],
            territory=BP,
        ),
        U("bp-hdnd", K.STATE_BODY, "Hội đồng nhân dân tỉnh Bình Phước", "HĐND tỉnh Bình Phước", territory=BP),
        U("bp-ubnd", K.STATE_BODY, "Ủy ban nhân dân tỉnh Bình Phước", "UBND tỉnh Bình Phước", territory=BP),
        U(
            "bp-mttq",
            K.FATHERLAND_FRONT,
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bình Phước",
            "Ủy ban MTTQ tỉnh Bình Phước",
            ["UBMTTQ tỉnh Bình Phước"],
            territory=BP,
        ),
    ]


def _march_2025() -> list[EventSpec]:
    """Streamlining of the Party apparatus and of state bodies (domain.md §5.2, §7)."""
    party_agencies = U(
        "dn-dang-uy-cac-co-quan-dang",
        K.PARTY_COMMITTEE,
        "Đảng ủy các cơ quan Đảng tỉnh Đồng Nai",
        "Đảng ủy các cơ quan Đảng tỉnh",
        [
            "Đảng bộ các cơ quan Đảng tỉnh",
            "Đảng ủy các cơ quan Đảng tỉnh Đồng Nai",
            "Đảng ủy các cơ quan Đảng",
            "Đảng ủy các cơ quan Đảng thành phố Đồng Nai",
        ],
        parent="grp-cap-uy-truc-thuoc",
        valid_from=MERGER_DAY,
    )
    government = U(
        "dn-dang-uy-ubnd",
        K.PARTY_COMMITTEE,
        "Đảng ủy Ủy ban nhân dân tỉnh Đồng Nai",
        "Đảng ủy UBND tỉnh",
        [
            "Đảng ủy Ủy ban nhân dân tỉnh",
            "Đảng bộ Ủy ban nhân dân tỉnh",
            "Đảng bộ UBND tỉnh",
            "Đảng ủy UBND thành phố Đồng Nai",
        ],
        parent="grp-cap-uy-truc-thuoc",
        valid_from=MERGER_DAY,
    )
    board = U(
        "dn-ban-tuyen-giao-dan-van",
        K.PARTY_BOARD,
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Đồng Nai",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        [
            "Ban TG&DV Tỉnh ủy",
            "Ban TGDV Tỉnh ủy",
            "BTGDVTU",
            "Ban Tuyên giáo và Dân vận tỉnh",
            "Ban Tuyên giáo và Dân vận Thành ủy",
            "Ban Tuyên giáo và Dân vận Thành ủy Đồng Nai",
            "Ban TG&DV Thành ủy",
        ],
        parent="grp-ban-dang",
        valid_from=MERGER_DAY,
    )
    central_board = UnitSpec(
        "tw-ban-tuyen-giao-dan-van",
        K.PARTY_BOARD,
        "Ban Tuyên giáo và Dân vận Trung ương",
        "Ban Tuyên giáo và Dân vận Trung ương",
        ("Ban Tuyên giáo và Dân vận TW", "Ban TG&DV Trung ương", "Ban TG&DVTW"),
        "tw",
        None,
        MERGER_DAY,
    )
    ethnic = U(
        "dn-so-dan-toc-ton-giao",
        K.STATE_BODY,
        "Sở Dân tộc và Tôn giáo tỉnh Đồng Nai",
        "Sở Dân tộc và Tôn giáo",
        ["Sở DTTG", "Sở Dân tộc và Tôn giáo tỉnh", "Sở Dân tộc - Tôn giáo"],
        parent="grp-so-ban-nganh",
        valid_from=MERGER_DAY,
    )
    delegations_note = (
        "Provincial Party delegations and caucuses ended; their Party members now belong to the Party "
        "committee of the provincial Party agencies or of the provincial People's Committee "
        "(nationwide scheme, KL 121-KL/TW). "
        "Verify: Đồng Nai's exact committee names and dates. " + INFERRED_MARCH
    )
    group_note = (
        "The group ended with its members; their work passes to the directly affiliated Party committees, "
        "which include the two new ones. " + INFERRED_MARCH
    )
    return [
        EventSpec(
            E.MERGE,
            MERGER_DAY,
            ("tw-ban-dan-van", "tw-ban-tuyen-giao"),
            (central_board.key,),
            "KL 121-KL/TW (24/01/2025)",
            INFERRED_MARCH.replace("Đồng Nai's merged board", "the provincial boards"),
            opens=(central_board,),
        ),
        EventSpec(
            E.MERGE,
            MERGER_DAY,
            ("dn-ban-dan-van", "dn-ban-tuyen-giao"),
            (board.key,),
            "KL 121-KL/TW (24/01/2025)",
            INFERRED_MARCH,
            opens=(board,),
        ),
        EventSpec(
            E.MERGE,
            MERGER_DAY,
            ("dn-ban-dan-toc", "dn-ban-ton-giao"),
            (ethnic.key,),
            "QĐ 17/2025/QĐ-UBND (27/02/2025)",
            "Effective date taken as 01/03/2025 (decision of 27/02/2025); verify in its text.",
            opens=(ethnic,),
        ),
        EventSpec(
            E.MERGE,
            MERGER_DAY,
            ("dn-bcs-ubnd",),
            (government.key,),
            "KL 121-KL/TW (24/01/2025)",
            delegations_note,
            opens=(government,),
        ),
        EventSpec(
            E.MERGE,
            MERGER_DAY,
            (
                "dn-dang-doan-hdnd",
                "dn-dang-doan-mttq",
                "dn-dang-doan-ldld",
                "dn-dang-doan-hlhpn",
                "dn-dang-doan-hnd",
                "dn-dang-doan-hccb",
            ),
            (party_agencies.key,),
            "KL 121-KL/TW (24/01/2025)",
            delegations_note,
            opens=(party_agencies,),
        ),
        EventSpec(
            E.DISSOLVE,
            MERGER_DAY,
            ("grp-dang-doan-doan-the",),
            ("grp-cap-uy-truc-thuoc",),
            "KL 121-KL/TW (24/01/2025)",
            group_note,
        ),
        EventSpec(
            E.DISSOLVE,
            MERGER_DAY,
            ("grp-bcs-dang-doan",),
            ("grp-cap-uy-truc-thuoc",),
            "KL 121-KL/TW (24/01/2025)",
            group_note,
        ),
    ]


def _july_2025() -> list[EventSpec]:
    basis = "NQ 202/2025/QH15"
    note = (
        "Tỉnh Bình Phước joined Tỉnh Đồng Nai; its provincial bodies merged into Đồng Nai's (verify dates)."
    )
    return [
        EventSpec(E.MERGE, REFORM_DAY, (old,), (new,), basis, note)
        for old, new in (
            ("bp-tinh-uy", "dn-tinh-uy"),
            ("bp-hdnd", "dn-hdnd"),
            ("bp-ubnd", "dn-ubnd"),
            ("bp-mttq", "dn-mttq"),
        )
    ]


def _april_2026() -> list[EventSpec]:
    """Thành phố Đồng Nai: the top provincial bodies become the city's (inference, domain.md §5.2).

    Boards and departments keep their units (they follow the renamed parent) and carry their city-level
    names as aliases, so that current holders stay the units that hold the work today.
    """
    renames = [
        U(
            "dn-thanh-uy",
            K.PARTY_COMMITTEE,
            "Thành ủy Đồng Nai",
            "Thành ủy",
            [
                "Ban Chấp hành Đảng bộ thành phố Đồng Nai",
                "Ban Chấp hành Đảng bộ thành phố",
                "Thành ủy Đồng Nai",
                "Thành ủy viên",
            ],
            territory=CITY_KEY,
            valid_from=CITY_DAY,
        ),
        U(
            "dn-btv-thanh-uy",
            K.PARTY_COMMITTEE,
            "Ban Thường vụ Thành ủy Đồng Nai",
            "Ban Thường vụ Thành ủy",
            ["BTV Thành ủy", "BTVTHU", "Thường vụ Thành ủy"],
            territory=CITY_KEY,
            valid_from=CITY_DAY,
        ),
        U(
            "dn-hdnd-thanh-pho",
            K.STATE_BODY,
            "Hội đồng nhân dân thành phố Đồng Nai",
            "HĐND thành phố",
            ["Hội đồng nhân dân thành phố", "HĐND thành phố Đồng Nai", "HĐND TP Đồng Nai"],
            territory=CITY_KEY,
            valid_from=CITY_DAY,
        ),
        U(
            "dn-ubnd-thanh-pho",
            K.STATE_BODY,
            "Ủy ban nhân dân thành phố Đồng Nai",
            "UBND thành phố",
            ["Ủy ban nhân dân thành phố", "UBND thành phố Đồng Nai", "UBND TP Đồng Nai", "UBND TP. Đồng Nai"],
            territory=CITY_KEY,
            valid_from=CITY_DAY,
        ),
        U(
            "dn-mttq-thanh-pho",
            K.FATHERLAND_FRONT,
            "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Đồng Nai",
            "Ủy ban MTTQ thành phố",
            [
                "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố",
                "UBMTTQ thành phố",
                "MTTQ thành phố",
                "Mặt trận Tổ quốc thành phố",
                "Ủy ban MTTQ Việt Nam thành phố Đồng Nai",
            ],
            territory=CITY_KEY,
            valid_from=CITY_DAY,
        ),
        U(
            "dn-ldld-thanh-pho",
            K.MASS_ORGANIZATION,
            "Liên đoàn Lao động thành phố Đồng Nai",
            "Liên đoàn Lao động thành phố",
            ["LĐLĐ thành phố"],
            territory=CITY_KEY,
            valid_from=CITY_DAY,
        ),
        U(
            "dn-hlhpn-thanh-pho",
            K.MASS_ORGANIZATION,
            "Hội Liên hiệp Phụ nữ thành phố Đồng Nai",
            "Hội Liên hiệp Phụ nữ thành phố",
            ["Hội LHPN thành phố"],
            territory=CITY_KEY,
            valid_from=CITY_DAY,
        ),
        U(
            "dn-thanh-doan",
            K.MASS_ORGANIZATION,
            "Đoàn Thanh niên Cộng sản Hồ Chí Minh thành phố Đồng Nai",
            "Thành đoàn",
            ["Thành đoàn Đồng Nai", "Ban Thường vụ Thành đoàn", "BTV Thành đoàn"],
            territory=CITY_KEY,
            valid_from=CITY_DAY,
        ),
        U(
            "dn-hnd-thanh-pho",
            K.MASS_ORGANIZATION,
            "Hội Nông dân thành phố Đồng Nai",
            "Hội Nông dân thành phố",
            ["Hội ND thành phố"],
            territory=CITY_KEY,
            valid_from=CITY_DAY,
        ),
        U(
            "dn-hccb-thanh-pho",
            K.MASS_ORGANIZATION,
            "Hội Cựu chiến binh thành phố Đồng Nai",
            "Hội Cựu chiến binh thành phố",
            ["Hội CCB thành phố"],
            territory=CITY_KEY,
            valid_from=CITY_DAY,
        ),
    ]
    olds = [
        "dn-tinh-uy",
        "dn-btv-tinh-uy",
        "dn-hdnd",
        "dn-ubnd",
        "dn-mttq",
        "dn-ldld",
        "dn-hlhpn",
        "dn-tinh-doan",
        "dn-hnd",
        "dn-hccb",
    ]
    return [
        EventSpec(E.RENAME, CITY_DAY, (old,), (new.key,), "NQ 30/2026/QH16", CITY_NOTE, opens=(new,))
        for old, new in zip(olds, renames, strict=True)
    ]


def build() -> tuple[ReferenceData, ReferenceData, ReferenceData]:
    """(bodies as of 2021 with the March 2025 changes, July 2025 changes, April 2026 changes)."""
    start = ReferenceData(units=_central() + _groups() + _province())
    district_units, district_events = _district_level()
    start.units += district_units + _binh_phuoc()
    start.events += _march_2025()
    july = ReferenceData(events=district_events + _july_2025())
    april = ReferenceData(events=_april_2026())
    return start, july, april
