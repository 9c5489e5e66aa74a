"""Demo data of the movement app (`danvan demo`), one section per topic."""

import random
from datetime import date

from danvan.orgs.choices import OrgKind, Role
from danvan.orgs.models import OrgUnit, User

from .choices import AwardForm, ModelField, ModelKind, ModelLevel
from .models import ExemplaryModel
from .services import exemplary as exemplary_services

# --- exemplary "Dân vận khéo" models

MODEL_NAMES = [
    ("Dân vận khéo trong giải phóng mặt bằng", ModelField.ECONOMY),
    ("Tổ hợp tác trồng tiêu sạch", ModelField.ECONOMY),
    ("Khu dân cư không rác thải nhựa", ModelField.CULTURE_SOCIETY),
    ("Tủ sách cộng đồng ở ấp", ModelField.CULTURE_SOCIETY),
    ("Tổ tự quản an ninh trật tự", ModelField.DEFENCE_SECURITY),
    ("Camera an ninh do dân đóng góp", ModelField.DEFENCE_SECURITY),
    ("Cán bộ đi từng ngõ, gõ từng nhà", ModelField.POLITICAL_SYSTEM),
    ("Một cửa tiếp nhận hồ sơ tại nhà", ModelField.POLITICAL_SYSTEM),
]


def _build_exemplary(scale: str, stdout) -> None:
    if ExemplaryModel.objects.exists():
        return
    coordinator = User.objects.filter(role=Role.COORDINATOR, is_active=True).order_by("id").first()
    if coordinator is None:
        stdout.write("movement: no coordinator account; skipping exemplary models.")
        return
    units = list(OrgUnit.objects.active().exclude(kind__in=[OrgKind.PROVINCE,
        OrgKind.HAMLET]).order_by("id")[:400])
    if not units:
        return
    rng = random.Random(7)
    count = 300 if scale == "province" else 12
    for n in range(count):
        name, field = MODEL_NAMES[n % len(MODEL_NAMES)]
        unit = units[n % len(units)]
        level = ModelLevel.COMMUNE if unit.kind == OrgKind.COMMUNE else ModelLevel.PROVINCE
        year = 2021 + n % 5
        model = exemplary_services.create_model(
            actor=coordinator, kind=[ModelKind.MODEL, ModelKind.COLLECTIVE, ModelKind.INDIVIDUAL][n % 3],
            name=f"{name} ({unit.short_name or unit.name})", field=field, level=level, year=year, unit=unit,
            person_name="Nguyễn Thị Mai" if n % 3 == 2 else "",
                description="Cách làm: vận động nhân dân cùng bàn, "
            "cùng làm, cùng kiểm tra; cán bộ gương mẫu đi trước.",
                results="Được nhân dân đồng tình, hưởng ứng.",
            proposed_by=unit.name,
        )
        if n % 2 == 0:
            exemplary_services.add_award(
                model, actor=coordinator,
                    form=AwardForm.CERTIFICATE_OF_MERIT if n % 4 == 0 else AwardForm.COMMENDATION,
                deciding_body="Ban Thường vụ Tỉnh ủy" if n % 4 == 0 else "Ủy ban nhân dân tỉnh",
                decision_number=f"{100 + n}-QĐ/TU", decision_date=date(year, 12, 10),
            )
        if n % 3 == 0:
            exemplary_services.add_replication(model, actor=coordinator, year=min(year + 1, 2025),
                                               count=rng.randint(1, 6), place_name="Các xã lân cận")
        if n % 4 != 3:
            exemplary_services.set_published(model, True, actor=coordinator)
    stdout.write(f"movement: {count} exemplary models with awards and replication.")


def build(*, scale: str, stdout) -> None:
    _build_exemplary(scale, stdout)
