"""Benchmark of the consolidated report: one year of one plan at province scale (SQLite).

Builds a fresh database with the tracking demo at province scale for one plan (1,500 tasks, ~250
bodies, their occurrences) plus the reporting demo (reports of every body for 2021-2025), then
times the button's job for 2024 (gather once, write and store the DOCX, PDF and XLSX) in fresh
processes, wall and CPU time, then each part on its own, and measures peak memory (tracemalloc,
Python allocations) and the process's peak resident size.

    .venv/bin/python bench/bench_reporting.py            # targets: < 5 s and < 300 MB
    BENCH_DIR=/tmp/rbench .venv/bin/python bench/bench_reporting.py   # keep and reuse the database
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


def _setup():
    import django

    django.setup()
    from danvan.reporting import consolidated
    from danvan.reporting.models import ReportingPeriod

    period = ReportingPeriod.objects.get(kind="annual", year=2024)
    return period, consolidated.start_consolidated(period, actor=None)


def job(trace: bool) -> dict:
    """Step 2 (fresh process): what the button's job does — gather once, write DOCX, PDF and XLSX,
    store them — timed end to end (wall and CPU), with this process's peak memory."""
    period, draft = _setup()
    from danvan.reporting import consolidated

    if trace:
        tracemalloc.start()
    wall, cpu = time.perf_counter(), time.process_time()
    consolidated.generate(draft)
    result = {
        "job_s": round(time.perf_counter() - wall, 2),
        "job_cpu_s": round(time.process_time() - cpu, 2),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if trace:
        result["peak_traced_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
    return result


def formats() -> dict:
    """Step 3 (fresh process): each part on its own, in the job's order; a format's first use
    includes importing its library (WeasyPrint's is most of the PDF's fixed cost)."""
    period, draft = _setup()
    from pypdf import PdfReader

    from danvan.reporting import consolidated, partydoc
    from danvan.reporting.models import BodyReport

    out: dict = {}

    def timed(name, fn):
        wall, cpu = time.perf_counter(), time.process_time()
        value = fn()
        out[f"{name}_s"] = round(time.perf_counter() - wall, 2)
        out[f"{name}_cpu_s"] = round(time.process_time() - cpu, 2)
        return value

    data = timed("gather", lambda: consolidated.gather(period))
    document = consolidated.build_document(draft, data)
    docx = timed("docx", lambda: partydoc.render_docx(document))
    pdf = timed("pdf", lambda: partydoc.render_pdf(document))
    xlsx = timed("xlsx", lambda: consolidated.build_annex(period, data.rows, data.accepted))
    timed("pdf_again", lambda: partydoc.render_pdf(document))  # warm: without the import
    out.update(
        occurrences=len(data.rows),
        overdue=len(data.overdue),
        bodies=data.completeness.total.expected,
        accepted=len(data.accepted),
        reports=BodyReport.objects.filter(period=period).count(),
        pdf_pages=len(PdfReader(io.BytesIO(pdf)).pages),
        sizes_kb={"docx": len(docx) // 1024, "xlsx": len(xlsx) // 1024, "pdf": len(pdf) // 1024},
    )
    return out


STEPS = ("--build", "--job", "--formats", "--trace")
RUNS = 3  # the job runs this many times, each in a fresh process: the machine is shared


def run_step(step: str, env: dict) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, step], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if proc.returncode:
        print(proc.stderr[-3000:], file=sys.stderr)
        raise SystemExit(proc.returncode)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    for step in STEPS:
        if step in sys.argv:
            actions = {"--build": build, "--job": lambda: job(False), "--formats": formats}
            out = actions.get(step, lambda: job(True))()
            print(json.dumps(out))
            return 0
    keep = os.environ.get("BENCH_DIR")  # reuse a database built before (skips the 2-minute build)
    with tempfile.TemporaryDirectory() as tmp:
        where = keep or tmp
        env = dict(
            os.environ,
            DJANGO_SETTINGS_MODULE="danvan.settings.dev",
            SECRET_KEY="bench",
            DATABASE_URL=f"sqlite:///{where}/bench.sqlite3",
            MEDIA_ROOT=where,
        )
        if keep and os.path.exists(f"{where}/bench.sqlite3"):
            built = {"build_s": "(reused)"}
        else:
            built = run_step("--build", env)
        jobs = [run_step("--job", env) for _ in range(RUNS)]
        f = run_step("--formats", env)
        t = run_step("--trace", env)
    jobs.sort(key=lambda r: r["job_s"])
    median = jobs[len(jobs) // 2]
    print(
        f"data: {f['occurrences']} occurrences in 2024 ({f['overdue']} overdue), "
        f"{f['bodies']} bodies expected, {f['reports']} reports ({f['accepted']} accepted); "
        f"built in {built['build_s']} s"
    )
    print(
        "each part, one fresh process (wall / CPU): "
        + ", ".join(
            f"{name} {f[name + '_s']} / {f[name + '_cpu_s']} s" for name in ("gather", "docx", "pdf", "xlsx")
        )
        + f"; PDF again without the import {f['pdf_again_s']} s ({f['pdf_pages']} pages)"
    )
    print(
        f"the button's job (gather + DOCX + PDF + XLSX, stored), {RUNS} fresh processes: "
        f"median {median['job_s']} s wall, {median['job_cpu_s']} s CPU "
        f"(all: {', '.join(str(r['job_s']) for r in jobs)} s) (target < 5 s)"
    )
    print(f"files: {f['sizes_kb']} KB")
    print(
        f"peak memory: {max(r['max_rss_mb'] for r in jobs)} MB resident (whole process: Django + report), "
        f"{t.get('peak_traced_mb')} MB of Python allocations (tracemalloc run) (target < 300 MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
