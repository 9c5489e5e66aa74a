"""Party document numbers: one series per issuer and document type (the symbol) in a Party committee
term (domain.md §4.2), across every plan and period; a clear Vietnamese error names the holder."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from danvan.reporting import consolidated, services
from danvan.reporting.models import ConsolidatedReport

from .conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(period, accounts):
    """The 2024 report, issued as number 5 in the 2020-2025 term (the plan's term)."""
    coordinator = accounts["coordinator"]
    report = consolidated.start_consolidated(period, actor=coordinator)
    assert report.term == "2020-2025"
    consolidated.update_consolidated(
        report, data={"number": "05", "signer_name": "Nguyễn Văn A"}, actor=coordinator
    )
    consolidated.issue(report, actor=coordinator, now=at(2024, 12, 28))
    return report


@pytest.fixture
def other_draft(plan, accounts):
    period = services.create_period(plan=plan, year=2023, actor=accounts["coordinator"])
    return consolidated.start_consolidated(period, actor=accounts["coordinator"])


def test_a_number_issued_in_the_term_is_refused_with_the_holder_and_the_next_free_number(
    issued, other_draft, accounts
):
    assert issued.number == "5"  # "05" and "5" are one number; the header pads it
    with pytest.raises(ValidationError) as error:
        consolidated.update_consolidated(other_draft, data={"number": "5"}, actor=accounts["coordinator"])
    assert error.value.messages == [
        "Số 05-BC/BDVTU đã được dùng trong nhiệm kỳ 2020-2025 của cấp ủy cho báo cáo "
        "“kết quả thực hiện Kế hoạch số 31-KH/TU ngày 01/03/2021 năm 2024” (ban hành ngày 28/12/2024). "
        "Văn bản của Đảng được đánh số liên tục theo từng loại văn bản của cơ quan ban hành trong cả "
        "nhiệm kỳ: hãy nhập số khác (số tiếp theo chưa dùng là 06)."
    ]
    other_draft.refresh_from_db()
    assert other_draft.number == ""
    consolidated.update_consolidated(other_draft, data={"number": "6"}, actor=accounts["coordinator"])
    assert other_draft.number == "6"


def test_the_same_number_is_free_in_another_term_or_series(issued, other_draft, accounts):
    coordinator = accounts["coordinator"]
    consolidated.update_consolidated(
        other_draft, data={"number": "5", "term": "2025-2030", "signer_name": "B"}, actor=coordinator
    )
    consolidated.issue(other_draft, actor=coordinator, now=at(2025, 12, 20))
    third = consolidated.start_consolidated(issued.period, actor=coordinator)  # a correction of 2024
    consolidated.update_consolidated(
        third, data={"number": "5", "symbol": "BC/TU", "signer_name": "C"}, actor=coordinator
    )
    consolidated.issue(third, actor=coordinator, now=at(2025, 1, 5))
    assert sorted(ConsolidatedReport.objects.issued().values_list("symbol", "term", "number")) == [
        ("BC/BDVTU", "2020-2025", "5"),
        ("BC/BDVTU", "2025-2030", "5"),
        ("BC/TU", "2020-2025", "5"),
    ]


def test_issuing_checks_again_when_two_drafts_carry_the_same_number(period, other_draft, accounts):
    coordinator = accounts["coordinator"]
    first = consolidated.start_consolidated(period, actor=coordinator)
    for draft in (first, other_draft):
        consolidated.update_consolidated(
            draft, data={"number": "7", "signer_name": "Nguyễn Văn A"}, actor=coordinator
        )
    consolidated.issue(first, actor=coordinator, now=at(2024, 12, 28))
    # the symbol is compared without case: "bc/bdvtu" is the same series
    other_draft.symbol = "bc/bdvtu"
    with pytest.raises(ValidationError, match="Số 07-bc/bdvtu đã được dùng trong nhiệm kỳ 2020-2025"):
        consolidated.issue(other_draft, actor=coordinator, now=at(2024, 12, 29))
    other_draft.refresh_from_db()
    assert other_draft.is_draft


def test_term_is_required_to_issue_and_must_be_two_years_in_order(period, accounts):
    coordinator = accounts["coordinator"]
    report = consolidated.start_consolidated(period, actor=coordinator)
    with pytest.raises(ValidationError) as error:
        consolidated.update_consolidated(report, data={"term": "2025-2020"}, actor=coordinator)
    assert error.value.message_dict == {
        "term": ["Năm kết thúc nhiệm kỳ phải sau năm bắt đầu, ví dụ 2020-2025."]
    }
    with pytest.raises(ValidationError) as error:
        consolidated.update_consolidated(report, data={"term": "khóa XI"}, actor=coordinator)
    assert error.value.message_dict == {"term": ["Ghi nhiệm kỳ bằng hai năm, ví dụ 2020-2025."]}
    report.refresh_from_db()
    consolidated.update_consolidated(
        report, data={"term": "", "number": "3", "signer_name": "A"}, actor=coordinator
    )
    with pytest.raises(ValidationError, match="Nhập nhiệm kỳ cấp ủy"):
        consolidated.issue(report, actor=coordinator)


def test_the_database_refuses_a_duplicate_issued_number(issued, other_draft):
    ConsolidatedReport.objects.filter(pk=other_draft.pk).update(number="5", symbol="BC/BDVTU")
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsolidatedReport.objects.filter(pk=other_draft.pk).update(status="issued")


def test_the_page_shows_the_term_and_the_error_when_issuing_a_taken_number(
    client, issued, other_draft, accounts
):
    from django.forms.models import model_to_dict

    from danvan.reporting.forms import ConsolidatedForm

    client.force_login(accounts["coordinator"])
    page = client.get(other_draft.get_absolute_url()).content.decode()
    assert 'name="term"' in page and 'value="2020-2025"' in page
    data = {
        k: v if v is not None else ""
        for k, v in model_to_dict(other_draft, ConsolidatedForm.Meta.fields).items()
    }
    data |= {"number": "5", "signer_name": "Nguyễn Văn B", "issue": "1"}
    response = client.post(other_draft.get_absolute_url(), data)
    assert response.status_code == 200
    assert "Số 05-BC/BDVTU đã được dùng trong nhiệm kỳ 2020-2025 của cấp ủy" in response.content.decode()
    other_draft.refresh_from_db()
    assert other_draft.is_draft and other_draft.number == ""
