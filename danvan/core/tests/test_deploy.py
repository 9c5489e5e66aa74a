"""Production settings pass Django's deployment checklist and refuse to start without secrets."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


SECRETS = {
    "SECRET_KEY": "k7#Qz!v2@pL9$wX4^mN8&bR1*tY6(uI3)oP5_aS0-dF7+gH2=jK9",
    "ALLOWED_HOSTS": "danvan.example.vn",
}


def _run(command: list, env: dict, **kwargs) -> subprocess.CompletedProcess:
    # The test run itself sets DJANGO_ALLOW_ASYNC_UNSAFE (for Playwright); production never does.
    dropped = (
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DEBUG",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "CONN_MAX_AGE",
        "WEB_CONCURRENCY",
        "SQLITE_SYNCHRONOUS",
    )
    base = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        command,
        cwd=ROOT,
        env=base | {"DJANGO_SETTINGS_MODULE": "danvan.settings.prod"} | env,
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,
    )


def _check(env: dict) -> subprocess.CompletedProcess:
    return _run([sys.executable, "-m", "danvan", "check", "--deploy"], env)


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = _check(SECRETS | {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"})
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    # Django's deployment checklist (security.*) and the async guard must be clean; warnings of
    # the OpenAPI generator (drf_spectacular.W001) are schema naming hints, not deployment issues.
    deployment_issues = [line for line in output.splitlines() if "(security." in line or "(async." in line]
    assert deployment_issues == [], output


def test_production_refuses_to_start_without_secret_key(tmp_path):
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    result = _check({"ALLOWED_HOSTS": "danvan.example.vn", "DATABASE_URL": database})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_keeps_database_connections_unless_told_otherwise(tmp_path):
    show = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['CONN_MAX_AGE'])"
    )
    env = SECRETS | {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    assert _run([sys.executable, "-c", show], env).stdout.strip() == "60"
    assert _run([sys.executable, "-c", show], env | {"CONN_MAX_AGE": "0"}).stdout.strip() == "0"


def test_sqlite_syncs_every_commit_unless_told_otherwise(tmp_path):
    show = (
        "import django; django.setup(); from django.db import connection; "
        "print(connection.cursor().execute('PRAGMA synchronous').fetchone()[0])"
    )
    env = SECRETS | {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    assert _run([sys.executable, "-c", show], env).stdout.strip() == "2"  # FULL
    assert _run([sys.executable, "-c", show], env | {"SQLITE_SYNCHRONOUS": "normal"}).stdout.strip() == "1"
    refused = _run([sys.executable, "-c", show], env | {"SQLITE_SYNCHRONOUS": "OFF"})
    assert refused.returncode != 0
    assert "SQLITE_SYNCHRONOUS must be FULL or NORMAL." in refused.stderr


def _gunicorn_workers(env: dict, cores: set) -> str:
    result = _run(
        [Path(sys.executable).parent / "gunicorn", "--print-config", "danvan.wsgi"],
        SECRETS | env,
        preexec_fn=lambda: os.sched_setaffinity(0, cores),
    )
    assert result.returncode == 0, result.stderr
    printed = (line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
    return {name.strip(): value.strip() for name, value in printed}["workers"]


def test_gunicorn_configuration_starts_two_workers_per_core_plus_one():
    assert _gunicorn_workers({}, {0}) == "3"
    if len(os.sched_getaffinity(0)) >= 2:
        assert _gunicorn_workers({}, {0, 1}) == "5"
    assert _gunicorn_workers({"WEB_CONCURRENCY": "4"}, {0}) == "4"
