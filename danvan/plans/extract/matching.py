"""Matching body names to the org registry: aliases, abbreviations, diacritics, typos, as of a date.

Pure Python: the caller passes the candidates (see plans.services.build_registry), so the rules are
testable without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz, process

from .bodies import is_group
from .text import fold, name_key

ACCEPT = 0.85  # at or above: matched; between WEAK and ACCEPT: matched but shown for review
WEAK = 0.75


@dataclass
class Candidate:
    unit_id: int
    name: str
    names: list[str]  # name, short name, aliases
    valid_from: date | None = None
    valid_to: date | None = None
    is_group: bool = False
    keys: list[str] = field(default_factory=list)

    def active_on(self, on: date | None) -> bool:
        if on is None:
            return self.valid_to is None
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or self.valid_to >= on
        )


@dataclass
class Match:
    candidate: Candidate | None
    confidence: float
    is_group: bool

    @property
    def unit_id(self) -> int | None:
        return self.candidate.unit_id if self.candidate else None


class Registry:
    def __init__(self, candidates: list[Candidate], place_names: tuple[str, ...] = ()):
        self.by_key: dict[str, list[Candidate]] = {}
        places = [fold(p) for p in place_names if p]
        for candidate in candidates:
            keys = set()
            for written in candidate.names:
                key = name_key(written)
                if not key:
                    continue
                keys.add(key)
                for place in places:
                    if key.endswith(" " + place) and len(key.split()) > len(place.split()) + 1:
                        keys.add(key[: -len(place) - 1].strip())
            candidate.keys = sorted(keys)
            for key in keys:
                self.by_key.setdefault(key, []).append(candidate)
        self.keys = list(self.by_key)
        self._cache: dict[tuple[str, date | None], Match] = {}

    def _pick(self, found: list[Candidate], on: date | None) -> Candidate:
        """Several units answer to one name (renamed or merged later): take the one existing on the date."""
        active = [c for c in found if c.active_on(on)]
        pool = active or found
        return sorted(pool, key=lambda c: (c.valid_to is not None, c.unit_id))[0]

    def match(self, name: str, on: date | None = None) -> Match:
        key = name_key(name)
        cached = self._cache.get((key, on))
        if cached is not None:
            return cached
        group = is_group(name)
        result = Match(None, 0.0, group)
        if key in self.by_key:
            candidate = self._pick(self.by_key[key], on)
            result = Match(candidate, 1.0, group or candidate.is_group)
        elif key and self.keys:
            best = process.extractOne(key, self.keys, scorer=fuzz.ratio, score_cutoff=WEAK * 100)
            if best is None and len(key.split()) >= 3:
                best = process.extractOne(
                    key, self.keys, scorer=fuzz.token_sort_ratio, score_cutoff=ACCEPT * 100
                )
            if best is not None:
                candidate = self._pick(self.by_key[best[0]], on)
                result = Match(candidate, round(best[1] / 100, 3), group or candidate.is_group)
        self._cache[(key, on)] = result
        return result
