"""Issue 15: "the viewer sees the ranking and the recommendations without links to cases". The
viewer gets each partner's rank and recommendation in words at every door, never a score, a
component, an evidence count or a link; those who may read cases (cooperation officers, case
officers, the DPO, administrators) get the figures."""

from __future__ import annotations

import csv
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from conftest import make_persona
from liaison.cases.demo import demo_cases_create
from liaison.core.testing.pdf import pdf_text
from liaison.necessity.selectors import NecessityParameters, necessity_ranking
from liaison.necessity.services import crime_priorities_load, saved_analysis_create

pytestmark = pytest.mark.django_db

FIGURE_KEYS = {"score", "components", "evidence", "facts", "links", "score_at_adoption"}


@pytest.fixture
def analysis(reference_data, django_user_model):
    call_command("load_strategy", stdout=StringIO())
    crime_priorities_load(path=Path(settings.REFERENCE_DATA_DIR) / "crime_priorities.yaml")
    demo_cases_create(count=20, seed=3, today=timezone.localdate())
    params = NecessityParameters(include_demo=True)
    return saved_analysis_create(
        user=make_persona(django_user_model, "alice"),
        as_of=params.as_of,
        parameters=params.to_dict(),
        result=necessity_ranking(params=params),
        title="For the board",
    )


def _api(user):
    api = APIClient()
    api.force_login(user)
    return api


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _csv(response) -> list[list[str]]:
    return list(csv.reader(StringIO(_body(response).decode("utf-8-sig"))))


def _assert_no_figures(ranking):
    assert ranking["figures_withheld"] is True
    rows = [*ranking["ranked"], *ranking["thin"]]
    assert rows
    for row in rows:
        assert not FIGURE_KEYS & set(row), row
        assert row["recommendation_text"]
    nigeria = next(row for row in ranking["ranked"] if row["code"] == "NG")
    assert nigeria["rank"] == 1
    assert nigeria["recommendation_text"] == "seek a Council mandate for an agreement"
    for named in ranking["strategy"]["named"]:
        assert not FIGURE_KEYS & set(named), named
    for row in ranking["strategy"]["not_named"]:
        assert not FIGURE_KEYS & set(row), row


def test_the_viewer_s_page_has_ranks_and_advice_without_figures(
    analysis, django_user_model, client
):
    client.force_login(make_persona(django_user_model, "bob"))
    for url in ("/necessity/?include_demo=1", f"/necessity/analyses/{analysis.pk}/"):
        page = client.get(url).content.decode()
        assert 'data-partner="NG"' in page
        assert "seek a Council mandate for an agreement" in page
        assert "shown to those who may read cases" in page
        assert 'class="score"' not in page
        assert 'class="components"' not in page
        assert 'class="evidence"' not in page
        assert "under a derogation (Art. 59)" not in page
        assert " exchanges</li>" not in page
        assert "/cases/?partner=" not in page
    listing = client.get("/necessity/analyses/")
    assert listing.status_code == 200
    assert "For the board" in listing.content.decode()


def test_the_viewer_s_files_have_ranks_and_advice_without_figures(
    analysis, django_user_model, client
):
    client.force_login(make_persona(django_user_model, "bob"))
    for url in ("/necessity/ranking.csv?include_demo=1", f"/necessity/analyses/{analysis.pk}.csv"):
        rows = _csv(client.get(url))
        assert rows[0] == ["section", "rank", "code", "name", "recommendation", "note"]
        assert rows[2][:5] == [
            "ranked",
            "1",
            "NG",
            "Nigeria",
            "seek a Council mandate for an agreement",
        ]
        assert all(len(row) == 6 for row in rows)
        assert not any("derogation" in cell for row in rows for cell in row)
    for url in ("/necessity/ranking.pdf?include_demo=1", f"/necessity/analyses/{analysis.pk}.pdf"):
        text = pdf_text(_body(client.get(url)))
        assert "seek a Council mandate for an agreement" in text
        assert "score " not in text.replace("agreement_score ", "")
        assert "derogation" not in text
        assert re.search(r"\\\): \d+ exchanges", text) is None  # "Peru (PE): 3 exchanges"


def test_the_viewer_s_api_has_ranks_and_advice_without_figures(analysis, django_user_model):
    api = _api(make_persona(django_user_model, "bob"))
    _assert_no_figures(api.get("/api/necessity/?include_demo=1").json())
    _assert_no_figures(api.get(f"/api/necessity/analyses/{analysis.pk}/").json()["result"])
    listed = api.get("/api/necessity/analyses/").json()
    _assert_no_figures(listed["results"][0]["result"])


@pytest.mark.parametrize("persona", ["alice", "carol", "dave", "erin"])
def test_those_who_read_cases_see_the_figures_and_the_links(
    persona, analysis, django_user_model, client
):
    user = make_persona(django_user_model, persona) if persona != "alice" else analysis.author
    api = _api(user)
    live = api.get("/api/necessity/?include_demo=1").json()
    assert "figures_withheld" not in live
    nigeria = live["ranked"][0]
    assert nigeria["score"] > 0 and nigeria["facts"]["derogations"] >= 20
    assert "partner=NG" in nigeria["links"]["cases"]
    saved = api.get(f"/api/necessity/analyses/{analysis.pk}/").json()["result"]
    assert saved["ranked"][0]["score"] == analysis.result["ranked"][0]["score"]
    client.force_login(user)
    page = client.get("/necessity/?include_demo=1").content.decode()
    assert 'class="score"' in page and 'class="cases-link"' in page
    assert "derogations" in _csv(client.get("/necessity/ranking.csv?include_demo=1"))[0]
