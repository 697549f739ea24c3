"""Log lines as JSON objects (LIAISON_LOG_FORMAT=json), each naming its request.

The request id is the one `RequestIdMiddleware` gives the request (and sends back as
X-Request-ID); log lines written while no request is served carry none. Every text in the
object goes through the same masking as plain lines (log_masking), fields added by the
caller and tracebacks included."""

from __future__ import annotations

import logging
from contextvars import ContextVar
from typing import Any

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

from liaison.core.log_masking import mask_secret_paths

# The id of the request this thread is serving (set by RequestIdMiddleware), for every log
# line written meanwhile. Here, not in the middleware, as logging is set up before models.
current_request_id: ContextVar[str | None] = ContextVar("current_request_id", default=None)

# Objects that callers attach to records (Django's request logger attaches the request,
# whose text holds the address): never written out as such.
LEFT_OUT = {"request", "server_time"}


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record: the request it is about (Django's request logger
    writes its line after the middleware has finished, naming the request), else the one
    being served, else None."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "request_id", None) or current_request_id.get()
        return True


def _masked(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return mask_secret_paths(value)
    if isinstance(value, list | tuple):
        return [_masked(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _masked(item) for key, item in value.items()}
    return mask_secret_paths(str(value))


class JsonFormatter(BaseJsonFormatter):
    """One JSON object a line: time, level, logger, message, request_id, the caller's extra
    fields and any traceback, every text masked."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("fmt", "{asctime}{levelname}{name}{message}{request_id}")
        kwargs.setdefault("style", "{")
        kwargs.setdefault("datefmt", "%Y-%m-%dT%H:%M:%S%z")
        kwargs.setdefault(
            "rename_fields", {"asctime": "time", "levelname": "level", "name": "logger"}
        )
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, *LEFT_OUT])
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__(*args, **kwargs)

    def process_log_record(self, log_data: dict[str, Any]) -> dict[str, Any]:
        return {key: _masked(value) for key, value in log_data.items()}
