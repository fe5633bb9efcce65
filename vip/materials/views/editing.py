"""The editors' side of the materials bank: their items, the item form, the workflow.

Editors are the national administrators and the active members of expert groups (for
the items of their themes); everyone else gets 404 here, as if the pages did not exist.
An item is loaded through the policy, so an item the user may not edit answers 404 too.
Files are managed on their own page (``materials:files``), linked from the form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vip.core.forms import add_service_errors
from vip.core.htmx import render_page_or_partial
from vip.core.http import AuthenticatedHttpRequest
from vip.core.pagination import paginate
from vip.materials.forms import (
    EditorFilterForm,
    MaterialForm,
    TransitionForm,
    contributor_rows,
)
from vip.materials.models import Material
from vip.materials.policies import TRANSITIONS, MaterialPolicy
from vip.materials.selectors import editing as selectors
from vip.materials.services import items as services

PER_PAGE = 25
Status = Material.Status
policy = MaterialPolicy()

# The button of each move, by (from, to): the same target reads differently by origin.
MOVE_LABELS: dict[tuple[str, str], Any] = {
    (Status.DRAFT, Status.REVIEW): gettext_lazy("Send to review"),
    (Status.REVIEW, Status.DRAFT): gettext_lazy("Return to draft"),
    (Status.REVIEW, Status.PUBLISHED): gettext_lazy("Publish"),
    (Status.PUBLISHED, Status.ARCHIVED): gettext_lazy("Archive"),
    (Status.ARCHIVED, Status.PUBLISHED): gettext_lazy("Restore as published"),
    (Status.ARCHIVED, Status.DRAFT): gettext_lazy("Return to draft"),
}


@dataclass(frozen=True, slots=True)
class StatusTab:
    url: str
    label: str
    current: bool


@dataclass(frozen=True, slots=True)
class Move:
    to_status: str
    label: str
    primary: bool


def _home_crumb() -> tuple[str, str]:
    return (_("Materials you edit"), reverse("materials:organiser_home"))


def _item_page(material: Material) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("materials:detail", args=[material.pk]))


def _edit_page(material: Material) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("materials:edit", args=[material.pk]))


def _require_editor(request: HttpRequest) -> None:
    # Who may create may also edit something; nobody else has business on these pages.
    if not policy.can(request.user, "create"):
        raise Http404


def _editable(request: HttpRequest, pk: int) -> Material:
    material = selectors.item_for_editing(request.user, pk)
    if material is None:
        raise Http404
    return material


def moves_for(user: Any, material: Material) -> list[Move]:
    """The workflow buttons this user gets for this item."""
    moves = [
        Move(to, str(MOVE_LABELS[(material.status, to)]), to != Status.DRAFT)
        for to in TRANSITIONS.get(material.status, ())
        if policy.can_move(user, material, to)
    ]
    # The move forward is the main button, so it comes first.
    return sorted(moves, key=lambda move: not move.primary)


# --- The editor's items -----------------------------------------------------------------------


@login_required
@require_safe
def organiser_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_editor(request)
    form = EditorFilterForm(request.GET or None, themes=selectors.editable_themes(request.user))
    filters = form.filters()
    page = paginate(request, selectors.editor_items(request.user, filters), PER_PAGE)
    counts = selectors.editor_counts(request.user)
    in_review = next(c.count for c in counts if c.status == Status.REVIEW)
    total = sum(c.count for c in counts)
    tabs = [StatusTab("?", _("All (%(count)d)") % {"count": total}, not filters.status)]
    tabs += [
        StatusTab(f"?status={c.status}", f"{c.label} ({c.count})", filters.status == c.status)
        for c in counts
    ]
    context: dict[str, Any] = {
        "form": form,
        "filters": filters,
        "counts": counts,
        "total": total,
        "status_tabs": tabs,
        "in_review": in_review,
        "breadcrumbs": [
            (_("Materials"), reverse("materials:search")),
            (_("Materials you edit"), None),
        ],
        **page,
    }
    return render_page_or_partial(request, "materials/editing/home.html", "results", context)


# --- Creating and editing ---------------------------------------------------------------------


def _save(
    request: AuthenticatedHttpRequest, form: MaterialForm, rows: Any, material: Material | None
) -> Material | None:
    # Both parts are validated, so that all the errors show at once.
    valid = [form.is_valid(), rows.is_valid()]
    if not all(valid):
        return None
    data = form.material_data(rows.contributors())
    try:
        if material is None:
            return services.material_create(actor=request.user, data=data)
        return services.material_update(actor=request.user, material=material, data=data)
    except ValidationError as error:
        add_service_errors(form, error)
        return None


def _render_form(
    request: HttpRequest, form: MaterialForm, rows: Any, material: Material | None
) -> HttpResponse:
    has_errors = bool(form.errors or any(rows.errors) or rows.non_form_errors())
    if material is None:
        title = _("Add an item")
        crumbs = [_home_crumb(), (title, None)]
        cancel_url = reverse("materials:organiser_home")
        extra: dict[str, Any] = {}
    else:
        title = _("Edit the item")
        crumbs = [
            _home_crumb(),
            (material.title, reverse("materials:detail", args=[material.pk])),
            (_("Edit"), None),
        ]
        cancel_url = reverse("materials:detail", args=[material.pk])
        extra = {
            "moves": moves_for(request.user, material),
            "transition_form": TransitionForm(material=material),
            "history": selectors.status_history(material),
            "versions": selectors.versions_of(request.user, material),
            "failed_files": [f for f in material.files.all() if f.extraction_failed],
        }
    return render(
        request,
        "materials/editing/form.html",
        {
            "form": form,
            "rows": rows,
            "formsets": [rows],
            "material": material,
            "title": title,
            "has_errors": has_errors,
            "cancel_url": cancel_url,
            "breadcrumbs": crumbs,
            **extra,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def material_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_editor(request)
    data = request.POST if request.method == "POST" else None
    form = MaterialForm(data, user=request.user)
    rows = contributor_rows(data, None)
    if data is not None:
        saved = _save(request, form, rows, None)
        if saved is not None:
            messages.success(
                request,
                _(
                    "The item is saved as a draft. Only its editors see it until it is "
                    "published. Add files to it on the edit page."
                ),
            )
            return _item_page(saved)
    return _render_form(request, form, rows, None)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def material_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    material = _editable(request, pk)
    data = request.POST if request.method == "POST" else None
    form = MaterialForm(data, user=request.user, material=material)
    rows = contributor_rows(data, material)
    if data is not None:
        saved = _save(request, form, rows, material)
        if saved is not None:
            if saved.is_public:
                messages.success(request, _("The changes were saved and are public at once."))
            else:
                messages.success(request, _("The changes were saved."))
            return _item_page(saved)
        # The service may have set the new values on the item before refusing them.
        material.refresh_from_db()
    return _render_form(request, form, rows, material)


# --- The workflow -----------------------------------------------------------------------------


@require_POST
@login_required
def material_transition(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    material = _editable(request, pk)
    form = TransitionForm(request.POST, material=material)
    if not form.is_valid():
        messages.error(request, " ".join(_messages_of(form)))
        return _edit_page(material)
    to_status = form.cleaned_data["to_status"]
    if not policy.can_move(request.user, material, to_status):
        messages.error(
            request,
            _("An item that is %(from)s cannot be moved to %(to)s. Reload the page.")
            % {
                "from": Status(material.status).label.lower(),
                "to": Status(to_status).label.lower(),
            },
        )
        return _edit_page(material)
    try:
        services.material_transition(
            actor=request.user,
            material=material,
            to_status=to_status,
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _done_message(to_status))
    return _edit_page(material)


def _messages_of(form: TransitionForm) -> list[str]:
    return [str(message) for errors in form.errors.values() for message in errors]


def _done_message(to_status: str) -> str:
    if to_status == Status.REVIEW:
        return _("The item was sent to review.")
    if to_status == Status.PUBLISHED:
        return _("The item is published: everyone sees it now.")
    if to_status == Status.ARCHIVED:
        return _("The item is archived: only its editors see it now.")
    return _("The item is a draft again.")
