"""The vocabulary of casework (domain.md, "Casework with non-EU partners"): the codes are
part of the public contract, the labels are for people."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CrimeArea(models.TextChoices):
    DRUG_TRAFFICKING = "drug_trafficking", _("drug trafficking")
    FRAUD_AND_SWINDLING = "fraud_and_swindling", _("fraud and swindling")
    MONEY_LAUNDERING = "money_laundering", _("money laundering")
    VAT_FRAUD = "vat_fraud", _("VAT fraud")
    ORGANISED_PROPERTY_CRIME = "organised_property_crime", _("organised property crime")
    TRAFFICKING_IN_HUMAN_BEINGS = "trafficking_in_human_beings", _("trafficking in human beings")
    MIGRANT_SMUGGLING = "migrant_smuggling", _("migrant smuggling")
    CYBERCRIME = "cybercrime", _("cybercrime")
    CHILD_SEXUAL_EXPLOITATION = "child_sexual_exploitation", _("child sexual exploitation")
    TERRORISM = "terrorism", _("terrorism")
    CORE_INTERNATIONAL_CRIMES = "core_international_crimes", _("core international crimes")
    CORRUPTION = "corruption", _("corruption")
    ENVIRONMENTAL_CRIME = "environmental_crime", _("environmental crime")
    FIREARMS_TRAFFICKING = "firearms_trafficking", _("firearms trafficking")
    CRIMES_AGAINST_LIFE_AND_LIMB = "crimes_against_life_and_limb", _("crimes against life and limb")
    OTHER = "other", _("other")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class CaseTool(models.TextChoices):
    COORDINATION_MEETING = "coordination_meeting", _("coordination meeting")
    COORDINATION_CENTRE = "coordination_centre", _("coordination centre")
    COORDINATED_ACTION_DAY = "coordinated_action_day", _("coordinated action day")
    JOINT_INVESTIGATION_TEAM = "joint_investigation_team", _("joint investigation team")


class ExchangeKind(models.TextChoices):
    MUTUAL_LEGAL_ASSISTANCE_REQUEST = (
        "mutual_legal_assistance_request",
        _("mutual legal assistance request"),
    )
    EXTRADITION_REQUEST = "extradition_request", _("extradition request")
    ARREST_WARRANT = "arrest_warrant", _("arrest warrant")
    INTERPOL_NOTICE = "interpol_notice", _("Interpol notice")
    REQUEST_FOR_INFORMATION = "request_for_information", _("request for information")
    SPONTANEOUS_INFORMATION = "spontaneous_information", _("spontaneous information")
    EVIDENCE_TRANSMISSION = "evidence_transmission", _("transmission of evidence")
    JIT_AGREEMENT = "jit_agreement", _("JIT agreement")
    OTHER = "other", _("other")


class Direction(models.TextChoices):
    OUTGOING = "outgoing", _("outgoing (to the partner)")
    INCOMING = "incoming", _("incoming (from the partner)")


class ExchangeChannel(models.TextChoices):
    """The channel kinds of the "How to reach" panel, and two formal routes besides."""

    NATIONAL_MEMBER = "national_member", _("national member at the agency")
    LIAISON_PROSECUTOR = "liaison_prosecutor", _("liaison prosecutor at the agency")
    CONTACT_POINT = "contact_point", _("the agency's contact point")
    NETWORK_CONTACT_POINT = "network_contact_point", _("contact point of a regional network")
    LIAISON_MAGISTRATE = "liaison_magistrate", _("the agency's liaison magistrate")
    EU_DELEGATION = "eu_delegation", _("EU delegation")
    INTERPOL = "interpol", _("Interpol")
    DIPLOMATIC = "diplomatic", _("diplomatic channel")
    CENTRAL_AUTHORITY = "central_authority", _("central authority")


class Outcome(models.TextChoices):
    EXECUTED = "executed", _("executed")
    PARTLY_EXECUTED = "partly_executed", _("partly executed")
    REFUSED = "refused", _("refused")
    WITHDRAWN = "withdrawn", _("withdrawn")
    PENDING = "pending", _("pending")


# The counted results of a case or an operation (domain.md), in the order shown.
RESULT_FIELDS = ("arrests", "searches", "seizures", "extraditions", "surrenders", "convictions")
