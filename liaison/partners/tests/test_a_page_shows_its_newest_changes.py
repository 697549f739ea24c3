"""A record's page shows its newest changes and says so; the change log has them all."""

from __future__ import annotations

import pytest
from django.urls import reverse

from liaison.core.views import HISTORY_SHOWN
from liaison.instruments.testing.factories import PartnerFactory

pytestmark = [pytest.mark.django_db]


def _page(client, partner) -> str:
    url = reverse("partners:partner_detail", kwargs={"code": partner.code})
    return client.get(url).content.decode()


def test_a_partner_edited_many_times_shows_the_newest_changes_and_links_to_all(alice_client):
    partner = PartnerFactory(description="version 0")
    for n in range(1, HISTORY_SHOWN + 5):
        partner.description = f"version {n}"
        partner.save()

    page = _page(alice_client, partner)

    assert page.count('class="history-entry"') == HISTORY_SHOWN
    assert f"The newest {HISTORY_SHOWN} are shown here." in page
    assert f"version {HISTORY_SHOWN + 4}" in page  # the last change
    assert "version 1<" not in page  # an early one is left to the change log
    assert "All of it in the change log" in page


def test_a_partner_with_a_short_history_shows_all_of_it_without_the_note(alice_client):
    partner = PartnerFactory(description="version 0")
    partner.description = "version 1"
    partner.save()

    page = _page(alice_client, partner)

    assert page.count('class="history-entry"') == 2
    assert "are shown here" not in page
