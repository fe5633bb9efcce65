"""Public pages of the materials bank (stubs until built)."""

from django.http import Http404, HttpRequest, HttpResponse


def _todo(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


material_search = material_detail = theme_detail = kind_detail = news_feed = _todo
