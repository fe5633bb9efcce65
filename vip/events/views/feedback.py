"""TEMPORARY STUB: being written."""

from typing import Any



def feedback_form(request: Any, *args: Any, **kwargs: Any) -> Any:
    raise NotImplementedError
