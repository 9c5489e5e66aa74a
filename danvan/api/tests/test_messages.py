"""The API answers bad input in Vietnamese: DRF's and Django's messages, its 404 and its parse errors."""

import pytest

PETITIONS = "/api/citizens/petitions/"


@pytest.fixture
def api(client, accounts):
    client.force_login(accounts["coordinator"])
    return client


def test_invalid_fields_are_explained_in_vietnamese(api):
    response = api.post(
        PETITIONS,
        {
            "petition_type": "rumour",
            "subject": "S" * 256,
            "content": ["not", "text"],
            "signer_count": "many",
            "location_unit": 99999999,
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "petition_type": ["“rumour” không phải là lựa chọn hợp lệ."],
        "channel": ["Trường này là bắt buộc."],
        "subject": ["Trường này không được dài quá 255 ký tự."],
        "content": ["Không phải là chuỗi văn bản hợp lệ."],
        "signer_count": ["Cần một số nguyên hợp lệ."],
        "location_unit": ["Mã “99999999” không hợp lệ: bản ghi không tồn tại."],
    }


def test_bounds_and_missing_record_are_explained_in_vietnamese(api):
    response = api.post(
        PETITIONS,
        {"petition_type": "complaint", "channel": "post", "subject": "S", "content": "C", "signer_count": 0},
        content_type="application/json",
    )
    assert response.json() == {"signer_count": ["Giá trị này phải lớn hơn hoặc bằng 1."]}
    response = api.get(f"{PETITIONS}99999999/")
    assert (response.status_code, response.json()) == (404, {"detail": "Không tìm thấy đơn thư phù hợp."})


def test_unreadable_requests_are_explained_in_vietnamese(api):
    response = api.post(PETITIONS, "{bad json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Lỗi đọc dữ liệu JSON: Expecting property name")
    response = api.post(PETITIONS, "plain words", content_type="text/plain")
    assert (response.status_code, response.json()) == (
        415,
        {"detail": "Không hỗ trợ kiểu dữ liệu “text/plain” trong yêu cầu."},
    )
    response = api.get(PETITIONS, {"page": 99})
    assert (response.status_code, response.json()) == (404, {"detail": "Trang không hợp lệ."})
