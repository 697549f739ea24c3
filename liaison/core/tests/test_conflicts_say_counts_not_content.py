"""A deletion refused because other records refer to the object says what blocks it by kind
and count, never the content of those records: the person deleting may not be allowed to read
them (other people's transfer assessments, contact details)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from conftest import make_persona, token_key
from liaison.contacts.choices import AppointingBodyKind
from liaison.contacts.services import contact_point_create
from liaison.core.models import AccessLogEntry
from liaison.instruments.testing.factories import InstrumentFactory, add_event
from liaison.partners.models import Partner
from liaison.transfers.models import TransferAssessment
from liaison.transfers.testing import assessment_record

pytestmark = [pytest.mark.django_db]

INSTRUMENT_TITLE = "Memorandum kept out of messages"
ORGANISATION = "Office that only readers of contacts may know"


@pytest.fixture
def ghana(db: Any) -> Partner:
    """Ghana with one instrument and two contact points."""
    partner = Partner.objects.create(
        code="GH", kind="country", name="Ghana", competent_in_criminal_matters=True
    )
    instrument = InstrumentFactory(
        partner=partner, type="memorandum_of_understanding", title=INSTRUMENT_TITLE
    )
    add_event(instrument, "signed", date=datetime.date(2019, 5, 1))
    for number in (1, 2):
        contact_point_create(
            partner=partner,
            name=f"Person {number}",
            organisation=ORGANISATION,
            appointing_body="Office of the Director of Public Prosecutions",
            appointing_body_kind=AppointingBodyKind.COMPETENT_AUTHORITY,
            appointed_on=datetime.date(2020, 1, number),
        )
    return partner


@pytest.fixture
def kenya(django_user_model: Any) -> Partner:
    """Kenya with one instrument, two contact points and three assessments asked by carol."""
    partner = Partner.objects.create(
        code="KE", kind="country", name="Kenya", competent_in_criminal_matters=True
    )
    instrument = InstrumentFactory(
        partner=partner, type="memorandum_of_understanding", title=INSTRUMENT_TITLE
    )
    add_event(instrument, "signed", date=datetime.date(2019, 5, 1))
    for number in (1, 2):
        contact_point_create(
            partner=partner,
            name=f"Person {number}",
            organisation=ORGANISATION,
            appointing_body="Office of the Director of Public Prosecutions",
            appointing_body_kind=AppointingBodyKind.COMPETENT_AUTHORITY,
            appointed_on=datetime.date(2020, 1, number),
        )
    carol = make_persona(django_user_model, "carol")
    for day in (1, 2, 3):
        assessment_record(
            user=carol,
            partner_code="KE",
            data_category="administrative_personal_data",
            as_of=datetime.date(2024, 2, day),
        )
    assert TransferAssessment.objects.count() == 3
    return partner


def says_no_content(text: str) -> bool:
    hidden = (
        INSTRUMENT_TITLE,
        ORGANISATION,
        "Person 1",
        "administrative_personal_data",
        "2024-02-0",
        "contact point #",
        "refused",
        "allowed",
        "referred",
    )
    return not any(word in text for word in hidden)


def test_the_api_refusal_counts_what_blocks_the_deletion(kenya, django_user_model):
    alice = make_persona(django_user_model, "alice")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_key(alice)}")
    response = api.delete("/api/partners/KE/")
    assert response.status_code == 409
    detail = response.json()["detail"]
    assert "3 transfer assessments" in detail
    assert "2 contact points" in detail
    assert "1 instrument" in detail
    assert says_no_content(detail), detail
    assert Partner.objects.filter(code="KE").exists()
    assert not AccessLogEntry.objects.exists()


def admin_page(django_user_model: Any, path: str) -> str:
    erin = django_user_model.objects.filter(username="erin").first()
    erin = erin or make_persona(django_user_model, "erin")
    client = Client()
    client.force_login(erin)
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_the_admin_deletion_page_counts_what_blocks_it(ghana, django_user_model):
    page = admin_page(django_user_model, f"/admin/partners/partner/{ghana.pk}/delete/")
    assert "2 contact points" in page
    assert "1 instrument" in page
    assert says_no_content(page)


def test_the_admin_never_lists_the_assessments_that_block_a_deletion(kenya, django_user_model):
    page = admin_page(django_user_model, f"/admin/partners/partner/{kenya.pk}/delete/")
    assert says_no_content(page)
    carol = django_user_model.objects.get(username="carol")
    page = admin_page(django_user_model, f"/admin/auth/user/{carol.pk}/delete/")
    assert says_no_content(page)
