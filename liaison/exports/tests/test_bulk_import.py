"""Bulk import with a preview, on the web and the command line: 50 contact points from an
XLSX file whose preview catches two bad rows (nothing kept), then the fixed file imported
whole, recorded as one import with its file's digest; all or nothing, checked again at
confirmation against the file kept by digest."""

from __future__ import annotations

import hashlib
import io
from io import StringIO
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from openpyxl import Workbook

from liaison.contacts.models import ContactPoint
from liaison.engagements.models import Engagement
from liaison.exports.models import Import, ImportStatus
from liaison.instruments.testing.factories import PartnerFactory, RegionFactory
from liaison.partners.models import Partner

# Each test keeps previewed files in a folder of its own (conftest.import_root).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("import_root")]

HEADER = [
    "Partner code",
    "Name",
    "Organisation",
    "Appointed by",
    "Kind of appointing body",
    "Appointed on",
    "E-mail",
    "Languages",
]


@pytest.fixture
def partners() -> None:
    PartnerFactory(code="RS", kind="country", name="Serbia")
    PartnerFactory(code="ME", kind="country", name="Montenegro")


def workbook(rows: list[list[Any]], header: list[str] = HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def fifty(*, broken: bool) -> bytes:
    rows = [
        [
            "RS" if number % 2 else "ME",
            f"Prosecutor {number}",
            "Public Prosecutor's Office",
            "Ministry of Justice",
            "competent_authority",
            f"2024-01-{number % 28 + 1:02d}",
            f"p{number}@example.org",
            "en; sr",
        ]
        for number in range(50)
    ]
    if broken:
        rows[9][0] = "XX"  # row 11 of the sheet: no such partner
        rows[29][5] = "31/02/2024"  # row 31: not a date
    return workbook(rows)


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def preview(
    client: Client, content: bytes, name: str = "points.xlsx", kind: str = "contact-points"
) -> Any:
    return client.post(
        "/exports/imports/",
        {"kind": kind, "file": SimpleUploadedFile(name, content)},
    )


def test_the_web_preview_names_the_two_bad_rows_then_the_fixed_file_imports_all_fifty(
    alice, partners
):
    client = signed_in(alice)
    page = preview(client, fifty(broken=True))
    text = page.content.decode()
    assert page.status_code == 200
    assert "48, change 0 and leave 0 unchanged; 2 rows are refused" in text
    assert "No partner has the code XX." in text and '<td data-label="Row">11</td>' in text
    assert "is not a date written YYYY-MM-DD" in text and '<td data-label="Row">31</td>' in text
    assert "Confirm the import" not in text
    assert ContactPoint.objects.count() == 0
    broken = Import.objects.get()
    refused = client.post(f"/exports/imports/{broken.pk}/confirm/")
    assert refused.status_code == 400
    assert ContactPoint.objects.count() == 0

    fixed = fifty(broken=False)
    page = preview(client, fixed)
    assert "Confirm the import" in page.content.decode()
    assert ContactPoint.objects.count() == 0  # a preview keeps nothing
    record = Import.objects.get(digest=hashlib.sha256(fixed).hexdigest())
    done = client.post(f"/exports/imports/{record.pk}/confirm/")
    assert done.status_code == 200
    assert "Imported: 50 created" in done.content.decode()
    assert ContactPoint.objects.count() == 50
    record.refresh_from_db()
    assert (record.status, record.rows_created) == (ImportStatus.IMPORTED, 50)
    # One import in the change history: every change under its id, the import with its digest.
    changes = LogEntry.objects.filter(cid=record.correlation_id)
    assert changes.filter(content_type__model="contactpoint").count() == 50
    assert changes.filter(content_type__model="import", object_pk=str(record.pk)).exists()
    entries = LogEntry.objects.filter(content_type__model="import", object_pk=str(record.pk))
    assert any(record.digest in str(entry.changes) for entry in entries)
    # Imported once only.
    assert client.post(f"/exports/imports/{record.pk}/confirm/").status_code == 400
    assert ContactPoint.objects.count() == 50


def run(*args: str) -> str:
    out = StringIO()
    call_command("import", *args, stdout=out)
    return out.getvalue()


def test_the_command_line_does_the_same(alice, partners, tmp_path):
    bad, good = tmp_path / "bad.xlsx", tmp_path / "good.xlsx"
    bad.write_bytes(fifty(broken=True))
    good.write_bytes(fifty(broken=False))
    with pytest.raises(CommandError) as error:
        run("contact-points", str(bad), "--user", "alice")
    assert "row 11, column “Partner code”: No partner has the code XX." in str(error.value)
    assert "row 31, column “Appointed on”" in str(error.value)
    assert "would be 50 created" in run("contact-points", str(good), "--user", "alice", "--dry-run")
    assert ContactPoint.objects.count() == 0
    assert "50 created" in run("contact-points", str(good), "--user", "alice")
    assert ContactPoint.objects.count() == 50
    assert Import.objects.filter(status=ImportStatus.IMPORTED).count() == 1


def test_the_confirmation_checks_the_rows_again(alice, partners):
    client = signed_in(alice)
    preview(client, fifty(broken=False))
    record = Import.objects.get()
    Partner.objects.filter(code="ME").delete()  # since the preview
    assert client.post(f"/exports/imports/{record.pk}/confirm/").status_code == 400
    assert ContactPoint.objects.count() == 0


def test_the_confirmation_imports_the_kept_file_only_if_it_is_unchanged(
    alice, partners, import_root
):
    client = signed_in(alice)
    preview(client, fifty(broken=False))
    record = Import.objects.get()
    (import_root / record.file_key).write_bytes(fifty(broken=True))
    response = client.post(f"/exports/imports/{record.pk}/confirm/")
    assert response.status_code == 400
    assert "upload it again" in response.content.decode()
    assert ContactPoint.objects.count() == 0


def test_a_wrong_sheet_or_wrong_headers_are_named(alice, partners):
    page = preview(signed_in(alice), workbook([["x", "y"]], header=["Country", "Person"]))
    text = page.content.decode()
    assert page.status_code == 400
    assert "Column “Country” is not one this import reads." in text
    assert "Column “Partner code” is missing." in text
    assert "The first sheet (“Sheet”) is read." in text


def test_limits_of_size_and_rows(alice, partners, settings):
    settings.IMPORT_MAX_ROWS = 10
    page = preview(signed_in(alice), fifty(broken=False))
    assert page.status_code == 400
    assert "more than 10 rows" in page.content.decode()
    settings.IMPORT_MAX_BYTES = 100
    page = preview(signed_in(alice), fifty(broken=False))
    assert "larger than 100 bytes" in page.content.decode()
    assert not Import.objects.exists()


def test_a_file_that_is_not_a_workbook_is_refused(alice, partners):
    page = preview(signed_in(alice), b"not a zip")
    assert page.status_code == 400
    assert "not a readable XLSX workbook" in page.content.decode()


def test_the_viewer_may_not_import(bob):
    assert signed_in(bob).get("/exports/imports/").status_code == 403


def test_the_import_page_lists_each_kind_with_its_columns(alice):
    text = signed_in(alice).get("/exports/imports/").content.decode()
    assert "Partner code" in text and "<code>appointed_on</code>" in text
    assert "Engagements" in text


def test_partners_aliases_and_regions(alice, tmp_path):
    PartnerFactory(code="RS", kind="country", name="Serbia")
    RegionFactory(code="western-balkans", name="Western Balkans")
    path = tmp_path / "partners.csv"
    path.write_text(
        "Code,Aliases,Regions\nRS,Srbija; Republic of Serbia,western-balkans\n", encoding="utf-8"
    )
    assert "1 changed" in run("partners", str(path), "--user", "alice")
    serbia = Partner.objects.get(code="RS")
    assert serbia.aliases == ["Srbija", "Republic of Serbia"]
    assert [region.code for region in serbia.regions.all()] == ["western-balkans"]
    assert "1 unchanged" in run("partners", str(path), "--user", "alice")


def test_an_engagement_is_recorded_by_the_engagement_service(alice, tmp_path):
    PartnerFactory(code="RS", kind="country", name="Serbia")
    path = tmp_path / "engagements.csv"
    path.write_text(
        "Kind,Title,Date,Partners\n"
        "technical_meeting,Meeting on evidence,2024-05-02,RS\n"
        "nonsense,Second,2024-13-01,QQ\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as error:
        run("engagements", str(path), "--user", "alice")
    message = str(error.value)
    assert "row 3, column “Kind”" in message
    assert "row 3, column “Date”" in message
    assert "row 3, column “Partners”: No partner has the code(s) QQ." in message
    assert "row 2" not in message
    path.write_text(
        "Kind,Title,Date,Partners\ntechnical_meeting,Meeting on evidence,2024-05-02,RS\n",
        encoding="utf-8",
    )
    assert "1 created" in run("engagements", str(path), "--user", "alice")
    engagement = Engagement.objects.get()
    assert [partner.code for partner in engagement.partners.all()] == ["RS"]
    assert engagement.key  # made by the service, as for the form


def test_cases_go_through_the_casework_importer(django_user_model, tmp_path):
    from conftest import make_persona
    from liaison.cases.tests.conftest import make_case

    make_persona(django_user_model, "carol")
    make_case(cms_reference="EXISTING")
    path = tmp_path / "cases.csv"
    path.write_text(
        "record,cms_reference,partner,kind,direction,channel,data_category\n"
        "exchange,NOWHERE,ME,mutual_legal_assistance_request,outgoing,central_authority,"
        "non_personal\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="row 2, column “cms_reference”"):
        run("cases", str(path), "--user", "carol", "--dry-run")


def test_the_file_of_a_preview_never_confirmed_is_removed_with_old_exports(
    alice, partners, settings, import_root
):
    import datetime

    from django.utils import timezone

    from liaison.exports.services import exports_expire

    preview(signed_in(alice), fifty(broken=False))
    record = Import.objects.get()
    assert (import_root / record.file_key).exists()
    later = timezone.now() + datetime.timedelta(days=settings.EXPORT_DAYS + 1)
    assert "1 import preview file(s) removed" in exports_expire(now=later)
    assert not (import_root / record.file_key).exists()


def test_the_contact_point_list_offers_the_import_to_those_who_may(alice, bob):
    assert (
        "/exports/imports/?kind=contact-points"
        in signed_in(alice).get("/contacts/").content.decode()
    )
    assert "/exports/imports/" not in signed_in(bob).get("/partners/").content.decode()


def test_an_xlsx_with_an_entity_bomb_is_refused_unread(alice, partners):
    import zipfile

    source = io.BytesIO(fifty(broken=False))
    bomb = io.BytesIO()
    with zipfile.ZipFile(source) as book, zipfile.ZipFile(bomb, "w") as out:
        for item in book.infolist():
            data = book.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"<worksheet",
                    b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
                    b"<worksheet",
                    1,
                ).replace(b"Prosecutor 0", b"&b;", 1)
            out.writestr(item, data)
    page = preview(signed_in(alice), bomb.getvalue())
    assert page.status_code == 400
    assert "not a readable XLSX workbook" in page.content.decode()
    assert ContactPoint.objects.count() == 0
