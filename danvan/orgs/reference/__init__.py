"""Reference data of the org registry: the bodies the seed plan names and Đồng Nai's administrative
units, with the history of the 2025-2026 reorganization (`danvan orgs load`).

- `bodies`: provincial, district and central bodies and the generic groups, written from the seed
  plan and shared/domain.md §5.2 and §7;
- `admin_units`: provinces, districts and communes read from the `vietnamadminunits` 1.0.4 and
  `vietnam-provinces` 2025.10.1 packages, with the old→new mapping of NQ 1662/NQ-UBTVQH15;
- `loader`: the idempotent, one-transaction load through `danvan.orgs.services`.

docs/reference-data.md describes the sources, what they cover and the choices made.
"""

from .specs import ReferenceData


def build() -> ReferenceData:
    """The whole reference data set, units parents-first and events in the order they happened."""
    from . import admin_units, bodies

    reform, city = admin_units.build()
    start, july, april = bodies.build()
    data = ReferenceData()
    data.units = reform.units + start.units
    # 01/03/2025 Party and state bodies; 01/07/2025 communes, districts, Bình Phước, then district
    # bodies; 30/04/2026 the city and its wards, then the city's bodies.
    data.events = start.events + reform.events + july.events + city.events + april.events
    return data


def load(**kwargs):
    """Shortcut for `loader.load` (see there)."""
    from .loader import load as _load

    return _load(**kwargs)
