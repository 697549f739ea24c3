"""`liaison load-strategy`: the reference strategy loads whole, idempotently, or not at all."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from liaison.instruments.testing.factories import SourceFactory
from liaison.partners.models import Region
from liaison.strategy.management.commands.load_strategy import default_path
from liaison.strategy.models import KeyAction, PolicyDocument, Priority, Strategy

pytestmark = [pytest.mark.django_db]


REGIONS = [
    "western-balkans",
    "north-africa",
    "middle-east",
    "south-east-asia",
    "sahel",
    "horn-of-africa",
    "latin-america-caribbean",
    "eastern-partnership",
    "central-asia",
]


@pytest.fixture
def seed_source(db):
    for code in REGIONS:
        Region.objects.create(code=code, name=code)
    return SourceFactory(key="seed-002-strategy")


def load(*args: str) -> str:
    out = StringIO()
    call_command("load_strategy", *args, stdout=out)
    return out.getvalue()


def test_it_loads_six_priorities_and_every_key_action_with_their_sources(seed_source):
    load()
    strategy = Strategy.objects.get()
    assert strategy.priorities.count() == 6
    assert KeyAction.objects.count() == 15
    assert all(
        action.citations.filter(source=seed_source).exists() for action in KeyAction.objects.all()
    )
    assert all(p.citations.exists() for p in Priority.objects.all())
    mandates = KeyAction.objects.get(key="p1-mandates-icc-and-eight-countries")
    assert len(mandates.target["partners"]) == 9
    arrangements = KeyAction.objects.get(key="p2-working-arrangements-twelve-countries")
    assert len(arrangements.target["partners"]) == 12


def test_running_it_again_changes_nothing_and_says_so(seed_source):
    load()
    assert "nothing changed" in load()


def test_bad_data_is_named_and_nothing_is_written(seed_source, tmp_path: Path):
    text = default_path().read_text(encoding="utf-8")
    broken = text.replace("status_at_least: proposed", "status_at_least: someday")
    path = tmp_path / "strategy.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        load("--file", str(path))
    assert "p1-mandates-icc-and-eight-countries" in str(error.value)
    assert not Strategy.objects.exists()


def test_a_file_that_is_not_yaml_is_refused_with_a_message(seed_source, tmp_path: Path):
    path = tmp_path / "strategy.yaml"
    path.write_text("strategy: [unclosed", encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was loaded"):
        load("--file", str(path))


def test_an_unknown_source_is_refused(db):
    with pytest.raises(CommandError, match="names no known source"):
        load()


def test_it_loads_the_five_eu_policy_documents_with_their_regions(seed_source):
    load()
    assert PolicyDocument.objects.count() == 5
    drugs = PolicyDocument.objects.get(reference="COM(2020) 606")
    assert set(drugs.regions.values_list("code", flat=True)) == {
        "latin-america-caribbean",
        "western-balkans",
        "eastern-partnership",
        "central-asia",
    }


def test_a_first_load_counts_each_record_once_as_created_and_none_as_updated(seed_source):
    # Writing a new record's citations and regions is part of creating it, not an update.
    said = load()
    records = (
        Strategy.objects.count()
        + Priority.objects.count()
        + KeyAction.objects.count()
        + PolicyDocument.objects.count()
    )
    assert said.splitlines()[0] == f"Strategy loaded: {records} created, 0 updated, 0 unchanged."
