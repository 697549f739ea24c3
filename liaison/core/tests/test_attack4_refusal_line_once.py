"""Attack (JSON logs): under `liaison serve` Django is set up twice in a worker (by the
command, then by the WSGI application), so LOGGING is applied twice; the refusal filter is
then on its logger twice, and a 403 line reads "Forbidden (...): /readyz (user=anonymous,
request_id=X) (user=anonymous, request_id=X)". One refusal must be described once."""

from __future__ import annotations

import logging
import logging.config
from typing import Any

LOGGERS = ("django.request", "django.security.csrf")


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_a_refusal_is_described_once_after_logging_is_set_up_again(settings: Any) -> None:
    kept = {name: list(logging.getLogger(name).filters) for name in LOGGERS}
    logger = logging.getLogger("django.security.csrf")
    collect = Collect()
    try:
        # What a gunicorn worker's second django.setup() does.
        logging.config.dictConfig(settings.LOGGING)
        logger.addHandler(collect)
        logger.warning(
            "Forbidden (CSRF cookie not set.): %s", "/readyz", extra={"status_code": 403}
        )
    finally:
        logger.removeHandler(collect)
        for name, filters in kept.items():
            logging.getLogger(name).filters[:] = filters
    [line] = collect.lines
    assert line.count("request_id=") == 1, line
