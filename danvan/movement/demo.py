"""Demo data of the movement app (`danvan demo`), one section per topic."""

import random
from datetime import date
from itertools import zip_longest

from django.db.models import Q

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
    units = _local_units()
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
            actor=coordinator,
            kind=[ModelKind.MODEL, ModelKind.COLLECTIVE, ModelKind.INDIVIDUAL][n % 3],
            name=f"{name} ({unit.short_name or unit.name})",
            field=field,
            level=level,
            year=year,
            unit=unit,
            person_name="Nguyễn Thị Mai" if n % 3 == 2 else "",
            description="Cách làm: vận động nhân dân cùng bàn, "
            "cùng làm, cùng kiểm tra; cán bộ gương mẫu đi trước.",
            results="Được nhân dân đồng tình, hưởng ứng.",
            proposed_by=unit.name,
        )
        if n % 2 == 0:
            exemplary_services.add_award(
                model,
                actor=coordinator,
                form=AwardForm.CERTIFICATE_OF_MERIT if n % 4 == 0 else AwardForm.COMMENDATION,
                deciding_body="Ban Thường vụ Tỉnh ủy" if n % 4 == 0 else "Ủy ban nhân dân tỉnh",
                decision_number=f"{100 + n}-QĐ/TU",
                decision_date=date(year, 12, 10),
            )
        if n % 3 == 0:
            exemplary_services.add_replication(
                model,
                actor=coordinator,
                year=min(year + 1, 2025),
                count=rng.randint(1, 6),
                place_name="Các xã lân cận",
            )
        if n % 4 != 3:
            exemplary_services.set_published(model, True, actor=coordinator)
    stdout.write(f"movement: {count} exemplary models with awards and replication.")


# --- supervision, membership, training, ethnic and religious affairs, public opinion


def _local_units() -> list[OrgUnit]:
    """Bodies of the province (under its Party Committee, People's Committee or Front) and its communes:
    the plan's exemplary models come from these, never from the central bodies the plan cites."""
    from danvan.orgs import demo as orgs_demo

    board = orgs_demo.find_mobilization_board()
    roots = [
        unit
        for unit in (
            board.parent if board else None,
            orgs_demo.find_peoples_committee(),
            orgs_demo.find_fatherland_front(),
        )
        if unit is not None
    ]
    local = Q(kind=OrgKind.COMMUNE)
    for root in roots:
        local |= Q(path__startswith=root.path)
    units = OrgUnit.objects.active().exclude(kind__in=[OrgKind.PROVINCE, OrgKind.HAMLET, OrgKind.GROUP])
    found = list(units.filter(local).order_by("id")[:400]) or list(units.order_by("id")[:400])
    bodies = [u for u in found if u.kind != OrgKind.COMMUNE]
    communes = [u for u in found if u.kind == OrgKind.COMMUNE]
    # A body, a commune, a body, …
    return [u for pair in zip_longest(bodies, communes) for u in pair if u is not None]


def _demo_units():
    """The Board's coordinator, the Front, the People's Committee, communes and other bodies, robustly."""
    from danvan.orgs import demo as orgs_demo

    coordinator = (
        orgs_demo.demo_user("coordinator")
        or User.objects.filter(role=Role.COORDINATOR, is_active=True).order_by("id").first()
    )
    units = list(
        OrgUnit.objects.active().exclude(kind__in=[OrgKind.PROVINCE, OrgKind.HAMLET]).order_by("id")[:400]
    )
    front = orgs_demo.find_fatherland_front() or next(
        (u for u in units if u.kind == OrgKind.FATHERLAND_FRONT), None
    )
    people = orgs_demo.find_peoples_committee() or next(
        (u for u in units if u.kind == OrgKind.STATE_BODY), None
    )
    board = orgs_demo.find_mobilization_board() or (coordinator.org_unit if coordinator else None)
    communes = list(OrgUnit.objects.active().filter(kind=OrgKind.COMMUNE).order_by("id")[:60])
    province = OrgUnit.objects.active().filter(kind=OrgKind.PROVINCE).order_by("id").first()
    return (
        coordinator,
        front or board,
        people or board,
        board,
        communes or units[:10],
        province or board,
        units,
    )


def _build_work(scale: str, stdout) -> None:
    from datetime import timedelta
    from decimal import Decimal

    from django.utils import timezone

    from .models import OpinionNote, SupervisionProgramme
    from .services import ethnic_religious, membership, opinion, supervision, training

    if SupervisionProgramme.objects.exists() or OpinionNote.objects.exists():
        return
    coordinator, front, people, board, communes, province, units = _demo_units()
    if coordinator is None or front is None or people is None:
        stdout.write("movement: no coordinator or bodies; skipping supervision, membership and the rest.")
        return
    rng = random.Random(11)
    areas = communes if communes and communes[0].kind == OrgKind.COMMUNE else [province]
    today = timezone.localdate()
    big = scale == "province"
    subjects = [
        "Giám sát thực hiện chính sách bảo hiểm y tế cho hộ cận nghèo",
        "Giám sát việc giải quyết thủ tục hành chính về đất đai",
        "Giám sát thực hiện quy chế dân chủ ở cơ sở",
        "Giám sát công tác bồi thường, hỗ trợ tái định cư",
    ]
    texts = [
        "Rà soát, bổ sung danh sách đối tượng thụ hưởng",
        "Công khai kết quả tại nhà văn hóa ấp",
        "Rút ngắn thời gian giải quyết hồ sơ",
        "Tổ chức đối thoại với người dân bị ảnh hưởng",
    ]
    # The province's People's Committee and its departments, not the central bodies of the reference data.
    departments = OrgUnit.objects.active().filter(kind=OrgKind.STATE_BODY, path__startswith=people.path)
    addressees = [people, *departments.exclude(pk=people.pk).order_by("path")[:8]]
    n_programmes = 0
    for year in range(2021, today.year + 1):
        for k in range(6 if big else 2):
            prog = supervision.create_programme(
                actor=coordinator,
                year=year,
                subject=subjects[(year + k) % len(subjects)],
                organization=front,
                scope="Việc tổ chức thực hiện tại các xã, phường.",
                team="Đoàn giám sát của Ủy ban Mặt trận",
                findings="Cơ bản thực hiện đúng quy định; còn chậm ở một số địa phương.",
                status="completed" if year < today.year else "in_progress",
                supervised_units=addressees[:2],
                starts_on=date(year, 4, 1),
                ends_on=date(year, 5, 15),
            )
            n_programmes += 1
            for j in range(4 if big else 2):
                due = min(date(year, 9, 30) + timedelta(days=30 * j), today + timedelta(days=40))
                rec = supervision.add_recommendation(
                    prog,
                    actor=coordinator,
                    text=texts[(k + j) % len(texts)],
                    addressed_to=addressees[(k + j) % len(addressees)],
                    due_date=due,
                )
                if year < today.year - 1 or (j == 0 and due < today):
                    supervision.answer_recommendation(
                        rec, actor=coordinator, answer="Đã tiếp thu và thực hiện."
                    )
                    if year < today.year - 1:
                        supervision.resolve_recommendation(rec, actor=coordinator, note="Đạt yêu cầu.")
        supervision.create_criticism(
            actor=coordinator,
            year=year,
            draft_title=f"Dự thảo Nghị quyết về hỗ trợ sinh kế năm {year}",
            organization=front,
            requesting_body=people,
            comments_due=date(year, 5, 20),
            comments="Đề nghị bổ sung đối tượng là hộ mới thoát nghèo.",
            comments_sent_on=date(year, 5, 18),
            uptake=["taken_up", "partly", "pending"][year % 3],
        )
        survey = membership.create_survey(
            actor=coordinator,
            year=year,
            title=f"Khảo sát đoàn viên, hội viên năm {year}",
            deadline=date(year, 10, 31),
            target_percent=Decimal("75"),
            units=communes,
        )
        for commune in communes[: len(communes) if year < today.year else len(communes) * 2 // 3]:
            population = rng.randint(3000, 9000)
            reached = int(population * rng.uniform(0.62, 0.82) + (year - 2021) * 40)
            reached = min(reached, population)
            counts = {
                "youth_union": reached * 30 // 100,
                "womens_union": reached * 35 // 100,
                "farmers": reached * 40 // 100,
                "veterans": reached * 8 // 100,
                "front_member": reached * 12 // 100,
            }
            counts["farmers"] += max(0, reached - sum(counts.values()))
            membership.save_return(
                survey,
                actor=coordinator,
                unit=commune,
                population_of_age=population,
                people_reached=reached,
                counts=counts,
            )
        if year < today.year:  # this year's round is still collecting returns
            membership.close_survey(survey, actor=coordinator)
        for k in range(8 if big else 2):
            course = training.create_course(
                actor=coordinator,
                topic=[
                    "Kỹ năng dân vận khéo",
                    "Nghiệp vụ giám sát, phản biện xã hội",
                    "Công tác dân tộc, tôn giáo",
                ][k % 3],
                level=["province", "district", "commune"][k % 3],
                organizer=board,
                starts_on=date(year, 6, 10 + k),
                ends_on=date(year, 6, 12 + k),
                place="Trường Chính trị tỉnh",
            )
            for role, unit in (
                ("front_cadre", front),
                ("mass_org_cadre", board),
                ("grassroots_cadre", communes[k % len(communes)]),
            ):
                attended = rng.randint(20, 60)
                training.record_participation(
                    course,
                    actor=coordinator,
                    unit=unit,
                    role=role,
                    attended=attended,
                    completed=attended - rng.randint(0, 3),
                )
        if year <= today.year:
            ethnic_religious.save_festival(
                None,
                actor=coordinator,
                year=year,
                title="Ngày hội văn hóa, thể thao các dân tộc thiểu số",
                organizer=board,
                held_on=date(year, 11, 18),
                place="Huyện Tân Phú",
                ethnic_groups=12 + year % 3,
                delegations=9,
                participants=550 + 20 * (year - 2021),
                outcomes="Tăng cường khối đại đoàn kết.",
            )
    names = [
        ("Điểu K'Lanh", "Chơro"),
        ("Thị Hạnh", "Stiêng"),
        ("K'Brèo", "Mạ"),
        ("Lâm Văn Sáng", "Hoa"),
        ("Danh Sơn", "Khmer"),
        ("Điểu Lứa", "Stiêng"),
    ]
    for i in range(60 if big else 6):
        name, ethnicity = names[i % len(names)]
        ethnic_religious.create_person(
            actor=coordinator,
            full_name=name if i < len(names) else f"{name} {i}",
            ethnicity=ethnicity,
            area=areas[i % len(areas)],
            role=["village_elder", "hamlet_head", "religious_dignitary", "clan_head"][i % 4],
            recognized_year=2021 + i % 4,
            responsible_unit=board,
            personal={
                "phone": f"09{rng.randint(10000000, 99999999)}",
                "address": "Ấp 3",
                "birth_year": 1950 + i,
            },
        )
    for i, (kind, name, religion) in enumerate(
        [
            ("organization", "Ban Trị sự Giáo hội Phật giáo Việt Nam tỉnh", "buddhism"),
            ("organization", "Tòa Giám mục Giáo phận", "catholicism"),
            ("place_of_worship", "Chùa Bửu Phong", "buddhism"),
            ("place_of_worship", "Nhà thờ Tân Mai", "catholicism"),
            ("place_of_worship", "Thánh thất Cao Đài Biên Hòa", "caodaism"),
            ("place_of_worship", "Thánh đường Hồi giáo An Nhơn", "islam"),
        ]
    ):
        ethnic_religious.create_religious_body(
            actor=coordinator,
            kind=kind,
            name=name,
            religion=religion,
            area=province,
            responsible_unit=board,
            recognition=f"Quyết định số {120 + i}/QĐ-UBND",
            recognized_on=date(2019, 3, 1 + i),
            followers=rng.randint(500, 20000),
        )
    for i in range(12 if big else 3):
        case = ethnic_religious.create_case(
            actor=coordinator,
            title=[
                "Tranh chấp đất rẫy tại ấp",
                "Sinh hoạt tôn giáo tại điểm nhóm chưa đăng ký",
                "Khiếu kiện đất cơ sở thờ tự",
            ][i % 3]
            + f" ({i + 1})",
            kind=["land_dispute", "illegal_religious", "land_dispute"][i % 3],
            area=areas[i % len(areas)],
            responsible_unit=board,
            opened_on=date(2022 + i % 3, 3, 1),
            description="Vụ việc kéo dài, phức tạp.",
            people_involved="Các hộ liên quan (hạn chế truy cập)",
        )
        ethnic_religious.add_follow_up(
            case,
            actor=coordinator,
            text="Tổ chức đối thoại, vận động.",
            on=date(2022 + i % 3, 5, 1),
            resolved=i % 3 == 0,
        )
    topics = ["land", "living", "environment", "administration", "security", "reorganization"]
    for i in range(400 if big else 24):
        day = today - timedelta(days=rng.randint(0, 700))
        opinion.create_note(
            actor=coordinator,
            unit=board,
            area=areas[i % len(areas)],
            noted_on=day,
            topic=topics[i % len(topics)],
            concern=1 + (i * 7) % 3,
            summary=[
                "Người dân quan tâm giá bồi thường giải phóng mặt bằng.",
                "Giá cả sinh hoạt tăng.",
                "Lo ngại ô nhiễm từ khu công nghiệp.",
                "Thủ tục cấp sổ đỏ còn chậm.",
                "Tình trạng trộm cắp vặt ở khu dân cư.",
                "Băn khoăn về sáp nhập xã.",
            ][i % 6],
            sources="Họp tổ dân phố, tổ tự quản",
        )
    stdout.write(
        f"movement: {n_programmes} supervision programmes with recommendations, membership surveys, "
        "training, ethnic and religious registers, public-opinion notes."
    )


def build(*, scale: str, stdout) -> None:
    _build_exemplary(scale, stdout)
    _build_work(scale, stdout)
