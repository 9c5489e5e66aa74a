"""The UI shell: home by role, audit search, login throttling, password change, error pages."""

from datetime import date

from django.urls import reverse

from danvan.core.models import AuditEntry
from danvan.core.testing import assert_absent, assert_access
from danvan.orgs import services

PASSWORD = "matkhau-Demo-2025"


def test_core_pages_matrix(client, accounts):
    a = accounts
    everyone = list(a.values())
    assert_access(client, reverse("core:home"), allowed=everyone)
    assert_access(
        client,
        reverse("core:audit"),
        allowed=[a["coordinator"], a["leader"], a["admin"]],
        forbidden=[a["officer"], a["other_officer"], a["reception"]],
    )
    assert_access(client, reverse("password_change"), allowed=everyone)
    assert_access(
        client,
        reverse("admin:index"),
        allowed=[a["admin"]],
        anonymous=302,
        redirected=[a[k] for k in ("coordinator", "leader", "officer", "other_officer", "reception")],
    )


def test_home_for_coordinator_shows_changes_and_accounts(client, accounts, org_tree):
    services.rename_unit(
        org_tree["interior"],
        on=date(2025, 3, 1),
        name="Sở Nội vụ (mới)",
        key="t-snv-new",
        legal_basis="QĐ 17/2025/QĐ-UBND",
    )
    client.force_login(accounts["coordinator"])
    response = client.get(reverse("core:home"))
    body = response.content.decode()
    assert "Xin chào" in body and "Chuyên viên điều phối (Ban Dân vận)" in body
    assert "Thay đổi tổ chức gần đây" in body
    assert "Sở Nội vụ → Sở Nội vụ (mới)" in body
    assert "Tài khoản đang hoạt động theo vai trò" in body
    assert "Thay đổi mới nhất" in body
    assert [e.kind for e in response.context["events"]] == ["rename"]


def test_home_for_officer_shows_only_own_scope(client, accounts, org_tree):
    services.rename_unit(
        org_tree["organisation"], on=date(2025, 3, 1), name="Ban Tổ chức (mới)", key="t-btc-new"
    )
    client.force_login(accounts["officer"])
    response = client.get(reverse("core:home"))
    body = response.content.decode()
    assert response.context["unit_count"] == 2
    assert response.context["events"] == []
    assert "recent_changes" not in response.context
    assert "accounts_by_role" not in response.context
    assert "Sở Nội vụ" in body  # its sub-unit
    assert_absent(response, "Ban Tổ chức", "Ban Dân vận Tỉnh ủy", "Nhật ký thay đổi")


def test_leader_sees_audit_but_not_accounts(client, accounts):
    client.force_login(accounts["leader"])
    response = client.get(reverse("core:home"))
    assert "recent_changes" in response.context
    assert "accounts_by_role" not in response.context


def test_audit_search_filters_by_text_and_action(client, accounts, org_tree):
    board = org_tree["board"]
    board.short_name = "BDV"
    board.save()
    client.force_login(accounts["coordinator"])
    response = client.get(reverse("core:audit"), {"q": "Ban Dân vận", "action": "~"})
    entries = list(response.context["object_list"])
    assert [(e.object_repr, e.action) for e in entries] == [("Ban Dân vận Tỉnh ủy", "~")]
    body = response.content.decode()
    assert "1 mục" in body
    assert "Tên viết tắt" in body and "<del>Ban Dân vận</del>" in body and "<ins>BDV</ins>" in body
    assert AuditEntry.objects.filter(object_repr="Ban Dân vận Tỉnh ủy").count() == 2
    response = client.get(reverse("core:audit"), {"action": "bogus"})
    assert response.status_code == 200


def test_audit_search_forbidden_page_is_vietnamese(client, accounts):
    client.force_login(accounts["officer"])
    response = client.get(reverse("core:audit"))
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()


def test_not_found_page_is_vietnamese(client, accounts):
    client.force_login(accounts["officer"])
    response = client.get(reverse("orgs:unit", args=[999999]))
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_login_page_and_wrong_password_in_vietnamese(client, accounts):
    response = client.get(reverse("login"))
    assert "Đăng nhập" in response.content.decode()
    response = client.post(reverse("login"), {"username": "officer", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()


def test_login_then_logout(client, accounts):
    response = client.post(reverse("login"), {"username": "officer", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    assert client.get(reverse("core:home")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("core:home")).status_code == 302


def test_login_locked_after_five_failures(client, accounts):
    for _ in range(5):
        client.post(reverse("login"), {"username": "officer", "password": "sai-mat-khau"})
    response = client.post(reverse("login"), {"username": "officer", "password": PASSWORD})
    assert response.status_code == 429
    body = response.content.decode()
    assert "Tài khoản tạm thời bị khóa" in body
    assert "Hãy chờ 30 phút rồi thử lại" in body
    assert client.get(reverse("core:home")).status_code == 302  # not logged in


def test_four_failures_do_not_lock(client, accounts):
    for _ in range(4):
        client.post(reverse("login"), {"username": "officer", "password": "sai-mat-khau"})
    response = client.post(reverse("login"), {"username": "officer", "password": PASSWORD})
    assert response.status_code == 302


def test_password_change(client, accounts):
    client.force_login(accounts["officer"])
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "khong-dung",
            "new_password1": "Moi-matkhau-2026",
            "new_password2": "Moi-matkhau-2026",
        },
    )
    assert response.status_code == 200
    assert "Mật khẩu cũ không chính xác" in response.content.decode()
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Moi-matkhau-2026",
            "new_password2": "Moi-matkhau-2026",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("password_change_done")
    assert "Mật khẩu của bạn đã được thay đổi." in client.get(response["Location"]).content.decode()
    client.logout()
    response = client.post(reverse("login"), {"username": "officer", "password": "Moi-matkhau-2026"})
    assert response.status_code == 302


def test_menu_by_role(client, accounts):
    client.force_login(accounts["officer"])
    nav = [item["label"] for item in client.get(reverse("core:home")).context["nav_items"]]
    assert "Nhật ký thay đổi" not in nav and "Quản trị" not in nav and "Tổng quan" in nav
    client.force_login(accounts["admin"])
    nav = [item["label"] for item in client.get(reverse("core:home")).context["nav_items"]]
    assert "Nhật ký thay đổi" in nav and "Quản trị" in nav


def test_english_is_second_language(client, accounts):
    client.force_login(accounts["coordinator"])
    client.get(reverse("core:language", args=["en"]), {"next": "/"})
    body = client.get(reverse("core:home")).content.decode()
    assert "Overview" in body and "Tổng quan" not in body


def test_too_large_form_gets_a_vietnamese_page_that_says_what_to_do(client, accounts, settings):
    text = "Nội dung rất dài. " * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 10)
    client.force_login(accounts["officer"])
    multipart = client.post(reverse("password_change"), {"old_password": text})
    urlencoded = client.post(
        reverse("password_change"),
        f"old_password={text}",
        content_type="application/x-www-form-urlencoded",
    )
    for response in (multipart, urlencoded):
        assert response.status_code == 400
        body = response.content.decode()
        assert "<h1>Dữ liệu không được chấp nhận</h1>" in body
        assert "Dữ liệu gửi lên quá lớn hoặc không đúng định dạng nên chưa được lưu." in body
        assert "rút gọn nội dung rồi gửi lại" in body and "đính kèm dưới dạng tệp" in body
