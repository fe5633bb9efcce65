"""TEMPORARY STUB: being written."""

from typing import Any



def participant_list(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def participant_export(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def participant_promote(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def participant_remove(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def attendance(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def attendance_mark(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def message_list(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def invoicing(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def invoicing_export(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError
