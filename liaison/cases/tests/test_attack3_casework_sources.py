"""Attack (g): the casework loader creates the sources it cites from sources.yaml. A load
that is refused must leave nothing behind, and a broken dataset must give a clear refusal."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from liaison.cases.models import Case
from liaison.sources.models import Source

pytestmark = pytest.mark.django_db

KEY = "council-conclusions-2021-05-26-empact-priorities"


def casework(tmp_path: Path, *, partner: str) -> Path:
    file = tmp_path / "casework.yaml"
    file.write_text(
        "cases:\n"
        "  - cms_reference: ILLUSTRATIVE-2024-ATTACK\n"
        "    illustrative: true\n"
        "    title: A published example citing a newer source\n"
        "    crime_areas: [drug_trafficking]\n"
        "    member_states: [SE]\n"
        "    requesting_member_state: SE\n"
        f"    partners: [{partner}]\n"
        "    opened_on: 2024-02-01\n"
        "    status: open\n"
        f"    cite: [{{source: {KEY}, at: priorities}}]\n",
        encoding="utf-8",
    )
    return file


def test_a_refused_casework_load_creates_no_source(reference_data, tmp_path):
    """'Nothing was loaded' must be true: the source taken from sources.yaml for a file
    that is then refused (an unknown partner) must not stay in the register."""
    Source.objects.filter(key=KEY).delete()
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("load_casework", "--file", str(casework(tmp_path, partner="ZZ")))
    assert not Case.objects.filter(cms_reference="ILLUSTRATIVE-2024-ATTACK").exists()
    assert not Source.objects.filter(key=KEY).exists()


def test_another_broken_dataset_file_does_not_matter_and_a_broken_source_is_refused(
    reference_data, tmp_path, settings
):
    """Only sources.yaml is read for a missing source: a broken partners.yaml does not stop
    the casework; a broken entry of sources.yaml is refused with the usual message."""
    directory = tmp_path / "reference"
    shutil.copytree(Path(settings.REFERENCE_DATA_DIR), directory)
    (directory / "partners.yaml").write_text("partners: [oops\n", encoding="utf-8")
    settings.REFERENCE_DATA_DIR = str(directory)
    Source.objects.filter(key=KEY).delete()
    call_command(
        "load_casework", "--file", str(casework(tmp_path, partner="RS")), stdout=StringIO()
    )
    assert Source.objects.filter(key=KEY).exists()

    Source.objects.filter(key=KEY).delete()
    Case.objects.filter(cms_reference="ILLUSTRATIVE-2024-ATTACK").delete()
    sources = directory / "sources.yaml"
    sources.write_text("sources: [oops\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command(
            "load_casework", "--file", str(casework(tmp_path, partner="RS")), stdout=StringIO()
        )
    assert not Source.objects.filter(key=KEY).exists()


def test_a_source_neither_in_the_register_nor_in_sources_yaml_is_named(reference_data, tmp_path):
    file = casework(tmp_path, partner="RS")
    file.write_text(file.read_text().replace(KEY, "no-such-source-anywhere"), encoding="utf-8")
    with pytest.raises(CommandError, match="no-such-source-anywhere"):
        call_command("load_casework", "--file", str(file))
    assert not Case.objects.filter(cms_reference="ILLUSTRATIVE-2024-ATTACK").exists()
