"""Files of the materials bank (stubs until built)."""

from django.http import Http404, HttpRequest, HttpResponse


def _todo(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


file_download = file_list = file_delete = _todo
