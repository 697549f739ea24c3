"""Issue 15, "Done when": on a demo caseload where Nigeria and Mexico keep needing Art. 59
and Serbia sends under its agreement, the ranking, the strategy comparison and a saved
analysis, through the web, the API and the command line."""

from __future__ import annotations

import csv
import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from conftest import make_persona
from liaison.cases.demo import demo_cases_create
from liaison.cases.models import Case, Exchange
from liaison.cases.services import case_create, exchange_create
from liaison.necessity.models import SavedAnalysis
from liaison.necessity.services import crime_priorities_load
from liaison.partners.models import Partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(reference_data):
    call_command("load_strategy", stdout=StringIO())
    crime_priorities_load(path=Path(settings.REFERENCE_DATA_DIR) / "crime_priorities.yaml")
    demo_cases_create(count=20, seed=3, today=timezone.localdate())


def _ranked(answer):
    return {row["code"]: row for row in answer["ranked"]}


def test_nigeria_and_mexico_top_the_ranking_and_serbia_s_agreement_suffices(
    world, django_user_model, client, tmp_path
):
    from rest_framework.test import APIClient

    alice = make_persona(django_user_model, "alice")
    api = APIClient()
    api.force_login(alice)
    answer = api.get("/api/necessity/?include_demo=1").json()
    assert [row["code"] for row in answer["ranked"][:2]] == ["NG", "MX"]
    for code in ("NG", "MX"):
        row = _ranked(answer)[code]
        assert row["recommendation_text"] == "seek a Council mandate for an agreement"
        assert row["facts"]["derogations"] >= 20
        assert any("under a derogation (Art. 59)" in line for line in row["evidence"])
    serbia = _ranked(answer)["RS"]
    assert serbia["recommendation_text"] == "the current agreement suffices"
    assert serbia["score"] == 0
    assert serbia["facts"]["transfers_with_basis"] == 30
    assert serbia["facts"]["derogations"] == 0
    assert {"NG", "MX"} <= set(answer["strategy"]["supported"])

    # The web page says the same, with the rule for thin evidence in words.
    client.force_login(alice)
    page = client.get("/necessity/?include_demo=1").content.decode()
    assert page.index('data-partner="NG"') < page.index('data-partner="MX"')
    assert "seek a Council mandate for an agreement" in page
    assert "the current agreement suffices" in page
    assert "fewer than 10 exchanges in the window" in page
    assert "supported by the evidence" in page

    # The command line writes the same ranking.
    out = StringIO()
    call_command("necessity_report", str(tmp_path / "n.csv"), "--include-demo", stdout=out)
    rows = list(csv.reader((tmp_path / "n.csv").open(encoding="utf-8")))
    assert [rows[2][2], rows[3][2]] == ["NG", "MX"]
    assert "1. NG (seek a Council mandate for an agreement)" in out.getvalue()
    call_command("necessity_report", str(tmp_path / "n.pdf"), "--include-demo", stdout=out)
    assert (tmp_path / "n.pdf").read_bytes().startswith(b"%PDF")

    # A saved analysis keeps its figures when the register changes afterwards.
    saved = api.post("/api/necessity/analyses/", {"include_demo": True}, format="json")
    assert saved.status_code == 201
    figures = saved.json()["result"]
    case = Case.objects.filter(partners__code="PE").first() or case_create(
        data={
            "cms_reference": "2026/0001",
            "title": "Cocaine route",
            "crime_areas": ["drug_trafficking"],
            "member_states": ["ES"],
            "requesting_member_state": "ES",
            "opened_on": datetime.date(2025, 1, 1),
        },
        partners=[Partner.objects.get(code="PE")],
    )
    for _ in range(40):
        exchange_create(
            user=None,
            case=case,
            data={
                "partner": Partner.objects.get(code="PE"),
                "kind": "request_for_information",
                "direction": "incoming",
                "channel": "contact_point",
                "data_category": "non_personal",
                "sent_on": timezone.localdate() - datetime.timedelta(days=3),
            },
        )
    assert api.get("/api/necessity/?include_demo=1").json()["ranked"] != figures["ranked"]
    reopened = api.get(f"/api/necessity/analyses/{saved.json()['id']}/").json()
    assert reopened["result"] == figures
    page = client.get(f"/necessity/analyses/{saved.json()['id']}/").content.decode()
    assert "These are the figures as saved" in page
    call_command(
        "necessity_report",
        str(tmp_path / "s.csv"),
        "--analysis",
        str(saved.json()["id"]),
        stdout=out,
    )
    saved_rows = list(csv.reader((tmp_path / "s.csv").open(encoding="utf-8")))
    assert saved_rows[2][2] == "NG" and saved_rows[2][4] == str(figures["ranked"][0]["score"])


def test_demo_records_are_left_out_unless_asked(world, django_user_model):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_login(make_persona(django_user_model, "alice"))
    answer = api.get("/api/necessity/").json()
    assert "NG" not in _ranked(answer)
    assert answer["demo_present"] is True
    assert Exchange.objects.filter(case__demo=True).exists()


def test_the_viewer_sees_the_ranking_without_links_to_cases(world, django_user_model, client):
    from rest_framework.test import APIClient

    bob = make_persona(django_user_model, "bob")
    client.force_login(bob)
    page = client.get("/necessity/?include_demo=1").content.decode()
    assert "seek a Council mandate for an agreement" in page
    assert "cases-link" not in page
    assert "Save this analysis" not in page
    api = APIClient()
    api.force_login(bob)
    answer = api.get("/api/necessity/?include_demo=1").json()
    assert "links" not in answer["ranked"][0]
    assert api.post("/api/necessity/analyses/", {}, format="json").status_code == 403
    carol = APIClient()
    carol.force_login(make_persona(django_user_model, "carol"))
    links = carol.get("/api/necessity/?include_demo=1").json()["ranked"][0]["links"]
    assert "partner=NG" in links["cases"] and "sent_from=" in links["exchanges"]


def test_bad_parameters_are_refused_naming_the_field(reference_data, django_user_model, client):
    from rest_framework.test import APIClient

    alice = make_persona(django_user_model, "alice")
    api = APIClient()
    api.force_login(alice)
    answer = api.get("/api/necessity/?window=eleven&structural=-2&as_of=2026-02-30")
    assert answer.status_code == 400
    assert {"window", "structural", "as_of"} <= set(answer.json())
    assert api.get("/api/necessity/?volume=nan").status_code == 400
    assert api.post("/api/necessity/analyses/", {"window": 99}, format="json").status_code == 400
    client.force_login(alice)
    page = client.get("/necessity/?window=0")
    assert page.status_code == 400
    assert "Window (years)" in page.content.decode()
    assert client.get("/necessity/ranking.csv?window=x").status_code == 400
    assert client.get("/necessity/ranking.pdf?min_exchanges=0").status_code == 400


def test_a_saved_analysis_never_changes(reference_data, django_user_model):
    from rest_framework.test import APIClient

    alice = make_persona(django_user_model, "alice")
    api = APIClient()
    api.force_login(alice)
    created = api.post("/api/necessity/analyses/", {"title": "For the board"}, format="json")
    assert created.status_code == 201
    url = f"/api/necessity/analyses/{created.json()['id']}/"
    assert api.patch(url, {"title": "x"}, format="json").status_code == 405
    assert api.put(url, {"title": "x"}, format="json").status_code == 405
    assert api.delete(url).status_code == 405
    analysis = SavedAnalysis.objects.get()
    analysis.title = "changed"
    with pytest.raises(PermissionDenied):
        analysis.save()
    with pytest.raises(PermissionDenied):
        analysis.delete()
    with pytest.raises(PermissionDenied):
        SavedAnalysis.objects.update(title="x")
    with pytest.raises(PermissionDenied):
        SavedAnalysis.objects.all().delete()
    assert SavedAnalysis.objects.get().title == "For the board"
    # Its creation is in the change history, as every record's.
    history = api.get("/api/changes/?object_type=necessity.savedanalysis")
    assert history.status_code == 200


def test_the_command_refuses_bad_parameters_naming_them(reference_data, tmp_path):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="--window"):
        call_command("necessity_report", str(tmp_path / "n.csv"), "--window", "20")
    with pytest.raises(CommandError, match="Unknown weight: speed"):
        call_command("necessity_report", str(tmp_path / "n.csv"), "--weight", "speed=2")
    with pytest.raises(CommandError, match=".pdf or .csv"):
        call_command("necessity_report", str(tmp_path / "n.txt"))
    with pytest.raises(CommandError, match="no saved analysis 9"):
        call_command("necessity_report", str(tmp_path / "n.csv"), "--analysis", "9")
    call_command(
        "necessity_report", str(tmp_path / "n.csv"), "--weight", "structural=5", stdout=StringIO()
    )
    assert "structural=5.0" in (tmp_path / "n.csv").read_text(encoding="utf-8")


def test_save_on_the_page_keeps_the_parameters_shown(reference_data, django_user_model, client):
    client.force_login(make_persona(django_user_model, "alice"))
    page = client.get("/necessity/?window=2&volume=0&as_of=2025-06-30").content.decode()
    assert '<input type="hidden" name="volume" value="0">' in page
    saved = client.post(
        "/necessity/analyses/new/", {"window": "2", "volume": "0", "as_of": "2025-06-30"}
    )
    analysis = SavedAnalysis.objects.get()
    assert saved["Location"] == f"/necessity/analyses/{analysis.pk}/"
    assert analysis.parameters["window"] == 2
    assert analysis.parameters["weights"]["volume"] == 0
    assert analysis.as_of == datetime.date(2025, 6, 30)
    assert analysis.author_username == "alice"


def test_the_admin_shows_a_saved_analysis_read_only(reference_data, django_user_model, client):
    from liaison.necessity.selectors import NecessityParameters, necessity_ranking
    from liaison.necessity.services import saved_analysis_create

    erin = make_persona(django_user_model, "erin")
    params = NecessityParameters()
    analysis = saved_analysis_create(
        user=erin,
        as_of=params.as_of,
        parameters=params.to_dict(),
        result=necessity_ranking(params=params),
    )
    client.force_login(erin)
    assert client.get("/admin/necessity/savedanalysis/").status_code == 200
    page = client.get(f"/admin/necessity/savedanalysis/{analysis.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.get("/admin/necessity/savedanalysis/add/").status_code == 403
    assert client.post(f"/admin/necessity/savedanalysis/{analysis.pk}/delete/").status_code == 403
    assert client.get("/admin/necessity/crimeprioritycycle/").status_code == 200
