"""Demo data for citizens: reception days, petitions in every type and state, a dialogue and a voter
contact meeting ("small"), or 200,000 petitions for the benchmarks ("province").

The province scale uses bulk_create: those synthetic rows get no audit history (simple_history
only records saves through the ORM instance path), which the benchmarks do not need.
"""

import random
from datetime import date, timedelta

from django.utils import timezone

from danvan.core.text import fold
from danvan.orgs.choices import OrgKind, Role
from danvan.orgs.models import OrgUnit, User

from . import services
from .choices import Channel, IneligibleReason, ItemKind, ItemStatus, MeetingKind, PetitionType, Status, Topic
from .deadlines import Calendar
from .models import Holiday, Meeting, MeetingItem, Petition, PetitionSender, ReceptionSession, UnitHead

PROVINCE_COUNT = 200_000
FIRST_NAMES = ["Nguyễn Văn", "Trần Thị", "Lê Văn", "Phạm Thị", "Hoàng Văn", "Võ Thị", "Đặng Văn", "Bùi Thị"]
LAST_NAMES = ["An", "Bình", "Cường", "Dung", "Hà", "Hùng", "Lan", "Minh", "Nam", "Phúc", "Quý", "Tâm"]
# The matter, not the kind of petition: the same subject is a complaint in one row, a recommendation
# in another.
SUBJECTS = {
    Topic.LAND: "Chậm cấp giấy chứng nhận quyền sử dụng đất",
    Topic.COMPENSATION: "Mức bồi thường khi thu hồi đất làm đường",
    Topic.ENVIRONMENT: "Cơ sở chăn nuôi gây ô nhiễm khu dân cư",
    Topic.PROCEDURES: "Hồ sơ hành chính bị chậm trả kết quả",
    Topic.SOCIAL_POLICY: "Xét trợ cấp cho hộ cận nghèo",
    Topic.OFFICIALS: "Cán bộ địa chính nhận tiền của dân",
    Topic.INFRASTRUCTURE: "Đường liên ấp xuống cấp, ngập khi mưa",
    Topic.OTHER: "Trật tự sinh hoạt khu dân cư",
}
# Solar-calendar public holidays (Bộ luật Lao động 2019, Điều 112); Tết and Giỗ Tổ follow the lunar
# calendar and the yearly government notice, so staff add them in the holiday calendar.
FIXED_HOLIDAYS = [
    ((1, 1), "Tết Dương lịch"),
    ((4, 30), "Ngày Chiến thắng"),
    ((5, 1), "Ngày Quốc tế Lao động"),
    ((9, 2), "Quốc khánh"),
]


def _say(stdout, text: str) -> None:
    if stdout is not None:
        stdout.write(text)


def _areas() -> list[OrgUnit]:
    """Today's communes; when `danvan orgs load` has not run, a few demo units are created."""
    communes = list(OrgUnit.objects.active().filter(kind=OrgKind.COMMUNE).order_by("path")[:200])
    if communes:
        return communes
    from danvan.orgs import services as orgs

    province = OrgUnit.objects.active().filter(kind=OrgKind.PROVINCE).first() or orgs.create_unit(
        key="citizens-demo-province", kind=OrgKind.PROVINCE, name="Tỉnh Đồng Nai"
    )
    names = [
        "Phường Trấn Biên",
        "Phường Long Khánh",
        "Xã Trảng Bom",
        "Xã Long Thành",
        "Xã Nhơn Trạch",
        "Xã Xuân Lộc",
        "Phường Bình Phước",
        "Xã Định Quán",
    ]
    day = date(2025, 7, 1)
    created = [
        orgs.create_unit(
            key=f"citizens-demo-commune-{i}", kind=OrgKind.COMMUNE, name=n, parent=province, valid_from=day
        )
        for i, n in enumerate(names)
    ]
    old = orgs.create_unit(
        key="citizens-demo-old-buu-long",
        kind=OrgKind.COMMUNE,
        name="Phường Bửu Long",
        parent=province,
        valid_to=None,
    )
    orgs.merge_units([old], on=day, into=created[0], legal_basis="Nghị quyết số 1662/NQ-UBTVQH15")
    for unit in created:
        orgs.create_unit(
            key=f"{unit.key}-ubnd",
            kind=OrgKind.STATE_BODY,
            name=f"UBND {unit.name}",
            territory=unit,
            parent=None,
        )
    return created


def _receiving_unit() -> OrgUnit:
    unit = services.default_receiving_unit()
    if unit is not None:
        return unit
    from danvan.orgs import services as orgs

    return orgs.create_unit(
        key="citizens-demo-board",
        kind=OrgKind.PARTY_BOARD,
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy",
        short_name="Ban TG&DV",
    )


def _user(role: str) -> User | None:
    return User.objects.filter(role=role, is_active=True).order_by("id").first()


def _holidays(years=(2025, 2026, 2027)) -> None:
    for year in years:
        for (month, day), name in FIXED_HOLIDAYS:
            Holiday.objects.get_or_create(date=date(year, month, day), defaults={"name": name})


def build(*, scale: str, stdout=None) -> None:
    _holidays()
    areas = _areas()
    board = _receiving_unit()
    if scale == "province":
        build_province(areas=areas, board=board, stdout=stdout)
        return
    build_small(areas=areas, board=board, stdout=stdout)


def build_small(*, areas, board, stdout=None) -> None:
    rng = random.Random(7)
    today = timezone.localdate()
    reception, officer, leader = _user(Role.RECEPTION_OFFICER), _user(Role.AGENCY_OFFICER), _user(Role.LEADER)
    if leader is not None:
        UnitHead.objects.get_or_create(unit=board, defaults={"user": leader})
    # What the reception officer enters is received by the officer's own body (the citizen reception
    # office when the reference data has one), so that the officer finds it in the list.
    desk = reception.org_unit if reception and reception.org_unit_id else board
    sessions = []
    for weeks in (1, 3, 6):
        session = ReceptionSession.objects.create(
            held_on=today - timedelta(weeks=weeks),
            place="Trụ sở tiếp công dân tỉnh",
            kind="periodic",
            unit=desk,
            leader=leader,
            leader_name="" if leader else "Trưởng ban Tuyên giáo và Dân vận Tỉnh ủy",
        )
        if reception:
            session.officers.add(reception)
        sessions.append(session)
    states = [
        "received",
        "classified",
        "routed",
        "accepted",
        "answered",
        "answered",
        "filed",
        "accepted",
        "routed",
    ]
    count = 0
    for ptype in PetitionType.values:
        for i, state in enumerate(states):
            topic = rng.choice(Topic.values)
            session = sessions[i % 3] if i < 3 else None
            received = session.held_on if session else today - timedelta(days=rng.randint(2, 70))
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            p = services.register_petition(
                actor=reception,
                petition_type=ptype,
                channel=Channel.RECEPTION
                if session
                else rng.choice([Channel.POST, Channel.PORTAL, Channel.PHONE]),
                subject=SUBJECTS[topic],
                content=f"{SUBJECTS[topic]}. Nội dung chi tiết số {count + 1}.",
                received_on=received,
                received_unit=desk,
                reception_session=session,
                sender={
                    "full_name": name,
                    "address": "Ấp 3",
                    "phone": f"09{rng.randint(10000000, 99999999)}",
                },
                is_group=i == 4,
                signer_count=12 if i == 4 else 1,
                topic=topic,
                location_unit=rng.choice(areas),
            )
            _advance(p, state, today=today, body=p.suggested_body or board, handler=officer, rng=rng)
            count += 1
    # The same letter sent twice: linked into one case file.
    first = Petition.objects.filter(petition_type=PetitionType.COMPLAINT).order_by("id").first()
    if first is not None:
        copy = services.register_petition(
            actor=reception,
            petition_type=first.petition_type,
            channel=Channel.POST,
            subject=first.subject,
            content=first.content,
            received_on=first.received_on + timedelta(days=3),
            received_unit=desk,
            sender={"full_name": first.sender.full_name, "phone": first.sender.phone},
            topic=first.topic,
            location_unit=first.location_unit,
        )
        services.link_duplicates(copy, [first])
        count += 1
    for kind, title in (
        (MeetingKind.DIALOGUE, "Hội nghị đối thoại giữa người đứng đầu cấp ủy với Nhân dân"),
        (MeetingKind.VOTER_CONTACT, "Tiếp xúc cử tri trước kỳ họp HĐND"),
    ):
        meeting = Meeting.objects.create(
            kind=kind,
            title=title,
            held_on=today - timedelta(days=20),
            place=areas[0].name,
            unit=board,
            hosts="Bí thư Tỉnh ủy; đại biểu HĐND tỉnh",
            participants="Cử tri và Nhân dân",
            participant_count=120,
        )
        for j, (item_kind, status) in enumerate(
            [
                (ItemKind.RECOMMENDATION, ItemStatus.OPEN),
                (ItemKind.RECOMMENDATION, ItemStatus.COMMITTED),
                (ItemKind.OPINION, ItemStatus.ANSWERED),
                (ItemKind.RECOMMENDATION, ItemStatus.RESOLVED),
            ]
        ):
            MeetingItem.objects.create(
                meeting=meeting,
                kind=item_kind,
                raised_by=f"Cử tri ấp {j + 1}",
                topic=Topic.INFRASTRUCTURE,
                content="Đề nghị sửa chữa tuyến đường liên ấp trước mùa mưa.",
                responsible_body=board,
                due_on=today - timedelta(days=5) if j == 0 else today + timedelta(days=20),
                status=status,
                answer="" if status == ItemStatus.OPEN else "Đã đưa vào kế hoạch đầu tư năm sau.",
                commitment="Hoàn thành trong quý tới." if status == ItemStatus.COMMITTED else "",
                resolved_on=today - timedelta(days=2) if status == ItemStatus.RESOLVED else None,
            )
    _say(stdout, f"citizens: {count} petitions, {len(sessions)} reception days, 2 meetings.")


def _advance(p: Petition, state: str, *, today, body, handler, rng) -> None:
    if state == "received":
        return
    classified_on = min(today, p.received_on + timedelta(days=3))
    if state == "filed":
        services.classify_petition(
            p,
            petition_type=p.petition_type,
            eligible=False,
            ineligible_reason=IneligibleReason.ALREADY_RESOLVED,
            on=classified_on,
        )
        return
    services.classify_petition(
        p,
        petition_type=p.petition_type,
        eligible=True,
        on=classified_on,
        is_complex=rng.random() < 0.2,
        decision_known_on=p.received_on - timedelta(days=45),  # kept for complaints only
    )
    if state == "classified":
        return
    services.route_petition(p, body=body, handler=handler, on=classified_on)
    if state == "routed":
        return
    accepted_on = min(today, classified_on + timedelta(days=4))
    services.accept_petition(p, on=accepted_on)
    if state == "accepted":
        return
    services.answer_petition(
        p,
        number=f"{rng.randint(10, 999)}/UBND-TCD",
        answered_on=min(today, accepted_on + timedelta(days=rng.randint(5, 40))),
        summary="Đã giải quyết.",
        public_answer="Cơ quan có thẩm quyền đã xem xét và trả lời bằng văn bản.",
    )


def build_province(*, areas, board, stdout=None, count: int = PROVINCE_COUNT, batch: int = 5000) -> None:
    """Bulk rows with realistic spread; deadlines computed with one shared Calendar."""
    rng = random.Random(2025)
    calendar = Calendar()
    today = timezone.localdate()
    bodies = list(
        OrgUnit.objects.active().exclude(kind__in=OrgKind.administrative()).order_by("path")[:60]
    ) or [board]
    codes: set[str] = set(Petition.objects.values_list("code", flat=True))
    statuses = [
        Status.RECEIVED,
        Status.CLASSIFIED,
        Status.ROUTED,
        Status.ACCEPTED,
        Status.ANSWERED,
        Status.ANSWERED,
        Status.ANSWERED,
        Status.FILED,
    ]
    made = 0
    while made < count:
        rows, senders = [], []
        for _ in range(min(batch, count - made)):
            code = services.new_tracking_code()
            while code in codes:
                code = services.new_tracking_code()
            codes.add(code)
            ptype = rng.choice(PetitionType.values)
            topic = rng.choice(Topic.values)
            status = rng.choice(statuses)
            received = today - timedelta(days=rng.randint(0, 730))
            area = rng.choice(areas)
            body = rng.choice(bodies)
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            p = Petition(
                code=code,
                petition_type=ptype,
                status=status,
                topic=topic,
                channel=rng.choice([Channel.POST, Channel.PORTAL, Channel.RECEPTION, Channel.PHONE]),
                subject=SUBJECTS[topic],
                content=f"{SUBJECTS[topic]} (bản ghi tổng hợp {made})",
                received_on=received,
                received_unit=board,
                location_unit=area,
                sender_label="" if ptype == PetitionType.DENUNCIATION else name,
                complaint_track="first" if ptype == PetitionType.COMPLAINT else "",
                is_group=rng.random() < 0.05,
                eligible=None if status == Status.RECEIVED else status != Status.FILED,
                ineligible_reason=IneligibleReason.ALREADY_RESOLVED if status == Status.FILED else "",
            )
            if status != Status.RECEIVED:
                p.classified_on = received + timedelta(days=rng.randint(1, 8))
            if status in (Status.ROUTED, Status.ACCEPTED, Status.ANSWERED):
                p.competent_body, p.routed_on = body, p.classified_on
            if status in (Status.ACCEPTED, Status.ANSWERED):
                p.accepted_on = p.routed_on + timedelta(days=rng.randint(1, 9))
            if status == Status.ANSWERED:
                p.answered_on = p.answer_date = p.accepted_on + timedelta(days=rng.randint(5, 60))
                p.answer_number = f"{rng.randint(1, 999)}/TB"
            p.received_path = board.path
            p.handling_path = p.competent_body.path if p.competent_body_id else ""
            p.search_text = " ".join(fold(t) for t in (code, p.subject, p.sender_label) if t)
            services.apply_deadlines(p, calendar)
            rows.append(p)
            senders.append(name)
        created = Petition.objects.bulk_create(rows, batch_size=batch)
        PetitionSender.objects.bulk_create(
            [
                PetitionSender(petition=p, full_name=n, name_key=fold(n))
                for p, n in zip(created, senders, strict=True)
            ],
            batch_size=batch,
        )
        made += len(rows)
    _say(stdout, f"citizens: {made} synthetic petitions (bulk, no audit history).")
