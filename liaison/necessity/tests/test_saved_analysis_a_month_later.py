"""Issue 15, "Done when": "a saved analysis reopens a month later with the same figures". The
clock moves 31 days, exchanges and an instrument event are recorded; the analysis reopens
through the web, the API and the command line exactly as saved, while the live ranking moved."""

from __future__ import annotations

import csv
import datetime
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from conftest import make_persona
from liaison.cases.demo import demo_cases_create
from liaison.cases.models import Case
from liaison.cases.services import exchange_create
from liaison.instruments.testing.factories import InstrumentFactory, add_event
from liaison.necessity.services import crime_priorities_load
from liaison.partners.models import Partner

pytestmark = pytest.mark.django_db

SAVED_AT = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)


def _ranked(ranking):
    return {row["code"]: row for row in ranking["ranked"]}


def test_a_saved_analysis_reopens_a_month_later_with_the_same_figures(
    reference_data, django_user_model, client, tmp_path
):
    with time_machine.travel(SAVED_AT, tick=False):
        call_command("load_strategy", stdout=StringIO())
        crime_priorities_load(path=Path(settings.REFERENCE_DATA_DIR) / "crime_priorities.yaml")
        demo_cases_create(count=20, seed=3, today=timezone.localdate())
        alice = make_persona(django_user_model, "alice")
        api = APIClient()
        api.force_login(alice)
        saved = api.post(
            "/api/necessity/analyses/", {"include_demo": True, "title": "March"}, format="json"
        )
        assert saved.status_code == 201
        analysis_id = saved.json()["id"]
        figures = saved.json()["result"]
        assert figures["end"] == "2026-03-02"
        assert _ranked(figures)["NG"]["recommendation"] == "seek_agreement"
        call_command(
            "necessity_report",
            str(tmp_path / "then.csv"),
            "--analysis",
            str(analysis_id),
            stdout=StringIO(),
        )

    with time_machine.travel(SAVED_AT + datetime.timedelta(days=31), tick=False):
        today = timezone.localdate()
        assert today == datetime.date(2026, 4, 2)
        # New exchanges with Peru, and an agreement with Nigeria in force since yesterday.
        peru = Partner.objects.get(code="PE")
        case = Case.objects.filter(partners=peru).first() or Case.objects.filter(demo=True).first()
        case.partners.add(peru)
        for _ in range(25):
            exchange_create(
                user=None,
                case=case,
                data={
                    "partner": peru,
                    "kind": "request_for_information",
                    "direction": "incoming",
                    "channel": "contact_point",
                    "data_category": "non_personal",
                    "sent_on": today - datetime.timedelta(days=2),
                },
            )
        agreement = InstrumentFactory(
            partner=Partner.objects.get(code="NG"),
            type="international_agreement",
            title="EU-Nigeria agreement on operational cooperation",
        )
        add_event(agreement, "in_force", today - datetime.timedelta(days=1))

        api = APIClient()
        api.force_login(alice)
        live = api.get("/api/necessity/?include_demo=1").json()
        assert live["end"] == "2026-04-02"
        assert _ranked(live)["NG"]["recommendation"] == "current_agreement_suffices"
        assert live["ranked"] != figures["ranked"]

        # The API: the result exactly as saved.
        reopened = api.get(f"/api/necessity/analyses/{analysis_id}/").json()
        assert reopened["result"] == figures
        assert _ranked(reopened["result"])["NG"]["recommendation"] == "seek_agreement"

        # The web page: the saved figures and recommendations.
        client.force_login(alice)
        page = client.get(f"/necessity/analyses/{analysis_id}/").content.decode()
        assert "as of 2026-03-02" in page
        nigeria = figures["ranked"][0]
        assert nigeria["code"] == "NG"
        start = page.index('data-partner="NG"')
        block = page[start : page.index("</li>", start)]
        assert f'<span class="score">{nigeria["score"]}</span>' in block
        assert "seek a Council mandate for an agreement" in block
        assert "the current agreement suffices" not in block

        # The command line: the same file as on the day it was saved.
        out = StringIO()
        call_command(
            "necessity_report",
            str(tmp_path / "now.csv"),
            "--analysis",
            str(analysis_id),
            stdout=out,
        )
        assert "1. NG (seek a Council mandate for an agreement)" in out.getvalue()
        assert (tmp_path / "now.csv").read_bytes() == (tmp_path / "then.csv").read_bytes()
        rows = list(csv.reader((tmp_path / "now.csv").open(encoding="utf-8")))
        assert rows[2][2:5] == ["NG", "Nigeria", str(nigeria["score"])]
