"""A test-only URLconf: the platform's own addresses and two that fail on purpose.

The accessibility check sets it as ``ROOT_URLCONF`` so that the live server shows its
real 500 and 400 pages (through the platform's handlers, in each language) without
the platform itself having an address that breaks.
"""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.urls import path

from config import urls as platform

SERVER_ERROR = "test-only/server-error/"
BAD_REQUEST = "test-only/bad-request/"


class FailureOnPurpose(Exception):
    """Raised by the server-error address; nothing else raises it."""


def server_error_on_purpose(request: HttpRequest) -> HttpResponse:
    raise FailureOnPurpose("a test asked for the server error page")


def bad_request_on_purpose(request: HttpRequest) -> HttpResponse:
    raise BadRequest("a test asked for the bad request page")


urlpatterns = [
    *platform.urlpatterns,
    *i18n_patterns(
        path(SERVER_ERROR, server_error_on_purpose),
        path(BAD_REQUEST, bad_request_on_purpose),
        prefix_default_language=False,
    ),
]

handler400 = platform.handler400
handler403 = platform.handler403
handler404 = platform.handler404
handler500 = platform.handler500
