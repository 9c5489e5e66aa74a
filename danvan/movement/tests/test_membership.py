from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import given
from hypothesis import strategies as st

from danvan.core.models import AuditEntry
from danvan.movement.choices import MassOrgType
from danvan.movement.models import MemberRecord
from danvan.movement.services import membership as services

NAMES = st.sampled_from(["Nguyễn Văn An", "nguyen van an", "Trần Thị Bình", "Lê Văn Cường", "K'Bròn"])
DAYS = st.dates(min_value=date(1950, 1, 1), max_value=date(2007, 12, 31))
ORGS = st.sampled_from(MassOrgType.values)


@given(st.lists(st.tuples(NAMES, DAYS, ORGS), max_size=60))
def test_people_reached_never_exceed_memberships(rows):
    result = services.tally((services.person_key(n, d, "xa-1"), o) for n, d, o in rows)
    assert result.people <= result.memberships == sum(result.by_org.values())
    assert result.people >= max(result.by_org.values(), default=0)
    assert result.people == len({(services.person_key(n, d, "xa-1")) for n, d, _o in rows})


@given(st.lists(st.tuples(NAMES, DAYS, ORGS), min_size=1, max_size=30), st.integers(1, 4))
def test_duplicates_and_spelling_variants_count_once(rows, copies):
    """The same list repeated, with other spacing and case, gives the same tally."""
    once = services.tally((services.person_key(n, d, "xa-1"), o) for n, d, o in rows)
    noisy = [(f"  {n.upper()} ", d, o) for n, d, o in rows] * copies
    assert services.tally((services.person_key(n, d, "xa-1"), o) for n, d, o in noisy) == once


def test_person_key_is_not_reversible_and_ignores_diacritics_and_case():
    key = services.person_key("Nguyễn  Văn An", date(1990, 5, 1), "Xã Phú Hữu")
    assert key == services.person_key("nguyen van an", date(1990, 5, 1), "xa phu huu")
    assert key != services.person_key("Nguyễn Văn An", date(1990, 5, 2), "Xã Phú Hữu")
    assert len(key) == 64 and "nguyen" not in key


@pytest.mark.django_db
def test_member_list_gives_people_and_memberships(accounts, org_tree):
    survey = services.create_survey(
        actor=accounts["coordinator"],
        year=2025,
        title="Khảo sát 2025",
        deadline=date(2025, 10, 31),
        target_percent=Decimal("70"),
        units=[org_tree["interior"], org_tree["people"]],
    )
    csv_text = (
        "Họ tên,Ngày sinh,Tổ chức,Mã\n"
        "Nguyễn Văn An,01/05/1990,youth_union,DV001\n"
        "nguyen van an,01/05/1990,Hội Nông dân,HV9\n"
        "Trần Thị Bình,02/03/1985,womens_union,\n"
        "Trần Thị Bình,02/03/1985,womens_union,\n"
    ).encode()
    rows = services.parse_member_list(csv_text)
    ret = services.load_member_list(
        survey, actor=accounts["officer"], unit=org_tree["interior"], population_of_age=10, rows=rows
    )
    assert (ret.people_reached, ret.memberships, ret.from_member_list) == (2, 3, True)
    assert MemberRecord.objects.filter(survey_return=ret).count() == 3
    assert not MemberRecord._meta.get_field("person_key").max_length < 64
    field_names = {f.name for f in MemberRecord._meta.get_fields()}
    assert not field_names & {"full_name", "birth_date", "id_number", "cccd"}
    summary = services.summarize(survey)
    assert (summary.submitted, summary.expected, summary.people, summary.memberships) == (1, 2, 2, 3)
    assert (summary.completeness, summary.reached_share, summary.target_met) == (
        Decimal("50.0"),
        Decimal("20.0"),
        False,
    )


@pytest.mark.django_db
def test_entered_figures_are_checked(accounts, org_tree):
    survey = services.create_survey(
        actor=accounts["coordinator"],
        year=2025,
        title="Khảo sát 2025",
        deadline=date(2025, 10, 31),
        target_percent=Decimal("70"),
    )
    with pytest.raises(ValidationError) as error:
        services.save_return(
            survey,
            actor=accounts["officer"],
            unit=org_tree["people"],
            population_of_age=500,
            people_reached=300,
            counts={"youth_union": 120, "farmers": 100},
        )
    assert error.value.message_dict["people_reached"] == [
        "Số người được tập hợp (300) không được lớn hơn tổng số đoàn viên, hội viên (220): "
        "mỗi người được tập hợp là thành viên của ít nhất một tổ chức."
    ]
    with pytest.raises(ValidationError):
        services.save_return(
            survey,
            actor=accounts["officer"],
            unit=org_tree["people"],
            population_of_age=500,
            people_reached=90,
            counts={"youth_union": 120, "farmers": 100},
        )
    with pytest.raises(ValidationError) as error:
        services.parse_member_list("Nguyễn Văn An,1990-05-01,youth_union\n".encode())
    assert error.value.messages == ["Dòng 1: hãy ghi ngày sinh theo dạng dd/mm/yyyy (đang là “1990-05-01”)."]
    ret = services.save_return(
        survey,
        actor=accounts["officer"],
        unit=org_tree["people"],
        population_of_age=500,
        people_reached=180,
        counts={"youth_union": 120, "farmers": 100},
    )
    assert (ret.people_reached, ret.memberships) == (180, 220)
    with pytest.raises(PermissionDenied):  # only the Board opens a survey round
        services.create_survey(
            actor=accounts["officer"],
            year=2025,
            title="x",
            deadline=date(2025, 1, 1),
            target_percent=Decimal("1"),
        )
    with pytest.raises(ValidationError):  # out of the officer's scope
        services.save_return(
            survey,
            actor=accounts["other_officer"],
            unit=org_tree["people"],
            population_of_age=1,
            people_reached=0,
            counts={},
        )


def test_closing_a_survey_locks_its_returns(accounts, org_tree):
    survey = services.create_survey(
        actor=accounts["coordinator"],
        year=2025,
        title="Khảo sát 2025",
        deadline=date(2025, 10, 31),
        target_percent=Decimal("70"),
        units=[org_tree["people"]],
    )
    figures = {
        "unit": org_tree["people"],
        "population_of_age": 500,
        "people_reached": 180,
        "counts": {"youth_union": 120, "farmers": 100},
    }
    ret = services.save_return(survey, actor=accounts["officer"], **figures)
    with pytest.raises(PermissionDenied):  # only the Board closes a round
        services.close_survey(survey, actor=accounts["officer"])
    assert survey.closed_at is None
    closed_at = datetime(2025, 11, 3, 8, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    services.close_survey(survey, actor=accounts["coordinator"], now=closed_at)
    survey.refresh_from_db()
    assert survey.closed_at == closed_at
    closing = AuditEntry.objects.for_object(survey).order_by("at", "id").last()
    assert closing.changes == [{"field": "closed_at", "old": None, "new": "2025-11-03T08:30:00+07:00"}]
    assert not accounts["officer"].has_perm("movement.change_surveyreturn", ret)
    assert not accounts["coordinator"].has_perm("movement.change_surveyreturn", ret)
    for actor in ("officer", "coordinator"):
        with pytest.raises(ValidationError) as error:
            services.save_return(survey, actor=accounts[actor], **{**figures, "people_reached": 150})
        assert error.value.messages == ["Đợt khảo sát đã khóa sổ: không thể gửi hoặc sửa số liệu nữa."]
    with pytest.raises(ValidationError) as error:
        services.load_member_list(
            survey, actor=accounts["officer"], unit=org_tree["people"], population_of_age=500, rows=[]
        )
    assert error.value.messages == ["Đợt khảo sát đã khóa sổ: không thể gửi hoặc sửa số liệu nữa."]
    ret.refresh_from_db()
    assert ret.people_reached == 180
    with pytest.raises(ValidationError) as error:
        services.close_survey(survey, actor=accounts["coordinator"])
    assert error.value.messages == ["Đợt khảo sát này đã khóa sổ."]
