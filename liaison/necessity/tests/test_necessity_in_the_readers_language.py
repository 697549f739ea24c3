"""Issue 17: the necessity ranking in the reader's language. The recommendations, the
evidence and the report's own words are Liaison's: the page, its CSV and its PDF show them
in French to a French reader; the JSON API keeps its stable codes and English words; a saved
analysis still shows in English what it showed when saved."""

from __future__ import annotations

import csv
import itertools
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone, translation
from rest_framework.test import APIClient

from conftest import make_persona
from liaison.cases.demo import demo_cases_create
from liaison.core.testing.pdf import pdf_text
from liaison.necessity import engine, texts
from liaison.necessity.engine import PartnerFacts, Weights
from liaison.necessity.selectors import NecessityParameters, _movement, necessity_ranking
from liaison.necessity.services import crime_priorities_load, saved_analysis_create

SEEK_AGREEMENT_FR = "demander au Conseil un mandat pour un accord"


@pytest.fixture
def alice(reference_data, django_user_model):
    call_command("load_strategy", stdout=StringIO())
    crime_priorities_load(path=Path(settings.REFERENCE_DATA_DIR) / "crime_priorities.yaml")
    demo_cases_create(count=20, seed=3, today=timezone.localdate())
    return make_persona(django_user_model, "alice")


def _french(client, user):
    client.force_login(user)
    client.post("/language/", {"language": "fr", "next": "/"})
    return client


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _seeking(ranking):
    return next(row for row in ranking["ranked"] if row["recommendation"] == "seek_agreement")


@pytest.mark.django_db
def test_the_page_csv_and_pdf_show_the_recommendations_and_evidence_in_french(alice, client):
    ranking = necessity_ranking(params=NecessityParameters(include_demo=True))
    row = _seeking(ranking)
    client = _french(client, alice)

    html = client.get("/necessity/?include_demo=1").content.decode()
    assert SEEK_AGREEMENT_FR in html
    assert "seek a Council mandate for an agreement" not in html
    assert "échanges sur la période" in html
    assert "exchanges in the window (" not in html

    rows = list(
        csv.reader(
            StringIO(_body(client.get("/necessity/ranking.csv?include_demo=1")).decode("utf-8-sig"))
        )
    )
    line = next(r for r in rows if r[0] == "ranked" and r[2] == row["code"])
    assert SEEK_AGREEMENT_FR in line
    assert "échanges sur la période" in line[-1]
    assert rows[1][3].startswith(f"période du {ranking['start']} au {ranking['end']} ; poids")

    pdf = client.get("/necessity/ranking.pdf?include_demo=1")
    assert pdf.status_code == 200
    text = " ".join(pdf_text(_body(pdf)).split())
    assert SEEK_AGREEMENT_FR in text
    assert "échanges sur la période" in text
    assert "seek a Council mandate" not in text


@pytest.mark.django_db
def test_the_api_keeps_its_codes_and_english_words_for_a_french_reader(alice):
    api = APIClient()
    api.force_login(alice)
    api.post("/language/", {"language": "fr", "next": "/"})
    answer = api.get("/api/necessity/?include_demo=1", HTTP_ACCEPT_LANGUAGE="fr")
    assert answer.status_code == 200
    row = _seeking(answer.json())
    assert row["recommendation"] == "seek_agreement"
    assert row["recommendation_text"] == "seek a Council mandate for an agreement"
    assert "exchanges in the window" in row["evidence"][0]


@pytest.mark.django_db
def test_a_saved_analysis_shows_in_english_what_it_kept_and_in_french_when_it_can(alice, client):
    params = NecessityParameters(include_demo=True)
    result = necessity_ranking(params=params)
    row = _seeking(result)
    # A partner saved under an older wording: its words are kept, in every language.
    older = next(r for r in result["ranked"] if r["code"] != row["code"])
    older["recommendation_text"] = "an older wording"
    older["evidence"] = ["An older sentence."]
    analysis = saved_analysis_create(
        user=alice, as_of=params.as_of, parameters=params.to_dict(), result=result, title="T"
    )

    client.force_login(alice)
    english = client.get(f"/necessity/analyses/{analysis.pk}/").content.decode()
    assert "seek a Council mandate for an agreement" in english
    for line in row["evidence"]:
        assert line.replace("'", "&#x27;") in english

    french = _french(client, alice).get(f"/necessity/analyses/{analysis.pk}/").content.decode()
    assert SEEK_AGREEMENT_FR in french
    assert "an older wording" in french
    assert "An older sentence." in french
    rows = list(
        csv.reader(
            StringIO(
                _body(client.get(f"/necessity/analyses/{analysis.pk}.csv")).decode("utf-8-sig")
            )
        )
    )
    assert any(SEEK_AGREEMENT_FR in r for r in rows)
    assert any("an older wording" in r for r in rows)


def test_the_localised_evidence_in_english_is_the_engines_word_for_word():
    """texts.evidence mirrors engine.evidence: in English they must never part, or saved
    analyses would fall back to their English sentences."""
    weights = Weights()
    counts = itertools.product((0, 1, 7), (0, 1, 12), (0, 1, 6))
    with translation.override("en"):
        for first, cases, basis in counts:
            facts = PartnerFacts(
                code="XX",
                name="X",
                exchanges_first_half=first,
                exchanges_second_half=cases,
                priority_cases=cases,
                other_cases=basis,
                jits=basis,
                action_days=first,
                derogations=basis,
                self_assessments=first,
                refusals=cases,
                transfers_with_basis=basis,
                agreement="Agreement A" if first == 7 else "",
                working_arrangement="WA" if cases == 1 else "",
                agreement_under_way="Agreement B (negotiated)" if basis == 1 else "",
            )
            assert texts.evidence(facts, weights) == engine.evidence(facts, weights)


def test_every_recommendation_has_its_translatable_words():
    assert set(texts.RECOMMENDATION_TEXTS) == set(engine.RECOMMENDATIONS)
    with translation.override("en"):
        for code, words in engine.RECOMMENDATIONS.items():
            assert texts.recommendation_text(code, words) == words
    with translation.override("fr"):
        assert (
            texts.recommendation_text("seek_agreement", engine.RECOMMENDATIONS["seek_agreement"])
            == SEEK_AGREEMENT_FR
        )


def test_the_localised_movement_in_english_is_the_selectors_word_for_word():
    ranks = (None, 1, 3)
    with translation.override("en"):
        for before, now in itertools.product(ranks, ranks):
            assert texts.movement(before, now, on=None) == _movement(before, now)
            assert texts.movement(before, now, on="2025-01-31") == _movement(
                before, now, then="on 2025-01-31"
            )
    with translation.override("fr"):
        assert texts.movement(3, 1, on=None) == "en hausse de 3 à 1"


def test_the_strategys_movements_are_shown_in_french_unless_kept_in_older_words():
    named = {
        "code": "NG",
        "name": "Nigeria",
        "rank": 1,
        "rank_at_adoption": 3,
        "recommendation": "seek_agreement",
        "recommendation_text": engine.RECOMMENDATIONS["seek_agreement"],
        "movement": "up from 3 to 1",
    }
    older = {**named, "code": "PE", "movement": "climbed two places"}
    ranking = {
        "ranked": [],
        "thin": [],
        "parameters": {"weights": Weights().to_dict()},
        "strategy": {"compared_on_adoption": True, "named": [named, older], "not_named": []},
    }
    with translation.override("fr"):
        shown = texts.localised(ranking)
    movements = [row["movement"] for row in shown["strategy"]["named"]]
    assert movements == ["en hausse de 3 à 1", "climbed two places"]
    assert shown["strategy"]["named"][0]["recommendation_text"] == SEEK_AGREEMENT_FR
    # The ranking given is left as it was (a saved analysis is never changed by showing it).
    assert named["movement"] == "up from 3 to 1"
