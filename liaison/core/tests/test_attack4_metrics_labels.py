"""Attack: /metrics' series are named by what the server chooses (its views and status
codes), never by what an unauthenticated caller sends. The HTTP method is the caller's
word: each invented method (any token of capitals is accepted on the way in) must not
make new series, or anyone can grow the metric files and every scrape without bound."""

from __future__ import annotations

import re

import pytest
from django.test import Client, override_settings

pytestmark = [pytest.mark.django_db]

TOKEN = "m" * 40


@override_settings(METRICS_TOKEN=TOKEN)
def test_invented_methods_do_not_make_new_series() -> None:
    client = Client()
    for method in ("ZZQAA", "ZZQAB", "ZZQAC"):
        # Unauthenticated, refused (405), yet still counted.
        assert client.generic(method, "/healthz").status_code == 405
    text = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").content.decode()
    methods = set(re.findall(r'method="([^"]*)"', text))
    assert not {"ZZQAA", "ZZQAB", "ZZQAC"} & methods, sorted(methods)
