"""An empty register says how to fill it (a module of its own: the other partner-page tests
share one load of the reference data)."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.django_db]


def test_an_empty_register_says_how_to_fill_it(bob_client):
    html = bob_client.get(reverse("partners:partner_list")).content.decode()
    assert "liaison load-reference" in html
