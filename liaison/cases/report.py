"""The casework report as rows (CSV) and as a PDF (liaison.core.pdf: a font shipped with Liaison,
nothing is fetched). Figures only: no case is named."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from liaison.cases.selectors import CaseworkReport
from liaison.core.pdf import report_document, report_writer

CSV_HEADER = ["section", "code", "name", "cases", "exchanges", "jits", "action_days"]


def report_rows(report: CaseworkReport) -> Iterator[list[Any]]:
    yield [
        "total",
        "",
        f"{report.start.isoformat()} to {report.end.isoformat()}",
        report.cases,
        report.exchanges,
        report.jits,
        report.action_days,
    ]
    yield ["total", "", "cases involving non-EU partners", report.cases_with_partners, "", "", ""]
    for row in report.partners:
        yield [
            "partner",
            row.partner.code,
            row.partner.name,
            row.cases,
            row.exchanges,
            row.jits,
            row.action_days,
        ]
    for area, count in report.crime_areas:
        yield ["crime_area", area, "", count, "", "", ""]


def report_pdf(report: CaseworkReport, *, compress: bool = True) -> bytes:
    """An A4 report: the totals, the partners (most cases first) and the crime areas."""
    pdf = report_document(title=_("Casework with non-EU partners"), compress=compress)
    write = report_writer(pdf)

    write(_("Casework with non-EU partners"), 16, "B")
    write(
        _("From %(start)s to %(end)s.")
        % {"start": report.start.isoformat(), "end": report.end.isoformat()}
    )
    write(
        _("Demo records included.")
        if report.include_demo
        else _("Demo records left out.")
        if report.demo_present
        else ""
    )
    write(
        _(
            "Cases involving non-EU partners: %(with)s (of %(cases)s active); exchanges: "
            "%(exchanges)s; joint investigation teams: %(jits)s; coordinated action days: "
            "%(days)s."
        )
        % {
            "with": report.cases_with_partners,
            "cases": report.cases,
            "exchanges": report.exchanges,
            "jits": report.jits,
            "days": report.action_days,
        }
    )
    write(_("Partners"), 12, "B")
    for row in report.partners:
        write(
            _(
                "%(name)s (%(code)s): %(cases)s cases, %(exchanges)s exchanges, %(jits)s JITs, "
                "%(days)s action days"
            )
            % {
                "name": row.partner.name,
                "code": row.partner.code,
                "cases": row.cases,
                "exchanges": row.exchanges,
                "jits": row.jits,
                "days": row.action_days,
            }
        )
    write(_("Cases by crime area"), 12, "B")
    for area, count in report.crime_areas:
        write(f"{area}: {count}")
    return bytes(pdf.output())
