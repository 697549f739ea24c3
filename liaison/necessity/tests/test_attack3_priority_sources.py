"""Attack (g): the crime-priority loader creates the sources it cites from sources.yaml. A
load that is refused must leave nothing behind, and a broken dataset must give the
command's clear refusal, not a traceback."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command

from liaison.sources.models import Source

pytestmark = pytest.mark.django_db

KEY = "council-conclusions-2021-05-26-empact-priorities"


def load(*args: str) -> str:
    out = StringIO()
    call_command("load_crime_priorities", *args, stdout=out)
    return out.getvalue()


def test_a_refused_priorities_load_creates_no_source(reference_data, tmp_path):
    text = (Path(django_settings.REFERENCE_DATA_DIR) / "crime_priorities.yaml").read_text()
    bad = tmp_path / "crime_priorities.yaml"
    bad.write_text(text.replace("number: 1,", "number: one,", 1), encoding="utf-8")
    Source.objects.filter(key=KEY).delete()
    with pytest.raises(CommandError):
        load("--file", str(bad))
    assert not Source.objects.filter(key=KEY).exists()


def test_another_broken_dataset_file_does_not_matter_and_a_broken_source_is_refused(
    reference_data, tmp_path, settings
):
    directory = tmp_path / "reference"
    shutil.copytree(Path(settings.REFERENCE_DATA_DIR), directory)
    (directory / "regions.yaml").write_text("regions: [oops\n", encoding="utf-8")
    settings.REFERENCE_DATA_DIR = str(directory)
    Source.objects.filter(key=KEY).delete()
    load("--file", str(directory / "crime_priorities.yaml"))
    assert Source.objects.filter(key=KEY).exists()


def test_a_broken_sources_file_is_refused_with_the_usual_message(
    reference_data, tmp_path, settings
):
    directory = tmp_path / "reference"
    shutil.copytree(Path(settings.REFERENCE_DATA_DIR), directory)
    settings.REFERENCE_DATA_DIR = str(directory)
    Source.objects.filter(key=KEY).delete()
    (directory / "sources.yaml").write_text("sources: [oops\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was loaded"):
        load("--file", str(directory / "crime_priorities.yaml"))
    assert not Source.objects.filter(key=KEY).exists()


def test_a_source_neither_in_the_register_nor_in_sources_yaml_is_named(reference_data, tmp_path):
    text = (Path(django_settings.REFERENCE_DATA_DIR) / "crime_priorities.yaml").read_text()
    bad = tmp_path / "crime_priorities.yaml"
    bad.write_text(text.replace(KEY, "no-such-source-anywhere"), encoding="utf-8")
    with pytest.raises(CommandError, match="no-such-source-anywhere"):
        load("--file", str(bad))
