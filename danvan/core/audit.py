"""Audit trail: every history row written by django-simple-history becomes an AuditEntry.

Code outside a request (commands, jobs) declares its actor with `acting_as("cli")`.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal
from enum import Enum

from django.contrib.contenttypes.models import ContentType
from django.dispatch import receiver
from simple_history.signals import post_create_historical_record

from .models import AuditAction, AuditEntry

_actor_label: ContextVar[str | None] = ContextVar("danvan_actor_label", default=None)


@contextmanager
def acting_as(label: str) -> Iterator[None]:
    """Attribute the changes made inside the block to a non-person actor such as "cli" or "job"."""
    token = _actor_label.set(label)
    try:
        yield
    finally:
        _actor_label.reset(token)


def _plain(value: object) -> object:
    """A value as JSON keeps it: a list of choices stays a list of their values, not its repr."""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _changes(history_row) -> list[dict]:
    fields = [f.attname for f in history_row.tracked_fields if f.attname not in ("created_at", "updated_at")]
    if history_row.history_type == "+":
        return [{"field": f, "old": None, "new": _plain(getattr(history_row, f, None))} for f in fields]
    if history_row.history_type == "-":
        return [{"field": f, "old": _plain(getattr(history_row, f, None)), "new": None} for f in fields]
    previous = history_row.prev_record
    if previous is None:
        return [{"field": f, "old": None, "new": _plain(getattr(history_row, f, None))} for f in fields]
    delta = history_row.diff_against(previous)
    return [{"field": c.field, "old": _plain(c.old), "new": _plain(c.new)} for c in delta.changes]


@receiver(post_create_historical_record)
def record_audit_entry(sender, instance, history_instance, history_user=None, **kwargs) -> None:
    changes = _changes(history_instance)
    if history_instance.history_type == "~" and not changes:
        return
    user = history_instance.history_user
    label = _actor_label.get() or (user.get_username() if user else "system")
    scope = getattr(instance, "audit_scope_path", None)
    AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        action=AuditAction(history_instance.history_type),
        actor=user,
        actor_label=label,
        at=history_instance.history_date,
        changes=changes,
        scope_path=(scope() if callable(scope) else scope) or "",
    )
