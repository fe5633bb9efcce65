"""Placeholder: being written."""

from django.http import Http404, HttpRequest, HttpResponse


def meeting_create(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def meeting_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def meeting_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def attachment_upload(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def attachment_download(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def decision_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def decision_create(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def decision_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
