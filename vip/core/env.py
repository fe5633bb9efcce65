"""Reading settings from the environment.

Every setting the platform takes comes from an environment variable; these
helpers turn the strings into typed values and fail loudly on nonsense, so a
typo in a deployment shows up at start-up instead of as odd behaviour later.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def mailers_setting(url: str, base_dir: Path) -> dict[str, Any]:
    """Translate an ``EMAIL_URL`` into Django's ``MAILERS`` setting.

    Supported forms::

        console://                      print messages to the log (default)
        smtp://user:password@host:587?tls=1   (or ?ssl=1)
        file:///var/mail/vip            one file per message
        locmem://                       kept in memory (tests)
        dummy://                        discard
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    backends = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "smtps": "django.core.mail.backends.smtp.EmailBackend",
        "file": "django.core.mail.backends.filebased.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "dummy": "django.core.mail.backends.dummy.EmailBackend",
    }
    if scheme not in backends:
        raise ImproperlyConfigured(
            f"EMAIL_URL scheme {scheme!r} is not supported; use one of {', '.join(backends)}"
        )
    options: dict[str, Any] = {}
    if scheme in {"smtp", "smtps"}:
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        options = {
            "host": parts.hostname or "localhost",
            "port": parts.port or (465 if scheme == "smtps" else 25),
            "username": unquote(parts.username or ""),
            "password": unquote(parts.password or ""),
            "use_tls": query.get("tls", "").lower() in _TRUE,
            "use_ssl": scheme == "smtps" or query.get("ssl", "").lower() in _TRUE,
            "timeout": int(query.get("timeout", "10")),
        }
    elif scheme == "file":
        path = Path(unquote(parts.path)) if parts.path else base_dir / "var" / "mail"
        options = {"file_path": str(path)}
    return {"default": {"BACKEND": backends[scheme], "OPTIONS": options}}
