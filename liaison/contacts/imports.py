"""Contact points from a spreadsheet: each row an appointment, recorded by the same service
as every other door (contact_point_create, then contact_point_end for an ended one). A row
already in the register (same partner, name and date of appointment) is left unchanged, so
that an export can be imported back."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from liaison.contacts.choices import AppointingBodyKind, ContactPointStatus
from liaison.contacts.exports import CONTACT_POINT_COLUMNS
from liaison.contacts.models import ContactPoint
from liaison.contacts.services import contact_point_create, contact_point_end
from liaison.core.permissions import ADD, CHANGE
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
from liaison.partners.models import Partner

REQUIRED = {
    "partner",
    "name",
    "organisation",
    "appointing_body",
    "appointing_body_kind",
    "appointed_on",
}


def _partner(values: dict[str, str]) -> Partner:
    code = values["partner"].strip().upper()
    partner = Partner.objects.filter(code=code).first()
    if partner is None:
        raise ValidationError({"partner": _("No partner has the code %(code)s.") % {"code": code}})
    return partner


def contact_point_row(values: dict[str, str], user: Any) -> tuple[str, str]:
    problems: dict[str, list[str]] = {}
    fields: dict[str, Any] = {}
    readers = {
        "partner": lambda: _partner(values),
        "appointed_on": lambda: cell_date(values, "appointed_on"),
        "ended_on": lambda: cell_date(values, "ended_on"),
        "is_mailbox": lambda: cell_bool(values, "is_mailbox"),
        "languages": lambda: cell_list(values, "languages"),
        "appointing_body_kind": lambda: cell_choice(
            values, "appointing_body_kind", AppointingBodyKind.choices
        ),
        "status": lambda: (
            cell_choice(values, "status", ContactPointStatus.choices) or ContactPointStatus.ACTIVE
        ),
    }
    for key, read in readers.items():
        try:
            fields[key] = read()
        except ValidationError as error:
            problems.update(error.message_dict)
    if problems:
        raise ValidationError(problems)
    status, ended_on = fields.pop("status"), fields.pop("ended_on")
    existing = ContactPoint.objects.filter(
        partner=fields["partner"], name=values["name"].strip(), appointed_on=fields["appointed_on"]
    ).first()
    if existing is not None:
        return UNCHANGED, _("already recorded: %(name)s") % {"name": existing}
    texts = (
        "name",
        "organisation",
        "appointing_body",
        "appointment_basis",
        "role",
        "email",
        "phone",
    )
    contact_point = contact_point_create(**fields, **{key: values.get(key, "") for key in texts})
    if status != ContactPointStatus.ACTIVE:
        if ended_on is None:
            raise ValidationError({"ended_on": _("An ended appointment needs the day it ended.")})
        contact_point_end(contact_point=contact_point, status=status, on=ended_on)
    return CREATE, str(contact_point)


CONTACT_POINT_IMPORT = ImportKind(
    key="contact-points",
    title=gettext_lazy("Contact points"),
    model=ContactPoint,
    actions=(ADD, CHANGE),
    columns=[
        # An export's first column, read and set aside: an export can be imported back.
        ImportColumn("id", gettext_lazy("Number")),
        *(
            ImportColumn(key, header, required=key in REQUIRED)
            for key, header in CONTACT_POINT_COLUMNS
        ),
    ],
    apply_row=contact_point_row,
    description=gettext_lazy(
        "One row an appointment. A row already in the register (same partner, name and date "
        "of appointment) is left as it is."
    ),
)
