"""Navigation by role, grouped into a short menu.

Each app declares its menu entries on its AppConfig as `navigation = [(order, url_name, label,
permission or None)]`; an entry is shown only to users who hold its permission. Entries are
grouped by the URL namespace (MENU_GROUPS); a group with one visible entry is a plain link.
"""

import logging

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# (group label, URL namespaces or exact URL names it holds), in menu order.
MENU_GROUPS = [
    (_("Work"), ("core:home", "tracking")),
    (_("Plans"), ("plans", "documents")),
    (_("Reports"), ("reporting",)),
    (_("Indicators and movement"), ("indicators", "movement")),
    (_("Citizens"), ("citizens", "portal")),
    (_("System"), ("orgs", "core:audit")),
]


def _group_of(url_name: str) -> int:
    namespace = url_name.split(":", 1)[0]
    for index, (_label, members) in enumerate(MENU_GROUPS):
        if url_name in members or namespace in members:
            return index
    return len(MENU_GROUPS) - 1


def _entries() -> list[tuple]:
    entries = []
    for config in apps.get_app_configs():
        entries.extend(getattr(config, "navigation", ()))
    return sorted(entries, key=lambda entry: (_group_of(entry[1]), entry[0]))


def _visible_items(request, user) -> list[dict]:
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
        items.append({"url": url, "label": label, "active": active, "group": _group_of(url_name)})
    if user.is_staff:
        items.append(
            {
                "url": reverse("admin:index"),
                "label": _("Administration"),
                "active": False,
                "group": len(MENU_GROUPS) - 1,
            }
        )
    return items


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "nav_groups": []}
    items = _visible_items(request, user)
    groups = []
    for index, (label, _members) in enumerate(MENU_GROUPS):
        members = [item for item in items if item["group"] == index]
        if members:
            groups.append({"label": label, "items": members, "active": any(i["active"] for i in members)})
    return {"nav_items": items, "nav_groups": groups}
