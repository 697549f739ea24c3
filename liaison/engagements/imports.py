"""Engagements from a spreadsheet, the columns of the engagement export: a row with the key
of an engagement in the register changes it, a row without a key records a new one; both
through the services of the engagement form (engagement_update, engagement_create)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from liaison.core.permissions import ADD, CHANGE
from liaison.core.spreadsheet_import import CHANGE as CHANGED
from liaison.core.spreadsheet_import import (
    CREATE,
    UNCHANGED,
    ImportColumn,
    ImportKind,
    cell_bool,
    cell_choice,
    cell_date,
    cell_list,
)
from liaison.engagements.choices import EngagementKind
from liaison.engagements.models import Engagement, Project
from liaison.engagements.services import engagement_create, engagement_update
from liaison.partners.models import Partner

# Column key -> the engagement's field.
FIELDS = {"date": "start_date", "until": "end_date"}
TEXTS = ("title", "place", "outcomes", "follow_ups")


def _partners(values: dict[str, str], key: str) -> list[Partner]:
    codes = [code.upper() for code in cell_list(values, key)]
    partners = list(Partner.objects.filter(code__in=codes))
    unknown = sorted(set(codes) - {partner.code for partner in partners})
    if unknown:
        raise ValidationError(
            {key: _("No partner has the code(s) %(codes)s.") % {"codes": ", ".join(unknown)}}
        )
    return partners


def _project(values: dict[str, str]) -> Project | None:
    raw = values.get("project", "").strip()
    if not raw:
        return None
    project = Project.objects.filter(Q(key=raw) | Q(name=raw)).first()
    if project is None:
        raise ValidationError(
            {"project": _("No project has the key or name “%(project)s”.") % {"project": raw}}
        )
    return project


def engagement_row(values: dict[str, str], user: Any) -> tuple[str, str]:
    data: dict[str, Any] = {name: values.get(name, "") for name in TEXTS}
    problems: dict[str, list[str]] = {}
    readers = {
        "kind": lambda: cell_choice(values, "kind", EngagementKind.choices),
        "start_date": lambda: cell_date(values, "date"),
        "end_date": lambda: cell_date(values, "until"),
        "online": lambda: cell_bool(values, "online"),
        "partners": lambda: _partners(values, "partners"),
        "co_organisers": lambda: _partners(values, "co_organisers"),
        "project": lambda: _project(values),
    }
    for name, read in readers.items():
        try:
            data[name] = read()
        except ValidationError as error:
            problems.update(error.message_dict)
    if problems:
        raise ValidationError(problems)
    key = values.get("key", "").strip()
    try:
        if not key:
            return CREATE, str(engagement_create(data=data))
        engagement = Engagement.objects.filter(key=key).first()
        if engagement is None:
            raise ValidationError(
                {
                    "key": _(
                        "No engagement has the key “%(key)s”: leave the key empty to record "
                        "a new one."
                    )
                    % {"key": key}
                }
            )
        before = _snapshot(engagement)
        engagement = engagement_update(engagement=engagement, data=data)
        return (CHANGED if _snapshot(engagement) != before else UNCHANGED), str(engagement)
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        # The model names its fields; the file names its columns.
        columns = {field: column for column, field in FIELDS.items()}
        raise ValidationError(
            {columns.get(name, name): messages for name, messages in error.message_dict.items()}
        ) from error


def _snapshot(engagement: Engagement) -> tuple[Any, ...]:
    return (
        engagement.kind,
        engagement.start_date,
        engagement.end_date,
        engagement.online,
        engagement.project_id,
        *(getattr(engagement, name) for name in TEXTS),
        frozenset(engagement.partners.values_list("pk", flat=True)),
        frozenset(engagement.co_organisers.values_list("pk", flat=True)),
    )


ENGAGEMENT_IMPORT = ImportKind(
    key="engagements",
    title=gettext_lazy("Engagements"),
    model=Engagement,
    actions=(ADD, CHANGE),
    columns=[
        ImportColumn("key", gettext_lazy("Key")),
        ImportColumn("kind", gettext_lazy("Kind"), required=True),
        ImportColumn("title", gettext_lazy("Title"), required=True),
        ImportColumn("date", gettext_lazy("Date"), required=True),
        ImportColumn("until", gettext_lazy("Until")),
        ImportColumn("place", gettext_lazy("Place")),
        ImportColumn("online", gettext_lazy("Online")),
        ImportColumn("partners", gettext_lazy("Partners")),
        ImportColumn("co_organisers", gettext_lazy("Co-organisers")),
        ImportColumn("project", gettext_lazy("Project")),
        ImportColumn("outcomes", gettext_lazy("Outcomes")),
        ImportColumn("follow_ups", gettext_lazy("Follow-ups")),
    ],
    set_aside=(gettext_lazy("Key actions"),),
    apply_row=engagement_row,
    description=gettext_lazy(
        "One row an engagement. With the key of an engagement in the register, the row "
        "changes it (its partners and co-organisers replaced by the row's); without a key, "
        "a new engagement is recorded."
    ),
)
