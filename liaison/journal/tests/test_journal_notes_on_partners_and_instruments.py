"""Dated, typed notes on partners and instruments: added by every role but the viewer,
listed on the record's page, newest first, and kept in the change history."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from conftest import make_persona
from liaison.instruments.testing.factories import InstrumentFactory, SourceFactory
from liaison.journal.models import JournalEntry
from liaison.journal.services import journal_entry_create
from liaison.partners.models import Partner

pytestmark = [pytest.mark.django_db]


def client_as(django_user_model: Any, name: str) -> Client:
    client = Client()
    client.force_login(make_persona(django_user_model, name))
    return client


@pytest.fixture
def serbia() -> Partner:
    return Partner.objects.create(code="RS", kind="country", name="Serbia")


def test_a_case_officer_adds_a_warning_to_a_partner(django_user_model, serbia):
    carol = client_as(django_user_model, "carol")
    response = carol.post(
        reverse("partners:partner_journal_add", kwargs={"code": "RS"}),
        {"kind": "warning", "date": "2025-02-03", "text": "Contact point changes in March."},
        follow=True,
    )
    assert "Note added to the journal." in response.content.decode()
    page = response.content.decode()
    assert "Contact point changes in March." in page and "2025-02-03" in page
    assert "journal-warning" in page
    entry = JournalEntry.objects.get()
    assert (entry.about, entry.author.username) == (serbia, "carol")
    logged = LogEntry.objects.get(content_type=ContentType.objects.get_for_model(JournalEntry))
    assert logged.actor.username == "carol"


def test_notes_on_an_instrument_are_listed_newest_first(django_user_model):
    instrument = InstrumentFactory()
    dave = client_as(django_user_model, "dave")
    url = reverse("instruments:instrument_journal_add", kwargs={"pk": instrument.pk})
    dave.post(url, {"kind": "info", "date": "2024-01-01", "text": "Older note"})
    dave.post(url, {"kind": "success", "date": "2025-01-01", "text": "Newer note"})
    page = dave.get(instrument.get_absolute_url()).content.decode()
    assert page.index("Newer note") < page.index("Older note")


def test_a_viewer_reads_the_journal_but_cannot_add(django_user_model, serbia):
    JournalEntry.objects.create(
        about=serbia,
        kind="info",
        text="Visible to all",
        author=make_persona(django_user_model, "alice"),
    )
    bob = client_as(django_user_model, "bob")
    page = bob.get(reverse("partners:partner_detail", kwargs={"code": "RS"})).content.decode()
    assert "Visible to all" in page and "Add to the journal" not in page
    refused = bob.post(
        reverse("partners:partner_journal_add", kwargs={"code": "RS"}),
        {"kind": "info", "date": "2025-01-01", "text": "x"},
    )
    assert refused.status_code == 403


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "info", "date": "2025-01-01", "text": ""}, "Note: This field is required."),
        ({"kind": "gossip", "date": "2025-01-01", "text": "x"}, "Select a valid choice"),
        ({"kind": "info", "date": "1 Jan", "text": "x"}, "Enter a valid date"),
    ],
)
def test_bad_notes_are_refused_with_a_clear_message(django_user_model, serbia, data, message):
    alice = client_as(django_user_model, "alice")
    response = alice.post(
        reverse("partners:partner_journal_add", kwargs={"code": "RS"}), data, follow=True
    )
    assert message in response.content.decode()
    assert not JournalEntry.objects.exists()


def test_only_partners_and_instruments_keep_a_journal(django_user_model):
    source = SourceFactory()
    with pytest.raises(ValidationError) as refused:
        journal_entry_create(
            about=source,
            kind="info",
            date=datetime.date(2025, 1, 1),
            text="A note on a source",
            author=make_persona(django_user_model, "alice"),
        )
    assert "Only partners and instruments keep a journal." in refused.value.messages
    assert not JournalEntry.objects.exists()
