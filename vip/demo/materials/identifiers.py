"""Demo ISBNs and ISSNs: synthetic numbers with correct check digits.

The named publications are real, but their identifiers here are not theirs: each is
derived from the item's key inside a prefix block, and only its check digit is
computed, so every number validates (``vip.materials.identifiers``) without
pretending to be the publication's real one.
"""

from __future__ import annotations

import hashlib

# The ISBN-13 group of Finland (978-951 / 978-952); the publisher blocks are made up.
ISBN_PREFIX = "978952"
ISSN_PREFIX = "299"


def _digits(key: str, count: int) -> str:
    number = int(hashlib.sha256(f"vip-demo-id:{key}".encode()).hexdigest(), 16)
    return f"{number % 10**count:0{count}d}"


def isbn13_check_digit(first12: str) -> str:
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def issn_check_digit(first7: str) -> str:
    total = sum(int(d) * (8 - i) for i, d in enumerate(first7))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def demo_isbn(key: str) -> str:
    """978-952-NNNN-NN-C for ``key``: the same key gives the same number."""
    body = ISBN_PREFIX + _digits(key, 6)
    check = isbn13_check_digit(body)
    return f"{body[:3]}-{body[3:6]}-{body[6:10]}-{body[10:12]}-{check}"


def demo_issn(key: str) -> str:
    body = ISSN_PREFIX + _digits(key, 4)
    return f"{body[:4]}-{body[4:]}{issn_check_digit(body)}"
