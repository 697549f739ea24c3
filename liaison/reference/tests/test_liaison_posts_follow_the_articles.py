"""A liaison prosecutor's post in the reference data is refused, as at the app's door, where
no agreement providing for it is in force (Art. 54a); a post naming an unknown partner or
an impossible start is named by file and record. Nothing is loaded then."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.conf import settings

from liaison.contacts.models import LiaisonOfficer
from liaison.partners.models import Partner
from liaison.reference.loader import ReferenceDataError, reference_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    target = tmp_path / "reference"
    shutil.copytree(settings.REFERENCE_DATA_DIR, target)
    return target


def add_post(dataset: Path, text: str) -> None:
    path = dataset / "liaison_officers.yaml"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_a_post_without_an_agreement_in_force_is_refused(dataset):
    # Liechtenstein's agreement was signed in 2013: no liaison prosecutor before it.
    add_post(
        dataset,
        "\n  - key: li-liaison-prosecutor\n    partner: LI\n    kind: liaison_prosecutor\n"
        "    since: 2010-01-01\n    cite: [{source: eurojust-liaison-prosecutors}]\n",
    )
    with pytest.raises(ReferenceDataError) as refused:
        reference_load(directory=dataset)
    assert "liaison officer 'li-liaison-prosecutor'" in str(refused.value)
    assert "Art. 54a" in str(refused.value)
    assert not Partner.objects.exists() and not LiaisonOfficer.objects.exists()


def test_an_unknown_partner_and_a_start_not_on_its_first_day_are_named(dataset):
    add_post(
        dataset,
        "\n  - key: zz-liaison-prosecutor\n    partner: ZZ\n    kind: liaison_prosecutor\n"
        "    since: 2020-03-15\n    since_precision: month\n"
        "    cite: [{source: eurojust-liaison-prosecutors}]\n",
    )
    with pytest.raises(ReferenceDataError) as refused:
        reference_load(directory=dataset)
    problems = [p for p in refused.value.problems if "zz-liaison-prosecutor" in p]
    assert any("partner 'ZZ' is not defined in partners.yaml" in p for p in problems)
    assert any("must be its first day" in p for p in problems)
    assert all(p.startswith("liaison_officers.yaml, ") for p in problems)
