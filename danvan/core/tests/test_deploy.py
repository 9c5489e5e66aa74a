"""Production settings pass Django's deployment checklist and refuse to start without secrets."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _check(env: dict) -> subprocess.CompletedProcess:
    # The test run itself sets DJANGO_ALLOW_ASYNC_UNSAFE (for Playwright); production never does.
    dropped = ("SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    base = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, "-m", "danvan", "check", "--deploy"],
        cwd=ROOT, env=base | {"DJANGO_SETTINGS_MODULE": "danvan.settings.prod"} | env,
        capture_output=True, text=True, timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = _check({
        "SECRET_KEY": "k7#Qz!v2@pL9$wX4^mN8&bR1*tY6(uI3)oP5_aS0-dF7+gH2=jK9",
        "ALLOWED_HOSTS": "danvan.example.vn",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    })
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
