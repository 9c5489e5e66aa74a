"""Template helpers of the UI shell: `{% load danvan_ui %}`."""

from datetime import date, datetime

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from danvan.core.permissions import path_in_scope

register = template.Library()

HIDDEN_FIELDS = {"id", "password", "last_login"}


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


def _field(model, name: str):
    for candidate in (name, name.removesuffix("_id")):
        try:
            return model._meta.get_field(candidate)
        except FieldDoesNotExist:
            continue
    return None


def _display(field, value) -> str | None:
    """A stored audit value as a person reads it: choice labels, Có/Không, dd/mm/yyyy dates."""
    if value is None or value == "":
        return None
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            parsed = datetime.fromisoformat(value) if len(value) > 10 else date.fromisoformat(value)
        except ValueError:
            return value
        if isinstance(parsed, datetime):
            parsed = timezone.localtime(parsed) if timezone.is_aware(parsed) else parsed
            return formats.date_format(parsed, "d/m/Y H:i")
        return formats.date_format(parsed, "d/m/Y")
    return str(value)


@register.simple_tag
def change_rows(entry) -> list[dict]:
    """The changed fields of an AuditEntry with translated labels; empty values of a creation are left out."""
    model = entry.content_type.model_class()
    rows = []
    for change in entry.changes:
        name = change.get("field", "")
        if name in HIDDEN_FIELDS:
            continue
        field = _field(model, name) if model else None
        old, new = _display(field, change.get("old")), _display(field, change.get("new"))
        if old is None and new is None:
            continue
        label = str(field.verbose_name) if field is not None else name
        rows.append({"label": label, "old": old, "new": new})
    return rows
