"""Navigation by role.

Each app declares its menu entries on its AppConfig as `navigation = [(order, url_name, label,
permission or None)]`; an entry is shown only to users who hold its permission.
"""

import logging

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


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
        try:
            url = reverse(url_name)
        except NoReverseMatch:  # an app declared a menu entry before its page exists
            logger.warning("Menu entry %s has no URL; skipped.", url_name)
            continue
        active = request.path == url if url == "/" else request.path.startswith(url)
        items.append({"url": url, "label": label, "active": active})
    if user.is_staff:
        items.append({"url": reverse("admin:index"), "label": _("Administration"), "active": False})
    return {"nav_items": items}
