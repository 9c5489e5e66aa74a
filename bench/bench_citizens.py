"""Citizens benchmarks: 200,000 petitions, the staff list with filters (p95 target < 200 ms), and public
submission with locust against gunicorn compared with the project's minimal endpoint (/public/health/).

    .venv/bin/python bench/bench_citizens.py [--count 200000] [--users 20] [--seconds 20] [--rounds 3]
                                             [--workers N] [--skip-load] [--only list|submit]

Everything runs on this machine (loopback only) in bench/out/: its own SQLite database (or the given
PostgreSQL one), the production settings but for plain HTTP, gunicorn with gunicorn.conf.py.
Synthetic rows are bulk-created without audit history (see danvan/citizens/demo.py).
"""

import argparse
import csv
import itertools
import os
import resource
import runpy
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

import psutil

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
DB = OUT / "citizens.sqlite3"
GUNICORN_CONF = ROOT / "gunicorn.conf.py"
BIN = Path(sys.executable).parent

SETTINGS = """from danvan.settings.prod import *  # noqa
# Production settings (database options, persistent connections, middleware, cache), but for plain
# HTTP on loopback: in production the proxy in front terminates TLS, here locust talks to gunicorn.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
LOGGING = {"version": 1, "disable_existing_loggers": True, "root": {"level": "WARNING"}}
"""

LOCUSTFILE = """
import itertools
import re
from urllib.parse import urlencode

from locust import HttpUser, constant, task
from requests.adapters import HTTPAdapter
from urllib3 import encode_multipart_formdata

TARGET = "{target}"
BLOCK = {block}  # each run's own block of source addresses
USERS = itertools.count(1)


class FromAddress(HTTPAdapter):
    \"\"\"Connects from the given loopback source address.\"\"\"

    def __init__(self, address, **kwargs):
        self.address = address
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


class Citizen(HttpUser):
    wait_time = constant(0)

    def on_start(self):
        self.user = next(USERS)
        self.sent = itertools.count()
        self.next_address()
        if TARGET != "health":
            page = self.client.get("/public/submit/", name="form")
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
            fields = {{"csrfmiddlewaretoken": token, "petition_type": "feedback", "subject": "Đèn đường hỏng",
                      "content": "Đèn đường ở ấp 3 không sáng.", "topic": "infrastructure",
                      "full_name": "Người dùng thử"}}
            # Encoded once: the client's own work per request stays small, the rate is the server's.
            if TARGET == "submit":  # the fields a script or an Open311-style client posts
                self.body, content_type = urlencode(fields), "application/x-www-form-urlencoded"
            else:  # the portal's form as a browser sends it: multipart, every field, the empty file part
                fields.update(location_unit="", address_text="", phone="", email="", website="")
                self.body, content_type = encode_multipart_formdata(
                    [*fields.items(), ("attachment", ("", b"", "application/octet-stream"))]
                )
            self.headers = {{"Referer": self.host + "/public/submit/", "Content-Type": content_type}}

    def next_address(self):
        # A new citizen, from its own loopback address, for every request of both targets: the
        # production limit (5 per address per hour) applies unchanged and reads what it reads in use.
        n = next(self.sent) + BLOCK * 2000
        self.client.mount("http://", FromAddress(f"127.{{self.user}}.{{n // 250 % 250}}.{{n % 250 + 1}}"))

    @task
    def hit(self):
        self.next_address()
        if TARGET == "health":
            self.client.get("/public/health/", name="health")
            return
        self.client.post("/public/submit/", name=TARGET, headers=self.headers, data=self.body)
"""


DATABASE_URL = f"sqlite:///{DB}"
BENCH_SECRET_KEY = secrets.token_urlsafe(50)


def env() -> dict:
    e = dict(os.environ)
    e.update(
        DJANGO_SETTINGS_MODULE="bench_citizens_settings",
        DATABASE_URL=DATABASE_URL,
        PYTHONPATH=f"{OUT}{os.pathsep}{ROOT}",
        SECRET_KEY=BENCH_SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        STATIC_ROOT=str(OUT / "static"),
        MEDIA_ROOT=str(OUT / "media"),
    )
    return e


def load(count: int) -> None:
    if DATABASE_URL.startswith("sqlite") and DB.exists():
        DB.unlink()
    elif DATABASE_URL.startswith("postgres"):
        name = DATABASE_URL.rsplit("/", 1)[1]
        admin = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
        import psycopg

        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    subprocess.run([BIN / "danvan", "migrate", "--noinput", "-v", "0"], check=True, env=env(), cwd=ROOT)
    code = f"""
import time, django
django.setup()
from danvan.core.audit import acting_as
from danvan.citizens import demo
from danvan.orgs.models import User
from danvan.orgs.choices import Role
with acting_as("cli"):
    board = demo._receiving_unit()
    User.objects.create_user("bench", password="x", role=Role.COORDINATOR, org_unit=board)
    areas = demo._areas()
    t = time.perf_counter()
    demo.build_province(areas=areas, board=board, count={count})
    print(f"built {count} petitions in {{time.perf_counter() - t:.1f}} s")
from django.db import connection
if connection.vendor == "postgresql":
    # The statistics autovacuum gathers within a minute of such a load in use; without them the
    # planner takes the 200,000 new rows for a hundred.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
"""
    subprocess.run([sys.executable, "-c", code], check=True, env=env(), cwd=ROOT)


def list_p95(show_plans: bool = False) -> None:
    code = (
        f"SHOW_PLANS = {show_plans!r}\n"
        + """
import statistics, time, django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from danvan.orgs.models import User, OrgUnit
from danvan.citizens.models import Petition
client = Client()
client.force_login(User.objects.get(username="bench"))
area = Petition.objects.exclude(location_unit=None).values_list("location_unit", flat=True).first()
code = Petition.objects.values_list("code", flat=True).first()
queries = ["", "?petition_type=complaint", "?status=accepted&deadline=overdue",
           "?topic=land&deadline=due_soon",
           f"?area={area}&petition_type=denunciation", f"?q={code}", "?q=dat dai", "?q=dat", "?q=Nguyễn An",
           f"?q={code[3:7]}", "?q=ô nhiễm&deadline=open", "?deadline=open&page=2",
           "?received_from=2025-01-01&received_to=2025-03-31&topic=environment", "?status=answered&page=last"]
print("total petitions:", Petition.objects.count())
times = []
for q in queries:
    client.get("/citizens/" + q)
    mine = []
    for _ in range(15):
        t = time.perf_counter()
        r = client.get("/citizens/" + q)
        mine.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, (q, r.status_code)
    times += mine
    with CaptureQueriesContext(connection) as ctx:
        client.get("/citizens/" + q)
    plans = []  # SQLite's plans: a full scan of the petitions is the one thing to look for
    for captured in ctx.captured_queries if connection.vendor == "sqlite" else []:
        if "citizens_petition" in captured["sql"] and captured["sql"].startswith("SELECT"):
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN QUERY PLAN " + captured["sql"])
                plans += [row[-1] for row in cursor.fetchall() if "citizens_petition" in row[-1]]
    full_scans = [p for p in plans if p.startswith("SCAN citizens_petition") and "INDEX" not in p]
    print(f"  {q or '(no filter)':70s} median {statistics.median(mine):6.1f} ms  max {max(mine):6.1f} ms  "
          f"{len(ctx.captured_queries)} queries{'  FULL SCAN' if full_scans else ''}")
    if SHOW_PLANS:
        for plan in dict.fromkeys(plans):
            print("      " + plan)
times.sort()
p95 = times[int(len(times) * 0.95) - 1]
print(f"staff list with filters: n={len(times)} median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms "
      f"(target < 200 ms: {'met' if p95 < 200 else 'NOT met'})")
"""
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=env(), cwd=ROOT)


def django_script(code: str) -> str:
    """Runs Python code with Django set up on the benchmark's database; returns what it printed."""
    return subprocess.run(
        [sys.executable, "-c", "import django\ndjango.setup()\n" + code],
        check=True,
        env=env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Run(NamedTuple):
    rate: float  # requests per second
    failures: int
    p95: float  # ms
    requests: int
    server_cpu: float  # ms of gunicorn's CPU time (master and workers) per request
    client_load: float  # locust's CPU time over its running time (start-up included): 1.0 = a whole core

    def __str__(self) -> str:
        return (
            f"{self.rate:.1f} req/s (failures {self.failures}, p95 {self.p95:.0f} ms, "
            f"server CPU {self.server_cpu:.2f} ms/request, client {self.client_load:.0%} of a core)"
        )


# The ways a submission arrives, all POST /public/submit/ with the same values.
SUBMISSIONS = {
    "submit": "submission URL-encoded (a script, the fields a client must send)",
    "portal": "submission from the portal's form, no file (multipart, every field, an empty file part)",
}


def server_cpu_seconds(server: subprocess.Popen) -> float:
    master = psutil.Process(server.pid)
    return sum(sum(process.cpu_times()[:2]) for process in [master, *master.children(recursive=True)])


def children_cpu_seconds() -> float:
    """CPU time of the finished child processes: around one locust run, that run's (gunicorn, still
    running, is not counted). A baseline near a whole core is bound by the client, not the server."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


RUNS = itertools.count()


def locust_run(server: subprocess.Popen, host: str, target: str, users: int, seconds: int) -> Run:
    locustfile = OUT / f"locust_{target}.py"
    # Every run has its own addresses (2,000 per user), so no run counts against another's quota.
    locustfile.write_text(LOCUSTFILE.format(target=target, block=next(RUNS)), encoding="utf-8")
    prefix = OUT / f"locust_{target}"
    cpu_before, client_before, started = server_cpu_seconds(server), children_cpu_seconds(), time.monotonic()
    subprocess.run(
        [
            BIN / "locust",
            "-f",
            str(locustfile),
            "--headless",
            "-u",
            str(users),
            "-r",
            str(users),
            "-t",
            f"{seconds}s",
            "--host",
            host,
            "--csv",
            str(prefix),
            "--only-summary",
            "--stop-timeout",
            "5",
        ],
        check=False,
        env=env(),
        cwd=OUT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=seconds + 60,
    )
    cpu = server_cpu_seconds(server) - cpu_before
    client_load = (children_cpu_seconds() - client_before) / (time.monotonic() - started)
    with open(f"{prefix}_stats.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["Name"] == target:
                requests = int(row["Request Count"])
                return Run(
                    float(row["Requests/s"]),
                    int(row["Failure Count"]),
                    float(row["95%"]),
                    requests,
                    cpu * 1000 / max(requests, 1),
                    client_load,
                )
    raise RuntimeError(f"no locust figures for {target}")


def submission_rates(users: int, seconds: int, rounds: int, workers: int | None) -> None:
    """The minimal endpoint and the submission in alternating rounds against one gunicorn started with
    the production configuration (gunicorn.conf.py); the median of the rounds' ratios is the result,
    as one pair of runs on a shared machine varies by ±20 %."""
    if shutil.which("locust", path=str(BIN)) is None:
        print("locust is not installed in .venv: submission benchmark skipped")
        return
    port = free_port()
    workers = workers or runpy.run_path(str(GUNICORN_CONF))["workers"]
    command = [BIN / "gunicorn", "danvan.wsgi:application", "-c", GUNICORN_CONF, "-w", str(workers)]
    command += ["-b", f"127.0.0.1:{port}", "--log-level", "warning"]
    server = subprocess.Popen(command, env=env(), cwd=ROOT)
    # Earlier runs' submissions would count against this run's addresses (5 per address per hour).
    django_script("from danvan.citizens.models import Intake; Intake.objects.filter(petition=None).delete()")
    ratios, cpu_ratios = {kind: [] for kind in SUBMISSIONS}, {kind: [] for kind in SUBMISSIONS}
    try:
        wait_for_port(port)
        host = f"http://127.0.0.1:{port}"
        # gunicorn listens before its workers have loaded the application: unmeasured runs of every
        # target first, or the first round would count the workers' start-up against the endpoint.
        for target in ("health", *SUBMISSIONS):
            locust_run(server, host, target, users, 5)
        for round_ in range(1, rounds + 1):
            base = locust_run(server, host, "health", users, seconds)
            figures = [f"minimal endpoint /public/health/ {base}"]
            for kind in SUBMISSIONS:
                sub = locust_run(server, host, kind, users, seconds)
                ratios[kind].append(sub.rate / base.rate if base.rate else 0)
                cpu_ratios[kind].append(sub.server_cpu / base.server_cpu if base.server_cpu else 0)
                figures.append(f"{SUBMISSIONS[kind]} {sub}; ratio {ratios[kind][-1]:.2f}")
            print(f"round {round_}: " + "; ".join(figures))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
    print(
        f"minimal endpoint: plain 'ok' through the full middleware stack, no database, no template; "
        f"gunicorn {workers} sync workers on {len(os.sched_getaffinity(0))} cores, {users} locust users, "
        f"{seconds} s per run, {database_label()}"
    )
    for kind, label in SUBMISSIONS.items():
        ratio = statistics.median(ratios[kind])
        print(
            f"{label} / minimal = {ratio:.2f}, median of {rounds} rounds (target >= 0.5: "
            f"{'met' if ratio >= 0.5 else 'NOT met'}); gunicorn's CPU per request / minimal's = "
            f"{statistics.median(cpu_ratios[kind]):.2f} (on PostgreSQL the database server's is not counted)"
        )


def database_label() -> str:
    """The database as gunicorn's workers open it; on SQLite with the commit sync the settings set."""
    return django_script(
        "from django.db import connection\n"
        "label = connection.vendor\n"
        "if label == 'sqlite':\n"
        "    level = connection.cursor().execute('PRAGMA synchronous').fetchone()[0]\n"
        "    label += ' (synchronous=' + ('OFF', 'NORMAL', 'FULL', 'EXTRA')[level] + ')'\n"
        "print(label, end='')"
    )


def wait_for_port(port: int) -> None:
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not listen on port {port}")


def drain(limit: int) -> None:
    """After the locust run: register up to `limit` waiting intakes as the worker's intake watcher does
    (`danvan process_petitions`, the same service) and print its rate; the counts show that every
    submission is either a petition or still waiting in the intake table."""

    def counts() -> list[int]:
        return [
            int(x)
            for x in django_script(
                "from danvan.citizens.models import Intake, Petition\n"
                "print(Intake.objects.count(), Intake.objects.filter(processed_at=None).count(), "
                "Petition.objects.count())"
            ).split()
        ]

    total, pending, petitions = counts()
    started = time.perf_counter()
    subprocess.run(
        [BIN / "danvan", "process_petitions", "--limit", str(limit)],
        check=True,
        env=env(),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    elapsed = time.perf_counter() - started
    total2, pending2, petitions2 = counts()
    done = pending - pending2
    print(
        f"registration: {done} submissions registered as petitions in {elapsed:.1f} s "
        f"({done / elapsed:.1f}/s, one process, including its start-up); intakes {total2}, still "
        f"waiting {pending2}, petitions {petitions} -> {petitions2} "
        f"({'every submission is accounted for' if petitions2 - petitions == done else 'MISMATCH'})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200_000, help="petitions to create (default 200000)")
    parser.add_argument("--users", type=int, default=20, help="locust users (default 20)")
    parser.add_argument("--seconds", type=int, default=20, help="duration of each locust run (default 20)")
    parser.add_argument("--skip-load", action="store_true", help="reuse the database of the previous run")
    parser.add_argument(
        "--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's, 2 per core + 1)"
    )
    parser.add_argument("--rounds", type=int, default=3, help="alternating health/submit rounds (default 3)")
    parser.add_argument("--only", choices=["list", "submit"], help="run only one of the two benchmarks")
    parser.add_argument("--plans", action="store_true", help="print the query plans of the list pages")
    parser.add_argument(
        "--drain",
        type=int,
        default=500,
        help="waiting submissions to register after the locust run (default 500; 0 = none)",
    )
    parser.add_argument(
        "--database-url",
        default="",
        help="e.g. postgres://postgres@127.0.0.1:5432/danvan_bench (recreated); "
        "default: SQLite in bench/out/ (WAL)",
    )
    args = parser.parse_args()
    global DATABASE_URL
    DATABASE_URL = args.database_url or DATABASE_URL
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench_citizens_settings.py").write_text(SETTINGS, encoding="utf-8")
    for command in (["compile_catalogs"], ["collectstatic", "--noinput"]):
        subprocess.run([BIN / "danvan", *command], check=True, env=env(), cwd=ROOT, stdout=subprocess.DEVNULL)
    if not args.skip_load:
        load(args.count)
    else:
        subprocess.run(
            [BIN / "danvan", "migrate", "citizens", "--noinput", "-v", "0"], check=True, env=env(), cwd=ROOT
        )
    if args.only != "submit":
        list_p95(args.plans)
    if args.only != "list":
        submission_rates(args.users, args.seconds, args.rounds, args.workers)
        if args.drain:
            drain(args.drain)


if __name__ == "__main__":
    main()
