# ruff: noqa: E501  (regular expressions, lexicons and sample text read better on one line)
"""Small plans for tests: a registry fixture with the bodies the sample plan names."""

from datetime import date

from danvan.orgs import services as org_services
from danvan.orgs.choices import OrgKind

SAMPLE = """KẾ HOẠCH
thực hiện công tác dân vận, giai đoạn 2021-2025

I. NHIỆM VỤ

1. Công tác dân vận của chính quyền

Giao Ban Dân vận Tỉnh ủy chủ trì, phối hợp với Ban Tổ chức Tỉnh ủy và các cơ quan liên quan kiểm tra việc thực hiện quy chế dân chủ theo Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị. Thực hiện hàng năm.

Giao Ban Cán sự đảng UBND tỉnh chỉ đạo Sở Nội vụ rà soát thủ tục hành chính. Hoàn thành trong quý II/2022.

Ban Thường vụ Tỉnh đoàn tổ chức ra quân tình nguyện hè.

II. TỔ CHỨC THỰC HIỆN

Nơi nhận:
- Lưu VPTU.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ
"""


def build_registry_units(org_tree: dict) -> dict:
    """Adds to conftest's org_tree: a caucus, a group, and the 2025 merger of Ban Dân vận into a new board."""
    people = org_tree["people"]
    caucus = org_services.create_unit(
        key="t-bcs",
        kind=OrgKind.PARTY_DELEGATION,
        name="Ban Cán sự đảng Ủy ban nhân dân tỉnh",
        aliases=["BCS đảng UBND tỉnh"],
    )
    group = org_services.create_unit(key="t-related", kind=OrgKind.GROUP, name="Các cơ quan liên quan")
    merged = org_services.merge_units(
        [org_tree["board"]],
        on=date(2025, 3, 1),
        key="t-btgdv",
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy",
        kind=OrgKind.PARTY_BOARD,
        parent=org_tree["committee"],
    )
    return {**org_tree, "caucus": caucus, "group": group, "merged": merged, "people": people}
