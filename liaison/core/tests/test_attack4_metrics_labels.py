"""Attack: /metrics' series are named by what the server chooses (its views and status
codes), never by what an unauthenticated caller sends. The HTTP method is the caller's
word: each invented method (any token of capitals is accepted on the way in) must not
make new series, or anyone can grow the metric files and every scrape without bound.
And the network rule must not open /metrics to everyone behind the load balancer."""

from __future__ import annotations

import ipaddress
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


@override_settings(METRICS_ALLOW=[ipaddress.ip_network("10.0.0.0/8")])
def test_a_request_forwarded_by_the_load_balancer_is_not_an_allowed_network() -> None:
    """The settings' example network (10.0.0.0/8) holds the load balancer of the deployment
    guide's example (instances at 10.0.0.11 and .12): every outside request reaches an
    instance from the balancer's address, with X-Forwarded-For set to the client's. The
    network rule must not let those through (Prometheus scrapes instances directly)."""
    through_balancer = Client(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert through_balancer.get("/metrics").status_code == 404
    # A direct scrape from the monitoring network still reads them.
    assert Client(REMOTE_ADDR="10.0.0.9").get("/metrics").status_code == 200
