"""Benchmark of the consolidated report: one year of one plan at province scale (SQLite).

Builds a fresh database with the tracking demo at province scale for one plan (1,500 tasks, ~250
bodies, their occurrences) plus the reporting demo (reports of every body for 2021-2025), then
times gathering the data and writing the DOCX, PDF and XLSX of 2024, and measures peak memory
(tracemalloc, Python allocations) and the process's peak resident size.

    .venv/bin/python bench/bench_reporting.py            # targets: < 5 s and < 300 MB
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_one() -> dict:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    class Quiet:
        def write(self, text):
            sys.stderr.write(text + "\n")

    from danvan.core.audit import acting_as
    from danvan.orgs.choices import Role
    from danvan.orgs.models import OrgUnit, User
    from danvan.reporting import consolidated
    from danvan.reporting import demo as reporting_demo
    from danvan.reporting.models import BodyReport, ReportingPeriod
    from danvan.tracking import demo as tracking_demo

    started = time.perf_counter()
    with acting_as("cli"):
        tracking_demo.make_plans(plans=1, tasks_per_plan=1500, bodies=250, stdout=Quiet())
        tracking_demo.generate_all()
        tracking_demo.add_progress(entries_per_occurrence=2)
        board_unit = OrgUnit.objects.order_by("path").first()
        User.objects.create(username="bench-board", role=Role.COORDINATOR, org_unit=board_unit)
        reporting_demo.build(scale="province", stdout=Quiet())
    build_s = time.perf_counter() - started
    period = ReportingPeriod.objects.get(kind="annual", year=2024)
    draft = consolidated.start_consolidated(period, actor=None)

    tracemalloc.start()
    t0 = time.perf_counter()
    data = consolidated.gather(period)
    t1 = time.perf_counter()
    files = consolidated.render(draft, data=data)
    t2 = time.perf_counter()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "build_s": round(build_s, 1),
        "occurrences": len(data.rows),
        "bodies": data.completeness.total.expected,
        "accepted": len(data.accepted),
        "reports": BodyReport.objects.filter(period=period).count(),
        "gather_s": round(t1 - t0, 2),
        "render_s": round(t2 - t1, 2),
        "total_s": round(t2 - t0, 2),
        "sizes_kb": {k: len(v) // 1024 for k, v in files.items()},
        "peak_traced_mb": round(peak / 2**20, 1),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> int:
    if "--one" in sys.argv:
        print(json.dumps(run_one()))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(
            os.environ,
            DJANGO_SETTINGS_MODULE="danvan.settings.dev",
            SECRET_KEY="bench",
            DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3",
            MEDIA_ROOT=tmp,
        )
        proc = subprocess.run(
            [sys.executable, __file__, "--one"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode:
            print(proc.stderr[-3000:], file=sys.stderr)
            return proc.returncode
        r = json.loads(proc.stdout.strip().splitlines()[-1])
    print(
        f"data: {r['occurrences']} occurrences in 2024, {r['bodies']} bodies expected, "
        f"{r['reports']} reports "
        f"({r['accepted']} accepted); built in {r['build_s']} s"
    )
    print(
        f"consolidated report 2024: gather {r['gather_s']} s + DOCX/PDF/XLSX {r['render_s']} s "
        f"= {r['total_s']} s "
        f"(target < 5 s: {'ok' if r['total_s'] < 5 else 'MISSED'})"
    )
    print(f"files: {r['sizes_kb']} KB")
    print(
        f"peak memory: {r['peak_traced_mb']} MB traced, {r['max_rss_mb']} MB resident for the whole process "
        f"(target < 300 MB: {'ok' if r['max_rss_mb'] < 300 else 'MISSED'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
