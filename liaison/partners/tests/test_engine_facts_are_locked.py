"""A partner's facts that the transfer engine reads cannot be changed by one person once the
partner has a legal basis: flipping them would change what may be sent there."""

from __future__ import annotations

import datetime

import pytest

from conftest import make_persona
from liaison.instruments.lifecycle import LEGAL_BASIS_TYPES
from liaison.partners.models import Partner
from liaison.partners.tests.test_partner_admin import form_for
from liaison.transfers.selectors import transfer_outlook

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def api_officer(django_user_model):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(make_persona(django_user_model, "alice"))
    return api


def test_it_refuses_a_competence_change_through_the_api(reference_data, api_officer):
    serbia = Partner.objects.get(code="RS")
    assert serbia.competent_in_criminal_matters
    response = api_officer.patch(
        "/api/partners/RS/", {"competent_in_criminal_matters": False}, format="json"
    )
    assert response.status_code == 400
    assert "reference dataset" in str(response.json()["competent_in_criminal_matters"])
    serbia.refresh_from_db()
    assert serbia.competent_in_criminal_matters


def test_it_refuses_a_competence_change_in_the_admin(reference_data):
    serbia = Partner.objects.get(code="RS")
    form = form_for(serbia, competent_in_criminal_matters="")
    assert not form.is_valid()
    assert "one person cannot change it" in str(form.errors["competent_in_criminal_matters"])


def test_it_refuses_a_kind_change_that_would_move_a_legal_basis(reference_data, api_officer):
    serbia = Partner.objects.get(code="RS")
    answer_before = transfer_outlook(partner=serbia, on=datetime.date(2026, 1, 1))
    response = api_officer.patch(
        "/api/partners/RS/", {"kind": "international_organisation"}, format="json"
    )
    assert response.status_code == 400
    serbia.refresh_from_db()
    assert serbia.kind == "country"
    assert transfer_outlook(partner=serbia, on=datetime.date(2026, 1, 1)) == answer_before


def test_a_partner_without_a_legal_basis_can_be_corrected(reference_data, api_officer):
    partner = (
        Partner.objects.exclude(instruments__type__in=LEGAL_BASIS_TYPES)
        .filter(kind="country")
        .first()
    )
    assert partner is not None
    response = api_officer.patch(
        f"/api/partners/{partner.code}/",
        {"competent_in_criminal_matters": not partner.competent_in_criminal_matters},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["competent_in_criminal_matters"] != partner.competent_in_criminal_matters


def test_the_reviewed_dataset_may_correct_them(tmp_path, django_user_model):
    """What one person may not flip in the app, the reviewed reference dataset corrects."""
    import shutil

    import yaml
    from django.conf import settings
    from django.core.management import call_command

    dataset = tmp_path / "reference"
    shutil.copytree(settings.REFERENCE_DATA_DIR, dataset)
    call_command("load_reference", directory=dataset, stdout=None)
    path = dataset / "partners.yaml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    for record in content["partners"]:
        if record["code"] == "RS":
            record["competent_in_criminal_matters"] = False
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), "utf-8")
    call_command("load_reference", directory=dataset)
    assert not Partner.objects.get(code="RS").competent_in_criminal_matters
