"""`liaison load-engagements`: every project and event named in the seeds, with its source,
loaded idempotently after the reference data and the strategy."""

from __future__ import annotations

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from liaison.engagements.models import Engagement, Project
from liaison.strategy.services import strategy_load

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def loaded(reference_data):
    strategy_load(path=settings.REFERENCE_DATA_DIR / "strategy.yaml")
    out = StringIO()
    call_command("load_engagements", stdout=out)
    return out.getvalue()


def test_it_loads_the_six_projects_and_the_seed_events_with_sources(loaded):
    assert Project.objects.count() == 6
    assert Project.objects.get(key="euromed-justice").funding_instrument.startswith("NDICI")
    keys = set(Engagement.objects.values_list("key", flat=True))
    assert {
        "study-visit-nigeria-west-africa-2023-06",
        "conference-toc-west-africa-europe-2023-11",
        "genocide-network-33rd-meeting-2023-04",
        "genocide-network-34th-meeting-2023",
        "action-day-interpol-2023-10",
        "european-day-of-civil-justice",
        "court-practices-competition-2005",
    } <= keys
    assert all(e.citations.exists() for e in Engagement.objects.all())
    conference = Engagement.objects.get(key="conference-toc-west-africa-europe-2023-11")
    assert set(conference.co_organisers.values_list("code", flat=True)) == {"UNODC", "SIRACUSA"}
    assert conference.key_actions.filter(key="p5-joint-actions").exists()
    competition = Engagement.objects.get(key="court-practices-competition-2005")
    # Its month and day are unknown: it is not repeated on a made-up date in the calendar.
    assert (competition.date_text, competition.recurs_yearly) == ("2005", False)


def test_running_it_again_changes_nothing(loaded):
    out = StringIO()
    call_command("load_engagements", stdout=out)
    assert "nothing changed" in out.getvalue()


def test_a_record_naming_an_unknown_partner_is_refused_whole(reference_data, tmp_path):
    path = tmp_path / "engagements.yaml"
    path.write_text(
        "projects: []\nengagements:\n  - key: x\n    kind: conference\n    title: X\n"
        "    start_date: 2024-01-01\n    partners: [NOWHERE]\n"
        "    cite: [{source: seed-002-strategy}]\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="NOWHERE"):
        call_command("load_engagements", "--file", str(path))
    assert not Engagement.objects.exists()
