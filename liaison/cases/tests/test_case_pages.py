"""The case pages: list, page with its timeline, recording and changing a case."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from conftest import make_persona
from liaison.cases.models import Case
from liaison.cases.tests.conftest import make_case
from liaison.core.models import AccessLogEntry

pytestmark = pytest.mark.django_db

NEW_CASE = {
    "cms_reference": "2024/0007",
    "title": "Cocaine shipments through the port",
    "crime_areas": ["drug_trafficking", "money_laundering"],
    "member_states": ["SE", "NL"],
    "requesting_member_state": "NL",
    "opened_on": "2024-02-01",
    "status": "open",
    "arrests": "0",
    "searches": "0",
    "seizures": "0",
    "extraditions": "0",
    "surrenders": "0",
    "convictions": "0",
}


def test_the_list_says_when_no_case_is_recorded(carol_client):
    response = carol_client.get(reverse("cases:case_list"))
    assert "No case is recorded yet" in response.content.decode()


def test_the_list_filters_by_partner_and_crime_area(carol_client):
    make_case()
    make_case(cms_reference="2024/0100", crime_areas=["vat_fraud"], partner_codes=("UA",))
    page = carol_client.get(reverse("cases:case_list"), {"partner": "RS"}).content.decode()
    assert "2023/0412" in page and "2024/0100" not in page
    page = carol_client.get(
        reverse("cases:case_list"), {"crime_area": "vat_fraud"}
    ).content.decode()
    assert "2024/0100" in page and "2023/0412" not in page


def test_the_list_leaves_demo_cases_out_unless_asked(carol_client):
    make_case(cms_reference="DEMO-1", demo=True)
    assert "DEMO-1" not in carol_client.get(reverse("cases:case_list")).content.decode()
    asked = carol_client.get(reverse("cases:case_list"), {"demo": "true"}).content.decode()
    assert "DEMO-1" in asked


def test_the_viewer_never_sees_a_case(bob_client):
    case = make_case()
    assert bob_client.get(reverse("cases:case_list")).status_code == 403
    assert bob_client.get(case.get_absolute_url()).status_code == 403


def test_reading_a_case_is_in_the_access_log(carol_client, carol):
    case = make_case()
    carol_client.get(case.get_absolute_url())
    assert AccessLogEntry.objects.filter(
        user=carol,
        content_type=ContentType.objects.get_for_model(Case),
        object_id=str(case.pk),
    ).exists()


def test_the_form_says_identities_stay_in_the_cms(carol_client):
    page = carol_client.get(reverse("cases:case_create")).content.decode()
    assert (
        "Identities of suspects, victims and witnesses stay in the case management system" in page
    )


def test_a_case_officer_records_a_case(carol_client):
    from liaison.partners.models import Partner

    Partner.objects.create(code="RS", kind="country", name="Serbia")
    response = carol_client.post(reverse("cases:case_create"), {**NEW_CASE, "partners": ["RS"]})
    case = Case.objects.get(cms_reference="2024/0007")
    assert response.status_code == 302
    assert response["Location"] == case.get_absolute_url()
    assert [p.code for p in case.partners.all()] == ["RS"]
    assert case.member_states == ["SE", "NL"]


def test_a_requesting_state_outside_the_states_involved_is_a_form_error(carol_client):
    response = carol_client.post(
        reverse("cases:case_create"), {**NEW_CASE, "requesting_member_state": "FR"}
    )
    assert response.status_code == 400
    assert "must be among the Member States involved" in response.content.decode()
    assert not Case.objects.exists()


def test_a_cooperation_officer_reads_but_does_not_record(alice_client):
    case = make_case()
    assert alice_client.get(case.get_absolute_url()).status_code == 200
    assert alice_client.get(reverse("cases:case_create")).status_code == 403


def test_the_case_page_shows_its_timeline(carol_client, carol):
    from liaison.cases.services import exchange_create
    from liaison.partners.models import Partner

    case = make_case()
    exchange_create(
        user=carol,
        case=case,
        data={
            "partner": Partner.objects.get(code="ME"),
            "kind": "mutual_legal_assistance_request",
            "direction": "outgoing",
            "channel": "liaison_prosecutor",
            "data_category": "non_personal",
            "subject": "Bank records",
        },
    )
    page = carol_client.get(case.get_absolute_url()).content.decode()
    assert "mutual legal assistance request" in page
    assert "Bank records" in page


def test_the_change_form_keeps_the_case(carol_client):
    case = make_case()
    data = {
        **NEW_CASE,
        "cms_reference": case.cms_reference,
        "title": "Renamed",
        "requesting_member_state": "SE",
        "partners": ["RS", "ME", "INTERPOL"],
    }
    response = carol_client.post(reverse("cases:case_update", kwargs={"pk": case.pk}), data)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.title == "Renamed"
    assert case.partners.count() == 3


def queries_for(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_a_page_of_cases_makes_the_same_queries_for_more_rows(carol_client):
    make_case()
    url = reverse("cases:case_list")
    queries_for(carol_client, url)  # warm the caches (content types, permissions)
    one = queries_for(carol_client, url)
    for n in range(20):
        make_case(cms_reference=f"2024/{n:04d}")
    assert queries_for(carol_client, url) == one


def test_persona_erin_may_do_everything(client, django_user_model):
    client.force_login(make_persona(django_user_model, "erin"))
    assert client.get(reverse("cases:case_create")).status_code == 200
