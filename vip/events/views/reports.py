"""TEMPORARY STUB: being written."""

from typing import Any



def event_report(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def event_report_export(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def reach_report(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError


def reach_report_export(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError
