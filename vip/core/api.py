"""The JSON API and the conventions every endpoint follows.

* Mounted at ``/api/v1/``; schema at ``/api/v1/openapi.json``, docs at ``/api/v1/docs``.
* Lists are paginated by page number: ``?page=1&page_size=25``; ``page_size`` is at
  most ``API_MAX_PAGE_SIZE`` (100) and a larger value is an error, not silently cut.
* Errors are RFC 9457 problem details (``application/problem+json``) with a
  field-level ``errors`` list; every status an endpoint can answer is declared:
  invalid parameters or fields are 422, a body that is not JSON is 400, an
  unexpected failure is 500.
* Authentication: the browser session, or a personal API token in
  ``Authorization: Bearer vip_…``. A token that is presented must be valid, also
  on public endpoints; an expired or revoked one is refused with 401.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterable, Mapping
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer, SessionAuth
from pydantic import create_model

from vip.accounts.models import ApiToken
from vip.accounts.services import TokenRejected, api_token_authenticate

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"


# --- Problem details ------------------------------------------------------------------------


class FieldError(Schema):
    field: str = Field(description="Dotted path of the offending parameter or body field.")
    message: str
    code: str = ""


class Problem(Schema):
    """An RFC 9457 problem details object."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str = ""
    instance: str = ""
    errors: list[FieldError] = Field(default_factory=list)


class ProblemError(Exception):
    """Raise from an endpoint to answer with a problem; ``errors`` name the fields."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str = "",
        errors: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(detail or title)
        self.status = status
        self.title = title
        self.detail = detail
        self.errors = errors or []


def field_error(field: str, message: str, status: int = 422) -> ProblemError:
    return ProblemError(status, _("Invalid request"), message, [(field, message)])


def problem_response(
    request: HttpRequest,
    status: int,
    title: str,
    detail: str = "",
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    body = Problem(
        title=title,
        status=status,
        detail=detail,
        instance=request.path,
        errors=[FieldError(**e) for e in (errors or [])],
    )
    response = HttpResponse(
        body.model_dump_json(), status=status, content_type=PROBLEM_CONTENT_TYPE
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


# Problem responses for the `response=` declarations of endpoints: 401 for a token that
# is not valid, 403 for a missing scope, 422 for invalid parameters or fields. The
# statuses the API's machinery answers on any endpoint (400 for a body that is not JSON,
# 403 until two-step verification is set up, 500) are declared by VipAPI itself.
PUBLIC_ERRORS: dict[int, type[Problem]] = {401: Problem, 422: Problem}
PRIVATE_ERRORS: dict[int, type[Problem]] = {401: Problem, 403: Problem, 422: Problem}


# --- Authentication -------------------------------------------------------------------------


class Anonymous:
    """``request.auth`` on a public endpoint called without credentials."""

    def __bool__(self) -> bool:
        return True


class TokenAuth(HttpBearer):
    openapi_description = "Personal API token: `Authorization: Bearer vip_…`"

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        try:
            api_token = api_token_authenticate(token)
        except TokenRejected as rejected:
            raise AuthenticationError(401, rejected.reason) from None
        request.user = api_token.user
        return api_token


class OptionalTokenAuth(TokenAuth):
    """Public endpoints: anonymous is fine, but a presented token must be valid."""

    def __call__(self, request: HttpRequest) -> Any:
        if not request.headers.get(self.header):
            return Anonymous()
        return super().__call__(request)


TOKEN_REASONS = {
    "malformed": gettext_lazy("The token is malformed."),
    "unknown": gettext_lazy("The token is not valid."),
    "revoked": gettext_lazy("The token has been revoked."),
    "expired": gettext_lazy("The token has expired."),
    "inactive": gettext_lazy("The account of the token is no longer active."),
}

public_auth = [OptionalTokenAuth()]
# The browser session also works; its unsafe requests still need the CSRF token.
private_auth = [TokenAuth(), SessionAuth()]


def require_scope(request: HttpRequest, scope: str) -> None:
    """Tokens must carry the scope; a signed-in browser session has every scope."""
    auth = getattr(request, "auth", None)
    if isinstance(auth, ApiToken) and scope not in auth.scopes:
        raise ProblemError(
            403,
            _("Insufficient scope"),
            _("The token lacks the scope %(scope)s.") % {"scope": scope},
        )


# --- Pagination -----------------------------------------------------------------------------


class PageParams(Schema):
    page: int = Field(1, ge=1, description="Page number, from 1.")
    page_size: int = Field(
        settings.API_DEFAULT_PAGE_SIZE,
        ge=1,
        le=settings.API_MAX_PAGE_SIZE,
        description=f"Items per page, at most {settings.API_MAX_PAGE_SIZE}.",
    )


def page_schema[T: Schema](item: type[T], name: str) -> type[Schema]:
    """The paginated list schema for ``item``: ``{count, page, page_size, pages, items}``."""
    return create_model(
        name,
        __base__=Schema,
        count=(int, ...),
        page=(int, ...),
        page_size=(int, ...),
        pages=(int, ...),
        items=(list[item], ...),  # type: ignore[valid-type]
    )


def paginate(queryset: QuerySet[Any], params: PageParams) -> dict[str, Any]:
    count = queryset.count()
    pages = max(1, math.ceil(count / params.page_size))
    if params.page > pages:
        raise field_error(
            "page",
            _("Page %(page)d does not exist; the last page is %(pages)d.")
            % {"page": params.page, "pages": pages},
        )
    start = (params.page - 1) * params.page_size
    return {
        "count": count,
        "page": params.page,
        "page_size": params.page_size,
        "pages": pages,
        "items": list(queryset[start : start + params.page_size]),
    }


# --- The API --------------------------------------------------------------------------------


# Statuses the API's own machinery answers, whatever the endpoint: the schema declares
# them on every operation (400 only where there is a body to parse). 400: django-ninja's
# body parser (_http_error); 403: TwoFactorEnrolmentMiddleware, for a browser session
# whose user must still set up two-step verification; 500: _server_error.
_MACHINERY_RESPONSES = {
    400: "Malformed request: the body is not valid JSON.",
    403: "Forbidden: the signed-in user must set up two-step verification first "
    "(or, where the endpoint needs one, a token lacks a scope).",
    500: "Internal error: the request failed unexpectedly; the error has been logged.",
}


class VipAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """Declare error responses with the media type they are sent in: problem+json,
        and the statuses every endpoint can answer (see ``_MACHINERY_RESPONSES``)."""
        schema = super().get_openapi_schema(*args, **kwargs)
        problem_ref = _problem_component(schema)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                # Keyed by int as ninja keys them: a "403" beside a 403 would be two
                # "403" keys in the JSON, which Swagger UI refuses to read.
                responses = operation.setdefault("responses", {})
                for status, description in _MACHINERY_RESPONSES.items():
                    if status == 400 and "requestBody" not in operation:
                        continue
                    response = responses.setdefault(status, {"description": description})
                    if response.get("description") == HTTPStatus(status).phrase:
                        response["description"] = description  # ninja's generic one
                    response.setdefault("content", {"application/json": {"schema": problem_ref}})
                for status, response in responses.items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        content[PROBLEM_CONTENT_TYPE] = content.pop("application/json")
        return schema


def _problem_component(schema: dict[str, Any]) -> dict[str, str]:
    """A reference to the Problem schema, added to the components if no endpoint did."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    if "Problem" not in components:
        problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(problem.pop("$defs", {}))
        components["Problem"] = problem
    return {"$ref": "#/components/schemas/Problem"}


api = VipAPI(
    title="VIP network API",
    version="1",
    description=__doc__ or "",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc]
    # Drop ninja's "query"/"body"/"path" and the parameter-group name.
    if parts and parts[0] in {"query", "body", "path", "header", "cookie", "form"}:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] in {"params", "filters", "payload"}:
        parts = parts[1:]
    return ".".join(parts)


# Pydantic's messages are English only: the error types a client can cause get a
# message of ours, in the user's language; ``ctx`` fills the placeholders.
_MESSAGES = {
    "missing": gettext_lazy("This field is required."),
    "less_than_equal": gettext_lazy("Must be at most %(le)s."),
    "less_than": gettext_lazy("Must be less than %(lt)s."),
    "greater_than_equal": gettext_lazy("Must be at least %(ge)s."),
    "greater_than": gettext_lazy("Must be greater than %(gt)s."),
    "int_parsing": gettext_lazy("Must be a whole number."),
    "int_type": gettext_lazy("Must be a whole number."),
    "int_from_float": gettext_lazy("Must be a whole number."),
    "int_parsing_size": gettext_lazy("Must be a whole number."),
    "float_parsing": gettext_lazy("Must be a number."),
    "float_type": gettext_lazy("Must be a number."),
    "decimal_parsing": gettext_lazy("Must be a number."),
    "finite_number": gettext_lazy("Must be a number."),
    "bool_parsing": gettext_lazy("Must be true or false."),
    "bool_type": gettext_lazy("Must be true or false."),
    "string_type": gettext_lazy("Must be text."),
    "string_pattern_mismatch": gettext_lazy("Is not in the expected format."),
    "list_type": gettext_lazy("Must be a list."),
    "dict_type": gettext_lazy("Must be an object."),
    "model_type": gettext_lazy("Must be an object."),
    "model_attributes_type": gettext_lazy("Must be an object."),
    "json_invalid": gettext_lazy("Must be valid JSON."),
    "json_type": gettext_lazy("Must be valid JSON."),
    "extra_forbidden": gettext_lazy("Unknown field."),
    "literal_error": gettext_lazy("Must be one of: %(expected)s."),
    "enum": gettext_lazy("Must be one of: %(expected)s."),
    "string_too_long": gettext_lazy("Must be at most %(max_length)s characters."),
    "date_parsing": gettext_lazy("Must be a date such as 2026-11-22."),
    "date_type": gettext_lazy("Must be a date such as 2026-11-22."),
    "date_from_datetime_parsing": gettext_lazy("Must be a date such as 2026-11-22."),
    "date_from_datetime_inexact": gettext_lazy("Must be a date such as 2026-11-22."),
    "datetime_parsing": gettext_lazy("Must be a date and time such as 2026-11-22T14:30+02:00."),
    "datetime_type": gettext_lazy("Must be a date and time such as 2026-11-22T14:30+02:00."),
    "datetime_from_date_parsing": gettext_lazy(
        "Must be a date and time such as 2026-11-22T14:30+02:00."
    ),
    "time_parsing": gettext_lazy("Must be a time such as 14:30."),
    "uuid_parsing": gettext_lazy("Must be a UUID such as 123e4567-e89b-12d3-a456-426614174000."),
    "uuid_type": gettext_lazy("Must be a UUID such as 123e4567-e89b-12d3-a456-426614174000."),
}


def _counted(error_type: str, ctx: dict[str, Any]) -> str | None:
    """Messages with a count, in the plural form the count asks for."""
    if error_type == "string_too_short":
        count = int(ctx.get("min_length", 0))
        return ngettext(
            "Must be at least %(count)d character.", "Must be at least %(count)d characters.", count
        ) % {"count": count}
    if error_type == "too_short":
        count = int(ctx.get("min_length", 0))
        return ngettext(
            "Must have at least %(count)d item.", "Must have at least %(count)d items.", count
        ) % {"count": count}
    if error_type == "too_long":
        count = int(ctx.get("max_length", 0))
        return ngettext(
            "Must have at most %(count)d item.", "Must have at most %(count)d items.", count
        ) % {"count": count}
    return None


# Pydantic lists the allowed values as "'a', 'b' or 'c'": the "or" is English.
_EXPECTED_SEPARATOR = re.compile(r", | or ")


def _expected(expected: str) -> str:
    """The allowed values of a literal or an enum, without pydantic's English "or"."""
    values = _EXPECTED_SEPARATOR.split(expected)
    return ", ".join(v[1:-1] if len(v) > 1 and v[0] == v[-1] == "'" else v for v in values)


def _message(error: Mapping[str, Any]) -> str:
    """Pydantic's message, in the user's language where we know the error type."""
    error_type = str(error.get("type", ""))
    ctx = dict(error.get("ctx") or {})
    counted = _counted(error_type, ctx)
    if counted is not None:
        return counted
    template = _MESSAGES.get(error_type)
    if template is None:
        return str(error.get("msg", ""))
    if "expected" in ctx:
        ctx["expected"] = _expected(str(ctx["expected"]))
    try:
        return str(template) % {key: str(value) for key, value in ctx.items()}
    except KeyError:
        return str(error.get("msg", ""))


def problem_field_errors(errors: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    """Pydantic's errors as a problem's ``errors``: field, translated message, error type."""
    return [
        {
            "field": _location(error.get("loc", ())),
            "message": _message(error),
            "code": str(error.get("type", "")),
        }
        for error in errors
    ]


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return problem_response(
        request,
        422,
        _("Invalid request"),
        _("Some parameters are not valid."),
        problem_field_errors(exc.errors),
    )


@api.exception_handler(ProblemError)
def _problem_error(request: HttpRequest, exc: ProblemError) -> HttpResponse:
    errors = [{"field": field, "message": message} for field, message in exc.errors]
    return problem_response(request, exc.status, exc.title, exc.detail, errors)


@api.exception_handler(AuthenticationError)
def _authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    reason = str(exc.message) if getattr(exc, "message", None) else ""
    detail = str(TOKEN_REASONS.get(reason, _("Sign in or send a valid API token.")))
    return problem_response(
        request,
        401,
        _("Authentication required"),
        detail,
        headers={"WWW-Authenticate": 'Bearer realm="vip"'},
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400:
        # django-ninja's only 400: a request body its parser could not read (English,
        # with the parser's error in DEBUG). Our endpoints raise ProblemError instead.
        return problem_response(
            request,
            400,
            _("Malformed request"),
            _("The request body is not valid JSON."),
        )
    return problem_response(request, exc.status_code, str(exc.message))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem_response(request, 404, _("Not found"))


@api.exception_handler(Exception)
def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API request failed", exc_info=exc)
    return problem_response(request, 500, _("Internal error"), _("The error has been logged."))


def register_routers() -> None:
    from vip.accounts.api import router as accounts_router
    from vip.events.api import router as events_router
    from vip.materials.api import router as materials_router
    from vip.network.api import router as network_router
    from vip.registry.api import router as registry_router
    from vip.vipu.api import router as vipu_router

    api.add_router("", registry_router)
    api.add_router("", accounts_router)
    api.add_router("", network_router)
    api.add_router("", vipu_router)
    api.add_router("", events_router)
    api.add_router("", materials_router)


register_routers()
