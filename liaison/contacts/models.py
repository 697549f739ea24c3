"""Contact points, liaison prosecutors and magistrates, interactions and meetings.

Their details are administrative personal data: every model here is marked
`contains_personal_data`, so the viewer is refused them and every read is logged."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Substr
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from liaison.contacts.choices import (
    ENDED_STATUSES,
    ActivityLevel,
    AppointingBodyKind,
    ContactPointStatus,
    InteractionKind,
    OfficerKind,
)
from liaison.core.choices import DatePrecision, Origin
from liaison.core.dates import date_within_bounds, today
from liaison.core.locks import advisory_xact_lock
from liaison.core.models import ReferenceRecordModel, TimestampedModel
from liaison.partners.models import Partner

LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")
ANONYMISED_NAME = "Anonymised contact point"


def months_before(on: datetime.date, months: int) -> datetime.date:
    """The same day `months` months earlier (the month's last day when it has no such day)."""
    month_index = on.year * 12 + on.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for day in (on.day, 30, 29, 28):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def activity_window(on: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The interactions that count towards contact activity on `on`: after the start, up
    to and including `on`."""
    return months_before(on, settings.CONTACT_ACTIVITY_WINDOW_MONTHS), on


# How `liaison demo-data` (liaison/contacts/demo.py) marks its fictitious records; figures
# leave records so marked out unless asked to include them.
DEMO_DOMAIN = "example.invalid"
DEMO_PREFIX = "Demo "
DEMO_SUMMARY = "[DEMO] "
DEMO_PARTNER_NOTE = "Added by `liaison demo-data` for the demonstration: not reference data."


# The numbered e-mail `liaison demo-data` gives (demo.contact.007@example.invalid): the
# reserved domain alone is not enough, other fictitious records use it too.
DEMO_EMAIL_PATTERN = r"^demo\.[a-z]+\.[0-9]{3,}@example\.invalid$"


def demo_email_q(prefix: str = "") -> Q:
    """Rows (contact points, liaison officers) marked as demo records: a "Demo ..." name and
    the numbered e-mail of `liaison demo-data` at the reserved demo domain."""
    return Q(**{f"{prefix}email__regex": DEMO_EMAIL_PATTERN}) & Q(
        **{f"{prefix}name__startswith": DEMO_PREFIX}
    )


def demo_meeting_q() -> Q:
    return Q(title__startswith=DEMO_PREFIX)


# The one transaction-level advisory lock every write of the kept contact figures takes first
# (an arbitrary constant, "LIAISON" in ASCII, unique to them in this database).
CONTACT_FIGURES_LOCK = 0x4C494149534F4E


def contact_figures_lock(using: str = "default") -> None:
    """Wait until no other transaction is writing interactions, their links or the kept
    figures, and hold that turn until this transaction ends. Interactions are recorded at a
    human pace, so one lock costs little; being one, it cannot deadlock, and the recounts
    that follow see every write committed before. SQLite serialises writers by itself."""
    advisory_xact_lock(CONTACT_FIGURES_LOCK, using=using)


def demo_interaction_q(prefix: str = "") -> Q:
    """Interactions marked "[DEMO] ", in that case: compared as the summary's first
    characters (SQLite's LIKE, hence `startswith`, ignores case; PostgreSQL's does not). The
    same expression as the partial indexes' conditions, so that they serve."""
    first = Substr(f"{prefix}summary", 1, len(DEMO_SUMMARY))
    return Q(Exact(first, DEMO_SUMMARY))


def activity_annotations(
    prefix: str, on: datetime.date, *, include_demo: bool = True
) -> dict[str, Any]:
    """SQL annotations: `recent_interactions`, `last_interaction`, `activity` (regular,
    sporadic, dormant) for rows whose interactions are reached through `prefix`; without
    `include_demo`, demo interactions are not counted."""
    start, end = activity_window(on)
    real = Q() if include_demo else ~demo_interaction_q(f"{prefix}__")
    recent = Count(
        prefix,
        filter=Q(**{f"{prefix}__date__gt": start, f"{prefix}__date__lte": end}) & real,
        distinct=True,
    )
    return {
        "recent_interactions": recent,
        "last_interaction": Max(
            f"{prefix}__date", filter=Q(**{f"{prefix}__date__lte": end}) & real
        ),
        "activity": Case(
            When(
                recent_interactions__gte=settings.CONTACT_ACTIVITY_REGULAR_MIN,
                then=Value(ActivityLevel.REGULAR.value),
            ),
            When(recent_interactions__gte=1, then=Value("sporadic")),
            default=Value(ActivityLevel.DORMANT.value),
            output_field=models.CharField(),
        ),
    }


def activity_level(recent_interactions: int) -> str:
    """The level for a number of interactions in the window (as `activity_annotations`
    computes it in SQL)."""
    if recent_interactions >= settings.CONTACT_ACTIVITY_REGULAR_MIN:
        return str(ActivityLevel.REGULAR)
    if recent_interactions >= 1:
        return str(ActivityLevel.SPORADIC)
    return str(ActivityLevel.DORMANT)


class ContactPointQuerySet(models.QuerySet["ContactPoint"]):
    def active(self) -> ContactPointQuerySet:
        return self.filter(status=ContactPointStatus.ACTIVE)

    def with_activity(self, on: datetime.date) -> ContactPointQuerySet:
        return self.annotate(**activity_annotations("interactions", on))

    def real(self) -> ContactPointQuerySet:
        """Without the demo contact points."""
        return self.exclude(demo_email_q())


class ContactPoint(TimestampedModel):
    """A person or a functional mailbox appointed to be the agency's contact point for a
    partner (Art. 52(3)). Each appointment is one record: a successor points at its
    predecessor, which is kept, lapsed."""

    contains_personal_data = True

    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        related_name="contact_points",
        verbose_name=_("partner"),
        help_text=_("The country, organisation or network the contact point is for."),
    )
    is_mailbox = models.BooleanField(
        _("functional mailbox"), default=False, help_text=_("A shared mailbox, not a person.")
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200)
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_('ISO 639-1 codes, in the order of preference (e.g. ["fr", "en"]).'),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=60, blank=True)
    appointing_body_kind = models.CharField(
        _("appointed by (kind)"), max_length=30, choices=AppointingBodyKind.choices
    )
    appointing_body = models.CharField(_("appointed by"), max_length=200)
    appointed_on = models.DateField(_("appointed on"), validators=[date_within_bounds])
    appointment_basis = models.CharField(
        _("basis of the appointment"),
        max_length=300,
        blank=True,
        help_text=_("E.g. the letter or decision that made the appointment."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ContactPointStatus.choices,
        default=ContactPointStatus.ACTIVE,
    )
    ended_on = models.DateField(
        _("ended on"), null=True, blank=True, validators=[date_within_bounds]
    )
    predecessor = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successor",
        verbose_name=_("predecessor"),
    )
    anonymised_on = models.DateField(_("anonymised on"), null=True, blank=True, editable=False)
    # Kept by `contact_points_last_interaction_refresh` in the transaction of every write of
    # interactions or their links, so that ordering who is due for contact reads no
    # interaction at all.
    last_interaction_on = models.DateField(
        _("last interaction on"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The date of its latest interaction; empty if it has none."),
    )

    objects = ContactPointQuerySet.as_manager()

    class Meta:
        ordering = ["partner__name", "-appointed_on", "pk"]
        verbose_name = _("contact point")
        verbose_name_plural = _("contact points")
        indexes = [
            models.Index(fields=["status", "ended_on"]),
            # Who is due for contact: the active ones silent in the window, longest
            # appointed first, then the others, longest silent first.
            models.Index(
                fields=["appointed_on", "id"],
                condition=Q(status=ContactPointStatus.ACTIVE),
                name="contactpoint_active_appointed",
            ),
            models.Index(
                fields=["last_interaction_on", "appointed_on", "id"],
                condition=Q(status=ContactPointStatus.ACTIVE),
                name="contactpoint_active_last",
            ),
            # Whether a partner has an active contact point (activity, coverage).
            models.Index(
                fields=["partner"],
                condition=Q(status=ContactPointStatus.ACTIVE),
                name="contactpoint_active_partner",
            ),
            # The demo ones (counted on every contact page; `demo_email_q` implies this).
            models.Index(
                fields=["id"],
                condition=Q(name__startswith=DEMO_PREFIX),
                name="contactpoint_demo",
            ),
            # A partner's contact points, newest appointment first (the lists by partner).
            models.Index(
                fields=["partner", "-appointed_on", "id"], name="contactpoint_partner_newest"
            ),
        ]

    def __str__(self) -> str:
        # Without the name: this text goes into the change history (kept after the name is
        # anonymised) and into messages; the name is shown where it is read, by field.
        number = f"#{self.pk}" if self.pk else "(new)"
        return f"contact point {number} ({self.partner.code})"

    def get_absolute_url(self) -> str:
        return reverse("contacts:contactpoint_detail", kwargs={"pk": self.pk})

    def save(self, *args: Any, **kwargs: Any) -> None:
        # `last_interaction_on` is written only by the interactions' doors: a copy read
        # before an interaction was recorded must not put its stale date back (nor show
        # it as a change in the history).
        # Read under the lock of the figures (so not before an interaction being recorded
        # commits), and left out of the UPDATE in any case.
        if not self._state.adding and self.pk is not None:
            using = kwargs.get("using") or self._state.db or "default"
            contact_figures_lock(using)
            self.last_interaction_on = (
                ContactPoint.objects.using(using)
                .filter(pk=self.pk)
                .values_list("last_interaction_on", flat=True)
                .first()
            )
            if kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
                kwargs["update_fields"] = [
                    field.name
                    for field in self._meta.concrete_fields
                    if not field.primary_key and field.name != "last_interaction_on"
                ]
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if not isinstance(self.languages, list) or not all(
            isinstance(code, str) and LANGUAGE_CODE.match(code) for code in self.languages
        ):
            errors["languages"] = _(
                'Give languages as a list of two-letter ISO 639-1 codes, e.g. ["fr", "en"].'
            )
        if self.status in ENDED_STATUSES and self.ended_on is None:
            errors["ended_on"] = _("A lapsed or withdrawn contact point needs the date it ended.")
        if self.status == ContactPointStatus.ACTIVE and self.ended_on is not None:
            errors["ended_on"] = _("An active contact point has not ended: leave the date empty.")
        if self.ended_on and self.appointed_on and self.ended_on < self.appointed_on:
            errors["ended_on"] = _("It cannot end before it was appointed.")
        if errors:
            raise ValidationError(errors)


class LiaisonOfficerQuerySet(models.QuerySet["LiaisonOfficer"]):
    def serving(self, on: datetime.date) -> LiaisonOfficerQuerySet:
        """Serving on `on`; a post whose start is not known counts as serving since ever."""
        return self.filter(Q(started_on__isnull=True) | Q(started_on__lte=on)).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=on)
        )


class LiaisonOfficer(ReferenceRecordModel, TimestampedModel):
    """A liaison prosecutor seconded to the agency by a partner (Art. 54a), or a liaison
    magistrate the agency posts to a third country (Art. 53), for a period of service.

    The reference data records the posts the public sources name, without the holder's
    name (`key` set, `origin` reference); the app records the people who hold them."""

    contains_personal_data = True

    key = models.CharField(
        _("reference key"),
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set only on posts loaded from the reference data."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=OfficerKind.choices)
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        related_name="liaison_officers",
        verbose_name=_("partner"),
        help_text=_("The country that seconds the prosecutor, or where the magistrate is posted."),
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_("Empty for a post known from the reference data whose holder is not named."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=60, blank=True)
    started_on = models.DateField(
        _("service started on"),
        null=True,
        blank=True,
        validators=[date_within_bounds],
        help_text=_("Empty where the sources do not say since when."),
    )
    started_on_precision = models.CharField(
        _("start date known to the"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    ended_on = models.DateField(
        _("service ended on"), null=True, blank=True, validators=[date_within_bounds]
    )

    objects = LiaisonOfficerQuerySet.as_manager()

    class Meta:
        ordering = ["partner__name", "kind", "-started_on", "pk"]
        verbose_name = _("liaison prosecutor or magistrate")
        verbose_name_plural = _("liaison prosecutors and magistrates")

    def __str__(self) -> str:
        # Without the name, as for contact points: this text goes into the change history
        # and the access log; the name is shown where it is read, by field.
        kind = (
            "liaison prosecutor"
            if self.kind == OfficerKind.LIAISON_PROSECUTOR
            else "liaison magistrate"
        )
        number = f"#{self.pk}" if self.pk else "(new)"
        return f"{kind} {number} ({self.partner.code})"

    def clean(self) -> None:
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("Service cannot end before it started.")})
        if self.origin == Origin.APP:
            # Only a post known from the public sources may lack its holder or its start.
            missing = {
                name: _("This field cannot be blank.")
                for name, value in (("name", self.name.strip()), ("started_on", self.started_on))
                if not value
            }
            if missing:
                raise ValidationError(missing)

    def is_serving(self, on: datetime.date) -> bool:
        started = self.started_on is None or self.started_on <= on
        return started and (self.ended_on is None or self.ended_on >= on)


class Interaction(TimestampedModel):
    """A dated exchange with contact points or partners: meeting, call, letter, visit."""

    contains_personal_data = True

    kind = models.CharField(_("kind"), max_length=30, choices=InteractionKind.choices)
    date = models.DateField(_("date"), db_index=True, validators=[date_within_bounds])
    summary = models.TextField(_("summary"))
    follow_ups = models.TextField(_("follow-ups"), blank=True)
    contact_points = models.ManyToManyField(
        ContactPoint, related_name="interactions", blank=True, verbose_name=_("contact points")
    )
    partners = models.ManyToManyField(
        Partner, related_name="interactions", blank=True, verbose_name=_("partners")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        indexes = [
            # The demo ones, few among hundreds of thousands: counted on every contact page.
            models.Index(
                fields=["id"],
                condition=demo_interaction_q(),
                name="interaction_demo",
            ),
            # The date of each real one, read with the links of a page's contact points
            # without visiting the table (their last interaction, the window's count).
            models.Index(
                fields=["id", "date"],
                condition=~demo_interaction_q(),
                name="interaction_real_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date.isoformat()}"

    def clean(self) -> None:
        # Every door (service, administration, API): a date to come would put the contact
        # point's last interaction in the future.
        if self.date and self.date > today():
            raise ValidationError(
                {"date": _("An interaction is recorded once it has taken place.")}
            )


class Meeting(TimestampedModel):
    """A contact-point meeting: contact points gathered at the agency, who is invited, in
    which languages, who came. Called "contact-point meeting" wherever users see it, to
    tell it from an engagement (an event) and from an interaction of a meeting kind."""

    contains_personal_data = True

    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"), validators=[date_within_bounds])
    languages_needed = models.JSONField(_("languages needed"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    invitees: models.ManyToManyField[ContactPoint, MeetingInvitation] = models.ManyToManyField(
        ContactPoint,
        through="MeetingInvitation",
        related_name="meetings",
        verbose_name=_("invitees"),
    )

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("contact-point meeting")
        verbose_name_plural = _("contact-point meetings")

    def __str__(self) -> str:
        return f"{self.title} ({self.date.isoformat()})"

    def get_absolute_url(self) -> str:
        return reverse("contacts:meeting_detail", kwargs={"pk": self.pk})


class MeetingInvitation(models.Model):
    contains_personal_data = True

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    contact_point = models.ForeignKey(
        ContactPoint, on_delete=models.PROTECT, related_name="invitations"
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "contact_point__partner__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "contact_point"], name="one_invitation_each")
        ]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.contact_point} → {self.meeting}"


class PartnerInteractionDay(models.Model):
    """How many interactions concerned a partner on a day (demo ones apart): what the
    per-partner contact activity sums over its window, a few hundred rows a day at most
    instead of every interaction. Derived data, kept by `partner_interaction_days_refresh`
    in the transaction of every write of interactions or their partners."""

    # Never filled in by a person: written only by `partner_interaction_days_refresh`.
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="+", editable=False)
    date = models.DateField(editable=False)
    demo = models.BooleanField(default=False, editable=False)
    interactions = models.PositiveIntegerField(editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "date", "demo"], name="one_partner_interaction_day"
            )
        ]
        # The window's rows read from the index alone (date range, then demo, partner and
        # the count).
        indexes = [
            models.Index(
                fields=["date", "demo", "partner", "interactions"],
                name="partner_interaction_day_window",
            )
        ]

    def __str__(self) -> str:
        return f"{self.interactions} interaction(s), partner #{self.partner_id}, {self.date}"


def partner_interaction_days_refresh(pairs: Iterable[tuple[int, datetime.date]]) -> None:
    """Recount the interactions of each (partner id, date) from the interactions themselves,
    in the caller's transaction. Written in bulk (an upsert; a day left without any keeps a
    zero), so that this derived count never enters the change history."""
    wanted = {(partner, day) for partner, day in pairs if partner is not None and day}
    if not wanted:
        return
    links = Interaction.partners.through.objects
    rows = []
    for partner, day in sorted(wanted):
        counts = dict(
            links.filter(partner_id=partner, interaction__date=day)  # type: ignore[misc]
            .order_by()
            .annotate(
                demo=ExpressionWrapper(
                    demo_interaction_q("interaction__"), output_field=models.BooleanField()
                )
            )
            .values("demo")
            .annotate(count=Count("interaction_id"))
            .values_list("demo", "count")
        )
        rows += [
            PartnerInteractionDay(
                partner_id=partner, date=day, demo=demo, interactions=counts.get(demo, 0)
            )
            for demo in (False, True)
        ]
    PartnerInteractionDay.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["partner", "date", "demo"],
        update_fields=["interactions"],
    )


def contact_points_last_interaction_refresh(contact_point_ids: Iterable[int]) -> int:
    """Set `last_interaction_on` of these contact points from their interactions (demo ones
    left out, as in every figure), in one UPDATE (in the caller's transaction). Returns the
    number of rows updated."""
    ids = sorted({pk for pk in contact_point_ids if pk is not None})
    if not ids:
        return 0
    latest = (
        Interaction.contact_points.through.objects.filter(contactpoint_id=OuterRef("pk"))
        .exclude(demo_interaction_q("interaction__"))
        .order_by()
        .values("contactpoint_id")
        .annotate(latest=Max("interaction__date"))
        .values("latest")  # type: ignore[misc]
    )
    return ContactPoint.objects.filter(pk__in=ids).update(
        last_interaction_on=Subquery(latest, output_field=models.DateField())
    )


def partners_with_activity(
    queryset: QuerySet[Partner], on: datetime.date, *, include_demo: bool = False
) -> QuerySet[Partner]:
    """Partners with their contact activity on `on`, from the interactions concerning them (demo
    interactions left out unless `include_demo`)."""
    return queryset.annotate(**activity_annotations("interactions", on, include_demo=include_demo))
