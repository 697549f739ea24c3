"""The register of transfer assessments: every question "may we send this?" and its answer.

An assessment is written once, by `assessment_create`, and never changed or deleted."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import F
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.core.dates import date_within_bounds
from liaison.instruments.models import FourEyesProposal
from liaison.partners.models import Partner
from liaison.transfers.choices import (
    DataCategory,
    Decision,
    DerogationGround,
    EudprCondition,
    EudprDerogationGround,
    MemberStateAuthorisation,
    ProvisionVerdict,
    RecipientSector,
    Route,
)


class TransferAssessmentQuerySet(models.QuerySet["TransferAssessment"]):
    """Bulk changes are refused too: the register is append-only."""

    def update(self, **kwargs: Any) -> int:
        raise PermissionDenied("Transfer assessments cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionDenied("Transfer assessments cannot be deleted.")


class TransferAssessment(models.Model):
    """One assessment: who asked, what, as of which date, and the engine's answer with the
    instruments it rested on as they stood then."""

    # The free texts (necessity, justification, balancing) describe cases and people.
    contains_personal_data = True

    # A person who asked cannot be deleted (deactivate the account instead): the register
    # keeps who asked.
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_by_username = models.CharField(_("requested by (user name)"), max_length=150)
    assessed_at = models.DateTimeField(_("assessed at"), default=timezone.now, db_index=True)
    as_of = models.DateField(
        _("as of"),
        help_text=_("The date the transfer was assessed for."),
        validators=[date_within_bounds],
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        related_name="transfer_assessments",
        verbose_name=_("partner"),
    )
    partner_code = models.CharField(
        _("partner code"), max_length=40, help_text=_("The partner's code when assessed.")
    )

    # The request (domain.md).
    data_category = models.CharField(
        _("data category"), max_length=40, choices=DataCategory.choices
    )
    necessity = models.TextField(_("necessity"), blank=True)
    receiving_authority = models.CharField(
        _("receiving authority"),
        max_length=300,
        blank=True,
        help_text=_("The authority of the partner that receives the data (Art. 56(1)(b))."),
    )
    receiving_authority_competent = models.BooleanField(
        _("receiving authority competent in criminal matters"), default=False
    )
    originating_member_state = models.CharField(
        _("originating Member State"), max_length=2, null=True, blank=True
    )
    member_state_authorisation = models.CharField(
        _("Member State authorisation"),
        max_length=10,
        choices=MemberStateAuthorisation.choices,
        default=MemberStateAuthorisation.NONE,
    )
    urgent_threat = models.BooleanField(_("urgent threat"), default=False)
    authorisation_not_in_time = models.BooleanField(
        _("prior authorisation cannot be obtained in good time"), default=False
    )
    onward_transfer_to = models.CharField(
        _("onward transfer to"), max_length=40, null=True, blank=True
    )
    onward_transfer_authorised = models.BooleanField(_("onward transfer authorised"), default=False)
    onward_origin_authorised = models.BooleanField(
        _("onward transfer authorised by the originating Member State"), default=False
    )
    onward_weighing = models.TextField(
        _("weighing of the onward transfer"),
        blank=True,
        help_text=_(
            "Seriousness of the offence, purpose of the original transfer, protection at the "
            "final destination."
        ),
    )
    safeguards_self_assessment = models.BooleanField(_("safeguards self-assessment"), default=False)
    derogation = models.CharField(
        _("derogation"), max_length=40, choices=DerogationGround.choices, null=True, blank=True
    )
    justification = models.TextField(_("justification"), blank=True)
    rights_balancing = models.TextField(_("rights balancing"), blank=True)
    core_international_crimes_evidence = models.BooleanField(
        _("evidence of core international crimes"), default=False
    )
    provider_approval = models.BooleanField(_("approval of the providing State"), default=False)
    # Administrative personal data (EUDPR Chapter V).
    recipient_sector = models.CharField(
        _("recipient's sector"),
        max_length=10,
        choices=RecipientSector.choices,
        null=True,
        blank=True,
    )
    eudpr_derogation = models.CharField(
        _("derogation (EUDPR Art. 50)"),
        max_length=40,
        choices=EudprDerogationGround.choices,
        null=True,
        blank=True,
    )
    eudpr_conditions = models.JSONField(
        _("derogation conditions confirmed"),
        default=list,
        blank=True,
        help_text=_("The codes of the conditions of the derogation the requester confirmed."),
    )

    # The answer (rules.Decision.to_dict()).
    decision = models.CharField(
        _("decision"), max_length=30, choices=Decision.choices, db_index=True
    )
    route = models.CharField(
        _("primary legal basis"),
        max_length=40,
        choices=Route.choices,
        null=True,
        blank=True,
        db_index=True,
    )
    legal_bases = models.JSONField(_("legal bases"), default=list)
    reasons = models.JSONField(_("reasons"), default=list)
    conditions = models.JSONField(_("conditions"), default=list)
    missing = models.JSONField(_("missing"), default=list)
    follow_ups = models.JSONField(_("follow-ups"), default=list)
    # The case the question was asked for (casework), named once, right after it is recorded.
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transfer_assessments",
        verbose_name=_("case"),
    )
    instruments_relied_on = models.JSONField(
        _("instruments relied on"),
        default=list,
        help_text=_("Each instrument the engine was given, as it stood on the as-of date."),
    )

    objects = TransferAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-assessed_at", "-pk"]
        indexes = [
            # The register newest first: whole, one partner's, one person's own (by account,
            # or by user name whatever its case, as the filter reads it).
            models.Index(F("assessed_at").desc(), F("id").desc(), name="assessment_newest"),
            models.Index(
                "partner",
                F("assessed_at").desc(),
                F("id").desc(),
                name="assessment_partner_newest",
            ),
            models.Index("requested_by", F("assessed_at").desc(), name="assessment_own_newest"),
            models.Index(
                Upper("requested_by_username"),
                F("assessed_at").desc(),
                name="assessment_asker_newest",
            ),
        ]
        verbose_name = _("transfer assessment")
        verbose_name_plural = _("transfer assessments")
        default_permissions = ("add", "view")
        permissions = [
            ("export_transferassessment", _("Can export transfer assessments")),
            # The REVIEW action of liaison.core.permissions: held by the roles that read the
            # whole register, not only their own assessments.
            (
                "review_transferassessment",
                _("Can see every transfer assessment, not only one's own"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner_code} {self.data_category} {self.as_of}: {self.decision}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionDenied("A transfer assessment cannot be changed.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("transfers:assessment_detail", kwargs={"pk": self.pk})

    @property
    def eudpr_condition_labels(self) -> list[str]:
        """The derogation conditions the requester confirmed, in words."""
        labels = dict(EudprCondition.choices)
        return [str(labels.get(code, code)) for code in self.eudpr_conditions]

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionDenied("A transfer assessment cannot be deleted.")

    def case_attach(self, *, case: Any) -> None:
        """Name the case this assessment was asked for: once, and nothing else changes (the
        question and the answer stay as recorded)."""
        if self.case_id == case.pk:
            return
        # One conditional UPDATE: of two requests attaching the same assessment at once, only
        # the first finds it without a case (the append-only queryset's refusal is bypassed
        # for this one column, which may be set once).
        still_free = TransferAssessment.objects.filter(pk=self.pk, case__isnull=True)
        attached = self.case_id is None and models.QuerySet.update(still_free, case=case)
        if not attached and not TransferAssessment.objects.filter(pk=self.pk, case=case).exists():
            raise PermissionDenied("This assessment is already linked to another case.")
        self.case = case


# The longest note a provision review keeps (a few paragraphs; more belongs in a document).
NOTE_MAX_LENGTH = 5000


class ProvisionReview(FourEyesProposal):
    """A change to the review state of one provision the engine cites (provisions.yaml):
    checked against the official text, or back to unverified. One person proposes it; it
    counts only once a second person approves it (four eyes, `provision_review_approve`).
    Approved or rejected, it stays: the provision's review history."""

    provision = models.CharField(
        _("provision"),
        max_length=60,
        db_index=True,
        help_text=_("The provision's key in provisions.yaml, e.g. art_58_1_b."),
    )
    verdict = models.CharField(_("review"), max_length=10, choices=ProvisionVerdict.choices)
    checked_against = models.CharField(
        _("checked against"),
        max_length=300,
        blank=True,
        help_text=_(
            "The official text read: act, language and version, e.g. “Regulation (EU) "
            "2018/1727, English, consolidated version of 31 October 2023”."
        ),
    )
    checked_on = models.DateField(
        _("checked on"), null=True, blank=True, validators=[date_within_bounds]
    )
    note = models.TextField(_("note"), blank=True)
    # The provision as it read when reviewed: a review counts only for that wording.
    citation = models.CharField(_("citation reviewed"), max_length=300)
    summary = models.TextField(_("summary reviewed"))

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("provision review")
        verbose_name_plural = _("provision reviews")
        # Written only by the services (propose, approve, reject): no change or delete.
        default_permissions = ("add", "view")
        permissions = [("approve_provisionreview", _("Can approve or reject provision reviews"))]
        constraints = [
            # One review of a provision waits at a time, even when two are proposed at once.
            models.UniqueConstraint(
                fields=["provision"],
                condition=models.Q(status="pending"),
                name="one_pending_review_per_provision",
            )
        ]

    def reads_as_reviewed(self) -> bool:
        """Does the provision still read as it did when this review was proposed? A review
        counts for the citation and summary it reviewed, never for a reworded provision."""
        from liaison.transfers import eudpr

        law = eudpr.ALL_PROVISIONS.get(self.provision)
        return law is not None and (law.citation, law.summary) == (self.citation, self.summary)

    def __str__(self) -> str:
        return f"{self.citation}: {self.get_verdict_display()} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("transfers:provision_review_detail", kwargs={"pk": self.pk})
