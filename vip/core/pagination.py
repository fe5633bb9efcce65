from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def paginate(
    request: HttpRequest, queryset: QuerySet[Any], per_page: int = 50, count: int | None = None
) -> dict[str, Any]:
    """The page asked for (out-of-range numbers give the nearest page) and the query to keep.
    ``count``: the number of rows when known already (the paginator counts them otherwise)."""
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count  # a cached property: the paginator then counts nothing
    page_obj = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return {
        "page_obj": page_obj,
        "object_list": page_obj.object_list,
        "page_query": f"{encoded}&" if encoded else "",
    }
