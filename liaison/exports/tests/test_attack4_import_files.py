"""Attack on the bulk import (web preview and confirmation): files that are workbooks on the
outside but not inside, a sheet that claims to be as wide as a spreadsheet can be, and two
people previewing the same file. Each must end in a named refusal or a working import,
never a server error or a worker's memory spent on nothing."""

from __future__ import annotations

import io
import re
import tracemalloc
import zipfile
from typing import Any

import pytest

from conftest import make_persona
from liaison.contacts.models import ContactPoint
from liaison.exports.models import Import, ImportStatus
from liaison.exports.tests.test_bulk_import import fifty, preview, signed_in
from liaison.instruments.testing.factories import PartnerFactory

pytestmark = [pytest.mark.django_db]

SHEET = "xl/worksheets/sheet1.xml"


@pytest.fixture(autouse=True)
def import_root(settings: Any, tmp_path: Any) -> Any:
    settings.IMPORT_ROOT = tmp_path / "imports"
    return settings.IMPORT_ROOT


@pytest.fixture
def partners() -> None:
    PartnerFactory(code="RS", kind="country", name="Serbia")
    PartnerFactory(code="ME", kind="country", name="Montenegro")


def with_sheet(content: bytes, change: Any) -> bytes:
    """The workbook `content` with its first sheet's XML passed through `change`."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item.filename, change(data) if item.filename == SHEET else data)
    return out.getvalue()


def test_a_workbook_whose_sheet_is_cut_short_is_refused_with_a_message(alice, partners):
    """A zip with a workbook's parts whose sheet XML ends half way (a file copied while it was
    being saved): openpyxl opens it and fails only while reading the rows."""
    broken = with_sheet(fifty(broken=False), lambda xml: xml[: len(xml) // 2])
    page = preview(signed_in(alice), broken)
    assert page.status_code == 400
    assert "not a readable XLSX workbook" in page.content.decode()
    assert not ContactPoint.objects.exists()


def test_a_sheet_claiming_every_column_of_a_spreadsheet_is_read_only_as_wide_as_needed(
    alice, partners, settings
):
    """A 5 KB workbook whose sheet says it spans A1:XFD1048576 (16,384 columns) and has a cell
    in its last row: every row read is padded to 16,384 cells and kept, so that a file under
    the size limit costs about 650 MB at the default limit of 5,000 rows. Measured here at
    300 rows (about 40 MB today); the columns of an import are a dozen."""
    settings.IMPORT_MAX_ROWS = 300

    def claim_everything(xml: bytes) -> bytes:
        xml = re.sub(rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1:XFD1048576"/>', xml)
        last = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>z</t></is></c></row>'
        return xml.replace(b"</sheetData>", last + b"</sheetData>")

    wide = with_sheet(fifty(broken=False), claim_everything)
    assert len(wide) < 20_000
    client = signed_in(alice)
    preview(client, fifty(broken=True))  # the modules a preview needs, loaded before measuring
    tracemalloc.start()
    try:
        page = preview(client, wide)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert page.status_code in (200, 400)
    assert peak < 10 * 1024 * 1024, f"{peak // 1024 // 1024} MB to read a 5 KB file"


def test_two_people_who_preview_the_same_file_can_both_confirm(alice, partners, django_user_model):
    """The kept file is named by its digest only, so the first confirmation deletes the file of
    the other person's preview: their confirmation then says the file is no longer kept."""
    erin = make_persona(django_user_model, "erin")
    content = fifty(broken=False)
    preview(signed_in(alice), content)
    preview(signed_in(erin), content)
    alices, erins = Import.objects.get(user=alice), Import.objects.get(user=erin)
    assert signed_in(alice).post(f"/exports/imports/{alices.pk}/confirm/").status_code == 200
    answer = signed_in(erin).post(f"/exports/imports/{erins.pk}/confirm/")
    assert "no longer kept" not in answer.content.decode()
    assert answer.status_code == 200
    erins.refresh_from_db()
    assert erins.status == ImportStatus.IMPORTED
    assert ContactPoint.objects.count() == 50
