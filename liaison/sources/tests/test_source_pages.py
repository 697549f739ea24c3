"""The source register: what documents the facts rest on, and how often each is cited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from liaison.instruments.models import InstrumentEvent
from liaison.sources.models import Citation, Source

pytestmark = [pytest.mark.django_db]


def test_the_list_shows_sources_by_title_with_their_citation_counts(bob_client, reference_data):
    response = bob_client.get(reverse("sources:source_list"))
    sources = list(response.context["object_list"])
    assert [s.title for s in sources] == sorted(s.title for s in sources)
    strategy = Source.objects.get(key="seed-002-strategy")
    shown = next(
        s
        for s in bob_client.get(reverse("sources:source_list"), {"search": "Strategy on"}).context[
            "object_list"
        ]
        if s.key == strategy.key
    )
    assert shown.citation_count == Citation.objects.filter(source=strategy).count() > 0


def test_the_source_page_names_its_seed_file(bob_client, reference_data):
    html = bob_client.get(
        reverse("sources:source_detail", kwargs={"key": "seed-002-strategy"})
    ).content.decode()
    assert "002_9ad31707977ac2c8.txt" in html


def test_sources_filter_by_document_type(api_bob, reference_data):
    body = api_bob.get("/api/sources/", {"document_type": "legal_act", "page_size": 100}).json()
    assert body["count"] > 0
    assert {row["document_type"] for row in body["results"]} == {"legal_act"}


def test_the_source_page_lists_what_rests_on_it_with_links(bob_client, reference_data):
    mandate = InstrumentEvent.objects.get(instrument__partner__code="INTERPOL", kind="mandate")
    source = mandate.citations.first().source
    response = bob_client.get(reverse("sources:source_detail", kwargs={"key": source.key}))
    html = response.content.decode()
    citations = list(response.context["citations"])
    assert mandate in [citation.cited_object for citation in citations]
    for citation in citations:
        assert citation.cited_object.get_absolute_url() in html
