from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerKind(models.TextChoices):
    COUNTRY = "country", _("non-EU country")
    MEMBER_STATE = "member_state", _("EU Member State")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("international organisation")
    JUDICIAL_NETWORK = "judicial_network", _("judicial network or association")
    EU_BODY = "eu_body", _("EU body")


STATE_KINDS = frozenset({PartnerKind.COUNTRY, PartnerKind.MEMBER_STATE})
