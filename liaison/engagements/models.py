"""EU-funded projects and engagements (meetings, visits, conferences, action days), each
with the partners involved and the strategy's key actions it serves."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from liaison.core.choices import DatePrecision
from liaison.core.dates import date_within_bounds, partial_date_text
from liaison.core.locks import advisory_xact_lock
from liaison.core.models import ReferenceRecordModel, TimestampedModel
from liaison.engagements.choices import EngagementKind
from liaison.partners.models import Partner, Region
from liaison.sources.models import citations_relation
from liaison.strategy.models import KeyAction


class Project(TimestampedModel, ReferenceRecordModel):
    key = models.SlugField(_("key"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    funding_instrument = models.CharField(
        _("funding instrument"), max_length=200, help_text=_("E.g. NDICI, IPA III.")
    )
    description = models.TextField(_("description"), blank=True)
    regions = models.ManyToManyField(Region, blank=True, related_name="projects")
    partners = models.ManyToManyField(Partner, blank=True, related_name="projects")
    start_date = models.DateField(
        _("starts"), null=True, blank=True, validators=[date_within_bounds]
    )
    end_date = models.DateField(_("ends"), null=True, blank=True, validators=[date_within_bounds])
    citations = citations_relation()

    class Meta:
        ordering = ["name"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("engagements:project_detail", kwargs={"key": self.key})

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("A project cannot end before it starts.")})


class Engagement(TimestampedModel, ReferenceRecordModel):
    key = models.SlugField(_("key"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=EngagementKind.choices)
    title = models.CharField(_("title"), max_length=300)
    start_date = models.DateField(_("date"), validators=[date_within_bounds])
    end_date = models.DateField(_("until"), null=True, blank=True, validators=[date_within_bounds])
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    recurs_yearly = models.BooleanField(_("every year"), default=False)
    place = models.CharField(_("place"), max_length=200, blank=True)
    online = models.BooleanField(_("online"), default=False)
    partners = models.ManyToManyField(
        Partner, blank=True, related_name="engagements", verbose_name=_("partners involved")
    )
    co_organisers = models.ManyToManyField(
        Partner,
        blank=True,
        related_name="co_organised_engagements",
        verbose_name=_("co-organisers"),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="engagements",
        verbose_name=_("supported by project"),
    )
    key_actions = models.ManyToManyField(
        KeyAction, blank=True, related_name="engagements", verbose_name=_("key actions served")
    )
    outcomes = models.TextField(_("outcomes"), blank=True)
    follow_ups = models.TextField(_("follow-ups"), blank=True)
    citations = citations_relation()

    class Meta:
        ordering = ["-start_date", "key"]
        # Lists and "the latest per priority" walk the engagements newest first.
        indexes = [
            models.Index(F("start_date").desc(), "key", name="engagement_newest_first"),
            # A project's engagements newest first (its page), and their number (the
            # project list), read from the index without sorting or reading the others.
            models.Index(
                F("project"), F("start_date").desc(), F("key"), name="engagement_project_newest"
            ),
            # The calendar: upcoming engagements come from the newest-first index, the
            # yearly ones (few) from this one, without reading every engagement.
            models.Index(
                fields=["start_date"],
                condition=Q(recurs_yearly=True),
                name="engagement_yearly",
            ),
        ]
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")

    def __str__(self) -> str:
        return f"{self.title} ({self.date_text})"

    @property
    def date_text(self) -> str:
        return partial_date_text(self.start_date, self.date_precision)

    def get_absolute_url(self) -> str:
        return reverse("engagements:engagement_detail", kwargs={"key": self.key})

    def clean(self) -> None:
        if self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("An engagement cannot end before it starts.")})


class EngagementParticipant(TimestampedModel):
    """Who took part: administrative personal data, under the same rules as contact
    details (hidden from the viewer role, every read in the access log)."""

    contains_personal_data = True

    engagement = models.ForeignKey(
        Engagement,
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("engagement"),
    )
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="engagement_participants",
        verbose_name=_("for partner"),
    )
    anonymised_on = models.DateField(_("anonymised on"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["engagement", "name", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        # Without the name: this text goes into the change history (kept after the name is
        # anonymised) and into messages; the name is shown where it is read, by field.
        number = f"#{self.pk}" if self.pk else "(new)"
        return f"participant {number} of {self.engagement.key}"


class CalendarFeedKey(models.Model):
    """A secret address from which a calendar app fetches the upcoming engagements without
    logging in, for as long as its owner may read them. Only a digest of the key is
    stored; the address is shown once. It carries no personal data."""

    PREFIX_LENGTH = 8

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed_keys",
        verbose_name=_("user"),
    )
    prefix = models.CharField(_("prefix"), max_length=PREFIX_LENGTH, editable=False)
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        # The table it had when core kept it: the keys people subscribed with stay valid.
        db_table = "core_calendarfeedkey"
        verbose_name = _("calendar address")
        verbose_name_plural = _("calendar addresses")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.prefix}…"


class RegionEngagementCount(models.Model):
    """How many distinct engagements the partners of a region took part in (all time, as
    partners involved, not as co-organisers: what the regions overview always counted;
    engagements have no demo marker). Derived from
    the links, recounted by `region_engagement_counts_refresh` with every write that can
    change it (see signals.py), so that the overview does not read every link."""

    region = models.OneToOneField(
        Region, on_delete=models.CASCADE, related_name="engagement_count", editable=False
    )
    engagements = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("engagements of a region")
        verbose_name_plural = _("engagements of the regions")

    def __str__(self) -> str:
        return f"{self.engagements} engagement(s), region #{self.region_id}"


# Any constant, the same everywhere: the PostgreSQL advisory lock that makes the recounts
# of two concurrent writers take turns, so that the second one counts what the first
# committed (a recount reads with its own snapshot, blind to an uncommitted link).
REGION_COUNTS_LOCK = 4_713_013


def region_counts_lock() -> None:
    """Take the recounts' lock for the rest of the caller's transaction. A writer takes it
    before it reads which regions its change touches: another writer's link, committed
    while this one waited, is then among them."""
    advisory_xact_lock(REGION_COUNTS_LOCK)


def region_engagement_counts_refresh(region_ids: Iterable[int] | None = None) -> None:
    """Recount the engagements of these regions (every region when None) from the links
    themselves, in the caller's transaction. Written in bulk (an upsert), so this derived
    figure never enters the change history."""
    with transaction.atomic(savepoint=False):
        region_counts_lock()
        regions = Region.objects.order_by()
        if region_ids is not None:
            wanted = {pk for pk in region_ids if pk is not None}
            if not wanted:
                return
            regions = regions.filter(pk__in=wanted)
        ids = list(regions.values_list("pk", flat=True))
        links = Partner.regions.through.objects.order_by()
        if region_ids is not None:
            links = links.filter(region_id__in=ids)
        counts = dict(
            links.values("region_id")
            .annotate(count=Count("partner__engagements", distinct=True))
            .values_list("region_id", "count")  # type: ignore[misc]
        )
        RegionEngagementCount.objects.bulk_create(
            [RegionEngagementCount(region_id=pk, engagements=counts.get(pk, 0)) for pk in ids],
            update_conflicts=True,
            unique_fields=["region"],
            update_fields=["engagements"],
        )
