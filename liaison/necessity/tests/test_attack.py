"""Attacks on the Necessity doors (branch necessity-attack): each test states what should
hold; the ones that fail are findings, written up in /work/notes/necessity-attack.md."""

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
from rest_framework.test import APIClient

from conftest import make_persona
from liaison.cases.demo import demo_cases_create
from liaison.necessity.models import SavedAnalysis
from liaison.necessity.selectors import NecessityParameters, necessity_ranking
from liaison.necessity.services import crime_priorities_load, saved_analysis_create
from liaison.partners.models import Partner

pytestmark = pytest.mark.django_db

FIGURE_KEYS = {"facts", "components", "evidence", "score"}


@pytest.fixture
def world(reference_data):
    call_command("load_strategy", stdout=StringIO())
    crime_priorities_load(path=Path(settings.REFERENCE_DATA_DIR) / "crime_priorities.yaml")
    demo_cases_create(count=20, seed=3, today=timezone.localdate())


def _api(django_user_model, name):
    api = APIClient()
    api.force_login(make_persona(django_user_model, name))
    return api


def _codes(answer):
    return {row["code"] for row in answer["ranked"]}


# --- Demo records: "left out unless asked"; include_demo=0 is not asking. ---------------


@pytest.mark.parametrize("value", ["0", "no", "off"])
def test_include_demo_0_leaves_the_demo_records_out_of_the_api(world, django_user_model, value):
    api = _api(django_user_model, "alice")
    asked = _codes(api.get("/api/necessity/?include_demo=1").json())
    assert "NG" in asked
    answer = api.get(f"/api/necessity/?include_demo={value}").json()
    assert answer["parameters"]["include_demo"] is False
    assert "NG" not in _codes(answer)


def test_include_demo_0_leaves_the_demo_records_out_of_the_page_and_csv(
    world, django_user_model, client
):
    client.force_login(make_persona(django_user_model, "alice"))
    page = client.get("/necessity/?include_demo=0").content.decode()
    assert "Demo records are included in these figures" not in page
    assert 'data-partner="NG" data-recommendation="seek_agreement"' not in page
    body = b"".join(client.get("/necessity/ranking.csv?include_demo=0").streaming_content)
    rows = list(csv.reader(StringIO(body.decode("utf-8-sig"))))
    assert "NG" not in {row[2] for row in rows if row and row[0] == "ranked"}


def test_a_saved_analysis_with_include_demo_0_leaves_the_demo_out(world, django_user_model, client):
    client.force_login(make_persona(django_user_model, "alice"))
    client.post("/necessity/analyses/new/", {"include_demo": "0"})
    analysis = SavedAnalysis.objects.get()
    assert analysis.parameters["include_demo"] is False
    assert "NG" not in _codes(analysis.result)


def test_the_command_weight_option_cannot_switch_the_demo_records_on(world, tmp_path):
    """Only real weights are taken by --weight (the demo records have --include-demo)."""
    from django.core.management import CommandError

    for given in ("include_demo=0", "include_demo=1", "window=2", "as_of=2020-01-01"):
        with pytest.raises(CommandError, match="Unknown weight"):
            call_command(
                "necessity_report", str(tmp_path / "n.csv"), "--weight", given, stdout=StringIO()
            )
    assert not (tmp_path / "n.csv").exists()


# --- The viewer: the ranking and the recommendations, not the figures. ------------------


def test_the_viewer_gets_rank_and_recommendation_but_no_figures_from_the_api(
    world, django_user_model
):
    answer = _api(django_user_model, "bob").get("/api/necessity/?include_demo=1").json()
    row = answer["ranked"][0]
    assert row["rank"] == 1 and row["recommendation_text"]
    assert not FIGURE_KEYS & set(row), sorted(FIGURE_KEYS & set(row))


def test_the_viewer_gets_no_figures_on_the_page(world, django_user_model, client):
    client.force_login(make_persona(django_user_model, "bob"))
    page = client.get("/necessity/?include_demo=1").content.decode()
    assert "seek a Council mandate for an agreement" in page
    assert 'class="components"' not in page
    assert "sent under a derogation (Art. 59)" not in page


def test_the_viewer_gets_no_figures_in_the_csv(world, django_user_model, client):
    client.force_login(make_persona(django_user_model, "bob"))
    response = client.get("/necessity/ranking.csv?include_demo=1")
    if response.status_code == 200:
        body = b"".join(response.streaming_content).decode("utf-8-sig")
        header = next(csv.reader(StringIO(body)))
        assert "derogations" not in header and "exchanges" not in header
    else:
        assert response.status_code == 403


def test_the_viewer_gets_no_figures_from_a_saved_analysis(world, django_user_model, client):
    alice = make_persona(django_user_model, "alice")
    params = NecessityParameters(include_demo=True)
    analysis = saved_analysis_create(
        user=alice,
        as_of=params.as_of,
        parameters=params.to_dict(),
        result=necessity_ranking(params=params),
    )
    bob = _api(django_user_model, "bob")
    answer = bob.get(f"/api/necessity/analyses/{analysis.pk}/")
    if answer.status_code == 200:
        row = answer.json()["result"]["ranked"][0]
        assert not FIGURE_KEYS & set(row), sorted(FIGURE_KEYS & set(row))
    else:
        assert answer.status_code == 403
    client.force_login(bob_user := django_user_model.objects.get(username="bob"))
    assert bob_user
    page = client.get(f"/necessity/analyses/{analysis.pk}/")
    assert page.status_code == 403 or "sent under a derogation (Art. 59)" not in (
        page.content.decode()
    )


# --- A saved analysis never changes: not through the base manager either. ----------------


def test_a_saved_analysis_cannot_be_changed_through_the_base_manager(
    reference_data, django_user_model
):
    params = NecessityParameters()
    analysis = saved_analysis_create(
        user=make_persona(django_user_model, "alice"),
        as_of=params.as_of,
        parameters=params.to_dict(),
        result=necessity_ranking(params=params),
        title="For the board",
    )
    with pytest.raises(PermissionDenied):
        SavedAnalysis._base_manager.filter(pk=analysis.pk).update(title="rewritten")
    assert SavedAnalysis.objects.get().title == "For the board"


def test_a_saved_analysis_cannot_be_deleted_through_the_base_manager(
    reference_data, django_user_model
):
    params = NecessityParameters()
    saved_analysis_create(
        user=make_persona(django_user_model, "alice"),
        as_of=params.as_of,
        parameters=params.to_dict(),
        result=necessity_ranking(params=params),
    )
    with pytest.raises(PermissionDenied):
        SavedAnalysis._base_manager.all().delete()
    assert SavedAnalysis.objects.count() == 1


# --- CSV injection: the command line's CSV is as safe as the web's. ----------------------


def test_the_command_csv_neutralises_a_tab_or_cr_formula_as_the_web_does(world, tmp_path):
    Partner.objects.filter(code="NG").update(name="\t=HYPERLINK(1)")
    call_command("necessity_report", str(tmp_path / "n.csv"), "--include-demo", stdout=StringIO())
    rows = list(csv.reader((tmp_path / "n.csv").open(encoding="utf-8")))
    names = [row[3] for row in rows if len(row) > 3 and row[2] == "NG"]
    assert names and all(not name.startswith(("\t", "\r", "=")) for name in names)


# --- PDF with odd characters. ------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["Ŝerbia 🇷🇸 ‹›", "A" * 300, "x\x00y", "<b>&amp;</b> \u202e"],
)
def test_the_pdf_survives_odd_partner_names(world, django_user_model, client, name):
    from django.db import connection

    if connection.vendor == "postgresql" and (len(name) > 200 or "\x00" in name):
        pytest.skip("PostgreSQL itself refuses such a name (200 characters, no NUL)")
    Partner.objects.filter(code="NG").update(name=name)
    client.force_login(make_persona(django_user_model, "alice"))
    response = client.get("/necessity/ranking.pdf?include_demo=1")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


# --- Parameters: 400 naming the field, never 500. -----------------------------------------


@pytest.mark.parametrize(
    "query, field",
    [
        ("window=0", "window"),
        ("window=-1", "window"),
        ("window=99999999999999999999999", "window"),
        ("window=abc", "window"),
        ("window=3%00", "window"),
        ("volume=inf", "volume"),
        ("volume=-inf", "volume"),
        ("volume=NaN", "volume"),
        ("volume=-1", "volume"),
        ("volume=1e309", "volume"),
        ("as_of=0001-01-01", "as_of"),
        ("as_of=9999-12-31", "as_of"),
        ("as_of=2026-13-01", "as_of"),
        ("as_of=2026-01-01%00", "as_of"),
        ("min_exchanges=0", "min_exchanges"),
        ("structural_min=1.5", "structural_min"),
        ("window=3&window=x", "window"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_field(reference_data, django_user_model, query, field):
    api = _api(django_user_model, "alice")
    answer = api.get(f"/api/necessity/?{query}")
    assert answer.status_code == 400
    assert field in answer.json()
    created = api.post(f"/api/necessity/analyses/?{query}", {}, format="json")
    assert created.status_code in (201, 400)


@pytest.mark.parametrize(
    "data, field",
    [
        ({"volume": "NaN"}, "volume"),
        ({"volume": "Infinity"}, "volume"),
        ({"window": "3\x00"}, "window"),
        ({"title": "x\x00y"}, "title"),
        ({"as_of": "0001-01-01"}, "as_of"),
        ({"structual": 10}, "structual"),
    ],
)
def test_bad_saved_analysis_bodies_are_a_400(reference_data, django_user_model, data, field):
    api = _api(django_user_model, "alice")
    answer = api.post("/api/necessity/analyses/", data, format="json")
    assert answer.status_code == 400, answer.content[:300]
    assert field in answer.json()


# --- CSRF on the save form. ---------------------------------------------------------------


def test_the_save_form_needs_its_csrf_token(reference_data, django_user_model):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(make_persona(django_user_model, "alice"))
    assert browser.post("/necessity/analyses/new/", {}).status_code == 403
    assert browser.post("/api/necessity/analyses/", {}).status_code == 403
    assert SavedAnalysis.objects.count() == 0


# --- Roles on every door. ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["anonymous", "nora"])
def test_no_role_reads_nothing(reference_data, django_user_model, client, name):
    if name != "anonymous":
        client.force_login(make_persona(django_user_model, name))
    for url in (
        "/necessity/",
        "/necessity/ranking.csv",
        "/necessity/ranking.pdf",
        "/necessity/analyses/",
        "/api/necessity/",
        "/api/necessity/analyses/",
    ):
        assert client.get(url).status_code in (302, 401, 403), url
    assert client.post("/necessity/analyses/new/", {}).status_code in (302, 401, 403)
    assert SavedAnalysis.objects.count() == 0


@pytest.mark.parametrize("name, may", [("bob", False), ("carol", False), ("dave", False)])
def test_who_may_save_an_analysis(reference_data, django_user_model, client, name, may):
    api = _api(django_user_model, name)
    assert (api.post("/api/necessity/analyses/", {}, format="json").status_code == 201) is may
    client.force_login(django_user_model.objects.get(username=name))
    assert (client.post("/necessity/analyses/new/", {}).status_code == 302) is may


# --- Ranking correctness on a tiny caseload. ---------------------------------------------


def _tiny_case(code, count, *, days_ago=10):
    from liaison.cases.models import Case
    from liaison.cases.services import case_create, exchange_create

    partner = Partner.objects.get(code=code)
    case = Case.objects.filter(partners=partner).first() or case_create(
        data={
            "cms_reference": f"2026/{code}",
            "title": f"Case with {code}",
            "crime_areas": ["drug_trafficking"],
            "member_states": ["ES"],
            "requesting_member_state": "ES",
            "opened_on": timezone.localdate() - datetime.timedelta(days=400),
        },
        partners=[partner],
    )
    for _ in range(count):
        exchange_create(
            user=None,
            case=case,
            data={
                "partner": partner,
                "kind": "request_for_information",
                "direction": "incoming",
                "channel": "contact_point",
                "data_category": "non_personal",
                "sent_on": timezone.localdate() - datetime.timedelta(days=days_ago),
            },
        )


def test_member_states_are_never_ranked(reference_data):
    answer = necessity_ranking(params=NecessityParameters())
    kinds = dict(Partner.objects.values_list("code", "kind"))
    listed = {row["code"] for row in (*answer["ranked"], *answer["thin"])}
    assert not {
        code
        for code in listed
        if kinds[code] != "country" and kinds[code] != "international_organisation"
    }


def test_thin_evidence_at_the_threshold(reference_data):
    _tiny_case("PE", 9)
    _tiny_case("EC", 10)
    answer = necessity_ranking(params=NecessityParameters())
    assert "EC" in _codes(answer)
    assert "PE" in {row["code"] for row in answer["thin"]}


def test_an_infinite_weight_in_a_json_body_is_a_400(reference_data, django_user_model):
    api = _api(django_user_model, "alice")
    answer = api.post(
        "/api/necessity/analyses/", '{"volume": 1e999}', content_type="application/json"
    )
    assert answer.status_code == 400
    assert "volume" in answer.json()


def test_an_unknown_weight_in_the_query_is_a_400_naming_it(reference_data, django_user_model):
    """The command line refuses `--weight structual=10`; the API must not silently rank with
    the default weight instead (a saved analysis would then cite the wrong parameters)."""
    answer = _api(django_user_model, "alice").get("/api/necessity/?structual=10")
    assert answer.status_code == 400
    assert "structual" in answer.json()


def test_a_refusal_for_another_reason_is_not_counted_as_lacking_a_basis(world, django_user_model):
    """Serbia has an agreement in force: a transfer refused because the receiving authority
    is not competent (gate (b)) is not 'refused for lack of a basis'."""
    from liaison.transfers.services import assessment_create, transfer_request

    before = necessity_ranking(params=NecessityParameters(include_demo=True))
    serbia = {row["code"]: row for row in (*before["ranked"], *before["thin"])}["RS"]
    assessment = assessment_create(
        user=make_persona(django_user_model, "alice"),
        partner_code="RS",
        request=transfer_request(
            data_category="operational_personal_data",
            necessity="Needed to identify a suspect.",
            receiving_authority="Ministry of Tourism of Serbia",
            receiving_authority_competent=False,
        ),
    )
    assert assessment.decision == "refused"
    after = necessity_ranking(params=NecessityParameters(include_demo=True))
    row = {row["code"]: row for row in (*after["ranked"], *after["thin"])}["RS"]
    assert row["facts"]["refusals"] == serbia["facts"]["refusals"]
    assert not any(
        "refused for lack of a basis" in line
        and not line.endswith("0 refused for lack of a basis.")
        for line in row["evidence"]
    )


def test_reloading_the_crime_priorities_keeps_what_the_app_recorded(reference_data):
    from liaison.necessity.models import CrimePriority, CrimePriorityCycle

    path = Path(settings.REFERENCE_DATA_DIR) / "crime_priorities.yaml"
    crime_priorities_load(path=path)
    first = crime_priorities_load(path=path)
    assert CrimePriorityCycle.objects.exists()
    priority = CrimePriority.objects.order_by("pk").first()
    priority.title = "Changed in the app"
    priority.crime_areas = []
    priority.save()
    cycle = priority.cycle
    CrimePriority.objects.create(
        cycle=cycle, key="recorded-in-app", number=99, title="Recorded in the app"
    )
    crime_priorities_load(path=path)
    priority.refresh_from_db()
    assert priority.title == "Changed in the app"
    assert priority.crime_areas == []
    assert CrimePriority.objects.filter(key="recorded-in-app").exists()
    assert first is not None


def test_a_partner_whose_agreement_is_already_negotiated_is_not_told_to_seek_a_mandate(
    reference_data,
):
    """'What exists already: the partner's instruments and their status': a partner with a
    Council mandate given (negotiating, signed, provisionally applied) is not advised to seek
    one, and its evidence names that agreement and its status."""
    from dataclasses import replace

    from liaison.instruments.choices import InstrumentStatus, InstrumentType
    from liaison.instruments.models import Instrument

    pending = (
        Instrument.objects.with_status(timezone.localdate())
        .filter(
            type=InstrumentType.INTERNATIONAL_AGREEMENT,
            status__in=[
                InstrumentStatus.NEGOTIATING,
                InstrumentStatus.SIGNED,
                InstrumentStatus.PROVISIONALLY_APPLIED,
            ],
            partner__kind="country",
        )
        .select_related("partner")
        .first()
    )
    assert pending is not None, "the reference data has an agreement under negotiation"
    _tiny_case(pending.partner.code, 12)
    params = NecessityParameters()
    params = replace(params, weights=replace(params.weights, agreement_score=1.0))
    answer = necessity_ranking(params=params)
    row = {row["code"]: row for row in answer["ranked"]}[pending.partner.code]
    assert row["recommendation"] != "seek_agreement", (pending.partner.code, pending.title)
    assert any(pending.title in line for line in row["evidence"]), row["evidence"]


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_a_405_on_every_necessity_door(
    reference_data, django_user_model, client, method
):
    erin = make_persona(django_user_model, "erin")
    params = NecessityParameters()
    analysis = saved_analysis_create(
        user=erin,
        as_of=params.as_of,
        parameters=params.to_dict(),
        result=necessity_ranking(params=params),
        title="Kept",
    )
    client.force_login(erin)
    api = APIClient()
    api.force_login(erin)
    for url in (
        "/necessity/",
        "/necessity/ranking.csv",
        f"/necessity/analyses/{analysis.pk}/",
        f"/necessity/analyses/{analysis.pk}.csv",
        "/necessity/analyses/new/",
    ):
        assert getattr(client, method)(url).status_code == 405, url
    for url in ("/api/necessity/", f"/api/necessity/analyses/{analysis.pk}/"):
        assert getattr(api, method)(url, {"title": "x"}, format="json").status_code == 405, url
    assert SavedAnalysis.objects.get().title == "Kept"
    assert api.post("/api/necessity/", {}, format="json").status_code == 405


def test_case_readers_get_links_and_the_viewer_none(world, django_user_model):
    for name, links in (("alice", True), ("dave", True), ("erin", True), ("bob", False)):
        row = _api(django_user_model, name).get("/api/necessity/?include_demo=1").json()
        assert ("links" in row["ranked"][0]) is links, name


def test_a_tiny_caseload_scored_by_hand(reference_data):
    """Peru: 12 exchanges (all within the last month), one drug-trafficking case (an EU
    crime priority of the cycle in force), no operation, no transfer without a basis."""
    import math

    crime_priorities_load(path=Path(settings.REFERENCE_DATA_DIR) / "crime_priorities.yaml")
    _tiny_case("PE", 12)
    answer = necessity_ranking(params=NecessityParameters())
    assert "drug_trafficking" in answer["cycle"]["crime_areas"]
    row = {row["code"]: row for row in answer["ranked"]}["PE"]
    assert row["facts"]["priority_cases"] == 1 and row["facts"]["other_cases"] == 0
    assert row["components"]["volume"] == round(math.log2(13), 2)
    assert row["components"]["seriousness"] == 1.0
    assert row["score"] == round(round(math.log2(13), 2) + 1.0, 2)
    assert row["recommendation"] == "seek_working_arrangement"


def test_the_viewer_reads_no_figures_in_the_history_of_a_saved_analysis(
    world, django_user_model, client
):
    """The change history is a copy: a saved analysis's creation entry holds its whole result."""
    alice = _api(django_user_model, "alice")
    created = alice.post("/api/necessity/analyses/", {"include_demo": True}, format="json")
    assert created.status_code == 201
    bob = _api(django_user_model, "bob")
    answer = bob.get("/api/changes/?object_type=necessity.savedanalysis")
    assert answer.status_code in (200, 403)
    if answer.status_code == 200:
        assert "derogations" not in answer.content.decode()
    client.force_login(django_user_model.objects.get(username="bob"))
    pk = created.json()["id"]
    for url in (
        "/changes/?object_type=necessity.savedanalysis",
        f"/necessity/analyses/{pk}/history/",
    ):
        page = client.get(url)
        assert page.status_code != 200 or "derogations" not in page.content.decode(), url


def _kept_analysis(django_user_model):
    params = NecessityParameters()
    return saved_analysis_create(
        user=make_persona(django_user_model, "alice"),
        as_of=params.as_of,
        parameters=params.to_dict(),
        result=necessity_ranking(params=params),
        title="For the board",
    )


def test_a_new_instance_with_the_pk_of_a_saved_analysis_cannot_overwrite_it(
    reference_data, django_user_model
):
    """Model(pk=existing).save() is an UPDATE in Django although `_state.adding` is True."""
    kept = _kept_analysis(django_user_model)
    forged = SavedAnalysis(
        pk=kept.pk,
        author=kept.author,
        author_username="mallory",
        title="Forged",
        as_of=kept.as_of,
        parameters={},
        result={},
    )
    with pytest.raises(Exception):  # noqa: B017 (refused, whichever way)
        forged.save()
    kept = SavedAnalysis.objects.get(pk=kept.pk)
    assert kept.title == "For the board" and kept.result["ranked"] is not None


def test_bulk_create_cannot_upsert_over_a_saved_analysis(reference_data, django_user_model):
    kept = _kept_analysis(django_user_model)
    forged = SavedAnalysis(
        pk=kept.pk,
        author=kept.author,
        author_username="mallory",
        title="Forged",
        as_of=kept.as_of,
        parameters={},
        result={},
    )
    with pytest.raises(Exception):  # noqa: B017 (refused, whichever way)
        SavedAnalysis.objects.bulk_create(
            [forged], update_conflicts=True, unique_fields=["id"], update_fields=["title"]
        )
    assert SavedAnalysis.objects.get(pk=kept.pk).title == "For the board"


def test_loaddata_cannot_overwrite_a_saved_analysis(reference_data, django_user_model, tmp_path):
    import json

    kept = _kept_analysis(django_user_model)
    fixture = tmp_path / "forged.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "necessity.savedanalysis",
                    "pk": kept.pk,
                    "fields": {
                        "saved_at": "2020-01-01T00:00:00Z",
                        "author": kept.author_id,
                        "author_username": "mallory",
                        "title": "Forged",
                        "as_of": "2020-01-01",
                        "parameters": {},
                        "result": {},
                    },
                }
            ]
        ),
        encoding="utf-8",
    )
    with pytest.raises(Exception):  # noqa: B017 (refused, whichever way)
        call_command("loaddata", str(fixture), stdout=StringIO())
    assert SavedAnalysis.objects.get(pk=kept.pk).title == "For the board"


def test_a_first_load_keeps_a_cycle_recorded_in_the_app_under_the_same_key(reference_data):
    from liaison.necessity.models import CrimePriorityCycle

    path = Path(settings.REFERENCE_DATA_DIR) / "crime_priorities.yaml"
    CrimePriorityCycle.objects.create(
        key="empact-2026-2029",
        title="Recorded in the app",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2029, 12, 31),
    )
    tally = crime_priorities_load(path=path)
    assert CrimePriorityCycle.objects.get(key="empact-2026-2029").title == "Recorded in the app"
    assert tally.issues


def test_the_web_csv_neutralises_a_formula_in_a_partner_name(world, django_user_model, client):
    Partner.objects.filter(code="NG").update(name="=HYPERLINK(1)")
    client.force_login(make_persona(django_user_model, "alice"))
    body = b"".join(client.get("/necessity/ranking.csv?include_demo=1").streaming_content)
    rows = list(csv.reader(StringIO(body.decode("utf-8-sig"))))
    names = [row[3] for row in rows if len(row) > 3 and row[2] == "NG"]
    assert names and all(not name.startswith("=") for name in names)


@pytest.mark.parametrize("name", ["n.csv", "n.pdf"])
def test_the_command_refuses_a_file_it_cannot_write_with_a_clear_error(
    reference_data, tmp_path, name
):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="missing"):
        call_command("necessity_report", str(tmp_path / "missing" / name), stdout=StringIO())


@pytest.mark.parametrize("name", ["alice", "dave", "erin"])
def test_those_with_the_figures_reopen_a_saved_analysis_at_every_door(
    reference_data, django_user_model, client, name
):
    kept = _kept_analysis(django_user_model)
    user = (
        django_user_model.objects.get(username=name)
        if name == "alice"
        else make_persona(django_user_model, name)
    )
    client.force_login(user)
    for url in (
        "/necessity/analyses/",
        f"/necessity/analyses/{kept.pk}/",
        f"/necessity/analyses/{kept.pk}.csv",
        f"/necessity/analyses/{kept.pk}.pdf",
    ):
        assert client.get(url).status_code == 200, url
    api = APIClient()
    api.force_login(user)
    assert api.get(f"/api/necessity/analyses/{kept.pk}/").json()["title"] == "For the board"
    assert api.get("/api/necessity/analyses/").status_code == 200


@pytest.mark.parametrize("edge", ["earliest", "latest"])
def test_the_edges_of_the_date_range_rank_without_error(world, django_user_model, client, edge):
    from liaison.core.dates import EARLIEST_DATE, LATEST_DATE

    day = (EARLIEST_DATE if edge == "earliest" else LATEST_DATE).isoformat()
    api = _api(django_user_model, "alice")
    for window in (1, 10):
        assert api.get(f"/api/necessity/?as_of={day}&window={window}").status_code == 200
        created = api.post(
            "/api/necessity/analyses/", {"as_of": day, "window": window}, format="json"
        )
        assert created.status_code == 201
    client.force_login(django_user_model.objects.get(username="alice"))
    assert client.get(f"/necessity/ranking.pdf?as_of={day}&window=10").status_code == 200
    assert client.get(f"/necessity/?as_of={day}&window=10").status_code == 200


def test_another_eu_body_s_agreement_is_no_basis_for_the_agency(reference_data):
    """An agreement between Peru and Frontex binds Frontex, not the agency (the transfer
    engine leaves it out: eu_party must be none or the Union): it meets no need here."""
    from liaison.instruments.models import InstrumentEvent
    from liaison.instruments.testing.factories import InstrumentFactory

    frontex = Partner.objects.filter(code="FRONTEX").first() or Partner.objects.create(
        code="FRONTEX", kind="eu_body", name="Frontex"
    )
    peru = Partner.objects.get(code="PE")
    instrument = InstrumentFactory(
        partner=peru,
        eu_party=frontex,
        type="cooperation_agreement",
        key="pe-frontex",
        title="Frontex working agreement with Peru",
    )
    InstrumentEvent.objects.create(
        instrument=instrument, kind="signed", date=datetime.date(2015, 1, 1)
    )
    InstrumentEvent.objects.create(
        instrument=instrument, kind="in_force", date=datetime.date(2016, 1, 1)
    )
    _tiny_case("PE", 12)
    row = {r["code"]: r for r in necessity_ranking(params=NecessityParameters())["ranked"]}["PE"]
    assert row["recommendation"] not in (
        "current_agreement_suffices",
        "current_instruments_suffice",
    )
    assert row["score"] > 0


def test_a_cooperation_agreement_concluded_after_12_december_2019_is_no_basis(reference_data):
    """The transfer engine counts a cooperation agreement only when concluded and in force
    before 12 December 2019 (provisions.yaml `concluded_before`); the ranking must agree."""
    from liaison.instruments.models import InstrumentEvent
    from liaison.instruments.testing.factories import InstrumentFactory

    peru = Partner.objects.get(code="PE")
    instrument = InstrumentFactory(
        partner=peru,
        eu_party=None,
        type="cooperation_agreement",
        key="pe-late-cooperation",
        title="Late cooperation agreement with Peru",
    )
    InstrumentEvent.objects.create(
        instrument=instrument, kind="signed", date=datetime.date(2021, 1, 1)
    )
    InstrumentEvent.objects.create(
        instrument=instrument, kind="in_force", date=datetime.date(2021, 6, 1)
    )
    _tiny_case("PE", 12)
    row = {r["code"]: r for r in necessity_ranking(params=NecessityParameters())["ranked"]}["PE"]
    assert row["recommendation"] != "current_agreement_suffices"
    assert row["score"] > 0
