"""Navigation by role.

Each app declares its menu entries on its AppConfig as `navigation = [(order, url_name, label,
permission or None)]`; an entry is shown only to users who hold its permission.
"""

from django.apps import apps
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def _entries() -> list[tuple]:
    entries = []
    for config in apps.get_app_configs():
        entries.extend(getattr(config, "navigation", ()))
    return sorted(entries, key=lambda entry: entry[0])


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for _order, url_name, label, perm in _entries():
        if perm and not user.has_perm(perm):
            continue
        url = reverse(url_name)
        active = request.path == url if url == "/" else request.path.startswith(url)
        items.append({"url": url, "label": label, "active": active})
    if user.is_staff:
        items.append({"url": reverse("admin:index"), "label": _("Administration"), "active": False})
    return {"nav_items": items}
