"""Benchmark of the consolidated report: one year of one plan at province scale (SQLite).

Builds a fresh database with the tracking demo at province scale for one plan (1,500 tasks, ~250
bodies, their occurrences) plus the reporting demo (reports of every body for 2021-2025), then
times gathering the data and writing the DOCX, PDF and XLSX of 2024, and measures peak memory
(tracemalloc, Python allocations) and the process's peak resident size.

    .venv/bin/python bench/bench_reporting.py            # targets: < 5 s and < 300 MB
"""

import io
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


def build() -> dict:
    """Step 1 (own process): the province-scale database."""
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
    from danvan.reporting import demo as reporting_demo
    from danvan.tracking import demo as tracking_demo

    started = time.perf_counter()
    with acting_as("cli"):
        tracking_demo.make_plans(plans=1, tasks_per_plan=1500, bodies=250, stdout=Quiet())
        tracking_demo.generate_all()
        tracking_demo.add_progress(entries_per_occurrence=2)
        board_unit = OrgUnit.objects.order_by("path").first()
        User.objects.create(username="bench-board", role=Role.COORDINATOR, org_unit=board_unit)
        reporting_demo.build(scale="province", stdout=Quiet())
    return {"build_s": round(time.perf_counter() - started, 1)}


def measure(trace: bool) -> dict:
    """Step 2 (fresh process): gather and render the 2024 report; peak RSS is this process's only."""
    import django

    django.setup()
    from pypdf import PdfReader

    from danvan.reporting import consolidated, partydoc
    from danvan.reporting.models import BodyReport, ReportingPeriod

    period = ReportingPeriod.objects.get(kind="annual", year=2024)
    draft = consolidated.start_consolidated(period, actor=None)
    if trace:
        tracemalloc.start()
    t0 = time.perf_counter()
    data = consolidated.gather(period)
    t1 = time.perf_counter()
    document = consolidated.build_document(draft, data)
    docx = partydoc.render_docx(document)
    t2 = time.perf_counter()
    xlsx = consolidated.build_annex(period, data.rows)
    t3 = time.perf_counter()
    pdf = partydoc.render_pdf(document)
    t4 = time.perf_counter()
    result = {
        "occurrences": len(data.rows),
        "bodies": data.completeness.total.expected,
        "accepted": len(data.accepted),
        "reports": BodyReport.objects.filter(period=period).count(),
        "gather_s": round(t1 - t0, 2),
        "docx_s": round(t2 - t1, 2),
        "xlsx_s": round(t3 - t2, 2),
        "pdf_s": round(t4 - t3, 2),
        "pdf_pages": len(PdfReader(io.BytesIO(pdf)).pages),
        "sizes_kb": {"docx": len(docx) // 1024, "xlsx": len(xlsx) // 1024, "pdf": len(pdf) // 1024},
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if trace:
        result["peak_traced_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
    return result


def main() -> int:
    for step in ("--build", "--measure", "--trace"):
        if step in sys.argv:
            out = build() if step == "--build" else measure(trace=step == "--trace")
            print(json.dumps(out))
            return 0
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(
            os.environ,
            DJANGO_SETTINGS_MODULE="danvan.settings.dev",
            SECRET_KEY="bench",
            DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3",
            MEDIA_ROOT=tmp,
        )
        for step in ("--build", "--measure", "--trace"):
            proc = subprocess.run(
                [sys.executable, __file__, step],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if proc.returncode:
                print(proc.stderr[-3000:], file=sys.stderr)
                return proc.returncode
            results[step] = json.loads(proc.stdout.strip().splitlines()[-1])
    r, t = results["--measure"], results["--trace"]
    total = round(r["gather_s"] + r["docx_s"] + r["xlsx_s"] + r["pdf_s"], 2)
    print(
        f"data: {r['occurrences']} occurrences in 2024, {r['bodies']} bodies expected, "
        f"{r['reports']} reports ({r['accepted']} accepted); built in {results['--build']['build_s']} s"
    )
    print(
        f"2024 consolidated report: gather {r['gather_s']} s, DOCX {r['docx_s']} s, XLSX {r['xlsx_s']} s, "
        f"PDF {r['pdf_s']} s ({r['pdf_pages']} pages)"
    )
    print(
        f"  gather + DOCX + XLSX = {round(r['gather_s'] + r['docx_s'] + r['xlsx_s'], 2)} s; "
        f"with PDF = {total} s (target < 5 s)"
    )
    print(f"files: {r['sizes_kb']} KB")
    print(
        f"peak memory: {r['max_rss_mb']} MB resident (whole process: Django + report), "
        f"{t.get('peak_traced_mb')} MB of Python allocations (tracemalloc run) (target < 300 MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
