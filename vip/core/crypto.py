"""Encryption of personal-data fields with rotating keys.

``FIELD_ENCRYPTION_KEYS`` is a list of Fernet keys: the first encrypts, every
key decrypts. To rotate, put a new key first, deploy, run
``manage.py rotate_encryption_keys`` and then drop the old key.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@cache
def _keyring() -> MultiFernet:
    keys: list[str] = list(settings.FIELD_ENCRYPTION_KEYS)
    if not keys:
        # Development and tests only (settings refuse to start without keys
        # otherwise): a key derived from SECRET_KEY keeps data readable across
        # restarts of a local demo.
        digest = hashlib.sha256(f"vip-field-encryption:{settings.SECRET_KEY}".encode()).digest()
        keys = [base64.urlsafe_b64encode(digest).decode()]
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS must hold url-safe base64 Fernet keys "
            "(generate one with `python manage.py generate_encryption_key`)."
        ) from exc


def reset_keyring() -> None:
    """Forget cached keys (after settings change in tests)."""
    _keyring.cache_clear()


def encrypt(plaintext: str) -> str:
    return _keyring().encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _keyring().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "An encrypted value could not be decrypted with any key in FIELD_ENCRYPTION_KEYS."
        ) from exc


def decrypt_untrusted(token: str) -> str | None:
    """The plain text of a token that came from outside (a link), or None.

    Unlike ``decrypt``, for stored values, a token no key opens is not a
    configuration error here: it is merely not a valid link.
    """
    try:
        return _keyring().decrypt(token.encode("ascii")).decode()
    except (InvalidToken, ValueError):  # ValueError: not ASCII, or not base64
        return None


def new_key() -> str:
    return Fernet.generate_key().decode()
