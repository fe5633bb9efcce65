"""TEMPORARY STUB: being written."""

from typing import Any



def organiser_home(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def event_create(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def event_edit(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def event_publish(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def event_cancel(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def event_duplicate(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def series_duplicate(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def material_list(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def material_delete(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def material_download(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def participant_material_download(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError
