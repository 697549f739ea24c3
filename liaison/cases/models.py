"""Casework with non-EU partners: cases (pointers to the CMS), the exchanges within them,
coordinated action days and joint investigation teams.

Cases, exchanges and operations are operational: a CMS reference, the crime, the countries
and the dates of an operation single out the people the case is about, even though their
names stay in the CMS. They are marked `contains_personal_data`, so the viewer never sees
them (only aggregate figures) and every read is written to the access log. A JIT's parties,
signature and end are announced publicly and name nobody: every role reads them, and they
cite their sources (a case or an operation does not: a source's page, which every role
reads, would show it).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from liaison.cases.choices import (
    CaseStatus,
    CaseTool,
    CrimeArea,
    Direction,
    ExchangeChannel,
    ExchangeKind,
    Outcome,
)
from liaison.core.choices import DatePrecision
from liaison.core.dates import date_is_within_bounds, date_within_bounds, today
from liaison.core.models import TimestampedModel
from liaison.partners.choices import PartnerKind
from liaison.partners.models import Partner
from liaison.sources.models import citations_relation
from liaison.transfers.choices import EU_MEMBER_STATES, DataCategory


def _check_codes(values: Any, allowed: Any, field: str, what: Any) -> dict[str, Any]:
    """An error for `field` unless `values` is a list of codes from `allowed`, each once."""
    if not isinstance(values, list):
        return {field: _("Give a list of %(what)s.") % {"what": what}}
    unknown = [str(v) for v in values if v not in allowed]
    if unknown:
        return {
            field: _("“%(codes)s” is not %(what)s: use %(allowed)s.")
            % {"codes": ", ".join(unknown), "what": what, "allowed": ", ".join(allowed)}
        }
    if len(set(values)) != len(values):
        return {field: _("Each code once.")}
    return {}


class Results(models.Model):
    """The counted outcomes of a case or an operation (domain.md)."""

    arrests = models.PositiveIntegerField(_("arrests"), default=0)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    seizures = models.PositiveIntegerField(_("seizures"), default=0)
    seizures_description = models.CharField(
        _("what was seized"), max_length=300, blank=True, help_text=_("E.g. “cocaine, weapons”.")
    )
    seizures_value_eur = models.DecimalField(
        _("value seized (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    extraditions = models.PositiveIntegerField(_("extraditions"), default=0)
    surrenders = models.PositiveIntegerField(_("surrenders"), default=0)
    convictions = models.PositiveIntegerField(_("convictions"), default=0)

    class Meta:
        abstract = True


class CaseQuerySet(models.QuerySet["Case"]):
    def real(self) -> CaseQuerySet:
        """Without the fictitious demo caseload."""
        return self.filter(demo=False)


class Case(TimestampedModel, Results):
    """A pointer to a case of the agency's case management system, with only what the work
    with partners needs; never the identity of a suspect, victim or witness."""

    contains_personal_data = True

    cms_reference = models.CharField(
        _("CMS reference"),
        max_length=50,
        unique=True,
        help_text=_("The case's reference in the case management system, e.g. 2023/0412."),
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("What the case is about, naming no person, e.g. “Cocaine route SE-RS-ME”."),
    )
    crime_areas = models.JSONField(_("crime areas"), default=list)
    member_states = models.JSONField(
        _("Member States involved"), default=list, help_text=_("ISO codes, e.g. SE, FR.")
    )
    requesting_member_state = models.CharField(
        _("requesting Member State"), max_length=2, help_text=_("The one that opened the case.")
    )
    partners = models.ManyToManyField(
        Partner,
        blank=True,
        related_name="cases",
        verbose_name=_("non-EU partners and organisations involved"),
    )
    opened_on = models.DateField(_("opened on"), validators=[date_within_bounds])
    closed_on = models.DateField(
        _("closed on"), null=True, blank=True, validators=[date_within_bounds]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    tools = models.JSONField(_("tools used"), default=list, blank=True)
    agency_role = models.TextField(
        _("the agency's role"),
        blank=True,
        help_text=_("E.g. “organised a coordinated action day at the request of Sweden”."),
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("case officer"),
        help_text=_("Who follows the case up at the agency."),
    )
    illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("A published example recorded for reference, not a real CMS case."),
    )
    demo = models.BooleanField(
        _("demo"), default=False, help_text=_("Fictitious: left out of every figure.")
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            # The case list, newest first: a page is read from the index, not sorted.
            models.Index(fields=["-opened_on", "-id"], name="cases_case_opened_desc"),
            # "Are there demo cases?" (the reach panel, the demo loader): a partial index of
            # the few demo cases answers it without reading the 200,000 real ones.
            models.Index(fields=["id"], condition=models.Q(demo=True), name="cases_case_demo"),
        ]

    def __str__(self) -> str:
        return f"{self.cms_reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("cases:case_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if not self.crime_areas:
            errors["crime_areas"] = _("Name at least one crime area.")
        else:
            errors.update(
                _check_codes(self.crime_areas, CrimeArea.values, "crime_areas", _("a crime area"))
            )
        errors.update(
            _check_codes(
                self.member_states, EU_MEMBER_STATES, "member_states", _("an EU Member State")
            )
        )
        errors.update(_check_codes(self.tools or [], CaseTool.values, "tools", _("a tool")))
        if self.requesting_member_state not in EU_MEMBER_STATES:
            errors["requesting_member_state"] = _(
                "Give the ISO code of an EU Member State, e.g. SE."
            )
        elif (
            isinstance(self.member_states, list)
            and self.requesting_member_state not in self.member_states
        ):
            errors["requesting_member_state"] = _(
                "The requesting Member State must be among the Member States involved."
            )
        if self.closed_on and self.opened_on and self.closed_on < self.opened_on:
            errors["closed_on"] = _("A case cannot close before it opens.")
        if self.status == CaseStatus.CLOSED and not self.closed_on:
            errors["closed_on"] = _("Say when the case closed.")
        if self.status == CaseStatus.OPEN and self.closed_on:
            errors["status"] = _("A case with a closing date is closed.")
        if errors:
            raise ValidationError(errors)


class ExchangeQuerySet(models.QuerySet["Exchange"]):
    def real(self) -> ExchangeQuerySet:
        return self.filter(case__demo=False)

    def overdue(self, on: datetime.date) -> ExchangeQuerySet:
        """Deadline passed, no answer, still pending."""
        return self.filter(deadline__lt=on, answered_on__isnull=True, outcome=Outcome.PENDING)


class Exchange(TimestampedModel):
    """One request or transmission between the agency (or a Member State through it) and a
    non-EU partner within a case."""

    contains_personal_data = True

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="exchanges", verbose_name=_("case")
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="exchanges", verbose_name=_("partner")
    )
    kind = models.CharField(_("kind"), max_length=40, choices=ExchangeKind.choices)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    channel = models.CharField(_("channel"), max_length=30, choices=ExchangeChannel.choices)
    data_category = models.CharField(
        _("data category"), max_length=40, choices=DataCategory.choices
    )
    subject = models.CharField(
        _("subject"),
        max_length=200,
        blank=True,
        help_text=_("What was asked or sent, naming no person."),
    )
    sent_on = models.DateField(_("sent on"), null=True, blank=True, validators=[date_within_bounds])
    acknowledged_on = models.DateField(
        _("acknowledged on"), null=True, blank=True, validators=[date_within_bounds]
    )
    answered_on = models.DateField(
        _("answered on"), null=True, blank=True, validators=[date_within_bounds]
    )
    deadline = models.DateField(
        _("deadline"), null=True, blank=True, validators=[date_within_bounds]
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING
    )
    transfer_assessment = models.ForeignKey(
        "transfers.TransferAssessment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exchanges",
        verbose_name=_("transfer assessment"),
        help_text=_("The assessment that allowed sending operational personal data."),
    )

    objects = ExchangeQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_on", "-pk"]
        verbose_name = _("exchange")
        verbose_name_plural = _("exchanges")
        indexes = [
            # A partner's page and responsiveness: its exchanges in a window.
            models.Index(fields=["partner", "sent_on"], name="cases_exchange_partner_sent"),
            # The report and the responsiveness of every partner: exchanges in a window.
            models.Index(fields=["sent_on"], name="cases_exchange_sent_on"),
            # Overdue exchanges: only the unanswered, pending ones, by deadline.
            models.Index(
                fields=["deadline"],
                name="cases_exchange_overdue",
                condition=models.Q(answered_on__isnull=True, outcome="pending"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_direction_display()}, {self.partner_id})"

    def get_absolute_url(self) -> str:
        return reverse("cases:exchange_update", kwargs={"pk": self.pk})

    def needs_transfer_assessment(self) -> bool:
        """An outgoing exchange of operational personal data, recorded as sent."""
        return (
            self.direction == Direction.OUTGOING
            and self.data_category == DataCategory.OPERATIONAL_PERSONAL_DATA
            and self.sent_on is not None
        )

    def is_overdue(self, on: datetime.date | None = None) -> bool:
        on = on or today()
        return bool(
            self.deadline
            and self.deadline < on
            and self.answered_on is None
            and self.outcome == Outcome.PENDING
        )

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        sent = self.sent_on
        for name in ("acknowledged_on", "answered_on"):
            value = getattr(self, name)
            if value and not sent:
                errors[name] = _("Record when it was sent first.")
            elif value and sent and value < sent:
                errors[name] = _("This cannot come before the sending date.")
        if self.deadline and sent and self.deadline < sent:
            errors["deadline"] = _("The deadline cannot come before the sending date.")
        if self.answered_on and self.outcome == Outcome.PENDING:
            errors["outcome"] = _("An answered exchange has an outcome other than pending.")
        if errors:
            raise ValidationError(errors)


class Operation(TimestampedModel, Results):
    """A coordinated action day (or another dated operation) in a case: who took part and
    what it achieved."""

    contains_personal_data = True

    key = models.SlugField(_("key"), max_length=100, unique=True)
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="operations", verbose_name=_("case")
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("Naming no person."))
    date = models.DateField(_("date"), validators=[date_within_bounds])
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    member_states = models.JSONField(_("Member States taking part"), default=list, blank=True)
    partners = models.ManyToManyField(
        Partner,
        blank=True,
        related_name="operations",
        verbose_name=_("countries and organisations taking part"),
    )
    liaison_prosecutors_of = models.ManyToManyField(
        Partner,
        blank=True,
        related_name="+",
        verbose_name=_("liaison prosecutors involved"),
        help_text=_("The partners whose liaison prosecutors at the agency took part."),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("coordinated action day")
        verbose_name_plural = _("coordinated action days")

    def __str__(self) -> str:
        return f"{self.title} ({self.date.isoformat()})"

    def get_absolute_url(self) -> str:
        return self.case.get_absolute_url()

    def clean(self) -> None:
        errors = _check_codes(
            self.member_states, EU_MEMBER_STATES, "member_states", _("an EU Member State")
        )
        if errors:
            raise ValidationError(errors)


class JointInvestigationTeam(TimestampedModel):
    """A joint investigation team: its parties, the organisations taking part, signature,
    extensions and end."""

    key = models.SlugField(_("key"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=300)
    crime_areas = models.JSONField(_("crime areas"), default=list, blank=True)
    member_states = models.JSONField(_("Member States (parties)"), default=list, blank=True)
    partners = models.ManyToManyField(
        Partner,
        blank=True,
        related_name="joint_investigation_teams",
        verbose_name=_("non-EU countries (parties)"),
        limit_choices_to=Q(kind=PartnerKind.COUNTRY),
    )
    participants = models.ManyToManyField(
        Partner,
        blank=True,
        related_name="jits_participated",
        verbose_name=_("participating organisations"),
        help_text=_("E.g. the ICC, Europol, UNITAD."),
        limit_choices_to=~Q(kind__in=[PartnerKind.COUNTRY, PartnerKind.MEMBER_STATE]),
    )
    case = models.ForeignKey(
        Case,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="joint_investigation_teams",
        verbose_name=_("case"),
    )
    signed_on = models.DateField(
        _("signed on"), null=True, blank=True, validators=[date_within_bounds]
    )
    signed_precision = models.CharField(
        _("signature date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    extended_until = models.JSONField(
        _("extensions"), default=list, blank=True, help_text=_("Each extension's new end date.")
    )
    ends_on = models.DateField(_("ends on"), null=True, blank=True, validators=[date_within_bounds])
    notes = models.TextField(_("notes"), blank=True)
    illustrative = models.BooleanField(_("illustrative"), default=False)
    demo = models.BooleanField(_("demo"), default=False)
    citations = citations_relation()

    class Meta:
        ordering = ["-signed_on", "name"]
        verbose_name = _("joint investigation team")
        verbose_name_plural = _("joint investigation teams")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cases:jit_detail", kwargs={"key": self.key})

    def clean(self) -> None:
        errors = _check_codes(
            self.member_states, EU_MEMBER_STATES, "member_states", _("an EU Member State")
        )
        errors.update(
            _check_codes(self.crime_areas or [], CrimeArea.values, "crime_areas", _("a crime area"))
        )
        extensions = self.extended_until or []
        if not isinstance(extensions, list) or not all(
            isinstance(v, str) and _is_iso_date(v) for v in extensions
        ):
            errors["extended_until"] = _(
                "Give each extension's end as YYYY-MM-DD, between 1900 and 2100."
            )
        if self.ends_on and self.signed_on and self.ends_on < self.signed_on:
            errors["ends_on"] = _("A JIT cannot end before it is signed.")
        if errors:
            raise ValidationError(errors)


def _is_iso_date(value: str) -> bool:
    """A date written YYYY-MM-DD, within the bounds every date of Liaison keeps."""
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return date_is_within_bounds(day)
