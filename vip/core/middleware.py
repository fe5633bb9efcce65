from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from vip.core import request_context


class RequestContextMiddleware:
    """Gives every request an id (echoed in ``X-Request-ID``) and records its address."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        context = request_context.RequestContext(
            request_id=request_context.request_id_from(request),
            ip=request_context.client_ip(request),
        )
        request.request_id = context.request_id  # type: ignore[attr-defined]
        token = request_context.activate(context)
        try:
            response = self.get_response(request)
        finally:
            request_context.deactivate(token)
        response["X-Request-ID"] = context.request_id
        return response


class ApiLanguageMiddleware:
    """The API speaks the language the client asks for in Accept-Language.

    Pages take their language from the address; LocaleMiddleware therefore
    gives every address without a language prefix - the API's too - the
    default language. API clients have no prefix to choose with, so their
    Accept-Language header decides (Finnish when it names none of ours).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith("/api/"):
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
