"""Template helpers of the UI shell: `{% load danvan_ui %}`."""

from django import template
from django.contrib.auth.models import AnonymousUser
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from danvan.core import audit_display
from danvan.core.permissions import path_in_scope

register = template.Library()


@register.simple_tag(takes_context=True)
def unit_link(context, unit, label=""):
    """A unit's name (or `label`), linked to the unit's page only for a user who may open it: for anyone
    else the page answers 404, so the name is shown as plain text."""
    text = label or unit.name
    request = context.get("request")
    if request is not None and path_in_scope(request.user, unit.path):
        return format_html('<a href="{}">{}</a>', unit.get_absolute_url(), text)
    return text


@register.simple_tag(takes_context=True)
def visible_link(context, record, label="", hidden=None):
    """A record's name (or `label`), linked to its page only when its model's `visible_to` lets the user
    open it (one query): for anyone else the page answers 404, so they get the name as plain text, or
    `hidden` in its place when the name itself is not theirs to read."""
    text = label or str(record)
    request = context.get("request")
    visible = type(record)._default_manager.visible_to(request.user) if request is not None else None
    if visible is not None and visible.filter(pk=record.pk).exists():
        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), text)
    return text if hidden is None else hidden


@register.simple_tag(takes_context=True)
def filter_summary(context):
    """The title of a list's filter fold (`<details class="filter-fold">`): on a phone the filters fold
    away above the results, and the title says how many of them are in use."""
    query = context["request"].GET
    in_use = sum(1 for key, values in query.lists() if key != "page" and any(values))
    label = ngettext("Filters (%(n)s in use)", "Filters (%(n)s in use)", in_use) % {"n": in_use}
    return format_html("<summary>{}</summary>", label if in_use else _("Filters"))


@register.filter
def record_type(entry) -> str:
    """The translated name of the kind of record an AuditEntry is about ("đơn vị", "tài khoản")."""
    model = entry.content_type.model_class()
    return str(model._meta.verbose_name) if model else entry.content_type.model


@register.simple_tag(takes_context=True)
def audit_lines(context, entries, compact=False) -> list[tuple]:
    """(entry, actor name, changed fields) for each row of an audit table, the names of the related
    records the viewer may see read once for the whole table; a compact table (no changes column)
    reads no related record."""
    viewer = context.get("user") or AnonymousUser()
    return audit_display.audit_lines(entries, viewer=viewer, with_changes=not compact)


@register.filter
def actor_name(label: str) -> str:
    """An actor label as shown: "cli" reads "Hệ thống (lệnh quản trị)"."""
    return audit_display.actor_name(label)
