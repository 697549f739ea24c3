"""The vocabulary of transfer assessments, with labels for people.

The codes are the engine's (rules.py, provisions.yaml); a test holds the two together."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Decision(models.TextChoices):
    ALLOWED = "allowed", _("allowed")
    ALLOWED_WITH_CONDITIONS = "allowed_with_conditions", _("allowed with conditions")
    REFUSED = "refused", _("refused")
    REFERRED = "referred", _("referred")


class DataCategory(models.TextChoices):
    NON_PERSONAL = "non_personal", _("non-personal information (identifies nobody)")
    ADMINISTRATIVE_PERSONAL_DATA = (
        "administrative_personal_data",
        _("administrative personal data (contact details, participants)"),
    )
    OPERATIONAL_PERSONAL_DATA = (
        "operational_personal_data",
        _("operational personal data (case data)"),
    )


class MemberStateAuthorisation(models.TextChoices):
    PRIOR = "prior", _("prior authorisation for this transfer")
    GENERAL = "general", _("general authorisation, or with conditions")
    NONE = "none", _("no authorisation")


class Route(models.TextChoices):
    """The legal routes, in the engine's order, and the route of non-personal information."""

    NON_PERSONAL_EXCHANGE = "non_personal_exchange", _("exchange of non-personal information")
    INTERNATIONAL_AGREEMENT = (
        "international_agreement",
        _("international agreement (Art. 218 TFEU)"),
    )
    COOPERATION_AGREEMENT = "cooperation_agreement", _("cooperation agreement (before 12 Dec 2019)")
    ADEQUACY_DECISION = "adequacy_decision", _("adequacy decision")
    APPROPRIATE_SAFEGUARDS_INSTRUMENT = (
        "appropriate_safeguards_instrument",
        _("instrument with appropriate safeguards"),
    )
    SAFEGUARDS_SELF_ASSESSMENT = (
        "safeguards_self_assessment",
        _("the agency's own assessment of safeguards"),
    )
    DEROGATION = "derogation", _("derogation for a specific situation")
    EUDPR_ADEQUACY = "eudpr_adequacy", _("adequacy decision covering the recipient (EUDPR)")
    EUDPR_BINDING_INSTRUMENT = (
        "eudpr_binding_instrument",
        _("binding instrument between public authorities (EUDPR)"),
    )
    EUDPR_AUTHORISED_ARRANGEMENT = (
        "eudpr_authorised_arrangement",
        _("administrative arrangement authorised by the EDPS (EUDPR)"),
    )
    EUDPR_DEROGATION = "eudpr_derogation", _("derogation for a specific situation (EUDPR)")


class RecipientSector(models.TextChoices):
    """Asked for administrative personal data when an adequacy decision covers some sectors."""

    PUBLIC = "public", _("a public authority (a ministry, a prosecution service, a court)")
    PRIVATE = "private", _("a private organisation (a company, an association)")


class EudprDerogationGround(models.TextChoices):
    """The derogations of Art. 50 of Regulation (EU) 2018/1725 (list not yet checked)."""

    EXPLICIT_CONSENT = "explicit_consent", _("explicit consent of the data subject")
    PUBLIC_INTEREST = "public_interest", _("important reasons of public interest in Union law")
    DEFENCE_OF_LEGAL_CLAIMS = (
        "defence_of_legal_claims",
        _("establishment, exercise or defence of legal claims"),
    )
    VITAL_INTERESTS = "vital_interests", _("vital interests, the data subject cannot consent")


class EudprCondition(models.TextChoices):
    """What the requester confirms for a derogation of Art. 50 of Regulation (EU) 2018/1725."""

    CONSENT_AFTER_RISKS = (
        "consent_after_risks",
        _("The data subject explicitly consented after being informed of the risks"),
    )
    NOT_PUBLIC_POWERS = (
        "not_public_powers",
        _("The transfer is not an act in the exercise of the agency's public powers"),
    )
    PUBLIC_INTEREST_IN_UNION_LAW = (
        "public_interest_in_union_law",
        _("It is necessary for important reasons of public interest recognised in Union law"),
    )
    LEGAL_CLAIMS_NECESSARY = (
        "legal_claims_necessary",
        _("It is necessary for the establishment, exercise or defence of legal claims"),
    )
    VITAL_INTERESTS_NECESSARY = (
        "vital_interests_necessary",
        _("It is necessary to protect the vital interests of the data subject or another"),
    )
    SUBJECT_CANNOT_CONSENT = (
        "subject_cannot_consent",
        _("The data subject is physically or legally incapable of giving consent"),
    )


class DerogationGround(models.TextChoices):
    VITAL_INTERESTS = "vital_interests", _("(a) vital interests of the data subject or another")
    DATA_SUBJECT_LEGITIMATE_INTERESTS = (
        "data_subject_legitimate_interests",
        _("(b) legitimate interests of the data subject"),
    )
    PUBLIC_SECURITY_THREAT = (
        "public_security_threat",
        _("(c) immediate and serious threat to public security"),
    )
    INDIVIDUAL_CASE_TASKS = "individual_case_tasks", _("(d) an individual case, the agency's tasks")


# The Member States of the European Union (ISO 3166-1 alpha-2), which may supply data.
EU_MEMBER_STATES = (
    "AT",
    "BE",
    "BG",
    "CY",
    "CZ",
    "DE",
    "DK",
    "EE",
    "ES",
    "FI",
    "FR",
    "GR",
    "HR",
    "HU",
    "IE",
    "IT",
    "LT",
    "LU",
    "LV",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SE",
    "SI",
    "SK",
)


class ProvisionVerdict(models.TextChoices):
    """What a review of a provision says: checked against the official text, or not."""

    CHECKED = "checked", _("checked against the official text")
    UNVERIFIED = "unverified", _("unverified")


# The Member States whose supplying of data engages gate (c) of Art. 56(1). Denmark is not
# bound by Regulation (EU) 2018/1727: data it supplies under its own agreement with the
# agency is not "supplied by a Member State" until a lawyer sets a rule (legal-basis.md 8.7,
# unverified). Casework still lists Denmark among the Member States (EU_MEMBER_STATES).
SUPPLYING_MEMBER_STATES = tuple(code for code in EU_MEMBER_STATES if code != "DK")
DENMARK_NOT_A_SUPPLYING_STATE = _(
    "Denmark is not bound by Regulation (EU) 2018/1727: data it supplied under its own "
    "agreement with the agency is not “supplied by a Member State” for Art. 56(1)(c) "
    "unless a rule set by the legal service says so (unverified): ask the data protection "
    "officer before transferring data Denmark supplied."
)
