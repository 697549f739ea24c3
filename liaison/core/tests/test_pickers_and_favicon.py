"""Long lists are searchable pickers (Tom Select, vendored with its licence; the plain
select without JavaScript), and every page names Liaison's own icon."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from liaison.contacts.forms import InteractionForm
from liaison.engagements.forms import EngagementForm
from liaison.instruments.forms import InstrumentTransitionForm
from liaison.transfers.forms import TransferAssessmentForm

pytestmark = [pytest.mark.django_db]


def picker_fields(form) -> set[str]:
    return {name for name, field in form.fields.items() if "data-picker" in field.widget.attrs}


def test_partners_sources_key_actions_and_contact_points_are_pickers():
    assert picker_fields(EngagementForm()) == {"partners", "co_organisers", "key_actions"}
    assert picker_fields(TransferAssessmentForm()) == {"partner"}
    assert picker_fields(InstrumentTransitionForm()) == {"source"}
    assert picker_fields(InteractionForm()) == {"contact_points"}


def test_a_picker_is_a_plain_labelled_select_in_the_html(alice_client):
    page = alice_client.get("/engagements/new/").content.decode()
    assert '<label for="id_partners">' in page
    assert '<select name="partners"' in page and "data-picker" in page


def test_the_picker_library_is_served_by_liaison_with_its_licence():
    vendor = Path(finders.find("liaison/vendor/tom-select-2.6.2.complete.min.js")).parent
    assert "Apache License" in (vendor / "tom-select-LICENSE.txt").read_text()
    notice = (vendor / "tom-select-NOTICE.txt").read_text()
    assert "tom-select-2.6.2.complete.min.js" in notice and "tom-select-2.6.2.min.css" in notice


def test_every_page_links_the_icon_and_the_picker_script(client):
    page = client.get("/login/").content.decode()
    assert 'rel="icon"' in page and "favicon.svg" in page and "favicon-32.png" in page
    assert "tom-select-2.6.2.complete.min.js" in page and "pickers.js" in page
    assert "//" not in page.split("tom-select-2.6.2.complete.min.js")[0].rsplit('src="', 1)[1]


def test_the_root_favicon_address_leads_to_the_served_icon_without_a_login(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].startswith(f"/{settings.STATIC_URL.strip('/')}/")
    assert response["Location"].endswith(".ico")
    assert finders.find("liaison/icons/favicon.ico")
