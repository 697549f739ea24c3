"""`liaison load-reference`: loads the dataset once, changes nothing the second time,
and refuses bad data with the file, the record and the problem, loading nothing."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from liaison.instruments.models import Instrument, InstrumentEvent
from liaison.partners.models import Partner, Region
from liaison.reference.loader import ReferenceDataError, reference_load
from liaison.sources.models import Citation, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    """A private copy of the shipped dataset that a test may break."""
    target = tmp_path / "reference"
    shutil.copytree(settings.REFERENCE_DATA_DIR, target)
    return target


def edit(dataset: Path, name: str, change) -> None:
    path = dataset / f"{name}.yaml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(content[name])
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Source, Region, Partner, Instrument, InstrumentEvent, Citation)
    }


def load_command(directory: Path) -> str:
    out = StringIO()
    call_command("load_reference", directory=directory, stdout=out)
    return out.getvalue()


def test_it_loads_every_record_of_the_dataset(dataset):
    output = load_command(dataset)
    files = {
        name: yaml.safe_load((dataset / f"{name}.yaml").read_text())[name]
        for name in ("sources", "regions", "partners", "instruments")
    }
    assert Source.objects.count() == len(files["sources"])
    assert Region.objects.count() == len(files["regions"])
    assert Partner.objects.count() == len(files["partners"])
    assert Instrument.objects.count() == len(files["instruments"])
    assert InstrumentEvent.objects.count() == sum(
        len(record["events"]) for record in files["instruments"]
    )
    assert f"partners: {len(files['partners'])} created" in output


def test_a_second_run_creates_and_changes_nothing_and_says_so(dataset):
    load_command(dataset)
    before = counts()
    stamps = dict(Partner.objects.values_list("code", "last_updated"))
    output = load_command(dataset)
    assert "nothing created or changed" in output
    assert counts() == before
    assert dict(Partner.objects.values_list("code", "last_updated")) == stamps


def test_it_updates_a_changed_record_and_reports_it(dataset):
    load_command(dataset)
    edit(dataset, "instruments", lambda records: records[0].update(notes="Corrected note."))
    output = load_command(dataset)
    key = yaml.safe_load((dataset / "instruments.yaml").read_text())["instruments"][0]["key"]
    assert Instrument.objects.get(key=key).notes == "Corrected note."
    assert "instruments: 0 created, 1 updated" in output


def test_it_replaces_the_events_of_an_instrument_whose_history_changed(dataset):
    load_command(dataset)

    def add_end(records):
        records[0]["events"].append(
            {"kind": "ended", "date": "2030-01-01", "cite": records[0]["cite"]}
        )

    edit(dataset, "instruments", add_end)
    load_command(dataset)
    key = yaml.safe_load((dataset / "instruments.yaml").read_text())["instruments"][0]["key"]
    assert Instrument.objects.get(key=key).events.filter(kind="ended").count() == 1
    event_ids = set(InstrumentEvent.objects.values_list("pk", flat=True))
    cited_event_ids = set(
        Citation.objects.filter(content_type__model="instrumentevent").values_list(
            "object_id", flat=True
        )
    )
    assert cited_event_ids == event_ids, "the replaced events' citations must go with them"


BAD_DATA = [
    ("partners", lambda r: r[0].update(kind="planet"), "partners.yaml", "'kind' is 'planet'"),
    ("partners", lambda r: r[0].update(colour="blue"), "partners.yaml", "unknown field 'colour'"),
    ("partners", lambda r: r[0].pop("cite"), "partners.yaml", "'cite' is missing"),
    (
        "partners",
        lambda r: r[0].update(regions=["atlantis"]),
        "partners.yaml",
        "region 'atlantis' is not defined",
    ),
    (
        "partners",
        lambda r: r.append({"code": "QQ", "kind": "country", "cite": r[0]["cite"]}),
        "partner 'QQ'",
        "not an ISO 3166-1 alpha-2 country code",
    ),
    ("partners", lambda r: r.append(dict(r[0])), "partners.yaml", "is defined twice"),
    (
        "partners",
        lambda r: r.append(
            {"code": "NEWORG", "kind": "international_organisation", "cite": r[0]["cite"]}
        ),
        "partner 'NEWORG'",
        "'name' is required",
    ),
    (
        "instruments",
        lambda r: r[0].update(partner="NOPE"),
        "instruments.yaml",
        "partner 'NOPE' is not defined",
    ),
    ("instruments", lambda r: r[0].update(type="treaty"), "instruments.yaml", "'type' is 'treaty'"),
    (
        "instruments",
        lambda r: r[0].update(events=[]),
        "instruments.yaml",
        "at least one dated event",
    ),
    (
        "instruments",
        lambda r: r[0]["events"][0].update(date="5 May 2005"),
        "event 1",
        "expected a date written YYYY-MM-DD",
    ),
    (
        "instruments",
        lambda r: r[0]["events"][0].update(date="2005-05-05", date_precision="month"),
        "event 1",
        "must be its first day",
    ),
    (
        "instruments",
        lambda r: r[0]["events"][0].update(kind="blessed"),
        "event 1",
        "'kind' is 'blessed'",
    ),
    (
        "instruments",
        lambda r: r[0]["cite"][0].update(source="no-such-document"),
        "instruments.yaml",
        "source 'no-such-document'",
    ),
    (
        "instruments",
        lambda r: r[0]["cite"][0].update(confidence="maybe"),
        "instruments.yaml",
        "'confidence' is 'maybe'",
    ),
    (
        "instruments",
        lambda r: r[0].update(type="cooperation_agreement", strategic=True),
        "instruments.yaml",
        "only a working arrangement can be strategic",
    ),
    (
        "instruments",
        lambda r: r[0].update(eu_party="AL"),
        "instruments.yaml",
        "eu_party 'AL' is not an eu_body",
    ),
    (
        "sources",
        lambda r: r[0].update(document_type="rumour"),
        "sources.yaml",
        "'document_type' is 'rumour'",
    ),
    ("regions", lambda r: r[0].update(name=""), "regions.yaml", "'name' must not be empty"),
    ("partners", lambda r: r[0].update(code=False), "partners.yaml", "'code' must be text"),
    ("partners", lambda r: r[0]["cite"][0].update(at="x" * 301), "partners.yaml", "at most 300"),
    ("partners", lambda r: r[0].update(members=["AL"]), "partners.yaml", "Only a judicial network"),
    (
        "partners",
        lambda r: next(p for p in r if p["code"] == "WACAP").update(members=["WACAP"]),
        "partner 'WACAP'",
        "cannot be a member of itself",
    ),
    (
        "partners",
        lambda r: next(p for p in r if p["code"] == "WACAP").update(members=["UNODC"]),
        "partner 'WACAP'",
        "UNODC is not a country",
    ),
]


@pytest.mark.parametrize(("name", "change", "where", "problem"), BAD_DATA)
def test_it_refuses_bad_data_naming_file_record_and_problem_and_loads_nothing(
    dataset, name, change, where, problem
):
    edit(dataset, name, change)
    with pytest.raises(CommandError) as raised:
        load_command(dataset)
    message = str(raised.value)
    assert where in message
    assert problem in message
    assert "nothing was loaded" in message
    assert counts() == {name: 0 for name in counts()}


def test_bad_data_leaves_an_already_loaded_register_unchanged(dataset):
    load_command(dataset)
    before = counts()
    edit(dataset, "partners", lambda r: r[0].update(name="Renamed"))
    edit(dataset, "instruments", lambda r: r[-1].update(partner="NOPE"))
    with pytest.raises(ReferenceDataError):
        reference_load(directory=dataset)
    first_code = yaml.safe_load((dataset / "partners.yaml").read_text())["partners"][0]["code"]
    assert Partner.objects.get(code=first_code).name != "Renamed"
    assert counts() == before


def test_an_error_found_while_writing_rolls_back_everything_written_before_it(dataset, monkeypatch):
    from liaison.instruments import models as instrument_models

    def refuse(self):
        if self.key == last_key:
            from django.core.exceptions import ValidationError

            raise ValidationError({"title": "refused for the test"})

    last_key = yaml.safe_load((dataset / "instruments.yaml").read_text())["instruments"][-1]["key"]
    monkeypatch.setattr(instrument_models.Instrument, "clean", refuse)
    with pytest.raises(ReferenceDataError) as raised:
        reference_load(directory=dataset)
    assert f"instrument '{last_key}'" in str(raised.value)
    assert counts() == {name: 0 for name in counts()}


def test_it_names_a_missing_file_and_invalid_yaml(dataset):
    (dataset / "regions.yaml").unlink()
    (dataset / "sources.yaml").write_text("sources:\n  - key: [unclosed\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError) as raised:
        reference_load(directory=dataset)
    problems = "\n".join(raised.value.problems)
    assert "regions.yaml: the file is missing" in problems
    assert "sources.yaml: not valid YAML at line" in problems
