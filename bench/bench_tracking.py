"""Benchmark of the tracking pages on SQLite: p95 of the Board overview, a body's inbox and the dashboard.

Builds two fresh databases — a tenth of province scale and province scale (~250 bodies, 10 plans,
1,500 tasks, ~10,000 occurrences, ~60,000 progress entries) — then times each page on both in one
process, alternating between the two databases request by request so that the load of a shared
machine weighs on both sizes alike. Prints p50/p95, the SQL queries per page (must be equal at both
sizes) and the time ratio for 10× the data.

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


def build(size: str) -> dict:
    """Migrate the empty database of DATABASE_URL and fill it with demo data of `size`."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models import Count

    call_command("migrate", verbosity=0)
    from danvan.orgs.choices import Role
    from danvan.orgs.models import User
    from danvan.tracking import demo
    from danvan.tracking.models import Occurrence, ProgressEntry

    spec = SIZES[size]
    started = time.perf_counter()

    class Quiet:
        def write(self, text):
            sys.stderr.write(text + "\n")

    demo.make_plans(plans=spec["plans"], tasks_per_plan=spec["tasks"], bodies=spec["bodies"], stdout=Quiet())
    demo.generate_all()
    demo.add_progress(entries_per_occurrence=6)
    build_s = time.perf_counter() - started
    busiest = Occurrence.objects.values("lead_unit").annotate(n=Count("id")).order_by("-n").first()
    User.objects.create(username="bench-board", role=Role.COORDINATOR)
    User.objects.create(username="bench-officer", role=Role.AGENCY_OFFICER, org_unit_id=busiest["lead_unit"])
    return {
        "size": size,
        "occurrences": Occurrence.objects.count(),
        "entries": ProgressEntry.objects.count(),
        "build_s": round(build_s, 1),
    }


def measure(paths: dict[str, str], requests: int) -> dict:
    """Time every page on every database, alternating databases request by request."""
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, connections
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.DEBUG = False  # no query logging during the timed requests
    settings.ALLOWED_HOSTS = ["*"]
    from danvan.orgs.models import User

    def use(size: str) -> None:
        conn = connections["default"]
        conn.close()
        conn.settings_dict["NAME"] = paths[size]

    clients, queries, times = {}, {}, {}
    for size in paths:
        use(size)
        for name, url in PAGES.items():
            client = Client()
            client.force_login(
                User.objects.get(username="bench-officer" if name == "inbox" else "bench-board")
            )
            for _ in range(3):
                assert client.get(url).status_code == 200
            # captured_queries is read lazily from connection.queries, which every later request
            # clears (request_started → reset_queries): take the count inside the block.
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
                queries[size, name] = len(captured)
            clients[size, name] = client
            times[size, name] = []
    for _ in range(requests):
        for size in paths:
            use(size)
            for name, url in PAGES.items():
                t0 = time.perf_counter()
                response = clients[size, name].get(url)
                times[size, name].append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200
    result = {}
    for (size, name), values in times.items():
        values.sort()
        result.setdefault(size, {})[name] = {
            "p50_ms": round(statistics.median(values), 1),
            "p95_ms": round(values[max(0, int(len(values) * 0.95) - 1)], 1),
            "queries": queries[size, name],
        }
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--requests", type=int, default=40, help="Timed requests per page and size (default 40)."
    )
    parser.add_argument("--build", choices=SIZES, help=argparse.SUPPRESS)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        print(json.dumps(build(args.build)))
        return 0
    if args.measure:
        print(json.dumps(measure(json.loads(args.measure), args.requests)))
        return 0
    built = {}
    with tempfile.TemporaryDirectory() as tmp:
        paths = {size: f"{tmp}/bench-{size}.sqlite3" for size in SIZES}
        base_env = dict(
            os.environ, DJANGO_SETTINGS_MODULE="danvan.settings.dev", SECRET_KEY="bench", MEDIA_ROOT=tmp
        )

        def run(extra: list[str], db: str) -> dict:
            env = dict(base_env, DATABASE_URL=f"sqlite:///{db}")
            command = [sys.executable, __file__, *extra]
            proc = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
            if proc.returncode:
                print(proc.stderr[-3000:], file=sys.stderr)
                raise SystemExit(proc.returncode)
            return json.loads(proc.stdout.strip().splitlines()[-1])

        for size, path in paths.items():
            built[size] = run(["--build", size], path)
        pages = run(["--measure", json.dumps(paths), "--requests", str(args.requests)], paths["tenth"])
    for size, r in built.items():
        counts = f"{r['occurrences']} occurrences, {r['entries']} progress entries"
        print(f"{size}: {counts} (built in {r['build_s']} s)")
        for name, p in pages[size].items():
            print(f"  {name:<10} p50 {p['p50_ms']:>7} ms   p95 {p['p95_ms']:>7} ms   {p['queries']} queries")
    small, big = pages["tenth"], pages["province"]
    print(f"data ratio: {built['province']['occurrences'] / built['tenth']['occurrences']:.1f}× occurrences")
    for name in PAGES:
        p50 = big[name]["p50_ms"] / small[name]["p50_ms"]
        p95 = big[name]["p95_ms"] / small[name]["p95_ms"]
        same = big[name]["queries"] == small[name]["queries"]
        constant = "yes" if same else "NO"
        print(f"  {name:<10} time ratio p50 {p50:.2f}×  p95 {p95:.2f}×   queries constant: {constant}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
