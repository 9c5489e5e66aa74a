import re
from decimal import Decimal

from danvan.indicators.charts import trend_svg


def _target_label(last_value: str) -> tuple[float, float]:
    series = [(2024, Decimal("70.9")), (2025, Decimal(last_value))]
    targets = [(2024, Decimal(75)), (2025, Decimal(75))]
    svg = trend_svg(series, targets, title="t", target_label="Chỉ tiêu ≥ 75%")
    label = re.search(
        r'<text x="([\d.]+)%" dx="-18" y="([\d.]+)" class="target-label" text-anchor="end">Chỉ tiêu', svg
    )
    x, y = label.groups()
    return float(x), float(y)


def test_the_target_label_stays_clear_of_the_last_value_label():
    # The 75% line is at y = 20 + 170 * 0.25 = 62.5; the last point at x = 92% carries its value's label,
    # so the target's label ends 18px left of it.
    assert _target_label("74.3") == (92.0, 57.5)  # just under the target: the label goes above the line
    assert _target_label("75.2") == (92.0, 78.5)  # on or over it: below the line


def test_the_chart_is_not_scaled_so_its_text_keeps_its_size():
    svg = trend_svg([(2024, Decimal("70.9")), (2025, Decimal("74.3"))], [], title="t", target_label="")
    assert svg.startswith('<svg class="trend" width="100%" height="220" role="img"')
    assert "viewBox" not in svg  # a viewBox would scale the 12px text down with a narrow card
