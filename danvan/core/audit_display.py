"""The audit trail as a person reads it: translated field names, choice labels, the names of related
records instead of their ids, and the actor of a command or job in words.

`audit_lines(entries)` prepares a whole table at once: the related records that a page of entries names
are read with one query per related model, never one per row.
"""

import json
import re
from collections import defaultdict
from datetime import date, datetime

from django.core.exceptions import FieldDoesNotExist
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

HIDDEN_FIELDS = {"id", "password", "last_login", "source_sha256"}  # a fingerprint means nothing to a reader

# The actors that are not a person (`core.audit.acting_as`, citizens' intake).
ACTOR_NAMES = {
    "cli": gettext_lazy("System (management command)"),
    "job": gettext_lazy("System (background job)"),
    "system": gettext_lazy("System"),
}

# A list of choices recorded before lists were stored as values: "[OrgKind.PARTY_BOARD, …]".
LEGACY_LIST_RE = re.compile(r"\[(?:[A-Z]\w*\.[A-Z][A-Z0-9_]*(?:, )?)*\]")


def actor_name(label: str) -> str:
    """The actor of an entry as shown: a user name, or "Hệ thống (lệnh quản trị)" for a command."""
    name = ACTOR_NAMES.get(label)
    return str(name) if name is not None else label


def actor_labels_matching(text: str) -> list[str]:
    """The stored actor labels whose shown name contains `text` (the audit search by actor)."""
    text = text.casefold()
    return [label for label, name in ACTOR_NAMES.items() if text in str(name).casefold()]


def model_field(model, name: str):
    for candidate in (name, name.removesuffix("_id")):
        try:
            return model._meta.get_field(candidate)
        except FieldDoesNotExist:
            continue
    return None


def field_label(field) -> str:
    """The field's verbose name; for a field declared without one (Django then makes "created by" of
    `created_by`), the catalogs' words for that name, else the related model's name."""
    if field._verbose_name is not None:
        return str(field.verbose_name)
    translated = _(field.verbose_name)
    if translated != field.verbose_name or not field.is_relation:
        return translated
    return str(field.related_model._meta.verbose_name)


def _is_reference(field) -> bool:
    return field is not None and (field.many_to_one or field.one_to_one) and field.related_model is not None


def _list_choices(field):
    """The choice class of a list's items: a JSON list has no choices of its own, so its model names
    them in `audit_list_choices` ({field name: choice class})."""
    return getattr(field.model, "audit_list_choices", {}).get(field.name) if field is not None else None


def _list_display(field, values: list) -> str:
    choices = _list_choices(field)
    return ", ".join(_list_item_display(value, choices) for value in values)


def _list_item_display(value, choices) -> str:
    if not isinstance(value, str | int):  # an object of a JSON list: as stored
        return json.dumps(value, ensure_ascii=False)
    if choices is not None:
        if value in choices.values:
            return str(choices(value).label)
        member = str(value).rpartition(".")[2]  # a legacy "OrgKind.PARTY_BOARD"
        if member in choices.__members__:
            return str(choices[member].label)
    return str(value)


def _date_display(value: str) -> str:
    try:
        parsed = datetime.fromisoformat(value) if len(value) > 10 else date.fromisoformat(value)
    except ValueError:
        return value
    if isinstance(parsed, datetime):
        parsed = timezone.localtime(parsed) if timezone.is_aware(parsed) else parsed
        return formats.date_format(parsed, "d/m/Y H:i")
    return formats.date_format(parsed, "d/m/Y")


def value_display(field, value, names: dict) -> str | None:
    """A stored audit value as a person reads it: the related record's name, choice labels, Có/Không,
    dd/mm/yyyy dates. `names` maps (related model, key) to the name read by `_related_names`."""
    if value is None or value == "" or value == []:
        return None
    if _is_reference(field):
        key = (field.related_model, _reference_key(field, value))
        return names.get(key) or str(value)  # a record gone, or one the viewer may not see
    if isinstance(value, list):
        return _list_display(field, value)
    if isinstance(value, str) and LEGACY_LIST_RE.fullmatch(value):
        return _list_display(field, value[1:-1].split(", ") if value != "[]" else [])
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        return _date_display(value)
    return str(value)


def _reference_key(field, value):
    try:
        return field.target_field.to_python(value)
    except Exception:  # noqa: BLE001  (a value the field no longer reads is shown as it was stored)
        return value


def _entry_fields(entry) -> list[tuple[dict, object]]:
    """(change, model field or None) for each shown change of an entry."""
    model = entry.content_type.model_class()
    pairs = []
    for change in entry.changes:
        name = change.get("field", "")
        if name not in HIDDEN_FIELDS:
            pairs.append((change, model_field(model, name) if model else None))
    return pairs


def _related_names(changes: list[tuple[dict, object]], viewer) -> dict:
    """The names (str) of the records the changes refer to, one query per related model; of a model
    with a scope (`visible_to`), only those the viewer may see: the others keep their id."""
    wanted = defaultdict(set)
    for change, field in changes:
        if _is_reference(field):
            keys = wanted[(field.related_model, field.target_field.attname)]
            for value in (change.get("old"), change.get("new")):
                if value not in (None, ""):
                    keys.add(_reference_key(field, value))
    names = {}
    for (model, attname), keys in wanted.items():
        records = model._default_manager.all()
        if hasattr(records, "visible_to"):
            records = records.visible_to(viewer)
        for record in records.filter(**{f"{attname}__in": keys}):
            name = record.get_full_name() if hasattr(record, "get_full_name") else str(record)  # a person
            names[(model, getattr(record, attname))] = name
    return names


def _rows(pairs: list[tuple[dict, object]], names: dict) -> list[dict]:
    rows = []
    for change, field in pairs:
        old = value_display(field, change.get("old"), names)
        new = value_display(field, change.get("new"), names)
        if old is None and new is None:
            continue
        label = field_label(field) if field is not None else change.get("field", "")
        rows.append({"label": label, "old": old, "new": new})
    return rows


def audit_lines(entries, *, viewer, with_changes: bool = True) -> list[tuple[object, str, list[dict]]]:
    """(entry, actor name, changed fields) for each entry of a table, as `viewer` may read it; empty
    values of a creation are left out."""
    entries = list(entries)
    pairs = [_entry_fields(entry) if with_changes else [] for entry in entries]
    names = _related_names([pair for entry_pairs in pairs for pair in entry_pairs], viewer)
    return [
        (entry, actor_name(entry.actor_label), _rows(entry_pairs, names))
        for entry, entry_pairs in zip(entries, pairs, strict=True)
    ]
