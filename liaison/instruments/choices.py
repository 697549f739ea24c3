"""Instrument types, statuses and the events that move an instrument between statuses."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class InstrumentType(models.TextChoices):
    COOPERATION_AGREEMENT = "cooperation_agreement", _("cooperation agreement (before 12 Dec 2019)")
    INTERNATIONAL_AGREEMENT = (
        "international_agreement",
        _("international agreement (Art. 218 TFEU)"),
    )
    ADEQUACY_DECISION = "adequacy_decision", _("adequacy decision")
    APPROPRIATE_SAFEGUARDS_INSTRUMENT = (
        "appropriate_safeguards_instrument",
        _("instrument with appropriate safeguards"),
    )
    WORKING_ARRANGEMENT = "working_arrangement", _("working arrangement")
    MEMORANDUM_OF_UNDERSTANDING = "memorandum_of_understanding", _("memorandum of understanding")
    EXCHANGE_OF_LETTERS = "exchange_of_letters", _("exchange of letters")
    DIALOGUE = "dialogue", _("dialogue")


class AdequacyAct(models.TextChoices):
    """The act a Commission adequacy decision is made under: only an LED Art. 36 decision
    opens operational transfers (Art. 57 of Regulation (EU) 2018/1727); either opens
    administrative ones (Art. 47 of Regulation (EU) 2018/1725)."""

    LED_36 = "led_36", _("Art. 36 of Directive (EU) 2016/680 (law enforcement)")
    GDPR_45 = "gdpr_45", _("Art. 45 of Regulation (EU) 2016/679 (GDPR)")


class AdequacyScope(models.TextChoices):
    """Which recipients in the country an adequacy decision covers."""

    ALL_SECTORS = "all_sectors", _("all sectors, public and private")
    PRIVATE_SECTOR_ONLY = "private_sector_only", _("private organisations only")
    LIMITED = "limited", _("limited: some recipients only (check the decision)")


# Non-binding instruments whose data-protection provisions the EDPS may authorise
# (Art. 48(3)(b) of Regulation (EU) 2018/1725): administrative arrangements.
ADMINISTRATIVE_ARRANGEMENT_TYPES = (
    InstrumentType.WORKING_ARRANGEMENT,
    InstrumentType.MEMORANDUM_OF_UNDERSTANDING,
    InstrumentType.EXCHANGE_OF_LETTERS,
)


class InstrumentStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    PROPOSED = "proposed", _("proposed")
    NEGOTIATING = "negotiating", _("negotiating")
    SIGNED = "signed", _("signed")
    # Applied before it enters into force (legal-basis.md 8.5): not "in force".
    PROVISIONALLY_APPLIED = "provisionally_applied", _("provisionally applied")
    IN_FORCE = "in_force", _("in force")
    SUSPENDED = "suspended", _("suspended")
    ENDED = "ended", _("ended")


class EventKind(models.TextChoices):
    """In lifecycle order: on one day, a later kind counts as the later event."""

    IDENTIFIED = "identified", _("identified as a target")
    PROPOSED = "proposed", _("proposed")
    MANDATE = "mandate", _("negotiating mandate")
    NEGOTIATION_ROUND = "negotiation_round", _("negotiations")
    SIGNED = "signed", _("signed")
    RATIFIED = "ratified", _("ratified")
    CONCLUDED = "concluded", _("concluded")
    ADOPTED = "adopted", _("adopted")
    PROVISIONALLY_APPLIED = "provisionally_applied", _("provisional application started")
    IN_FORCE = "in_force", _("in force")
    RENEWED = "renewed", _("renewed")
    SUSPENDED = "suspended", _("suspended")
    ENDED = "ended", _("ended")
    EXPIRES = "expires", _("expires")


STATUS_AFTER_EVENT: dict[str, str] = {
    EventKind.IDENTIFIED: InstrumentStatus.PLANNED,
    EventKind.PROPOSED: InstrumentStatus.PROPOSED,
    EventKind.MANDATE: InstrumentStatus.NEGOTIATING,
    EventKind.NEGOTIATION_ROUND: InstrumentStatus.NEGOTIATING,
    EventKind.SIGNED: InstrumentStatus.SIGNED,
    EventKind.RATIFIED: InstrumentStatus.SIGNED,
    EventKind.CONCLUDED: InstrumentStatus.SIGNED,
    EventKind.ADOPTED: InstrumentStatus.IN_FORCE,
    EventKind.PROVISIONALLY_APPLIED: InstrumentStatus.PROVISIONALLY_APPLIED,
    EventKind.IN_FORCE: InstrumentStatus.IN_FORCE,
    EventKind.RENEWED: InstrumentStatus.IN_FORCE,
    EventKind.SUSPENDED: InstrumentStatus.SUSPENDED,
    EventKind.ENDED: InstrumentStatus.ENDED,
    EventKind.EXPIRES: InstrumentStatus.ENDED,
}

EVENT_RANK: dict[str, int] = {kind: rank for rank, kind in enumerate(EventKind.values)}


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("awaiting approval")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class ProposalAction(models.TextChoices):
    ADD_EVENT = "add_event", _("record an event")
    CHANGE_EVENT = "change_event", _("change an event's date or note")
