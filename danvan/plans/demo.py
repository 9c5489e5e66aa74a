# ruff: noqa: E501  (regular expressions, lexicons and sample text read better on one line)
"""Demo plans (`danvan demo` calls build()).

"small": the seed plan, read from ../shared/seeds/ beside the repository when it is there (its text is
not copied into the repository), otherwise a short plan written for the demo; it is saved active.
"province": in addition, 10 synthetic plans with ~1,500 tasks over the registry's bodies, for benchmarks.
"""

import random
from datetime import date
from pathlib import Path

from django.conf import settings

from danvan.orgs.choices import OrgKind
from danvan.orgs.models import OrgUnit

from . import services
from .choices import AssignmentRole, PlanStatus, Recurrence
from .models import Assignment, Plan, Section, Task

SEED = Path(settings.BASE_DIR).parent / "shared" / "seeds" / "000_b7ad970acadcf5d4.txt"

DEMO_PLAN = """KẾ HOẠCH
triển khai công tác dân vận của hệ thống chính trị, giai đoạn 2021-2025

I. MỤC ĐÍCH, YÊU CẦU

Làm cho cán bộ, đảng viên hiểu rõ trách nhiệm của mình đối với công tác vận động nhân dân.

II. MỤC TIÊU, CHỈ TIÊU

Hàng năm, có trên 85% cơ quan, đơn vị đạt tiêu chí Dân vận khéo.

III. NHIỆM VỤ, GIẢI PHÁP

1. Nắm tình hình và đối thoại với nhân dân

Giao Ban Dân vận Tỉnh ủy chủ trì, phối hợp với Đảng đoàn Mặt trận Tổ quốc tỉnh và các cơ quan liên quan tổng hợp tâm tư, nguyện vọng của nhân dân, báo cáo Ban Thường vụ Tỉnh ủy. Thực hiện hàng năm.

Giao Ban Cán sự đảng UBND tỉnh chỉ đạo UBND tỉnh tổ chức đối thoại giữa người đứng đầu chính quyền với nhân dân về bồi thường, tái định cư. Hoàn thành trong quý IV/2022.

2. Phong trào thi đua "Dân vận khéo"

Ban Tổ chức Tỉnh ủy, Trường Chính trị tỉnh biên soạn tài liệu bồi dưỡng kỹ năng vận động nhân dân theo Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị. Thời gian hoàn thành trong quý II/2023.

IV. TỔ CHỨC THỰC HIỆN

Giao Ban Dân vận Tỉnh ủy theo dõi, đôn đốc việc thực hiện kế hoạch, định kỳ hàng năm báo cáo Ban Thường vụ Tỉnh ủy.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ
"""

VERBS = ["Tổ chức", "Kiểm tra", "Tuyên truyền", "Sơ kết", "Khảo sát", "Bồi dưỡng", "Giám sát", "Vận động"]
TOPICS = [
    "quy chế dân chủ ở cơ sở",
    "phong trào thi đua Dân vận khéo",
    "công tác tiếp công dân",
    "công tác dân tộc",
    "công tác tôn giáo",
    "an sinh xã hội",
    "cải cách hành chính",
    "xây dựng nông thôn mới",
]


def _coordinator():
    try:
        from danvan.orgs.demo import demo_user
    except ImportError:  # the orgs demo is not there
        return None
    return demo_user("coordinator")


def build(*, scale: str, stdout) -> None:
    actor = _coordinator()
    if not Plan.objects.exists():
        if SEED.exists():
            data, name = SEED.read_bytes(), SEED.name
        else:
            data, name = DEMO_PLAN.encode("utf-8"), "ke-hoach-mau.txt"
        _, plan = services.import_file(data, name, actor=actor)
        services.activate_plan(plan, actor=actor)
        stdout.write(f"plans: {plan.tasks.count()} tasks read from {name}")
    if scale == "province":
        _synthetic(stdout, actor)


def _synthetic(stdout, actor) -> None:
    rng = random.Random(2025)
    bodies = list(
        OrgUnit.objects.filter(valid_to__isnull=True)
        .exclude(
            kind__in=[OrgKind.PROVINCE, OrgKind.DISTRICT, OrgKind.COMMUNE, OrgKind.HAMLET, OrgKind.GROUP]
        )
        .values_list("id", "name")
    )
    if not bodies:
        stdout.write("plans: no org units, synthetic plans skipped (run `danvan orgs load` first)")
        return
    made = 0
    for number in range(1, 11):
        symbol = f"{100 + number}-KH/TU-DEMO"
        if Plan.objects.filter(symbol=symbol).exists():
            continue
        plan = Plan.objects.create(
            title=f"thực hiện chương trình công tác dân vận số {number}, giai đoạn 2021-2025",
            doc_type="KẾ HOẠCH",
            symbol=symbol,
            issuer_name="Ban Thường vụ Tỉnh ủy",
            term_start=2021,
            term_end=2025,
            status=PlanStatus.ACTIVE,
            created_by=actor,
            source_name="synthetic",
            source_sha256=f"demo-{number}",
        )
        sections = [
            Section.objects.create(plan=plan, number=f"III.{i}", title=TOPICS[i % len(TOPICS)], order=i)
            for i in range(1, 6)
        ]
        tasks = []
        for order in range(150):
            recurrence = rng.choice(
                [Recurrence.ANNUAL] * 5 + [Recurrence.ONCE] * 3 + [Recurrence.ONGOING] * 2
            )
            due = (
                date(rng.randint(2021, 2025), rng.choice([3, 6, 9, 12]), 28)
                if recurrence == Recurrence.ONCE
                else None
            )
            text = f"{rng.choice(VERBS)} {rng.choice(TOPICS)} trên địa bàn (nội dung {order + 1})."
            tasks.append(
                Task(
                    plan=plan,
                    section=sections[order % 5],
                    text=text,
                    summary=text[:120],
                    recurrence=recurrence,
                    due_date=due,
                    order=order,
                )
            )
        Task.objects.bulk_create(tasks)
        assignments = []
        for task in Task.objects.filter(plan=plan):
            picked = rng.sample(bodies, 3)
            assignments.append(
                Assignment(
                    task=task,
                    unit_id=picked[0][0],
                    name_as_written=picked[0][1],
                    role=AssignmentRole.LEAD,
                    match_confidence=1.0,
                    order=0,
                )
            )
            for i, (unit_id, name) in enumerate(picked[1:], start=1):
                assignments.append(
                    Assignment(
                        task=task,
                        unit_id=unit_id,
                        name_as_written=name,
                        role=AssignmentRole.COORDINATOR,
                        match_confidence=1.0,
                        order=i,
                    )
                )
        Assignment.objects.bulk_create(assignments)
        made += len(tasks)
    stdout.write(f"plans: {made} synthetic tasks in 10 plans")
