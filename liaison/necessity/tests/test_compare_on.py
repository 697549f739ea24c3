"""Issue 15 scope 3: the strategy comparison on a chosen day (`compare_on`) rather than
the adoption, at every door: the page, the API, saved analyses, CSV/PDF and the command."""

from __future__ import annotations

import csv
import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from conftest import make_persona
from liaison.cases.demo import demo_cases_create
from liaison.core.dates import EARLIEST_DATE
from liaison.necessity.models import SavedAnalysis
from liaison.necessity.selectors import (
    NecessityParameters,
    necessity_ranking,
    strategy_adopted_on,
    strategy_on,
)
from liaison.necessity.services import crime_priorities_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(reference_data):
    call_command("load_strategy", stdout=StringIO())
    crime_priorities_load(path=Path(settings.REFERENCE_DATA_DIR) / "crime_priorities.yaml")
    demo_cases_create(count=20, seed=3, today=timezone.localdate())


def _api(django_user_model, name="alice"):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_login(make_persona(django_user_model, name))
    return api


def _text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode().lstrip("\ufeff")
    return response.content.decode().lstrip("\ufeff")


def _ranks_as_of(day: datetime.date) -> dict[str, int | None]:
    """The ranking computed directly as of `day`, without any strategy comparison."""
    ranking = necessity_ranking(
        params=NecessityParameters(as_of=day, include_demo=True), with_strategy=False
    )
    return {row["code"]: row["rank"] for row in (*ranking["ranked"], *ranking["thin"])}


def test_by_default_the_comparison_is_at_the_adoption(world, django_user_model):
    answer = _api(django_user_model).get("/api/necessity/?include_demo=1").json()
    strategy = answer["strategy"]
    adopted = strategy_adopted_on(strategy_on(timezone.localdate()))
    assert strategy["adopted_on"] == adopted.isoformat()
    assert strategy["compared_on"] == adopted.isoformat()
    assert strategy["compared_on_adoption"] is True
    assert answer["parameters"]["compare_on"] is None
    then = _ranks_as_of(adopted)
    for named in strategy["named"]:
        assert named["rank_at_adoption"] == then.get(named["code"])


def test_a_chosen_day_gives_the_ranking_as_of_that_day(world, django_user_model):
    day = timezone.localdate() - datetime.timedelta(days=200)
    answer = (
        _api(django_user_model)
        .get(f"/api/necessity/?include_demo=1&compare_on={day.isoformat()}")
        .json()
    )
    strategy = answer["strategy"]
    assert strategy["compared_on"] == day.isoformat()
    assert strategy["compared_on_adoption"] is False
    assert strategy["adopted_on"] != day.isoformat()
    assert answer["parameters"]["compare_on"] == day.isoformat()
    then = _ranks_as_of(day)
    # The demo caseload lies in the last years: on that day Nigeria and Mexico are ranked.
    assert then["NG"] is not None and then["MX"] is not None
    named = {row["code"]: row for row in strategy["named"]}
    for code, row in named.items():
        assert row["rank_at_adoption"] == then.get(code)
    for row in strategy["not_named"]:
        assert row["rank_at_adoption"] == then.get(row["code"])
    assert "at adoption" not in " ".join(row["movement"] for row in named.values())
    # The current ranking is the same whatever day the comparison is on.
    default = _api(django_user_model, "carol").get("/api/necessity/?include_demo=1").json()
    assert [r["code"] for r in default["ranked"]] == [r["code"] for r in answer["ranked"]]


def test_the_page_labels_the_field_and_says_the_day(world, django_user_model, client):
    client.force_login(make_persona(django_user_model, "alice"))
    day = timezone.localdate() - datetime.timedelta(days=200)
    page = client.get(f"/necessity/?include_demo=1&compare_on={day.isoformat()}").content.decode()
    assert '<label for="id_compare_on">' in page
    assert "Compare with the strategy on" in page
    assert f"how each moved since {day.isoformat()}, the day chosen" in page
    assert f"since {day.isoformat()}:" in page
    assert '<input type="hidden" name="compare_on"' in page
    default = client.get("/necessity/?include_demo=1").content.decode()
    assert "computed as of the adoption" in default


@pytest.mark.parametrize(
    "value",
    [
        "yesterday",
        "2026-02-30",
        "2999-01-01",
        (EARLIEST_DATE - datetime.timedelta(days=1)).isoformat(),
    ],
)
def test_a_bad_day_is_refused_naming_the_field(reference_data, django_user_model, client, value):
    api = _api(django_user_model)
    answer = api.get(f"/api/necessity/?compare_on={value}")
    assert answer.status_code == 400
    assert "compare_on" in answer.json()
    created = api.post("/api/necessity/analyses/", {"compare_on": value}, format="json")
    assert created.status_code == 400
    client.force_login(make_persona(django_user_model, "carol"))
    page = client.get(f"/necessity/?compare_on={value}")
    assert page.status_code == 400
    assert 'id="id_compare_on_error"' in page.content.decode()
    assert client.get(f"/necessity/ranking.csv?compare_on={value}").status_code == 400


def test_a_day_after_as_of_is_refused(reference_data, django_user_model, client):
    answer = _api(django_user_model).get("/api/necessity/?as_of=2025-01-31&compare_on=2025-02-01")
    assert answer.status_code == 400
    assert list(answer.json()) == ["compare_on"]
    assert "2025-01-31" in answer.json()["compare_on"][0]
    with pytest.raises(CommandError, match="--compare-on"):
        call_command(
            "necessity_report", "n.csv", "--as-of", "2025-01-31", "--compare-on", "2025-03-01"
        )


def test_a_saved_analysis_keeps_the_day_and_reopens_the_same(world, django_user_model, client):
    day = (timezone.localdate() - datetime.timedelta(days=200)).isoformat()
    api = _api(django_user_model)
    created = api.post(
        "/api/necessity/analyses/", {"compare_on": day, "include_demo": True}, format="json"
    )
    assert created.status_code == 201
    assert created.json()["parameters"]["compare_on"] == day
    assert created.json()["result"]["strategy"]["compared_on"] == day
    analysis = SavedAnalysis.objects.get()
    assert analysis.parameters["compare_on"] == day
    reopened = api.get(f"/api/necessity/analyses/{analysis.pk}/").json()
    assert reopened["result"]["strategy"] == created.json()["result"]["strategy"]
    client.force_login(make_persona(django_user_model, "erin"))
    client.post("/necessity/analyses/new/", {"compare_on": day, "include_demo": "1"})
    on_page = SavedAnalysis.objects.latest("pk")
    assert on_page.parameters["compare_on"] == day
    page = client.get(on_page.get_absolute_url()).content.decode()
    assert f"since {day}:" in page
    text = _text(client.get(f"/necessity/analyses/{on_page.pk}.csv"))
    assert f"compared with the strategy on {day}" in text


def test_csv_and_pdf_headers_say_the_day(world, django_user_model, client):
    client.force_login(make_persona(django_user_model, "alice"))
    day = (timezone.localdate() - datetime.timedelta(days=200)).isoformat()
    rows = list(
        csv.reader(
            StringIO(_text(client.get(f"/necessity/ranking.csv?include_demo=1&compare_on={day}")))
        )
    )
    assert rows[1][0] == "parameters"
    assert f"compared with the strategy on {day}" in rows[1][3]
    default = _text(client.get("/necessity/ranking.csv?include_demo=1"))
    assert "compared with the strategy at its adoption" in default
    from liaison.core.testing.pdf import pdf_text
    from liaison.necessity.report import ranking_pdf

    ranking = necessity_ranking(
        params=NecessityParameters(include_demo=True, compare_on=datetime.date.fromisoformat(day))
    )
    pdf = ranking_pdf(ranking, title="t", compress=False)
    # The lines wrap: the day is written (in the header and the comparison's heading).
    assert pdf_text(pdf).count(day) >= 2
    default_pdf = ranking_pdf(
        necessity_ranking(params=NecessityParameters()), title="t", compress=False
    )
    assert day not in pdf_text(default_pdf)
    assert client.get(f"/necessity/ranking.pdf?compare_on={day}").status_code == 200


def test_the_command_takes_compare_on(world, tmp_path):
    day = (timezone.localdate() - datetime.timedelta(days=200)).isoformat()
    out = tmp_path / "n.csv"
    call_command(
        "necessity_report", str(out), "--include-demo", "--compare-on", day, stdout=StringIO()
    )
    text = out.read_text(encoding="utf-8")
    assert f"compared with the strategy on {day}" in text
    assert f"since {day}:" in text
    with pytest.raises(CommandError, match="--compare-on"):
        call_command("necessity_report", str(out), "--compare-on", "31/01/2025")


def test_a_chosen_day_costs_no_more_queries_than_the_adoption(world):
    """Both windows stay in one aggregate pass: choosing the day adds no query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    day = timezone.localdate() - datetime.timedelta(days=200)
    with CaptureQueriesContext(connection) as default:
        necessity_ranking(params=NecessityParameters(include_demo=True))
    with CaptureQueriesContext(connection) as chosen:
        necessity_ranking(params=NecessityParameters(include_demo=True, compare_on=day))
    assert len(chosen.captured_queries) <= len(default.captured_queries)
    exchange_queries = [
        q["sql"] for q in chosen.captured_queries if 'FROM "cases_exchange"' in q["sql"]
    ]
    assert len(exchange_queries) == 2  # all exchanges by partner; those sent with an assessment


def test_the_viewer_is_told_the_day_without_the_figures(world, django_user_model, client):
    day = (timezone.localdate() - datetime.timedelta(days=200)).isoformat()
    answer = _api(django_user_model, "bob").get(f"/api/necessity/?include_demo=1&compare_on={day}")
    strategy = answer.json()["strategy"]
    assert strategy["compared_on"] == day and strategy["compared_on_adoption"] is False
    assert all("score_at_adoption" not in row for row in strategy["named"])
    client.force_login(django_user_model.objects.get(username="bob"))
    text = _text(client.get(f"/necessity/ranking.csv?include_demo=1&compare_on={day}"))
    assert f"compared with the strategy on {day}" in text
    assert f"since {day}:" in text


def test_an_analysis_saved_before_compare_on_still_reads(world, django_user_model):
    """Saved results are never rewritten: one without `compared_on` reads as at adoption."""
    from liaison.necessity.services import saved_analysis_create

    params = NecessityParameters(include_demo=True)
    result = necessity_ranking(params=params)
    for key in ("compared_on", "compared_on_adoption"):
        del result["strategy"][key]
    parameters = params.to_dict()
    del parameters["compare_on"]
    erin = make_persona(django_user_model, "erin")
    analysis = saved_analysis_create(
        user=erin, as_of=params.as_of, parameters=parameters, result=result, title="old"
    )
    for name in ("alice", "bob"):
        answer = _api(django_user_model, name).get(f"/api/necessity/analyses/{analysis.pk}/")
        assert answer.status_code == 200
        assert answer.json()["result"]["strategy"]["adopted_on"] == result["strategy"]["adopted_on"]
