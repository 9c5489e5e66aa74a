"""Benchmark: compute every indicator for a province-scale term, and the dashboard's response time.

Builds a throw-away SQLite database (or uses DATABASE_URL) with ~250 bodies, ~100 communes before
and ~95 after 1 July 2025 and five yearly rounds of each kind, then prints:
  compute (all indicators, all years) and compute (one year), targets < 2 s;
  dashboard and indicator page p50/p95 over 60 requests, target p95 < 150 ms.
Run: .venv/bin/python bench/bench_indicators.py
"""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
tmp = tempfile.mkdtemp(prefix="danvan-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def main() -> None:
    setup_test_environment()
    call_command("migrate", verbosity=0)
    from danvan.core.audit import acting_as
    from danvan.indicators import demo, services
    from danvan.indicators.models import Evaluation, IndicatorValue
    from danvan.orgs.choices import Role
    from danvan.orgs.models import OrgUnit, User

    started = time.perf_counter()
    with acting_as("cli"):
        demo.build(scale="province", stdout=io.StringIO())
    print(
        f"setup: {OrgUnit.objects.count()} units, {Evaluation.objects.count()} evaluations "
        f"in {time.perf_counter() - started:.1f} s"
    )

    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        created = services.compute_indicator_values()
        runs.append(time.perf_counter() - t0)
    print(
        f"compute all indicators, 5 years: {len(created)} values, best {min(runs):.3f} s, "
        f"worst {max(runs):.3f} s (target < 2 s)"
    )
    t0 = time.perf_counter()
    one = services.compute_indicator_values(years=[2024])
    print(f"compute all indicators, one year: {len(one)} values in {time.perf_counter() - t0:.3f} s")

    leader = User.objects.create(username="bench-leader", role=Role.LEADER)
    client = Client()
    client.force_login(leader)
    indicator = IndicatorValue.objects.current().first().indicator
    pages = (("dashboard", "/indicators/?year=2025"), ("indicator page", f"/indicators/{indicator.pk}/"))
    for label, url in pages:
        client.get(url)
        times = []
        for _ in range(60):
            t0 = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print(f"{label}: p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms (target p95 < 150 ms)")


if __name__ == "__main__":
    main()
