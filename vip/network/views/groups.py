"""Placeholder: being written."""

from django.http import Http404, HttpRequest, HttpResponse


def group_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def group_create(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def representation_overview(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def group_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def group_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def membership_create(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def membership_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def membership_end(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
