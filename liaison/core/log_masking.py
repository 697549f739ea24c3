"""Keep secrets that travel in addresses out of the logs.

A calendar app can only subscribe to an address, so the secret calendar key is part of the
path (/engagements/calendar/<key>.ics). Every log line that could carry that path, Django's
request log and the web server's access log alike, goes through `mask_secret_paths`."""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import unquote

from gunicorn.glogging import Logger as GunicornLogger

# Whatever follows /engagements/calendar/ up to the next separator, whatever the case or
# the ending the caller typed (a wrong ending must not log the key either).
SECRET_PATH = re.compile(r"(/engagements/calendar/)[^/\s\"'?#]+", re.IGNORECASE)
HIDDEN = r"\1[hidden]"


def mask_secret_paths(text: str) -> str:
    """`text` with every calendar key hidden, also where the address is percent-encoded
    (`/engagements/%63alendar/<key>.ics` is served like the plain address: the web server
    decodes the path before Django routes it). A line whose decoded form holds a key is
    logged decoded, with the key hidden."""
    decoded = text
    # Decoded until nothing changes (a few rounds at most: enough for any double encoding).
    for _ in range(4):
        if "%" not in decoded:
            break
        step = unquote(decoded, errors="replace")
        if step == decoded:
            break
        decoded = step
    if decoded != text and SECRET_PATH.search(decoded):
        return SECRET_PATH.sub(HIDDEN, decoded)
    return SECRET_PATH.sub(HIDDEN, text)


class SecretPathFilter(logging.Filter):
    """A handler filter: the record's message is formatted, masked, and frozen."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_secret_paths(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True


def _access_request_id(record: logging.LogRecord) -> bool:
    """An access line's request id (the answer's X-Request-ID) as the object's own field."""
    if isinstance(record.args, dict):
        given = record.args.get("{x-request-id}o")
        record.request_id = given if given not in (None, "", "-") else None
    return True


class MaskingGunicornLogger(GunicornLogger):
    """Gunicorn's logger, with the access log's request line, path and referrer masked; with
    LIAISON_LOG_FORMAT=json its lines are JSON objects like Liaison's own."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        from django.conf import settings

        if settings.LOG_FORMAT != "json":
            return
        from liaison.core.log_format import JsonFormatter

        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(JsonFormatter())
        for handler in self.access_log.handlers:
            handler.addFilter(_access_request_id)

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        return {
            name: mask_secret_paths(value) if isinstance(value, str) else value
            for name, value in atoms.items()
        }
