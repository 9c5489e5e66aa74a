import re

from danvan.tracking.charts import stacked_bars


def test_the_tallest_columns_total_stays_inside_the_chart():
    svg = stacked_bars([("2024", {"done_on_time": 2}), ("2025", {"done_on_time": 3, "overdue": 1})])
    tops = [float(y) for y in re.findall(r'<rect x="[\d.]+" y="([\d.]+)"', svg)]
    total = r'<text x="[\d.]+" y="([\d.]+)" text-anchor="middle" font-size="11">(\d+)</text>'
    totals = {label: float(y) for y, label in re.findall(total, svg)}
    assert min(tops) == 20.0  # the column of 4 fills the chart's height below a 20-unit head
    assert totals == {"2": 20.0 + (230 - 20) / 2 - 4, "4": 16.0}  # each total 4 units above its column
