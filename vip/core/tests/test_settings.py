"""Settings come from the environment; production settings pass Django's deploy check."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from vip.core.env import env_bool, env_int, mailers_setting

ROOT = Path(__file__).resolve().parents[3]

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 20 + "production-secret-key-with-enough-entropy-4f9a7c2e1b",
    "FIELD_ENCRYPTION_KEYS": "7uQGmv1lq0m0zS3o0Yc5o0w4bm2zH0mXo8b0wq3v5rE=",
    "ALLOWED_HOSTS": "vip.example.fi",
    "SITE_URL": "https://vip.example.fi",
    "DATABASE_URL": "postgres://vip@db.internal:5432/vip",
    "EMAIL_URL": "smtp://mailer:secret@smtp.example.fi:587?tls=1",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    clean.pop("DATABASE_URL", None)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_deploy_check_is_clean_with_production_variables():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "FIELD_ENCRYPTION_KEYS"])
def test_production_refuses_to_start_without_its_secrets(missing):
    env = {**PRODUCTION, missing: ""}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_a_nonsense_boolean_is_refused(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG must be a boolean"):
        env_bool("SOME_FLAG")
    monkeypatch.setenv("SOME_NUMBER", "many")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER must be an integer"):
        env_int("SOME_NUMBER", 1)


def test_email_urls_become_mailers(tmp_path):
    smtp = mailers_setting("smtp://user%40x:p%3Ass@mail.example:587?tls=1", tmp_path)["default"]
    assert smtp["BACKEND"].endswith("smtp.EmailBackend")
    assert smtp["OPTIONS"] == {
        "host": "mail.example",
        "port": 587,
        "username": "user@x",
        "password": "p:ss",
        "use_tls": True,
        "use_ssl": False,
        "timeout": 10,
    }
    assert mailers_setting("console://", tmp_path)["default"]["BACKEND"].endswith(
        "console.EmailBackend"
    )
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL scheme"):
        mailers_setting("carrier-pigeon://", tmp_path)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite settings")
def test_sqlite_runs_durable_and_waits_for_locks(db):
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 2  # FULL
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1
    assert connection.settings_dict["OPTIONS"]["timeout"] >= 5
    assert "journal_mode=WAL" in connection.settings_dict["OPTIONS"]["init_command"]


def test_sqlite_file_databases_use_wal(tmp_path):
    db = tmp_path / "wal.sqlite3"
    result = run_manage(
        "shell",
        "-c",
        "from django.db import connection; c = connection.cursor(); "
        "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])",
        env={"DEBUG": "1", "DATABASE_URL": f"sqlite:///{db}"},
    )
    assert result.stdout.strip().splitlines()[-1] == "wal", result.stderr
