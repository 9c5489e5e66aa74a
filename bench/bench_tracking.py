"""Benchmark of the tracking pages on SQLite: p95 of the Board overview, a body's inbox and the dashboard.

Builds two fresh databases — a tenth of province scale and province scale (~250 bodies, 10 plans,
1,500 tasks, ~10,000 occurrences, ~60,000 progress entries) — and times each page. Prints p50/p95,
the SQL queries per page (must be equal at both sizes) and the time ratio for 10× the data.

    .venv/bin/python bench/bench_tracking.py [--requests 40]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = {
    "tenth": {"plans": 1, "tasks": 150, "bodies": 25},
    "province": {"plans": 10, "tasks": 150, "bodies": 250},
}
PAGES = {"overview": "/tracking/overview/", "inbox": "/tracking/", "dashboard": "/tracking/dashboard/"}


def run_one(size: str, requests: int) -> dict:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.DEBUG = False  # no query logging during the timed requests
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    from danvan.orgs.choices import Role
    from danvan.orgs.models import User
    from danvan.tracking import demo
    from danvan.tracking.models import Occurrence, ProgressEntry

    spec = SIZES[size]
    out = sys.stderr
    started = time.perf_counter()

    class Quiet:
        def write(self, text):
            out.write(text + "\n")

    demo.make_plans(plans=spec["plans"], tasks_per_plan=spec["tasks"], bodies=spec["bodies"], stdout=Quiet())
    demo.generate_all()
    demo.add_progress(entries_per_occurrence=6)
    build_s = time.perf_counter() - started
    from django.db.models import Count

    busiest = (Occurrence.objects.values("lead_unit").annotate(n=Count("id")).order_by("-n").first())[
        "lead_unit"
    ]
    board = User.objects.create(username="bench-board", role=Role.COORDINATOR)
    officer = User.objects.create(username="bench-officer", role=Role.AGENCY_OFFICER, org_unit_id=busiest)
    result = {
        "size": size,
        "occurrences": Occurrence.objects.count(),
        "entries": ProgressEntry.objects.count(),
        "build_s": round(build_s, 1),
        "pages": {},
    }
    for name, url in PAGES.items():
        client = Client()
        client.force_login(officer if name == "inbox" else board)
        for _ in range(3):
            assert client.get(url).status_code == 200
        # captured_queries is read lazily from connection.queries, which every later request clears
        # (request_started → reset_queries): take the count inside the block.
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
            query_count = len(queries)
        times = []
        for _ in range(requests):
            t0 = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200
        times.sort()
        result["pages"][name] = {
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
            "queries": query_count,
        }
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40, help="Timed requests per page (default 40).")
    parser.add_argument("--one", choices=SIZES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.requests)))
        return 0
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            env = dict(
                os.environ,
                DJANGO_SETTINGS_MODULE="danvan.settings.dev",
                SECRET_KEY="bench",
                DATABASE_URL=f"sqlite:///{tmp}/bench-{size}.sqlite3",
                MEDIA_ROOT=tmp,
            )
            command = [sys.executable, __file__, "--one", size, "--requests", str(args.requests)]
            proc = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
            if proc.returncode:
                print(proc.stderr[-3000:], file=sys.stderr)
                return proc.returncode
            results[size] = json.loads(proc.stdout.strip().splitlines()[-1])
    for size, r in results.items():
        counts = f"{r['occurrences']} occurrences, {r['entries']} progress entries"
        print(f"{size}: {counts} (built in {r['build_s']} s)")
        for name, p in r["pages"].items():
            print(f"  {name:<10} p50 {p['p50_ms']:>7} ms   p95 {p['p95_ms']:>7} ms   {p['queries']} queries")
    small, big = results["tenth"], results["province"]
    print(f"data ratio: {big['occurrences'] / small['occurrences']:.1f}× occurrences")
    for name in PAGES:
        ratio = big["pages"][name]["p95_ms"] / small["pages"][name]["p95_ms"]
        same = big["pages"][name]["queries"] == small["pages"][name]["queries"]
        print(f"  {name:<10} time ratio (p95) {ratio:.2f}×   queries constant: {'yes' if same else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
