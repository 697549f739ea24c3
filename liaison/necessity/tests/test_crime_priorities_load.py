"""`liaison load-crime-priorities`: the EU crime priorities as reference data, each citing its
(unverified) source, loaded idempotently; bad data is refused whole, named by record."""

from __future__ import annotations

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from liaison.cases.choices import CrimeArea
from liaison.necessity.models import CrimePriority, CrimePriorityCycle
from liaison.necessity.selectors import crime_cycle_on

pytestmark = pytest.mark.django_db


def load(*args: str) -> str:
    out = StringIO()
    call_command("load_crime_priorities", *args, stdout=out)
    return out.getvalue()


def test_it_loads_both_cycles_once_each_citing_unverified_sources(reference_data):
    assert "20 created" in load()
    assert "up to date" in load()
    cycle = CrimePriorityCycle.objects.get(key="empact-2026-2029")
    assert cycle.priorities.count() == 7
    assert {c.confidence for c in cycle.citations.all()} == {"unverified"}
    assert all(
        set(areas) <= set(CrimeArea.values)
        for areas in CrimePriority.objects.values_list("crime_areas", flat=True)
    )

    assert crime_cycle_on(datetime.date(2024, 6, 1)).key == "empact-2022-2025"
    assert crime_cycle_on(datetime.date(2027, 6, 1)).key == "empact-2026-2029"


def test_a_register_loaded_before_the_file_existed_gets_the_sources_it_cites(reference_data):
    """After an upgrade, `liaison serve` loads the priorities into a register whose
    reference data predates them: the sources they cite are added, nothing else touched."""
    from liaison.sources.models import Source

    cited = {
        "council-conclusions-2021-05-26-empact-priorities",
        "council-conclusions-2025-06-13-empact-priorities",
    }
    Source.objects.filter(key__in=cited).delete()
    other = Source.objects.exclude(key__in=cited).first()
    other.title = "Retitled in the app"
    other.save()

    assert "20 created" in load()
    assert set(Source.objects.filter(key__in=cited).values_list("key", flat=True)) == cited
    assert Source.objects.get(pk=other.pk).title == "Retitled in the app"


def test_bad_data_is_refused_whole_naming_the_record(reference_data, tmp_path):
    text = (Path(settings.REFERENCE_DATA_DIR) / "crime_priorities.yaml").read_text()
    bad = tmp_path / "crime_priorities.yaml"
    bad.write_text(text.replace("crime_areas: [drug_trafficking]", "crime_areas: [drugs]", 1))
    with pytest.raises(CommandError, match="priority 'empact-2022-drugs'.*crime area 'drugs'"):
        load("--file", str(bad))
    assert not CrimePriorityCycle.objects.exists()
