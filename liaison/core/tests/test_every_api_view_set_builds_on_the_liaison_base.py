"""Every view set of the API builds on the Liaison base (liaison.core.api.views), so that what
the base promises holds everywhere: a method a view set does not offer is a 405 whatever the
role, an extra action asks the permission it declares, and an object has a history unless
its register never changes."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from rest_framework.test import APIClient

from config.api_urls import router
from conftest import make_persona
from liaison.core.api.history import ChangeLogViewSet
from liaison.core.api.views import LiaisonReadOnlyViewSet
from liaison.instruments.testing.factories import InstrumentFactory, add_event
from liaison.transfers.testing import assessment_record

pytestmark = [pytest.mark.django_db]

# The change log is the base's own history, read under its own rule (liaison.core.history).
OUTSIDE_THE_BASE = {ChangeLogViewSet}


def api_for(user: Any) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_every_registered_view_set_builds_on_the_base():
    skipping = [
        prefix
        for prefix, viewset, _basename in router.registry
        if viewset not in OUTSIDE_THE_BASE and not issubclass(viewset, LiaisonReadOnlyViewSet)
    ]
    assert skipping == []


@pytest.mark.parametrize(
    ("address", "method"),
    [
        ("/api/strategies/", "post"),
        ("/api/transfer-assessments/", "put"),
        ("/api/contact-points/", "delete"),
        ("/api/cases/", "put"),
        ("/api/engagements/", "put"),
    ],
)
@pytest.mark.parametrize("role", ["bob", "erin"])
def test_a_method_not_offered_is_405_whatever_the_role(address, method, role, django_user_model):
    response = getattr(api_for(make_persona(django_user_model, role)), method)(address, {})
    assert response.status_code == 405


def test_an_extra_action_asks_what_it_declares(django_user_model):
    """Recording an event is adding an event, not an instrument: the viewer, who reads
    instruments, is told what their role may not do."""
    instrument = InstrumentFactory(type="memorandum_of_understanding")
    response = api_for(make_persona(django_user_model, "bob")).post(
        f"/api/instruments/{instrument.pk}/events/",
        {"kind": "signed", "date": "2020-01-01"},
        format="json",
    )
    assert response.status_code == 403
    assert "may not record lifecycle events" in str(response.json())


def test_history_is_offered_except_where_the_register_never_changes(django_user_model):
    erin = make_persona(django_user_model, "erin")
    api = api_for(erin)
    instrument = InstrumentFactory(type="memorandum_of_understanding")
    add_event(instrument, "signed", date=datetime.date(2018, 5, 1))
    assert api.get(f"/api/instruments/{instrument.pk}/history/").status_code == 200
    assessment = assessment_record(
        user=erin, partner_code=instrument.partner.code, data_category="non_personal"
    )
    assert api.get(f"/api/transfer-assessments/{assessment.pk}/").status_code == 200
    assert api.get(f"/api/transfer-assessments/{assessment.pk}/history/").status_code == 404
