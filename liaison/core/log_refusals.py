"""Refusals (403) in the server log: one calm line naming who, where and which request.

Django's request logger writes a refused request as a warning with the whole traceback of
PermissionDenied: pages of noise for an expected answer, that bury the real failures. This
filter, set on that logger, keeps the line and drops the traceback; other errors keep it."""

from __future__ import annotations

import logging
from typing import Any


def _user_name(request: Any) -> str:
    user = getattr(request, "user", None)
    if user is None or not getattr(user, "is_authenticated", False):
        return "anonymous"
    return str(user.get_username())


class RefusalFilter(logging.Filter):
    """On a record of a 403 answer: the message once formatted, the user, the request id,
    and no exception information. Once per record: LOGGING may be applied twice in one
    process (a gunicorn worker sets Django up twice), which puts the filter on its logger
    twice, and the line must not get its suffix twice."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) != 403:
            return True
        if getattr(record, "refusal_described", False):
            return True
        record.refusal_described = True
        request = getattr(record, "request", None)
        message = record.getMessage().splitlines()[0] if record.getMessage() else "Forbidden"
        record.msg = "%s (user=%s, request_id=%s)"
        record.args = (
            message,
            _user_name(request),
            getattr(request, "request_id", "-"),
        )
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True
