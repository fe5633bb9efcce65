"""Time-based one-time passwords (RFC 6238) for the second sign-in step."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
import time
from urllib.parse import quote, urlencode

import qrcode
import qrcode.image.svg

PERIOD = 30
DIGITS = 6
# One step either way tolerates a phone clock that is up to 30 s off.
DRIFT_STEPS = 1


def generate_secret() -> str:
    return base64.b32encode(secrets.token_bytes(20)).decode().rstrip("=")


def _key(secret: str) -> bytes:
    padded = secret.upper() + "=" * (-len(secret) % 8)
    return base64.b32decode(padded)


def hotp(secret: str, counter: int, digits: int = DIGITS) -> str:
    digest = hmac.new(_key(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def current_step(at: float | None = None) -> int:
    return int((time.time() if at is None else at) // PERIOD)


def verify(
    secret: str, code: str, *, last_used_step: int = 0, at: float | None = None
) -> int | None:
    """The time step the code belongs to, or None; a step already used is refused."""
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == DIGITS):
        return None
    now = current_step(at)
    for step in range(now - DRIFT_STEPS, now + DRIFT_STEPS + 1):
        if step > last_used_step and hmac.compare_digest(hotp(secret, step), code):
            return step
    return None


def provisioning_uri(secret: str, account: str, issuer: str) -> str:
    label = quote(f"{issuer}:{account}")
    query = urlencode(
        {
            "secret": secret,
            "issuer": issuer,
            "algorithm": "SHA1",
            "digits": DIGITS,
            "period": PERIOD,
        }
    )
    return f"otpauth://totp/{label}?{query}"


def qr_code_svg(uri: str) -> str:
    """The provisioning URI as an inline SVG QR code (no image request, no inline script)."""
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    return image.to_string(encoding="unicode")
