"""Every list shows the nearest page for a page number that is not one, below 1 or past the end."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone

from danvan.core.models import AuditEntry
from danvan.core.pagination import page_number


@pytest.mark.parametrize(
    ("raw", "shown"),
    [("abc", 1), ("-1", 1), ("0", 1), ("", 1), (None, 1), ("2", 2), ("99999", 3), ("last", 3)],
)
def test_page_number(raw, shown):
    assert page_number(Paginator(range(25), 10), raw) == shown


def test_audit_list_shows_first_or_last_page_instead_of_404(client, accounts):
    unit_type = ContentType.objects.get_by_natural_key("orgs", "orgunit")
    AuditEntry.objects.bulk_create(
        AuditEntry(
            content_type=unit_type,
            object_id="1",
            object_repr=f"Bản ghi {n}",
            action="~",
            actor_label="cli",
            at=timezone.now(),
            changes=[],
        )
        for n in range(60)
    )
    client.force_login(accounts["coordinator"])
    last = -(-AuditEntry.objects.count() // 50)
    for raw, shown in (("abc", 1), ("-1", 1), ("99999", last)):
        response = client.get(reverse("core:audit"), {"page": raw})
        assert response.status_code == 200, raw
        assert response.context["page_obj"].number == shown
        assert f"Trang {shown} / {last}" in response.content.decode()


def test_other_apps_lists_show_a_page_for_bad_numbers(client, accounts):
    for raw in ("abc", "-1", "99999"):
        assert client.get(reverse("portal:models"), {"page": raw}).status_code == 200
    client.force_login(accounts["coordinator"])
    for raw in ("abc", "-1", "99999"):
        response = client.get(reverse("documents:document_list"), {"page": raw})
        assert (response.status_code, response.context["page_obj"].number) == (200, 1)
