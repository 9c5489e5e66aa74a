import re
from decimal import Decimal

from danvan.indicators.charts import trend_svg


def _target_label(last_value: str) -> tuple[float, float]:
    series = [(2024, Decimal("70.9")), (2025, Decimal(last_value))]
    targets = [(2024, Decimal(75)), (2025, Decimal(75))]
    svg = trend_svg(series, targets, title="t", target_label="Chỉ tiêu ≥ 75%")
    label = re.search(r'<text x="([\d.]+)" y="([\d.]+)" class="target-label" text-anchor="end">Chỉ tiêu', svg)
    x, y = label.groups()
    return float(x), float(y)


def test_the_target_label_stays_clear_of_the_last_value_label():
    # The 75% line is at y = 16 + 190 * 0.25 = 63.5; the last point at x = 524 carries its value's label.
    assert _target_label("74.3") == (504.0, 58.5)  # just under the target: the label goes above the line
    assert _target_label("75.2") == (504.0, 77.5)  # on or over it: below the line
