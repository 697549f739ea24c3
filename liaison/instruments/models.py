"""Instruments of cooperation and their dated events.

An instrument has no stored status: its status on any date is the status after the
latest event on or before that date. Events of unknown date count as earlier than
every dated event. The same rule is written twice, once in SQL (`with_status`) for
filtering and once in Python (`status_on`) for objects already in memory; the tests
hold the two together.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, Func, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from liaison.core.choices import DatePrecision
from liaison.core.dates import date_within_bounds, partial_date_text, today, truncate_to_precision
from liaison.core.models import OriginModel, ReferenceRecordModel, TimestampedModel
from liaison.instruments.choices import (
    ADMINISTRATIVE_ARRANGEMENT_TYPES,
    EVENT_RANK,
    STATUS_AFTER_EVENT,
    AdequacyAct,
    AdequacyScope,
    EventKind,
    InstrumentType,
    ProposalAction,
    ProposalStatus,
)
from liaison.journal.models import journal_relation
from liaison.partners.choices import PartnerKind
from liaison.partners.models import Partner
from liaison.sources.choices import Confidence
from liaison.sources.models import citations_relation


class _ByKind(Func):
    """`CASE kind WHEN ... THEN ... END`: a value for each event kind, written as SQL once.

    The same as a `Case` of one `When(kind=...)` per kind, but without resolving a lookup
    for each branch every time a query is built: the status annotation holds three of
    them, and building them was most of the Python time of a partner's API answer."""

    def __init__(self, values: dict[str, Any], output_field: models.Field[Any, Any]) -> None:
        super().__init__(F("kind"), output_field=output_field)
        self.values = values

    def as_sql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:  # type: ignore[override]
        kind_sql, kind_params = compiler.compile(self.source_expressions[0])
        branches = " ".join("WHEN %s THEN %s" for _ in self.values)
        params = [*kind_params]
        for kind, value in self.values.items():
            params += [kind, value]
        return f"CASE {kind_sql} {branches} ELSE NULL END", params


_STATUS_BY_KIND = {str(kind): str(status) for kind, status in STATUS_AFTER_EVENT.items()}
_RANK_BY_KIND = {str(kind): rank for kind, rank in EVENT_RANK.items()}


def _status_case() -> Func:
    """The status an event leaves its instrument in."""
    return _ByKind(_STATUS_BY_KIND, output_field=models.CharField())


def _rank_case() -> Func:
    return _ByKind(_RANK_BY_KIND, output_field=models.IntegerField())


class InstrumentQuerySet(models.QuerySet["Instrument"]):
    def with_status(self, on: datetime.date | None = None) -> InstrumentQuerySet:
        """Annotate `status`, `status_since` and its precision as of `on` (default: today)."""
        return self.annotate(**_status_annotations(on or today()))


@functools.lru_cache(maxsize=64)
def _status_annotations(day: datetime.date) -> dict[str, Subquery]:
    """The status subqueries as of `day`, built once per day and process: expressions are
    not changed by the queries that use them (each resolves its own copy), and building
    them again was a tenth of the CPU of a list of 100 partners."""
    latest = (
        InstrumentEvent.objects.filter(instrument=OuterRef("pk"))
        .filter(Q(date__lte=day) | Q(date__isnull=True))
        .order_by(F("date").desc(nulls_last=True), _rank_case().desc(), "-pk")
        .annotate(resulting_status=_status_case())
    )
    # The status began with the earliest dated event that no event of another status
    # follows (a renewal does not restart "in force since"). Written without the
    # status itself: an event of another status than the last one is always followed
    # by the last one, unless on the same day, and then the day is the same.
    later_change = (
        InstrumentEvent.objects.filter(
            instrument=OuterRef("instrument"), date__gt=OuterRef("date"), date__lte=day
        )
        .annotate(resulting_status=_status_case())
        .exclude(resulting_status=OuterRef("resulting_status"))
    )
    beginning = (
        InstrumentEvent.objects.filter(instrument=OuterRef("pk"), date__lte=day)
        .annotate(resulting_status=_status_case())
        .filter(~Exists(later_change))
        # On the day of the last event, that event first: it gives the status.
        .order_by("date", _rank_case().desc(), "-pk")
    )
    return {
        "status": Subquery(latest.values("resulting_status")[:1]),
        "status_since": Subquery(beginning.values("date")[:1]),
        "status_since_precision": Subquery(beginning.values("date_precision")[:1]),
        "status_since_stand_in": Subquery(beginning.values("date_is_stand_in")[:1]),
    }


class Instrument(TimestampedModel, ReferenceRecordModel):
    """A formal basis of cooperation between the agency (or another EU actor) and a partner."""

    key = models.SlugField(
        _("key"),
        max_length=100,
        unique=True,
        help_text=_("A stable identifier, e.g. rs-cooperation-agreement."),
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="instruments", verbose_name=_("partner")
    )
    type = models.CharField(_("type"), max_length=40, choices=InstrumentType.choices)
    strategic = models.BooleanField(
        _("strategic"), default=False, help_text=_("A strategic working arrangement.")
    )
    eu_party = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        related_name="instruments_as_eu_party",
        null=True,
        blank=True,
        limit_choices_to={"kind": PartnerKind.EU_BODY},
        verbose_name=_("EU-side party"),
        help_text=_("Empty when the agency itself is the party."),
    )
    title = models.CharField(_("title"), max_length=300)
    notes = models.TextField(_("notes"), blank=True)
    # Adequacy decisions only: the act it is made under and the recipients it covers.
    adequacy_act = models.CharField(
        _("adequacy decision made under"),
        max_length=10,
        choices=AdequacyAct.choices,
        blank=True,
        help_text=_("Only an Art. 36 LED decision opens transfers of operational data."),
    )
    adequacy_scope = models.CharField(
        _("recipients covered"),
        max_length=20,
        choices=AdequacyScope.choices,
        blank=True,
        help_text=_("Which recipients in the country the adequacy decision covers."),
    )
    # Administrative arrangements only: the EDPS authorisation of their data-protection
    # provisions (Art. 48(3)(b) of Regulation (EU) 2018/1725).
    edps_authorisation_reference = models.CharField(
        _("EDPS authorisation reference"),
        max_length=100,
        blank=True,
        help_text=_("The reference of the EDPS decision authorising the arrangement."),
    )
    edps_authorised_on = models.DateField(
        _("EDPS authorisation date"),
        null=True,
        blank=True,
        validators=[date_within_bounds],
    )
    citations = citations_relation()
    journal = journal_relation()

    objects = InstrumentQuerySet.as_manager()

    class Meta:
        ordering = ["partner__name", "type", "key"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("instruments:instrument_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.strategic and self.type != InstrumentType.WORKING_ARRANGEMENT:
            errors["strategic"] = _("Only a working arrangement can be strategic.")
        if self.eu_party is not None and self.eu_party.kind != PartnerKind.EU_BODY:
            errors["eu_party"] = _("The EU-side party must be an EU body, not %(kind)s.") % {
                "kind": self.eu_party.get_kind_display()
            }
        errors.update(self._eudpr_problems())
        partner = self.partner if self.partner_id is not None else None
        if partner is not None and partner.kind == PartnerKind.MEMBER_STATE:
            errors["partner"] = _(
                "An instrument of international cooperation is with a non-EU partner, "
                "not with an EU Member State."
            )
        if self.type == InstrumentType.ADEQUACY_DECISION and not self.adequacy_act:
            errors["adequacy_act"] = _(
                "Say which act the adequacy decision is made under: Art. 36 of Directive (EU) "
                "2016/680 (law enforcement) or Art. 45 of the GDPR."
            )
        if self.type == InstrumentType.COOPERATION_AGREEMENT and self.pk is not None:
            late = [
                event
                for event in self.events.all()
                if cooperation_agreement_date_problem(event.kind, event.date)
            ]
            if late:
                errors["type"] = cooperation_agreement_date_problem(late[0].kind, late[0].date)
        errors.update(self._legal_basis_change_problems())
        if errors:
            raise ValidationError(errors)

    def _eudpr_problems(self) -> dict[str, Any]:
        """The act and scope belong to adequacy decisions; an EDPS authorisation to an
        administrative arrangement, recorded whole (reference and date)."""
        errors: dict[str, Any] = {}
        if self.type != InstrumentType.ADEQUACY_DECISION:
            for name in ("adequacy_act", "adequacy_scope"):
                if getattr(self, name):
                    errors[name] = _("Only an adequacy decision has this.")
        if self.edps_authorisation_reference or self.edps_authorised_on:
            if self.type not in ADMINISTRATIVE_ARRANGEMENT_TYPES:
                errors["edps_authorisation_reference"] = _(
                    "Only an administrative arrangement (a working arrangement, memorandum "
                    "of understanding or exchange of letters) is authorised by the EDPS."
                )
            elif not self.edps_authorisation_reference.strip():
                errors["edps_authorisation_reference"] = _(
                    "Give the reference of the EDPS authorisation with its date."
                )
            elif self.edps_authorised_on is None:
                errors["edps_authorised_on"] = _(
                    "Give the date of the EDPS authorisation with its reference."
                )
        return errors

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self.is_recorded_legal_basis():
            raise ValidationError(
                _(
                    "%(instrument)s can carry personal data and has a dated history: it cannot "
                    "be deleted. Record its end (an “ended” event) instead, which a second "
                    "person approves."
                )
                % {"instrument": self}
            )
        return super().delete(*args, **kwargs)

    def is_recorded_legal_basis(self) -> bool:
        """A type that can carry personal data, with events: only the lifecycle changes it."""
        from liaison.instruments.lifecycle import carries_personal_data

        return carries_personal_data(self.type) and self.events.exists()

    def _legal_basis_change_problems(self) -> dict[str, Any]:
        """What decides whether and how an instrument is a legal basis (its type, partner and
        EU-side party) is fixed once it has a history or a proposal waiting: changing it
        alone would bypass the four eyes."""
        if self.pk is None:
            return {}
        from liaison.instruments.lifecycle import carries_personal_data

        stored = (
            Instrument.objects.filter(pk=self.pk)
            .values("type", "partner_id", "eu_party_id", "adequacy_act", "adequacy_scope")
            .first()
        )
        if stored is None:
            return {}
        has_history = (
            self.events.exists() or self.proposals.filter(status=ProposalStatus.PENDING).exists()
        )
        if not has_history:
            return {}
        touches_legal_basis = carries_personal_data(stored["type"]) or carries_personal_data(
            self.type
        )
        problems: dict[str, Any] = {}
        if touches_legal_basis and stored["type"] != self.type:
            problems["type"] = _(
                "The type of an instrument that is or would be a legal basis for personal "
                "data cannot change once it has a history: end it and record a new one."
            )
        if touches_legal_basis and stored["partner_id"] != self.partner_id:
            problems["partner"] = _(
                "The partner of an instrument that can carry personal data cannot change "
                "once it has a history: end it and record a new one."
            )
        for name in ("adequacy_act", "adequacy_scope"):
            # Recorded once (a decision loaded before they existed gets them), then fixed.
            if stored[name] and stored[name] != getattr(self, name):
                problems[name] = _(
                    "Whether and for whom an adequacy decision is a legal basis cannot change "
                    "once it has a history: end it and record a new one."
                )
        if touches_legal_basis and stored["eu_party_id"] != self.eu_party_id:
            problems["eu_party"] = _(
                "Who is party on the EU side decides whether an instrument binds the agency: "
                "for an instrument that can carry personal data it cannot change once it has "
                "a history. End it and record a new one."
            )
        return problems

    def status_on(self, day: datetime.date | None = None) -> str | None:
        """The status on `day` (default today), computed from the events in memory."""
        return status_from_events(self.events.all(), day or today())

    @property
    def status_since_text(self) -> str:
        """When the annotated status began, to the precision known (2014-03, 2011...), marked
        when the date is a stand-in (e.g. the signature date for an unknown entry into force)."""
        since = getattr(self, "status_since", None)
        text = partial_date_text(since, getattr(self, "status_since_precision", None) or "day")
        return stand_in_marked(text, bool(getattr(self, "status_since_stand_in", False)))


def stand_in_marked(text: str, stand_in: bool) -> str:
    """A status date as every page shows it: a stand-in date says so next to it."""
    if not text or not stand_in:
        return text
    return str(_("%(date)s (stand-in date, not the recorded one)")) % {"date": text}


# Steps of a cooperation agreement that conclude it or bring it into force (Art. 80(5)).
CONCLUDING_KINDS = frozenset(
    {EventKind.SIGNED, EventKind.RATIFIED, EventKind.CONCLUDED, EventKind.IN_FORCE}
)


def cooperation_agreement_date_problem(kind: str, date: datetime.date | None) -> str:
    """Why a cooperation agreement cannot have this step on this date; "" if it can. Such an
    agreement is a basis only if concluded before 12 December 2019 (Art. 80(5)); a later one
    is another type of instrument (an international agreement, a working arrangement)."""
    from liaison.transfers.rules import COOPERATION_AGREEMENTS_BEFORE as cutoff

    if kind not in CONCLUDING_KINDS or date is None or date < cutoff:
        return ""
    return str(
        _(
            "A cooperation agreement is one the agency concluded before %(cutoff)s (Art. 80(5) "
            "of Regulation (EU) 2018/1727); a step of conclusion or entry into force on "
            "%(date)s makes it another type of instrument: record it as that type."
        )
    ) % {"cutoff": cutoff.isoformat(), "date": date.isoformat()}


def _event_order(event: InstrumentEvent) -> tuple[int, datetime.date, int, int]:
    known = 0 if event.date is None else 1
    return (known, event.date or datetime.date.min, EVENT_RANK[event.kind], event.pk or 0)


def status_from_events(events: Iterable[InstrumentEvent], day: datetime.date) -> str | None:
    """The status after the latest event on or before `day`; None before the first event."""
    return status_and_since_from_events(events, day)[0]


def status_and_since_from_events(
    events: Iterable[InstrumentEvent], day: datetime.date
) -> tuple[str | None, datetime.date | None]:
    """The status on `day` and the date it began (None when that date is unknown)."""
    past = [event for event in events if event.date is None or event.date <= day]
    if not past:
        return None, None
    status = STATUS_AFTER_EVENT[max(past, key=_event_order).kind]
    dated = [(event.date, STATUS_AFTER_EVENT[event.kind]) for event in past if event.date]
    last_change = max((date for date, after in dated if after != status), default=None)
    beginnings = [
        date
        for date, after in dated
        if after == status and (last_change is None or date >= last_change)
    ]
    return status, min(beginnings, default=None)


class InstrumentEvent(TimestampedModel, OriginModel):
    """A dated step in an instrument's life: proposed, mandate, signed, in force, ended..."""

    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="events", verbose_name=_("instrument")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_("Empty when the date is not known."),
        validators=[date_within_bounds],
    )
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    date_is_stand_in = models.BooleanField(
        _("the date is a stand-in"),
        default=False,
        help_text=_(
            "The event's own date is not known and another date stands in for it (e.g. the "
            "signature date for an unknown entry into force); pages mark it."
        ),
    )
    note = models.TextField(_("note"), blank=True)
    citations = citations_relation()

    class Meta:
        ordering = [F("date").asc(nulls_first=True), "pk"]
        verbose_name = _("instrument event")
        verbose_name_plural = _("instrument events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date_text or _('(date unknown)')}"

    def clean(self) -> None:
        try:
            instrument: Instrument | None = self.instrument
        except Instrument.DoesNotExist:
            instrument = None
        if instrument is not None and instrument.type == InstrumentType.COOPERATION_AGREEMENT:
            problem = cooperation_agreement_date_problem(self.kind, self.date)
            if problem:
                raise ValidationError({"date": problem})
        if self.date is not None and self.date != truncate_to_precision(
            self.date, self.date_precision
        ):
            raise ValidationError(
                {
                    "date": _(
                        "A date known only to the %(precision)s is written as its first day "
                        "(e.g. %(example)s)."
                    )
                    % {
                        "precision": self.get_date_precision_display(),
                        "example": truncate_to_precision(
                            self.date, self.date_precision
                        ).isoformat(),
                    }
                }
            )

    def get_absolute_url(self) -> str:
        return self.instrument.get_absolute_url()

    @property
    def status_after(self) -> str:
        return STATUS_AFTER_EVENT[self.kind]

    @property
    def date_text(self) -> str:
        return partial_date_text(self.date, self.date_precision)


class FourEyesProposal(TimestampedModel):
    """What every four-eyes proposal records: its status, who proposed it, who decided it,
    when and why. Who may decide is `may_approve`/`may_reject` (liaison.instruments.permissions)."""

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PENDING,
        db_index=True,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("reason given"), blank=True)

    class Meta:
        abstract = True


class ChangeProposal(FourEyesProposal):
    """A change to the dated history of an instrument that can carry personal data, held
    until a second person approves it (four eyes). Approval applies it; rejection leaves
    everything as it was. The proposed event is kept here, not in the history, until then.
    Who may approve or reject it: liaison.instruments.permissions."""

    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("instrument")
    )
    action = models.CharField(_("change"), max_length=20, choices=ProposalAction.choices)
    event = models.ForeignKey(
        InstrumentEvent,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("event"),
        help_text=_("The event changed, or the one recorded once approved."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    date = models.DateField(_("date"), null=True, blank=True, validators=[date_within_bounds])
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    note = models.TextField(_("note"), blank=True)
    source = models.ForeignKey(
        "sources.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source"),
    )
    location = models.CharField(_("place in the source"), max_length=300, blank=True)
    confidence = models.CharField(
        _("checked against the document?"),
        max_length=10,
        choices=Confidence.choices,
        default=Confidence.CHECKED,
        help_text=_("How the source's citation is marked once the proposal is approved."),
    )
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("change proposal")
        verbose_name_plural = _("change proposals")
        # The APPROVE action of liaison.core.permissions; the whole rule is may_approve.
        permissions = [("approve_changeproposal", _("Can approve or reject change proposals"))]

    def __str__(self) -> str:
        date = partial_date_text(self.date, self.date_precision) or _("date unknown")
        return f"{self.instrument}: {self.get_kind_display()} {date} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("instruments:proposal_detail", kwargs={"pk": self.pk})

    @property
    def date_text(self) -> str:
        return partial_date_text(self.date, self.date_precision)
