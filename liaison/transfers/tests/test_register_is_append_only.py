"""An assessment is recorded once and never changed or deleted: not by the model, not in
bulk, not through the API, not in the admin."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.test import Client

from conftest import make_persona
from liaison.core.models import AccessLogEntry
from liaison.instruments.testing.factories import PartnerFactory
from liaison.transfers.models import TransferAssessment
from liaison.transfers.testing import assessment_record

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def assessment(alice):
    PartnerFactory(code="RS", kind="country", name="Serbia")
    return assessment_record(user=alice, partner_code="RS", data_category="non_personal")


def test_it_refuses_to_save_a_change(assessment):
    assessment.decision = "refused"
    with pytest.raises(PermissionDenied):
        assessment.save()
    assert TransferAssessment.objects.get().decision == "allowed"


def test_it_refuses_to_delete(assessment):
    with pytest.raises(PermissionDenied):
        assessment.delete()
    assert TransferAssessment.objects.count() == 1


def test_it_refuses_bulk_changes_and_deletions(assessment):
    with pytest.raises(PermissionDenied):
        TransferAssessment.objects.update(decision="refused")
    with pytest.raises(PermissionDenied):
        TransferAssessment.objects.all().delete()
    assert TransferAssessment.objects.get().decision == "allowed"


def test_the_asker_cannot_be_deleted_so_the_register_keeps_who_asked(assessment, alice):
    with pytest.raises(ProtectedError):
        alice.delete()
    kept = TransferAssessment.objects.get()
    assert (kept.requested_by, kept.requested_by_username) == (alice, "alice")


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_the_api_offers_no_way_to_change_or_delete(assessment, api_alice, method):
    url = f"/api/transfer-assessments/{assessment.pk}/"
    response = getattr(api_alice, method)(url, {"decision": "refused"}, format="json")
    assert response.status_code == 405
    assert TransferAssessment.objects.get().decision == "allowed"


def test_the_schema_documents_no_change_or_deletion(api_alice):
    schema = api_alice.get("/api/schema/", {"format": "json"}).json()
    assert set(schema["paths"]["/api/transfer-assessments/{id}/"]) == {"get"}
    assert set(schema["paths"]["/api/transfer-assessments/"]) == {"get", "post"}


def test_the_admin_shows_assessments_read_only(assessment, django_user_model):
    erin = Client()
    erin.force_login(make_persona(django_user_model, "erin"))
    base = "/admin/transfers/transferassessment/"
    assert erin.get(base).status_code == 200
    page = erin.get(f"{base}{assessment.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert erin.post(f"{base}{assessment.pk}/change/", {"decision": "refused"}).status_code == 403
    assert erin.post(f"{base}{assessment.pk}/delete/", {"post": "yes"}).status_code == 403
    assert erin.get(f"{base}add/").status_code == 403
    assert TransferAssessment.objects.get().decision == "allowed"


def test_what_the_admin_shows_is_in_the_access_log(assessment, django_user_model):
    erin = Client()
    erin.force_login(make_persona(django_user_model, "erin"))
    base = "/admin/transfers/transferassessment/"
    erin.get(base)
    erin.get(f"{base}{assessment.pk}/change/")
    logged = AccessLogEntry.objects.filter(username="erin", object_id=str(assessment.pk))
    assert logged.count() == 2


def test_the_change_log_copies_no_assessment_so_its_texts_stay_with_their_readers(assessment):
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    kind = ContentType.objects.get_for_model(TransferAssessment)
    assert not LogEntry.objects.filter(content_type=kind).exists()
    asker = Client()
    asker.force_login(assessment.requested_by)
    assert asker.get(f"/api/transfer-assessments/{assessment.pk}/").status_code == 200
    assert asker.get(f"/api/transfer-assessments/{assessment.pk}/history/").status_code == 404
