"""ISBN and ISSN: written with or without hyphens, accepted only with a valid check digit."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SEPARATORS = re.compile(r"[\s-]")


def compact(value: str) -> str:
    return _SEPARATORS.sub("", value).upper()


def isbn_is_valid(value: str) -> bool:
    digits = compact(value)
    if not digits.isascii():  # "²".isdigit() is true, but it is no digit of an ISBN
        return False
    if len(digits) == 13 and digits.isdigit():
        total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits[:12]))
        return (10 - total % 10) % 10 == int(digits[12])
    if len(digits) == 10 and digits[:9].isdigit() and (digits[9].isdigit() or digits[9] == "X"):
        total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
        check = 10 if digits[9] == "X" else int(digits[9])
        return (total + check) % 11 == 0
    return False


def issn_is_valid(value: str) -> bool:
    digits = compact(value)
    if not digits.isascii():
        return False
    if len(digits) != 8 or not digits[:7].isdigit():
        return False
    if not (digits[7].isdigit() or digits[7] == "X"):
        return False
    total = sum(int(d) * (8 - i) for i, d in enumerate(digits[:7]))
    check = 10 if digits[7] == "X" else int(digits[7])
    return (total + check) % 11 == 0


def validate_isbn(value: str) -> None:
    if value and not isbn_is_valid(value):
        raise ValidationError(
            _(
                "This is not a valid ISBN: check the digits "
                "(10 or 13 of them; the last one is a check digit)."
            ),
            code="invalid_isbn",
        )


def validate_issn(value: str) -> None:
    if value and not issn_is_valid(value):
        raise ValidationError(
            _(
                "This is not a valid ISSN: check the digits "
                "(e.g. 1798-6443; the last one is a check digit)."
            ),
            code="invalid_issn",
        )
