"""A partner belongs to every region whose EU policy documents name it: the G5 Sahel
countries in the register are in the Sahel as well as in West Africa."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from liaison.partners.models import Partner
from liaison.strategy.services import strategy_load

pytestmark = [pytest.mark.django_db]

SAHEL_PARTNERS = {"BF": "Burkina Faso", "ML": "Mali", "MR": "Mauritania", "NE": "Niger"}


def test_a_fresh_load_puts_the_four_sahel_countries_in_the_sahel_and_west_africa(reference_data):
    for code in SAHEL_PARTNERS:
        regions = set(Partner.objects.get(code=code).regions.values_list("code", flat=True))
        assert regions == {"west-africa", "sahel"}, code


def test_the_sahel_page_lists_them_and_the_document_that_prioritises_it(reference_data, bob_client):
    strategy_load(path=settings.REFERENCE_DATA_DIR / "strategy.yaml")
    page = bob_client.get(reverse("strategy:region_detail", kwargs={"code": "sahel"}))
    text = page.content.decode()
    assert "No partner in this region." not in text
    for name in SAHEL_PARTNERS.values():
        assert f">{name}</a>" in text
    assert "COM(2020) 795" in text
