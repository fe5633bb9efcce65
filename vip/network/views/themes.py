"""Themes and sectors: the list with their uses, adding and renaming them.

For national administrators only; everyone else gets 404, as if the pages did not exist.
There is no deletion: groups, memberships, events and materials refer to the rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from vip.core.forms import add_service_errors
from vip.core.http import AuthenticatedHttpRequest
from vip.core.policies import fetch_or_404
from vip.network import reference_services as services
from vip.network.forms.reference import ReferenceRowForm
from vip.network.models import Sector, Theme
from vip.network.policies import ReferenceRowPolicy, sector_policy, theme_policy
from vip.network.selectors import reference as selectors

LIST_TITLE = gettext_lazy("Themes and sectors")


@dataclass(frozen=True)
class RowKind:
    """What differs between the theme pages and the sector pages."""

    model: type[Theme] | type[Sector]
    policy: ReferenceRowPolicy[Any]
    create: Callable[..., Theme | Sector]
    update: Callable[..., Theme | Sector]
    new_title: Promise
    edit_title: Promise
    created_message: Promise
    anchor: str  # the list page's section


THEMES = RowKind(
    model=Theme,
    policy=theme_policy,
    create=services.theme_create,
    update=lambda *, actor, row, **values: services.theme_update(actor=actor, theme=row, **values),
    new_title=gettext_lazy("New theme"),
    edit_title=gettext_lazy("Edit theme"),
    created_message=gettext_lazy("The theme was added."),
    anchor="themes",
)
SECTORS = RowKind(
    model=Sector,
    policy=sector_policy,
    create=services.sector_create,
    update=lambda *, actor, row, **values: services.sector_update(
        actor=actor, sector=row, **values
    ),
    new_title=gettext_lazy("New sector"),
    edit_title=gettext_lazy("Edit sector"),
    created_message=gettext_lazy("The sector was added."),
    anchor="sectors",
)


def _list_url(kind: RowKind | None = None) -> str:
    url = reverse("network:themes_and_sectors")
    return f"{url}#{kind.anchor}" if kind else url


@login_required
@require_safe
def themes_and_sectors(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not theme_policy.can(request.user, "list"):
        raise Http404
    return render(
        request,
        "network/themes_and_sectors.html",
        {
            "themes": selectors.themes_with_usage(),
            "sectors": selectors.sectors_with_usage(),
            "breadcrumbs": [(LIST_TITLE, None)],
        },
    )


def _create(request: AuthenticatedHttpRequest, kind: RowKind) -> HttpResponse:
    # Permission first: a refused user's post is never read.
    if not kind.policy.can(request.user, "create"):
        raise Http404
    form = ReferenceRowForm(request.POST or None, model=kind.model)
    if request.method == "POST" and form.is_valid():
        try:
            kind.create(actor=request.user, **form.values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, str(kind.created_message))
            return redirect(_list_url(kind))
    return _form_page(request, kind, form, kind.new_title)


def _edit(request: AuthenticatedHttpRequest, kind: RowKind, code: str) -> HttpResponse:
    row = fetch_or_404(kind.policy, request.user, "change", code=code)
    form = ReferenceRowForm(request.POST or None, model=kind.model, row=row)
    if request.method == "POST" and form.is_valid():
        try:
            kind.update(actor=request.user, row=row, **form.values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(_list_url(kind))
    return _form_page(request, kind, form, kind.edit_title, row)


def _form_page(
    request: AuthenticatedHttpRequest,
    kind: RowKind,
    form: ReferenceRowForm,
    title: Promise,
    row: Theme | Sector | None = None,
) -> HttpResponse:
    return render(
        request,
        "network/reference_form.html",
        {
            "form": form,
            "title": title,
            "row": row,
            "is_theme": kind.model is Theme,
            "cancel_url": _list_url(kind),
            "breadcrumbs": [(LIST_TITLE, _list_url()), (title, None)],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def theme_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _create(request, THEMES)


@login_required
@require_http_methods(["GET", "POST"])
def theme_edit(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    return _edit(request, THEMES, code)


@login_required
@require_http_methods(["GET", "POST"])
def sector_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _create(request, SECTORS)


@login_required
@require_http_methods(["GET", "POST"])
def sector_edit(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    return _edit(request, SECTORS, code)
