"""Plain descriptions of reference units and organizational events, before they touch the database.

The reference modules (`bodies`, `admin_units`) describe *what* the registry should hold; the
loader (`loader`) turns these descriptions into rows through `danvan.orgs.services`, so that the
same rules (history, aliases, audit) apply to reference data and to hand-made changes.
"""

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.utils.text import slugify

from danvan.core.text import fold
from danvan.orgs.choices import OrgKind


def slug(*parts: str) -> str:
    """A stable ASCII key from Vietnamese words: slug("Phường", "Trấn Biên") → "phuong-tran-bien"."""
    return slugify(fold(" ".join(p for p in parts if p)))


# Telex letters for the five tone marks, so that names differing only by tone get distinct keys.
_TONES = {"\u0300": "f", "\u0301": "s", "\u0309": "r", "\u0303": "x", "\u0323": "j"}


def tone_slug(name: str) -> str:
    """Like `slug`, keeping tones as Telex letters: "Xã Lộc Thành" → "xax-locj-thanhf"."""
    words = []
    for word in name.split():
        decomposed = unicodedata.normalize("NFD", word)
        tones = "".join(_TONES.get(ch, "") for ch in decomposed)
        words.append(fold(word) + tones)
    return slugify(" ".join(words))


def unique_slugs(names: list[str]) -> dict[str, str]:
    """name → slug, unique within `names`: names whose plain slugs collide get `tone_slug`s."""
    plain: dict[str, list[str]] = defaultdict(list)
    for name in dict.fromkeys(names):
        plain[slug(name)].append(name)
    result = {}
    for key, group in plain.items():
        for name in group:
            result[name] = key if len(group) == 1 else tone_slug(name)
    if len(set(result.values())) != len(result):
        raise ValueError(f"Names that differ only in spelling cannot be told apart: {sorted(result)}")
    return result


@dataclass(frozen=True)
class UnitSpec:
    """One org unit as the reference data describes it; `parent` and `territory` are keys."""

    key: str
    kind: str
    name: str
    short_name: str = ""
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    territory: str | None = None
    valid_from: date | None = None
    code: str = ""
    code_source: str = ""


@dataclass(frozen=True)
class EventSpec:
    """A dated change: `kind` is an OrgEventKind; units are named by key.

    - rename: one predecessor, one successor, and `opens` holds the successor's description;
    - merge: several predecessors into one successor (opened by `opens` or already existing);
    - split: one predecessor into several successors;
    - dissolve: predecessors end; their remaining duties pass to `successors`.
    `retarget` lists (old territory key, new territory key): open bodies whose territory is the old
    unit are pointed at the new one when the event is applied (used when a province is renamed).
    """

    kind: str
    on: date
    predecessors: tuple[str, ...]
    successors: tuple[str, ...]
    legal_basis: str = ""
    note: str = ""
    opens: tuple[UnitSpec, ...] = ()
    retarget: tuple[tuple[str, str], ...] = ()


@dataclass
class ReferenceData:
    """Units in creation order (parents first) and events in the order they are applied."""

    units: list[UnitSpec] = field(default_factory=list)
    events: list[EventSpec] = field(default_factory=list)

    def extend(self, other: "ReferenceData") -> None:
        self.units.extend(other.units)
        self.events.extend(other.events)

    def all_units(self) -> list[UnitSpec]:
        return self.units + [u for e in self.events for u in e.opens]


def alias_names(unit: UnitSpec) -> list[str]:
    """The aliases to register: a body's full and short names and the listed ones, one per folded spelling.

    Registering the names too makes the alias table the one place where the plan reader looks a
    name up, and makes two bodies with the same name an error. Administrative units get no aliases:
    their names ("Biên Hòa") recur across levels and periods (district, old ward, new ward), so they
    would be ambiguous; search still finds them.
    """
    names = list(unit.aliases)
    if unit.kind not in OrgKind.administrative():
        names[:0] = [n for n in (unit.name, unit.short_name) if n]
    seen, result = set(), []
    for name in names:
        folded = fold(name)
        if folded and folded not in seen:
            seen.add(folded)
            result.append(name)
    return result


def ambiguous_aliases(units: list[UnitSpec]) -> dict[str, list[str]]:
    """Folded aliases that two or more units claim: {folded alias: [unit keys]} (must stay empty)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for unit in units:
        for alias in alias_names(unit):
            owners[fold(alias)].add(unit.key)
    return {alias: sorted(keys) for alias, keys in owners.items() if len(keys) > 1}
