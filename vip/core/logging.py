import logging

from vip.core import request_context


class RequestContextFilter(logging.Filter):
    """Adds the current request id to every log record (``-`` outside requests)."""

    def filter(self, record: logging.LogRecord) -> bool:
        context = request_context.current()
        record.request_id = context.request_id if context else "-"
        return True
