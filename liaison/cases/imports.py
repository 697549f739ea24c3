"""Cases and exchanges from a spreadsheet, through the importer of `liaison import-cases`
(liaison.cases.importing): the same checks, the same services and transfer gate, with the
preview and the record of the import that every bulk import has."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy

from liaison.cases.importing import (
    CASE_COLUMNS,
    EXCHANGE_COLUMNS,
    ImportProblems,
    cases_import,
    read_rows,
)
from liaison.cases.models import Case
from liaison.core.permissions import ADD
from liaison.core.spreadsheet_import import (
    CREATE,
    REFUSE,
    ImportColumn,
    ImportKind,
    ImportReport,
    RowOutcome,
)

PROBLEM = re.compile(r"row (\d+), column ([\w]+): (.*)")


def cases_file(path: Path, user: Any, report: ImportReport) -> None:
    """Import the file (the caller's transaction keeps it or not) and say row by row what
    it did or why it was refused."""
    rows = read_rows(path)
    outcomes = {
        number: RowOutcome(
            number=number,
            summary=" ".join((row.get(name) or "").strip() for name in ("record", "cms_reference")),
        )
        for number, row in enumerate(rows, start=2)
    }
    report.rows.extend(outcomes.values())
    try:
        cases_import(path=path, user=user)
    except ImportProblems as error:
        for problem in error.problems:
            found = PROBLEM.fullmatch(problem)
            if found is None:
                report.file_problems.append(problem)
                continue
            outcome = outcomes.setdefault(int(found[1]), RowOutcome(number=int(found[1])))
            outcome.action = REFUSE
            outcome.problems.append((found[2], found[3]))
    for outcome in outcomes.values():
        if not outcome.problems:
            outcome.action = CREATE


CASE_IMPORT = ImportKind(
    key="cases",
    title=gettext_lazy("Cases and exchanges"),
    model=Case,
    actions=(ADD,),
    columns=[
        ImportColumn("record", gettext_lazy("record"), required=True),
        *(
            ImportColumn(name, name, required=name == "cms_reference")
            for name in dict.fromkeys([*CASE_COLUMNS, *EXCHANGE_COLUMNS])
        ),
    ],
    apply_file=cases_file,
    description=gettext_lazy(
        "One row a case or an exchange (column “record”: case or exchange), as for "
        "`liaison import-cases`; exchanges pass the transfer gate."
    ),
)
