"""The liaison prosecutors' posts the public sources name are in the register from the
first load, without a person's name, so that a partner's channels are right out of the box."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from liaison.contacts.models import LiaisonOfficer
from liaison.contacts.selectors import channels_for
from liaison.core.choices import Origin
from liaison.partners.models import Partner
from liaison.sources.models import Citation

pytestmark = [pytest.mark.django_db]

# partners.md section 2: the twelve of the thirteen agreements whose partner has seconded a
# liaison prosecutor (Liechtenstein has none), with the start where it is known.
POSTS = {
    "NO": (datetime.date(2005, 1, 1), "year"),
    "IS": (datetime.date(2024, 3, 12), "day"),
    "US": (None, "day"),
    "MK": (None, "day"),
    "CH": (None, "day"),
    "MD": (datetime.date(2023, 9, 1), "month"),
    "ME": (None, "day"),
    "UA": (None, "day"),
    "AL": (datetime.date(2021, 1, 1), "year"),
    "GE": (None, "day"),
    "RS": (datetime.date(2020, 3, 1), "month"),
    "GB": (datetime.date(2021, 1, 1), "year"),
}


def test_each_post_is_loaded_with_its_start_and_source_and_no_name(reference_data):
    loaded = {
        officer.partner.code: officer
        for officer in LiaisonOfficer.objects.select_related("partner").filter(
            origin=Origin.REFERENCE
        )
    }
    assert set(loaded) == set(POSTS)
    for code, (since, precision) in POSTS.items():
        officer = loaded[code]
        assert officer.kind == "liaison_prosecutor"
        assert (officer.started_on, officer.started_on_precision) == (since, precision), code
        assert officer.name == "" and officer.email == "" and officer.phone == ""
        assert Citation.objects.filter(
            object_id=officer.pk, content_type__model="liaisonofficer"
        ).exists()


def test_liechtenstein_has_no_liaison_prosecutor(reference_data):
    assert not LiaisonOfficer.objects.filter(partner__code="LI").exists()


def test_serbias_liaison_prosecutor_comes_first_in_how_to_reach(reference_data, alice_client):
    serbia = Partner.objects.get(code="RS")
    channels = channels_for(partner=serbia, on=datetime.date(2024, 3, 1))
    assert channels[0].kind == "liaison_prosecutor"
    # Before March 2020 Serbia had no liaison prosecutor at the agency.
    before = channels_for(partner=serbia, on=datetime.date(2020, 2, 1))
    assert "liaison_prosecutor" not in [channel.kind for channel in before]

    page = alice_client.get(reverse("partners:partner_channels", kwargs={"code": "RS"}))
    text = page.content.decode()
    kinds = re.findall(r'class="channel channel-[^"]*" data-kind="([a-z_]+)"', text)
    assert kinds and kinds[0] == "liaison_prosecutor"
    assert "the sources do not name its holder" in text


def test_a_post_whose_start_is_unknown_counts_as_serving(reference_data):
    united_states = Partner.objects.get(code="US")
    channels = channels_for(partner=united_states, on=datetime.date(2024, 3, 1))
    assert channels[0].kind == "liaison_prosecutor"


def test_a_reload_keeps_what_the_app_recorded_about_a_post(reference_data):
    from django.conf import settings

    from liaison.contacts.services import liaison_officer_create
    from liaison.reference.loader import reference_load

    serbia = Partner.objects.get(code="RS")
    post = LiaisonOfficer.objects.get(partner=serbia, origin=Origin.REFERENCE)
    post.name = "Demo Holder"
    post.save()
    moldova = LiaisonOfficer.objects.get(partner__code="MD", origin=Origin.REFERENCE)
    moldova.started_on = datetime.date(2023, 9, 18)
    moldova.started_on_precision = "day"
    moldova.save()
    recorded = liaison_officer_create(
        kind="liaison_prosecutor",
        partner=serbia,
        name="Demo Successor",
        started_on=datetime.date(2025, 1, 6),
    )

    report = reference_load(directory=settings.REFERENCE_DATA_DIR)

    post.refresh_from_db()
    moldova.refresh_from_db()
    assert post.name == "Demo Holder"
    assert moldova.started_on == datetime.date(2023, 9, 18)
    assert LiaisonOfficer.objects.filter(pk=recorded.pk, name="Demo Successor").exists()
    conflicts = report.issues.conflicts
    assert any("liaison officer 'md-liaison-prosecutor'" in line for line in conflicts)
