"""`liaison load-casework`: the published examples, created when missing, never changed."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from liaison.cases.models import Case, JointInvestigationTeam, Operation
from liaison.cases.services import jit_update

pytestmark = pytest.mark.django_db


def load(path: Path | None = None) -> str:
    from io import StringIO

    out = StringIO()
    call_command("load_casework", *(["--file", str(path)] if path else []), stdout=out)
    return out.getvalue()


def test_it_loads_the_seed_001_examples(reference_data):
    assert "4 created" in load()
    case = Case.objects.get(cms_reference="ILLUSTRATIVE-2023-SE-RS-ME")
    assert case.illustrative
    assert sorted(p.code for p in case.partners.all()) == ["INTERPOL", "ME", "RS"]
    day = Operation.objects.get(key="action-day-se-rs-me-2023-10")
    assert (day.date, day.date_precision) == (datetime.date(2023, 10, 1), "month")
    assert sorted(p.code for p in day.liaison_prosecutors_of.all()) == ["ME", "RS"]
    ukraine = JointInvestigationTeam.objects.get(key="jit-core-international-crimes-ukraine")
    assert [p.code for p in ukraine.participants.all()] == ["ICC"]
    assert ukraine.signed_on.year == 2022
    yezidis = JointInvestigationTeam.objects.get(key="jit-isil-crimes-against-yezidis")
    assert yezidis.member_states == ["SE", "FR", "BE", "NL"]
    assert [p.code for p in yezidis.participants.all()] == ["UNITAD"]
    assert ukraine.citations.exists() and yezidis.citations.exists()


def test_it_never_changes_or_deletes_what_is_recorded(reference_data):
    load()
    ukraine = JointInvestigationTeam.objects.get(key="jit-core-international-crimes-ukraine")
    jit_update(jit=ukraine, data={"name": "Renamed by a person"})
    JointInvestigationTeam.objects.get(key="jit-isil-crimes-against-yezidis").delete()
    output = load()
    assert "1 created" in output
    assert JointInvestigationTeam.objects.get(pk=ukraine.pk).name == "Renamed by a person"
    assert "nothing created" in load()


def test_bad_data_is_refused_whole_naming_the_record(reference_data, tmp_path):
    bad = tmp_path / "casework.yaml"
    bad.write_text(
        "joint_investigation_teams:\n"
        "  - {key: good, name: Good, cite: [{source: seed-001-annual-report-2023}]}\n"
        "  - {key: bad, name: Bad, participants: [NOWHERE],\n"
        "     cite: [{source: seed-001-annual-report-2023}]}\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as error:
        load(bad)
    assert "joint_investigation_teams 'bad': participants names 'NOWHERE'" in str(error.value)
    assert not JointInvestigationTeam.objects.exists()


def test_a_rule_broken_in_the_file_is_refused_whole(reference_data, tmp_path):
    bad = tmp_path / "casework.yaml"
    bad.write_text(
        "joint_investigation_teams:\n"
        "  - {key: good, name: Good, cite: [{source: seed-001-annual-report-2023}]}\n"
        "  - {key: bad, name: Bad, member_states: [RS],\n"
        "     cite: [{source: seed-001-annual-report-2023}]}\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError):
        load(bad)
    assert not JointInvestigationTeam.objects.exists()


def test_the_viewer_does_not_see_the_illustrative_case_on_the_source_page(
    reference_data, bob_client
):
    from django.urls import reverse

    load()
    page = bob_client.get(
        reverse("sources:source_detail", kwargs={"key": "seed-001-annual-report-2023"})
    ).content.decode()
    assert "JIT on ISIL crimes against Yezidis" in page
    assert "ILLUSTRATIVE-2023-SE-RS-ME" not in page
    assert "Coordinated action day (Sweden" not in page


def test_a_source_the_register_lacks_is_taken_from_sources_yaml(reference_data, tmp_path):
    """A register loaded before a source was added to sources.yaml (an upgrade) still
    loads casework citing it: the source comes with it."""
    from liaison.sources.models import Source

    key = "council-conclusions-2021-05-26-empact-priorities"
    Source.objects.filter(key=key).delete()
    file = tmp_path / "casework.yaml"
    file.write_text(
        "cases:\n"
        "  - cms_reference: ILLUSTRATIVE-2024-UPGRADE\n"
        "    illustrative: true\n"
        "    title: A published example citing a newer source\n"
        "    crime_areas: [drug_trafficking]\n"
        "    member_states: [SE]\n"
        "    requesting_member_state: SE\n"
        "    partners: [RS]\n"
        "    opened_on: 2024-02-01\n"
        "    status: open\n"
        f"    cite: [{{source: {key}, at: priorities}}]\n",
        encoding="utf-8",
    )
    load(file)
    assert Source.objects.filter(key=key).exists()
    assert Case.objects.filter(cms_reference="ILLUSTRATIVE-2024-UPGRADE").exists()
