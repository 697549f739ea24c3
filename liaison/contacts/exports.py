"""The contact points as a spreadsheet (personal data: for the roles that may see it, each
row written to the access log as exported). The columns are those `liaison import
contact-points` reads, so an export can be corrected and imported back."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from liaison.contacts.filtersets import ContactPointFilterSet
from liaison.contacts.models import ContactPoint
from liaison.core.csv_export import Column, joined, table_export

# The columns an import reads too (by these headers in any of Liaison's languages, or by
# the key itself), so that an export can be corrected and imported back.
CONTACT_POINT_COLUMNS = (
    ("partner", _("Partner code")),
    ("name", _("Name")),
    ("is_mailbox", _("Shared mailbox")),
    ("role", _("Role")),
    ("organisation", _("Organisation")),
    ("languages", _("Languages")),
    ("email", _("E-mail")),
    ("phone", _("Telephone")),
    ("appointing_body_kind", _("Kind of appointing body")),
    ("appointing_body", _("Appointed by")),
    ("appointed_on", _("Appointed on")),
    ("appointment_basis", _("Basis of the appointment")),
    ("status", _("Status")),
    ("ended_on", _("Ended on")),
)


def _field(key: str) -> Any:
    if key == "partner":
        return lambda contact: contact.partner.code
    if key == "languages":
        return lambda contact: joined(contact.languages or [])
    return lambda contact: getattr(contact, key)


def _contact_points(user: Any, data: QueryDict) -> Any:
    return ContactPoint.objects.select_related("partner")


CONTACT_POINT_EXPORT = table_export(
    key="contact-points",
    title=_("Contact points"),
    model=ContactPoint,
    filterset_class=ContactPointFilterSet,
    queryset=_contact_points,
    ordering=("partner__name", "-appointed_on", "pk"),
    columns=[
        Column(_("Number"), lambda c: c.pk),
        *(Column(header, _field(key)) for key, header in CONTACT_POINT_COLUMNS),
    ],
)
