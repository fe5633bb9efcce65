"""Placeholder: being written."""

from django.http import Http404, HttpRequest, HttpResponse


def coverage(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def campaign_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def campaign_create(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def campaign_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def campaign_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def contacts_export(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def nomination_replace(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def nomination_withdraw(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def municipality_contacts(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def nomination_create(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
