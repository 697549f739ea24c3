"""Attack on the bulk import of cases (web preview): the generic reader accepts a CSV whose
cells are separated by ; (what spreadsheets set to a decimal comma write), but the casework
importer it hands the file to reads commas only."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from conftest import make_persona
from liaison.cases.models import Case

# Each test keeps previewed files in a folder of its own (conftest.import_root).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("import_root")]

COLUMNS = [
    "record",
    "cms_reference",
    "title",
    "crime_areas",
    "member_states",
    "requesting_member_state",
    "opened_on",
]
ROW = ["case", "2024/0001", "Fraud ring", "fraud_and_swindling", "SE", "SE", "2024-01-02"]


def preview(content: str, django_user_model: Any) -> Any:
    client = Client()
    client.force_login(make_persona(django_user_model, "carol"))
    return client.post(
        "/exports/imports/",
        {"kind": "cases", "file": SimpleUploadedFile("cases.csv", content.encode())},
    )


@pytest.mark.parametrize("separator", [",", ";"])
def test_a_case_file_previews_the_same_with_commas_or_semicolons(separator, django_user_model):
    lines = [separator.join(COLUMNS), separator.join(ROW)]
    page = preview("\n".join(lines) + "\n", django_user_model)
    text = page.content.decode()
    assert page.status_code == 200
    assert "would create 1," in text, text[text.find("<tbody>") :][:1200]
    assert not Case.objects.exists()  # a preview keeps nothing


def test_a_semicolon_case_file_with_a_long_row_is_refused_not_a_500(django_user_model):
    """Read with ; the row is 70,000 short cells; read again with , by the casework importer
    it is one cell over the csv module's field limit, whose error nobody catches."""
    lines = [";".join(COLUMNS), "case;" + "x;" * 70_000]
    page = preview("\n".join(lines) + "\n", django_user_model)
    assert page.status_code in (200, 400)
    assert not Case.objects.exists()
