"""Attack: the secret calendar key is hidden in every log line. The web server's access
line prints the request line as the client sent it (RAW_URI), while Django routes the
decoded path: `/engagements/%63alendar/<key>.ics` serves the same feed, so its key must be
hidden in the access line too."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from liaison.core.log_masking import MaskingGunicornLogger

KEY = "k3yS3cretAbcdef0123456789"


@pytest.mark.parametrize(
    "raw",
    [
        f"/engagements/%63alendar/{KEY}.ics",
        f"/engagements/calendar%2F{KEY}.ics",
        f"/%65ngagements/calendar/{KEY}.ics",
    ],
)
def test_an_encoded_calendar_address_is_hidden_in_the_access_line(raw: str) -> None:
    logger = MaskingGunicornLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": raw,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "PATH_INFO": f"/engagements/calendar/{KEY}.ics",
        "REMOTE_ADDR": "127.0.0.1",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    atoms = logger.atoms(response, SimpleNamespace(headers=[]), environ, datetime.timedelta())
    line = logger.cfg.access_log_format % atoms
    assert KEY not in line, line
