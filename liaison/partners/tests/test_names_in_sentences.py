"""Inside a sentence, a partner whose name takes "the" gets it: "to the International Criminal
Court", never "to International Criminal Court". The register says which names take it
(`name_takes_article`, loaded from the reference dataset); pages and the transfer engine's
texts read it, and a text that opens with such a name starts with a capital."""

from __future__ import annotations

import datetime

import pytest

from liaison.contacts.tests.conftest import web_client
from liaison.partners.models import Partner
from liaison.transfers import rules
from liaison.transfers.selectors import outlook_request, partner_facts

pytestmark = [pytest.mark.django_db]

ON = datetime.date(2026, 6, 15)


def texts(partner: Partner) -> list[str]:
    _instruments, facts = partner_facts(partner=partner, on=ON)
    return [
        reason.text for reason in rules.assess(facts, outlook_request(on=ON, facts=facts)).reasons
    ]


def test_the_reference_dataset_says_which_names_take_the(reference_data):
    sentence = {p.code: p.name_in_sentence for p in Partner.objects.all()}
    assert sentence["ICC"] == "the International Criminal Court"
    assert sentence["GB"] == "the United Kingdom"
    assert sentence["NL"] == "the Netherlands"
    assert sentence["INTERPOL"] == "Interpol"
    assert sentence["NO"] == "Norway"


def test_the_engine_writes_the_and_capitalises_a_text_that_opens_with_it(reference_data, bob):
    icc = Partner.objects.get(code="ICC")
    written = " ".join(texts(icc))
    assert "transfer to the International Criminal Court on" in written
    assert "to International Criminal Court" not in written
    # A text that opens with the name (a partner recorded as not competent) starts "The".
    Partner.objects.filter(code="ICC").update(competent_in_criminal_matters=False)
    icc.refresh_from_db()
    assert "The International Criminal Court is recorded as not competent" in " ".join(texts(icc))
    page = web_client(bob).get("/channels/ICC/").content.decode()
    assert "How to reach the International Criminal Court" in page


def test_a_name_without_the_is_written_as_it_is(reference_data, bob):
    Partner.objects.filter(code="NO").update(competent_in_criminal_matters=False)
    norway = Partner.objects.get(code="NO")
    assert "Norway is recorded as not competent" in " ".join(texts(norway))
    assert "How to reach Norway" in web_client(bob).get("/channels/NO/").content.decode()
