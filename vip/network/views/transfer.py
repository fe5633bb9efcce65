"""Placeholder: being written."""

from django.http import Http404, HttpRequest, HttpResponse


def network_import(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def import_template(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def network_export(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
