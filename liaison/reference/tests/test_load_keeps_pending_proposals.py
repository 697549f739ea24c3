"""A change proposed in the app and waiting for its second pair of eyes is recorded in the
app too: reloading a dataset that changed the instrument's events must not pull the event
from under it (delete it or change its date), leaving the proposal pointing at nothing."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from liaison.instruments.models import ChangeProposal, Instrument
from liaison.reference.tests.test_load_reference_keeps_app_records import (
    api_as,
    dataset,  # noqa: F401 (a fixture)
    edit,
    load,
)

pytestmark = pytest.mark.django_db


def test_a_reload_keeps_the_event_a_pending_proposal_changes(dataset, django_user_model):  # noqa: F811
    load(dataset)
    agreement = Instrument.objects.get(key="no-cooperation-agreement")
    last = agreement.events.order_by("-date", "-pk").first()
    proposed = api_as(django_user_model, "alice").patch(
        f"/api/instruments/{agreement.pk}/events/{last.pk}/",
        {"date": str(last.date + datetime.timedelta(days=1))},
        format="json",
    )
    assert proposed.status_code == 202, proposed.content

    def drop_the_last_event(records: Any) -> None:
        record = next(r for r in records if r["key"] == "no-cooperation-agreement")
        record["events"] = record["events"][:-1]

    edit(dataset, "instruments", drop_the_last_event)
    output = load(dataset)

    proposal = ChangeProposal.objects.get(pk=proposed.json()["id"])
    assert proposal.event_id == last.pk
    assert agreement.events.filter(pk=last.pk, date=last.date).exists()
    assert "instruments.yaml, instrument 'no-cooperation-agreement'" in output
