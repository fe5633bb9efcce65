from __future__ import annotations

from typing import Any

from django.db import models

from vip.core import crypto


class EncryptedTextField(models.TextField):
    """Text stored encrypted at rest (Fernet); the Python value is plain text.

    Encrypted values cannot be searched or ordered in the database: keep such
    fields out of filters and indexes.
    """

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(str(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return crypto.decrypt(value)
