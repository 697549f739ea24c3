"""Attack (a): the casework panel (htmx or plain) per role: the viewer gets figures but no
case; a case officer's cases shown are each logged; nothing else is logged."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from conftest import make_persona
from liaison.cases.models import Case
from liaison.contacts.tests.conftest import web_client
from liaison.core.models import AccessLogEntry

pytestmark = [pytest.mark.django_db]

HTMX = {"HX-Request": "true"}


@pytest.fixture
def casework(reference_data):
    call_command("load_casework", stdout=StringIO())
    case = Case.objects.get(cms_reference="ILLUSTRATIVE-2023-SE-RS-ME")
    Case.objects.filter(pk=case.pk).update(demo=False)
    return case


@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "plain"])
def test_the_viewer_gets_no_case_from_the_casework_panel(casework, django_user_model, headers):
    bob = make_persona(django_user_model, "bob")
    response = web_client(bob).get("/partners/RS/casework/", headers=headers)
    assert response.status_code == 200
    text = response.content.decode()
    assert casework.cms_reference not in text and casework.title not in text
    assert not AccessLogEntry.objects.exists()


@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "plain"])
def test_the_cases_a_case_officer_is_shown_are_logged(casework, django_user_model, headers):
    carol = make_persona(django_user_model, "carol")
    text = web_client(carol).get("/partners/RS/casework/", headers=headers).content.decode()
    assert casework.cms_reference in text
    logged = AccessLogEntry.objects.filter(user=carol)
    listed = text.split('<ul class="partner-cases">', 1)[1].split("</ul>", 1)[0]
    assert logged.count() == listed.count("<li>") >= 1
