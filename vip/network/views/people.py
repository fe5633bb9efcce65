"""Placeholder: being written."""

from django.http import Http404, HttpRequest, HttpResponse


def person_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def person_create(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def my_contact_details(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def person_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def person_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def employment_create(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def registry_search(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
