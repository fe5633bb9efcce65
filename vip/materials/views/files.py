"""Files of the materials bank: the download, and the editors' page to upload and remove files.

A file is downloaded by whoever sees its item (the public: published items only), and
managed by the item's editors. Anything else answers 404, as if the file did not exist.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from vip.core.forms import Form
from vip.core.http import AuthenticatedHttpRequest
from vip.core.policies import fetch_or_404
from vip.core.uploads import DOCUMENT_TYPES, describe_types
from vip.materials.models import Material
from vip.materials.policies import MaterialFilePolicy, MaterialPolicy
from vip.materials.services import files as services

material_policy = MaterialPolicy()
file_policy = MaterialFilePolicy()

# A downloaded file is never run as a page of ours, whatever a browser makes of it.
DOWNLOAD_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'"


class FileForm(Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("PDF, Word, Excel, PowerPoint, OpenDocument text or an image."),
        error_messages={
            "required": gettext_lazy("Choose a file to upload."),
            "empty": gettext_lazy("The file is empty."),
        },
    )
    title = forms.CharField(
        label=gettext_lazy("Description"),
        help_text=gettext_lazy("For example: Report in Finnish, summary in English."),
        max_length=200,
        required=False,
    )


def _editable(request: AuthenticatedHttpRequest, pk: int) -> Material:
    return fetch_or_404(material_policy, request.user, "manage_files", pk=pk)


def _crumbs(material: Material) -> list[tuple[str, str | None]]:
    return [
        (_("Materials you edit"), reverse("materials:organiser_home")),
        (material.title, reverse("materials:edit", args=[material.pk])),
    ]


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    for name, texts in error.message_dict.items():
        for text in texts:
            form.add_error(name if name in form.fields else None, text)


# --- The editors' page ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def file_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    material = _editable(request, pk)
    posted = request.method == "POST"
    form = FileForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            added = services.add_file(
                actor=request.user,
                material=material,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if added.extraction_failed:
                messages.warning(
                    request,
                    _("%(name)s was added, but its text could not be read for the search.")
                    % {"name": added.original_name},
                )
            else:
                messages.success(request, _("%(name)s was added.") % {"name": added.original_name})
            return HttpResponseRedirect(request.path)
    files = list(material.files.all())
    return render(
        request,
        "materials/files/list.html",
        {
            "material": material,
            "files": files,
            "failed_files": [file for file in files if file.extraction_failed],
            "max_upload_mb": settings.MAX_UPLOAD_MB,
            "form": form,
            "accepted": describe_types(DOCUMENT_TYPES),
            "breadcrumbs": [*_crumbs(material), (_("Files"), None)],
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def file_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    file = fetch_or_404(
        file_policy,
        request.user,
        "delete",
        queryset=file_policy.visible(request.user, "delete").select_related("material"),
        pk=pk,
    )
    material = file.material
    if request.method == "POST":
        services.remove_file(actor=request.user, file=file)
        messages.success(request, _("%(name)s was removed.") % {"name": file.original_name})
        return HttpResponseRedirect(reverse("materials:files", args=[material.pk]))
    return render(
        request,
        "materials/files/delete.html",
        {
            "material": material,
            "file": file,
            "breadcrumbs": [
                *_crumbs(material),
                (_("Files"), reverse("materials:files", args=[material.pk])),
                (_("Remove a file"), None),
            ],
        },
    )


# --- Download ---------------------------------------------------------------------------------


@require_safe
def file_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    file = fetch_or_404(
        file_policy,
        request.user,
        "download",
        queryset=file_policy.visible(request.user, "download").select_related("material"),
        pk=pk,
    )
    try:
        handle = file.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=file.content_type)
    response["Content-Disposition"] = content_disposition(file.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    if not file.material.is_public:
        # An unpublished item's file is for its editors: no shared cache keeps it.
        response["Cache-Control"] = "private, no-store"
    else:
        # Caches ask again each time, so an archived item's file stops being served.
        response["Cache-Control"] = "no-cache"
    return response


def content_disposition(name: str) -> str:
    """``attachment`` with an ASCII fallback name and the real one as RFC 6266 ``filename*``."""
    return f"attachment; filename=\"{ascii_name(name)}\"; filename*=UTF-8''{quote(name, safe='')}"


def ascii_name(name: str) -> str:
    """The name in printable ASCII ("Pöytäkirja" -> "Poytakirja"), for old clients."""
    decomposed = unicodedata.normalize("NFKD", name)
    kept = "".join(c for c in decomposed if " " <= c <= "~" and c not in '"\\')
    return kept.strip() or "download"
