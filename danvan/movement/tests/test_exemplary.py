from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from danvan.movement import services
from danvan.movement.models import ExemplaryModel

pytestmark = pytest.mark.django_db


def _model(actor, unit, **extra):
    values = dict(
        kind="model",
        name="Mô hình “Dân vận khéo” trong cải cách hành chính",
        field="political_system",
        level="province",
        year=2023,
        unit=unit,
        description="Tiếp nhận hồ sơ một cửa tại nhà.",
        results="Giảm 40% thời gian giải quyết hồ sơ.",
        proposed_by="Sở Nội vụ",
    )
    values.update(extra)
    return services.create_model(actor=actor, **values)


def test_registry_flow_and_publishing(accounts, org_tree):
    model = _model(accounts["officer"], org_tree["interior"])  # UBND officer, Sở Nội vụ is below it
    services.add_award(
        model,
        actor=accounts["officer"],
        form="certificate_of_merit",
        deciding_body="Ủy ban nhân dân tỉnh",
        decision_number="123/QĐ-UBND",
        decision_date=date(2023, 12, 20),
    )
    services.add_replication(
        model, actor=accounts["officer"], year=2024, count=3, place_name="Huyện Long Thành"
    )
    services.add_replication(model, actor=accounts["officer"], year=2024, count=2, place=org_tree["people"])
    assert model.replication_count == 5
    with pytest.raises(PermissionDenied):
        services.set_published(model, True, actor=accounts["officer"])
    with pytest.raises(PermissionDenied):
        services.set_published(model, True, actor=accounts["leader"])
    services.set_published(model, True, actor=accounts["coordinator"])
    model.refresh_from_db()
    assert model.published and model.published_at is not None


def test_officers_register_only_in_their_scope(accounts, org_tree):
    with pytest.raises(ValidationError) as error:
        _model(accounts["other_officer"], org_tree["interior"])
    assert error.value.message_dict["unit"] == [
        "Chỉ được đăng ký mô hình của đơn vị mình hoặc đơn vị trực thuộc."
    ]
    with pytest.raises(PermissionDenied):
        _model(accounts["leader"], org_tree["interior"])
    model = _model(accounts["officer"], org_tree["interior"])
    with pytest.raises(PermissionDenied):
        services.update_model(model, actor=accounts["other_officer"], name="Khác")


def test_visibility_search_and_filters(client, accounts, org_tree):
    hidden = _model(accounts["officer"], org_tree["interior"], name="Dân vận khéo ở khu phố")
    shown = _model(
        accounts["coordinator"], org_tree["board"], name="Tuyên truyền bằng loa", field="culture_society"
    )
    services.set_published(shown, True, actor=accounts["coordinator"])

    def names(who):
        return sorted(ExemplaryModel.objects.visible_to(accounts[who]).values_list("name", flat=True))  # noqa

    assert names("other_officer") == ["Tuyên truyền bằng loa"]
    assert names("officer") == ["Dân vận khéo ở khu phố", "Tuyên truyền bằng loa"]
    assert list(ExemplaryModel.objects.search("dan van KHEO khu pho")) == [hidden]
    client.force_login(accounts["leader"])
    html = client.get(reverse("movement:model_list") + "?field=culture_society").content.decode()
    assert "Tuyên truyền bằng loa" in html and "khu phố" not in html
    client.force_login(accounts["other_officer"])
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(reverse("movement:model_edit", args=[shown.pk])).status_code == 403


def test_publish_over_http_is_for_the_board(client, accounts, org_tree):
    model = _model(accounts["officer"], org_tree["interior"])
    url = reverse("movement:model_publish", args=[model.pk])
    client.force_login(accounts["officer"])
    assert client.post(url, {"published": "1"}).status_code == 403
    client.force_login(accounts["coordinator"])
    response = client.post(url, {"published": "1"}, follow=True)
    assert "Đã đăng trên cổng thông tin." in response.content.decode()


def test_list_query_count(client, accounts, org_tree, django_assert_max_num_queries):
    for i in range(15):
        _model(accounts["coordinator"], org_tree["board"], name=f"Mô hình {i}")
    client.force_login(accounts["leader"])
    with django_assert_max_num_queries(10):
        assert client.get(reverse("movement:model_list")).status_code == 200


def test_evidence_is_downloaded_through_the_scope_check(client, accounts, org_tree, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    model = _model(accounts["officer"], org_tree["interior"])
    pdf = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n%model\n", content_type="application/pdf")
    evidence = services.add_model_evidence(model, actor=accounts["officer"], upload=pdf)
    url = reverse("movement:model_evidence", args=[evidence.pk])
    assert evidence.get_absolute_url() == url
    client.force_login(accounts["officer"])
    page = client.get(model.get_absolute_url()).content.decode()
    assert f'href="{url}"' in page and "/media/" not in page
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n%model\n"
    assert 'filename="bien-ban.pdf"' in response["Content-Disposition"]
    client.force_login(accounts["other_officer"])  # Ban Tổ chức: not above Sở Nội vụ
    assert client.get(url).status_code == 404
    services.set_published(model, True, actor=accounts["coordinator"])
    assert client.get(url).status_code == 200  # published models are visible to every officer
    client.logout()
    assert client.get(url).status_code == 302


def test_the_unit_is_linked_only_for_who_may_open_its_page(client, accounts, org_tree):
    model = _model(accounts["coordinator"], org_tree["board"], name="Tuyên truyền bằng loa")
    services.set_published(model, True, actor=accounts["coordinator"])
    unit_page = f'href="{org_tree["board"].get_absolute_url()}"'
    client.force_login(accounts["coordinator"])
    assert unit_page in client.get(model.get_absolute_url()).content.decode()
    client.force_login(accounts["other_officer"])  # Ban Tổ chức: sees the published model, not the Board
    html = client.get(model.get_absolute_url()).content.decode()
    assert "<dd>Ban Dân vận Tỉnh ủy</dd>" in html and unit_page not in html
    assert client.get(org_tree["board"].get_absolute_url()).status_code == 404
