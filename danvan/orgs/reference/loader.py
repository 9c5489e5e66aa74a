"""Bring the database in line with the reference data, idempotently and in one transaction.

Units are found by `key`. A unit that is missing is created (`services.create_unit`); one that
exists gets its descriptive fields and missing aliases brought in line (aliases added by people
are kept). An event is recognized by its successions (kind, date, predecessor, successor): if all
are recorded it is left alone, otherwise it is applied through the services (`rename_unit`,
`merge_units`, `split_unit`, `dissolve_unit`), which close the predecessors, record the OrgEvent
and its OrgSuccession rows and move open sub-units. So a second run writes nothing: no new rows,
no history rows, no audit entries.

Audit: every write goes through ordinary saves, so simple-history writes a history row and
`core.audit` an AuditEntry attributed to "cli" for each, exactly as for a change made by hand.
The whole first load (~800 units) takes a few seconds on SQLite, so no bulk path is needed.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from danvan.core.audit import acting_as
from danvan.core.text import fold
from danvan.orgs import services
from danvan.orgs.choices import OrgEventKind, OrgKind
from danvan.orgs.models import OrgAlias, OrgSuccession, OrgUnit

from .specs import EventSpec, ReferenceData, UnitSpec, alias_names, ambiguous_aliases

FIELDS = ("kind", "name", "short_name", "code", "code_source", "valid_from")


class ReferenceDataError(Exception):
    """The database holds a state the reference data cannot be reconciled with."""


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    events_created: int = 0
    events_unchanged: int = 0
    skipped_aliases: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.events_created)


class _Rollback(Exception):
    pass


class Loader:
    def __init__(self, data: ReferenceData, *, warn: Callable[[str], None] | None = None) -> None:
        self.data = data
        self.warn = warn or (lambda message: None)
        self.result = LoadResult()
        self.ambiguous = ambiguous_aliases(data.all_units())
        self.created_keys: set[str] = set()
        self.retargets: list[tuple[date, str, str]] = []

    # --- entry point --------------------------------------------------------------------------

    def run(self, *, dry_run: bool = False) -> LoadResult:
        started = time.perf_counter()
        try:
            with transaction.atomic(), acting_as("cli"):
                self._load()
                if dry_run:
                    raise _Rollback
        except _Rollback:
            pass
        self.result.seconds = time.perf_counter() - started
        return self.result

    def _load(self) -> None:
        self.by_key = OrgUnit.objects.in_bulk(field_name="key")
        self.alias_owner = dict(OrgAlias.objects.values_list("normalized", "unit__key"))
        self.recorded = {
            (kind, on, old, new)
            for kind, on, old, new in OrgSuccession.objects.values_list(
                "event__kind", "event__date", "predecessor__key", "successor__key"
            )
        }
        for spec in self.data.units:
            self._ensure(spec)
        day = None
        for event in self.data.events:
            if day is not None and event.on != day:
                self._flush_retargets()
            day = event.on
            self._apply(event)
        self._flush_retargets()
        fresh = OrgUnit.objects.in_bulk(field_name="key")
        for event in self.data.events:
            for spec in event.opens:
                if spec.key not in self.created_keys:
                    self._reconcile(spec, fresh[spec.key])

    # --- units --------------------------------------------------------------------------------

    def _unit(self, key: str | None) -> OrgUnit | None:
        if key is None:
            return None
        try:
            return self.by_key[key]
        except KeyError:
            raise ReferenceDataError(f"Reference data names an unknown unit key: {key}") from None

    def _aliases(self, spec: UnitSpec) -> list[str]:
        """The spec's aliases that are unambiguous and not already someone else's."""
        names = []
        for name in alias_names(spec):
            folded = fold(name)
            owner = self.alias_owner.get(folded)
            if folded in self.ambiguous:
                self._skip(f"{name} ({spec.key}): claimed by {', '.join(self.ambiguous[folded])}")
            elif owner is not None and owner != spec.key:
                self._skip(f"{name} ({spec.key}): already an alias of {owner}")
            elif owner is None:
                names.append(name)
        return names

    def _skip(self, message: str) -> None:
        if message not in self.result.skipped_aliases:
            self.result.skipped_aliases.append(message)
            self.warn(f"alias skipped: {message}")

    def _values(self, spec: UnitSpec) -> dict:
        return {
            "kind": spec.kind,
            "name": spec.name,
            "short_name": spec.short_name,
            "code": spec.code,
            "code_source": spec.code_source,
        }

    def _created(self, unit: OrgUnit, aliases: list[str]) -> None:
        self.by_key[unit.key] = unit
        self.created_keys.add(unit.key)
        for name in aliases:
            self.alias_owner[fold(name)] = unit.key
        self.result.created += 1

    def _ensure(self, spec: UnitSpec) -> OrgUnit:
        unit = self.by_key.get(spec.key)
        if unit is not None:
            self._reconcile(spec, unit)
            return unit
        aliases = self._aliases(spec)
        unit = services.create_unit(
            key=spec.key,
            aliases=aliases,
            parent=self._unit(spec.parent),
            territory=self._unit(spec.territory),
            valid_from=spec.valid_from,
            **self._values(spec),
        )
        self._created(unit, aliases)
        return unit

    def _reconcile(self, spec: UnitSpec, unit: OrgUnit) -> None:
        """Bring descriptive fields and aliases in line; parent, territory and validity follow events."""
        wanted = self._values(spec) | {"valid_from": spec.valid_from}
        changed = [name for name in FIELDS if getattr(unit, name) != wanted[name]]
        for name in changed:
            setattr(unit, name, wanted[name])
        if changed:
            unit.save(update_fields=[*changed, "updated_at"])
        missing = self._aliases(spec)
        if missing:
            services.add_aliases(unit, missing)
            for name in missing:
                self.alias_owner[fold(name)] = unit.key
        elif changed:
            unit.refresh_search_text()
        if changed or missing:
            self.result.updated += 1
        else:
            self.result.unchanged += 1

    # --- events -------------------------------------------------------------------------------

    def _pairs(self, event: EventSpec) -> set[tuple]:
        return {(event.kind, event.on, old, new) for old in event.predecessors for new in event.successors}

    def _apply(self, event: EventSpec) -> None:
        pairs = self._pairs(event)
        present = pairs & self.recorded
        if present == pairs:
            self.result.events_unchanged += (
                1 if event.kind != OrgEventKind.DISSOLVE else len(event.predecessors)
            )
            return
        if present:
            raise ReferenceDataError(
                f"The {event.kind} of {', '.join(event.predecessors)} on {event.on} is only partly recorded; "
                "fix it by hand (the reference data changed after it was loaded)."
            )
        olds = self._fresh(event.predecessors)
        if event.kind == OrgEventKind.RENAME:
            (spec,) = event.opens
            aliases = self._aliases(spec)
            parent = self._unit(spec.parent) if spec.parent else olds[0].parent
            new = services.rename_unit(
                olds[0],
                on=event.on,
                legal_basis=event.legal_basis,
                note=event.note,
                key=spec.key,
                parent=parent,
                territory=self._unit(spec.territory),
                aliases=aliases,
                **self._values(spec),
            )
            self._created(new, aliases)
        else:
            for spec in event.opens:
                self._ensure(spec)
            news = self._fresh(event.successors)
            if event.kind == OrgEventKind.MERGE:
                (into,) = news
                services.merge_units(
                    olds, on=event.on, legal_basis=event.legal_basis, note=event.note, into=into
                )
            elif event.kind == OrgEventKind.SPLIT:
                (old,) = olds
                services.split_unit(
                    old, on=event.on, parts=news, legal_basis=event.legal_basis, note=event.note
                )
            elif event.kind == OrgEventKind.DISSOLVE:
                for old in olds:
                    services.dissolve_unit(
                        old, on=event.on, successors=news, legal_basis=event.legal_basis, note=event.note
                    )
            else:
                raise ReferenceDataError(f"Unsupported event kind in reference data: {event.kind}")
        self.recorded |= pairs
        self.result.events_created += 1 if event.kind != OrgEventKind.DISSOLVE else len(event.predecessors)
        self.retargets += [(event.on, old, new) for old, new in event.retarget]

    def _fresh(self, keys: tuple[str, ...]) -> list[OrgUnit]:
        """Units as they are now (earlier events may have moved or closed them), in the given order."""
        units = OrgUnit.objects.in_bulk(list(keys), field_name="key")
        missing = [k for k in keys if k not in units]
        if missing:
            raise ReferenceDataError(f"Reference data names unknown unit keys: {', '.join(missing)}")
        self.by_key.update(units)
        return [units[k] for k in keys]

    def _flush_retargets(self) -> None:
        """Point the open bodies of a renamed territory at its successor, once the day's events are in."""
        for on, old, new in self.retargets:
            target = self._fresh((new,))[0]
            bodies = (
                OrgUnit.objects.active(on)
                .filter(territory__key=old)
                .exclude(kind__in=OrgKind.administrative())
            )
            for body in bodies:
                body.territory = target
                body.save(update_fields=["territory", "updated_at"])
        self.retargets = []


def load(data: ReferenceData | None = None, *, dry_run: bool = False, warn=None) -> LoadResult:
    """Load (or re-check) the whole reference data set; see the module docstring."""
    from . import build

    return Loader(data or build(), warn=warn).run(dry_run=dry_run)
