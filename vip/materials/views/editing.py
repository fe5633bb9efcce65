"""Editing of the materials bank (stubs until built)."""

from django.http import Http404, HttpRequest, HttpResponse


def _todo(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


organiser_home = material_create = material_edit = material_transition = _todo
