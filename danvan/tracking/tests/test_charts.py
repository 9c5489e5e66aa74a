import re

from danvan.tracking.charts import rate_bars, stacked_bars


def test_the_tallest_columns_total_stays_inside_the_chart():
    svg = stacked_bars([("2024", {"done_on_time": 2}), ("2025", {"done_on_time": 3, "overdue": 1})])
    tops = [float(y) for y in re.findall(r'<rect x="[\d.]+%" y="([\d.]+)"', svg)]
    total = r'<text x="[\d.]+%" y="([\d.]+)" text-anchor="middle" font-size="12">(\d+)</text>'
    totals = {label: float(y) for y, label in re.findall(total, svg) if label not in ("2024", "2025")}
    assert min(tops) == 20.0  # the column of 4 fills the chart's height below a 20-unit head
    assert totals == {"2": 20.0 + (230 - 20) / 2 - 4, "4": 16.0}  # each total 4 units above its column


def test_charts_carry_their_figures_in_words_for_screen_readers():
    svg = stacked_bars([("2024", {"done_on_time": 2}), ("2025", {"done_on_time": 3, "overdue": 1})])
    assert 'aria-label="2024: Hoàn thành đúng hạn 2; 2025: Hoàn thành đúng hạn 3, Quá hạn 1"' in svg
    bars = rate_bars([("Mục 1", 80, 75), ("Mục 2", None, None), ("Mục 3", 100, None)])
    assert (
        'aria-label="Mục 1: tỷ lệ hoàn thành 80%, tỷ lệ đúng hạn 75%; Mục 2: chưa có số liệu; '
        'Mục 3: tỷ lệ hoàn thành 100%"'
    ) in bars


def test_charts_are_not_scaled_down_so_their_text_keeps_12px():
    svg = stacked_bars([("2024", {"done_on_time": 2})])
    assert svg.startswith('<svg class="chart" width="100%" height="260" role="img"') and "viewBox" not in svg
    bars = rate_bars([("II.1.a. Sở Thông tin và Truyền thông chủ trì tuyên truyền", 60, 67)])
    assert ">II.1.a. Sở Thông tin và Truyền thông chủ trì tuyên truyền</span>" in bars  # whole, in HTML
    assert '<span class="rate-fill" style="width: 51.0%"></span><span class="rate-value">60%</span>' in bars
