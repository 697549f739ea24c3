"""Attack on the bulk import (web preview and confirmation): files that are workbooks on the
outside but not inside, a sheet that claims to be as wide as a spreadsheet can be, and two
people previewing the same file. Each must end in a named refusal or a working import,
never a server error or a worker's memory spent on nothing."""

from __future__ import annotations

import datetime
import io
import re
import tracemalloc
import zipfile
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from conftest import make_persona
from liaison.contacts.models import ContactPoint
from liaison.engagements.models import Engagement
from liaison.exports.importing import import_confirm
from liaison.exports.models import Import, ImportStatus
from liaison.exports.services import exports_expire
from liaison.exports.tests.test_bulk_import import fifty, preview, signed_in
from liaison.instruments.testing.factories import PartnerFactory

# Each test keeps previewed files in a folder of its own (conftest.import_root).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("import_root")]

SHEET = "xl/worksheets/sheet1.xml"


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


def test_the_command_line_names_a_cut_short_workbook_instead_of_a_traceback(
    alice, partners, tmp_path
):
    broken = tmp_path / "points.xlsx"
    broken.write_bytes(with_sheet(fifty(broken=False), lambda xml: xml[: len(xml) // 2]))
    with pytest.raises(CommandError, match="not a readable XLSX workbook"):
        call_command("import", "contact-points", str(broken), "--user", "alice")
    assert not ContactPoint.objects.exists()


def test_a_confirmation_sent_twice_at_once_imports_the_rows_once(alice, partners, import_root):
    """A double click on Confirm: both requests read the preview as not yet imported before
    either has finished (the status is checked outside the transaction, unlocked), and the
    file is still kept when the second reads it. Engagements without a key are created again
    by the second, so the register gets every row twice."""
    client = signed_in(alice)
    content = (
        "Kind,Title,Date,Partners\n"
        + "".join(f"technical_meeting,Workshop {n},2024-03-0{n},RS\n" for n in range(1, 4))
    ).encode()
    assert preview(client, content, name="workshops.csv", kind="engagements").status_code == 200
    first = Import.objects.get()
    second = Import.objects.get()  # the other request's copy, read at the same moment
    kept = (import_root / first.file_key).read_bytes()
    import_confirm(record=first, user=alice)
    assert Engagement.objects.count() == 3
    # The second request reads the file before the first deletes it.
    (import_root / first.file_key).write_bytes(kept)
    with pytest.raises(ValidationError):
        import_confirm(record=second, user=alice)
    assert Engagement.objects.count() == 3


def test_the_preview_names_the_file_it_shows(alice, partners):
    """The heading's blocktranslate reads `record.file_name`, an attribute lookup that
    blocktranslate does not do: the heading says "import of " and no file name."""
    page = preview(signed_in(alice), fifty(broken=False), name="appointments-march.xlsx")
    heading = re.search(r"<h1>(.*?)</h1>", page.content.decode(), re.S)
    assert heading is not None
    assert "appointments-march.xlsx" in heading[1]


def test_a_file_refused_as_a_whole_is_not_kept_for_ever(alice, partners, settings, import_root):
    """The upload is copied under the data directory before it is read; when the file as a
    whole is refused (here a column the import does not read) no Import is recorded, and the
    clean-up only removes the files of recorded previews: the copy, with the personal data
    it holds, stays on the server for good."""
    rows = "Partner code,Name,Mobile of the prosecutor\nRS,Prosecutor,+381 11 000 000\n"
    page = preview(signed_in(alice), rows.encode(), name="points.csv")
    assert page.status_code == 400
    later = timezone.now() + datetime.timedelta(days=settings.EXPORT_DAYS + 1)
    exports_expire(now=later)
    kept = [path.name for path in import_root.glob("*")] if import_root.exists() else []
    assert kept == []
