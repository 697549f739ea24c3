from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContactPointStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    LAPSED = "lapsed", _("lapsed")
    WITHDRAWN = "withdrawn", _("withdrawn")


ENDED_STATUSES = (ContactPointStatus.LAPSED, ContactPointStatus.WITHDRAWN)


class AppointingBodyKind(models.TextChoices):
    COMPETENT_AUTHORITY = "competent_authority", _("a country's competent authority")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("an international organisation")
    JUDICIAL_NETWORK = "judicial_network", _("a judicial network or association")


class OfficerKind(models.TextChoices):
    LIAISON_PROSECUTOR = "liaison_prosecutor", _("liaison prosecutor at the agency (Art. 54a)")
    LIAISON_MAGISTRATE = "liaison_magistrate", _("liaison magistrate posted abroad (Art. 53)")


class InteractionKind(models.TextChoices):
    """One exchange with contact points or partners. Not an engagement (an event of the
    engagements app) nor a contact-point meeting (Meeting, a gathering at the agency)."""

    BILATERAL_MEETING = "bilateral_meeting", _("bilateral meeting")
    CALL = "call", _("call")
    LETTER = "letter", _("letter")
    VISIT = "visit", _("visit")
    NETWORK_MEETING = "network_meeting", _("contact at a network meeting")


class ActivityLevel(models.TextChoices):
    REGULAR = "regular", _("regular")
    SPORADIC = "sporadic", _("sporadic")
    DORMANT = "dormant", _("dormant")


class ChannelKind(models.TextChoices):
    """The ways to reach a partner. Their order is not here: channels.yaml ranks them."""

    NATIONAL_MEMBER = "national_member", _("national member at the agency")
    LIAISON_PROSECUTOR = "liaison_prosecutor", _("liaison prosecutor at the agency")
    CONTACT_POINT = "contact_point", _("the agency's contact point")
    NETWORK_CONTACT_POINT = "network_contact_point", _("contact point of a regional network")
    LIAISON_MAGISTRATE = "liaison_magistrate", _("the agency's liaison magistrate")
    EU_DELEGATION = "eu_delegation", _("EU delegation (fallback)")
    INTERPOL = "interpol", _("Interpol (fallback)")


# The contact-point guide exists in these languages (seed 002, Priority 3).
GUIDE_LANGUAGES = {
    "en": _("English"),
    "fr": _("French"),
    "pt": _("Portuguese"),
    "es": _("Spanish"),
}
