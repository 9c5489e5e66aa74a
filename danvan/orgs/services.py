"""Rules for org units: creation with aliases, and their history (rename, merger, split).

The history answers two questions for any unit: which unit held its responsibility on a date
(`holders_on`) and who holds it now (`current_holders`); open work follows `current_holders`.
"""

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.text import fold

from .choices import OrgEventKind
from .models import OrgAlias, OrgEvent, OrgSuccession, OrgUnit

UNIT_FIELDS = ("kind", "parent", "territory", "name", "short_name", "code", "code_source")


def _check_aliases(names: Sequence[str], *, unit: OrgUnit | None = None) -> list[str]:
    """Reject an alias written twice in the input or already held by another unit."""
    cleaned, seen = [], set()
    for name in (n.strip() for n in names):
        if not name:
            continue
        key = fold(name)
        if key in seen:
            raise ValidationError(_("The alias “%(alias)s” is listed twice.") % {"alias": name})
        seen.add(key)
        owner = OrgAlias.objects.filter(normalized=key).select_related("unit").first()
        if owner and owner.unit != unit:
            raise ValidationError(
                _("The alias “%(alias)s” is already used by “%(unit)s”. Choose another alias.")
                % {"alias": name, "unit": owner.unit.name}
            )
        if owner is None:
            cleaned.append(name)
    return cleaned


@transaction.atomic
def add_aliases(unit: OrgUnit, names: Sequence[str]) -> list[OrgAlias]:
    """Attach aliases to a unit; aliases it already has are kept, others' aliases are refused."""
    created = [OrgAlias.objects.create(unit=unit, name=n) for n in _check_aliases(names, unit=unit)]
    unit.refresh_search_text()
    return created


@transaction.atomic
def create_unit(*, key: str, kind: str, name: str, aliases: Sequence[str] = (), **fields) -> OrgUnit:
    """Create one unit with its aliases; nothing is saved when any part is invalid."""
    unit = OrgUnit(key=key, kind=kind, name=name, **fields)
    unit.full_clean()
    unit.save()
    add_aliases(unit, aliases)
    return unit


def _close(units: Iterable[OrgUnit], on: date) -> None:
    for unit in units:
        if unit.valid_to is not None and unit.valid_to < on - timedelta(days=1):
            raise ValidationError(
                _("“%(unit)s” already ended on %(date)s.")
                % {"unit": unit.name, "date": f"{unit.valid_to:%d/%m/%Y}"}
            )
        unit.valid_to = on - timedelta(days=1)
        unit.save(update_fields=["valid_to", "updated_at"])


def _record(
    kind: str, on: date, legal_basis: str, pairs: Iterable[tuple[OrgUnit, OrgUnit]], note=""
) -> OrgEvent:
    event = OrgEvent.objects.create(kind=kind, date=on, legal_basis=legal_basis, note=note)
    for old, new in pairs:
        OrgSuccession.objects.create(event=event, predecessor=old, successor=new)
    return event


def _move_open_children(olds: Iterable[OrgUnit], new: OrgUnit, on: date) -> None:
    for child in OrgUnit.objects.filter(parent__in=list(olds)).active(on).exclude(pk=new.pk):
        child.parent = new
        child.save()


def _successor_from(template: OrgUnit, on: date, values: dict) -> OrgUnit:
    fields = {f: getattr(template, f) for f in UNIT_FIELDS} | {"code": ""} | values
    aliases = fields.pop("aliases", ())
    key = fields.pop("key", None) or f"{template.key}-{on:%Y%m%d}"
    return create_unit(key=key, valid_from=on, aliases=aliases, **fields)


@transaction.atomic
def rename_unit(
    unit: OrgUnit, *, on: date, name: str, legal_basis: str = "", note: str = "", **values
) -> OrgUnit:
    """Close `unit` the day before `on` and open its renamed successor; open sub-units follow it."""
    _close([unit], on)
    new = _successor_from(unit, on, {"name": name, **values})
    _record(OrgEventKind.RENAME, on, legal_basis, [(unit, new)], note=note)
    _move_open_children([unit], new, on)
    return new


@transaction.atomic
def merge_units(
    units: Sequence[OrgUnit],
    *,
    on: date,
    legal_basis: str = "",
    into: OrgUnit | None = None,
    note: str = "",
    **values,
) -> OrgUnit:
    """Close every unit in `units` and pass their responsibilities to `into` (or a new unit)."""
    if len(units) < 1:
        raise ValidationError(_("A merger needs at least one unit to merge."))
    _close([u for u in units if u != into], on)
    new = into or _successor_from(units[0], on, values)
    _record(OrgEventKind.MERGE, on, legal_basis, [(u, new) for u in units if u != new], note=note)
    _move_open_children(units, new, on)
    return new


@transaction.atomic
def split_unit(
    unit: OrgUnit, *, on: date, parts: Sequence[OrgUnit | dict], legal_basis: str = "", note: str = ""
) -> list[OrgUnit]:
    """Close `unit` and divide its responsibilities among existing or new units."""
    if len(parts) < 2:
        raise ValidationError(_("A split needs at least two resulting units."))
    _close([unit], on)
    news = [p if isinstance(p, OrgUnit) else _successor_from(unit, on, p) for p in parts]
    _record(OrgEventKind.SPLIT, on, legal_basis, [(unit, n) for n in news], note=note)
    return news


def direct_successors(unit: OrgUnit) -> list[OrgUnit]:
    return [link.successor for link in unit.successor_links.select_related("successor")]


def direct_predecessors(unit: OrgUnit) -> list[OrgUnit]:
    return [link.predecessor for link in unit.predecessor_links.select_related("predecessor")]


def current_holders(unit: OrgUnit, on: date | None = None) -> list[OrgUnit]:
    """Who holds the unit's responsibilities on `on` (today): the unit itself, or its open successors."""
    on = on or timezone.localdate()
    found, frontier, seen = [], [unit], set()
    while frontier:
        current = frontier.pop(0)
        if current.pk in seen:
            continue
        seen.add(current.pk)
        if current.valid_to is None or current.valid_to >= on:
            found.append(current)
        else:
            frontier.extend(direct_successors(current))
    return found


def holders_on(unit: OrgUnit, on: date) -> list[OrgUnit]:
    """Which unit(s) of this unit's lineage held the responsibility on date `on`."""
    if _active_on(unit, on):
        return [unit]
    step = direct_predecessors if unit.valid_from and on < unit.valid_from else direct_successors
    found, frontier, seen = [], step(unit), {unit.pk}
    while frontier:
        current = frontier.pop(0)
        if current.pk in seen:
            continue
        seen.add(current.pk)
        if _active_on(current, on):
            found.append(current)
        else:
            frontier.extend(step(current))
    return found


def _active_on(unit: OrgUnit, on: date) -> bool:
    return (unit.valid_from is None or unit.valid_from <= on) and (
        unit.valid_to is None or unit.valid_to >= on
    )


@transaction.atomic
def dissolve_unit(
    unit: OrgUnit, *, on: date, successors: Sequence[OrgUnit] = (), legal_basis: str = "", note: str = ""
) -> OrgEvent:
    """Close `unit` the day before `on` because its level or body ends (not renamed, merged or split).

    `successors` are the units that take over its remaining responsibilities, so that open work
    still has a current holder; the unit's open sub-units must be closed or moved first.
    """
    if OrgUnit.objects.filter(parent=unit).active(on).exists():
        raise ValidationError(
            _("“%(unit)s” still has open sub-units; close or move them first.") % {"unit": unit.name}
        )
    _close([unit], on)
    return _record(OrgEventKind.DISSOLVE, on, legal_basis, [(unit, s) for s in successors], note=note)
