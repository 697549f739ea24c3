"""Partners of the agency and the regions they belong to."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, Value, When
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from liaison.core.models import ReferenceRecordModel, TimestampedModel
from liaison.core.text import fold
from liaison.journal.models import journal_relation
from liaison.partners.choices import STATE_KINDS, PartnerKind
from liaison.partners.countries import (
    NON_ISO_COUNTRY_CODES,
    country_search_names,
    iso_country,
    iso_country_name,
    translated_country_name,
)
from liaison.sources.models import citations_relation


class Region(TimestampedModel, ReferenceRecordModel):
    """A region the agency's strategy or EU policy documents name (Western Balkans, Gulf...)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    citations = citations_relation()

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{reverse('partners:partner_list')}?region={self.code}"


def network_member_problems(
    *, kind: str, code: str, members: Iterable[tuple[str, str]]
) -> list[str]:
    """What is wrong with giving a partner of `kind` these (code, kind) members; empty if nothing.

    Only a judicial network or association has members, and its members are countries."""
    members = list(members)
    if not members:
        return []
    if kind != PartnerKind.JUDICIAL_NETWORK:
        return [str(_("Only a judicial network or association has members."))]
    problems = []
    for member_code, member_kind in members:
        if member_code == code:
            problems.append(str(_("A network cannot be a member of itself.")))
        elif member_kind not in STATE_KINDS:
            problems.append(
                str(_("%(code)s is not a country: a network's members are countries."))
                % {"code": member_code}
            )
    return problems


def partner_search_text(*, code: str, name: str, aliases: Any, is_state: bool) -> str:
    """What partner search reads: code, name, aliases and, for a country, every name ISO
    (and everyday English) gives it in the product's languages, folded."""
    words = [code, name, *(aliases if isinstance(aliases, list) else [])]
    if is_state:
        words += [known for _kind, known in country_search_names(code)]
    return fold(" ".join(str(word) for word in words if word))


class PartnerQuerySet(models.QuerySet["Partner"]):
    def search(self, text: str) -> PartnerQuerySet:
        """Partners whose name, code, official name or an alias contains every word of `text`;
        an exact code first, then names that begin with the text, then the rest by name.
        A text with a NUL character finds nothing (PostgreSQL cannot even compare it)."""
        if "\x00" in text:
            return self.none()
        queryset = self
        for word in fold(text).split():
            queryset = queryset.filter(search_text__contains=word)
        wanted = text.strip()
        return queryset.annotate(
            search_rank=Case(
                When(code__iexact=wanted, then=Value(0)),
                When(name__istartswith=wanted, then=Value(1)),
                default=Value(2),
                output_field=models.IntegerField(),
            )
        ).order_by("search_rank", "name")


class Partner(TimestampedModel, ReferenceRecordModel):
    """Anyone the agency cooperates with, or could: a country, an organisation, a network."""

    kind = models.CharField(_("kind"), max_length=30, choices=PartnerKind.choices)
    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        validators=[
            RegexValidator(
                r"^[A-Z0-9]+(-[A-Z0-9]+)*$",
                _("Use upper-case letters and digits, optionally joined by single hyphens."),
            )
        ],
        help_text=_("ISO 3166-1 alpha-2 for countries (XK for Kosovo), an acronym otherwise."),
    )
    name = models.CharField(_("name"), max_length=200)
    aliases = models.JSONField(
        _("aliases"),
        default=list,
        blank=True,
        help_text=_("Other names people search with: former, short or local names."),
    )
    regions = models.ManyToManyField(
        Region, related_name="partners", blank=True, verbose_name=_("regions")
    )
    members = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="networks",
        blank=True,
        verbose_name=_("members"),
        help_text=_("For a judicial network or association: its member countries."),
    )
    competent_in_criminal_matters = models.BooleanField(
        _("competent in criminal matters"),
        default=False,
        help_text=_(
            "Whether the partner is an authority competent for law enforcement and "
            "criminal matters (Art. 56(1)(b) of Regulation (EU) 2018/1727)."
        ),
    )
    name_takes_article = models.BooleanField(
        _("name takes “the”"),
        default=False,
        help_text=_(
            "Write “the” before the name inside an English sentence: the International "
            "Criminal Court, the Netherlands (not: Interpol, Norway)."
        ),
    )
    designation_note = models.TextField(
        _("designation note"),
        blank=True,
        help_text=_("Shown wherever the partner is named (e.g. the footnote on Kosovo)."),
    )
    description = models.TextField(_("description"), blank=True)
    search_text = models.TextField(editable=False, default="")
    citations = citations_relation()
    journal = journal_relation()

    objects = PartnerQuerySet.as_manager()
    # Set by the reference loader only: the dataset is reviewed as a file before it is
    # loaded, so it may correct the facts that one person may not change in the app.
    loading_reviewed_dataset = False

    class Meta:
        ordering = ["name"]
        # Lists of partners, and of contact points by partner, are read in name order: an
        # index lets a page stop after its rows instead of sorting the whole register.
        indexes = [models.Index(fields=["name"], name="partner_by_name")]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:partner_detail", kwargs={"code": self.code})

    @property
    def is_state(self) -> bool:
        return self.kind in STATE_KINDS

    @property
    def display_name(self) -> str:
        """The name in the active language: ISO's translation for countries."""
        if self.is_state:
            return translated_country_name(self.name, get_language())
        return self.name

    @property
    def name_in_sentence(self) -> str:
        """The name as written inside a sentence: "the International Criminal Court" where
        the name takes "the" (in English; other languages have their own articles)."""
        name = self.display_name
        if self.name_takes_article and (get_language() or "en").startswith("en"):
            return f"the {name}"
        return name

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.kind in STATE_KINDS and self.code:
            if iso_country(self.code) is None and self.code not in NON_ISO_COUNTRY_CODES:
                errors["code"] = _(
                    "%(code)s is not an ISO 3166-1 alpha-2 country code (e.g. RS for Serbia)."
                ) % {"code": self.code}
            elif not self.name:
                self.name = iso_country_name(self.code) or ""
        if not self.name:
            errors["name"] = _("A name is required (ISO 3166 gives one only for ISO countries).")
        if not isinstance(self.aliases, list) or not all(
            isinstance(alias, str) and alias.strip() and alias.isprintable()
            for alias in self.aliases
        ):
            errors["aliases"] = _(
                "Aliases must be a list of non-empty names without control characters."
            )
        # The saved values, read once for the three checks of what may change.
        stored = (
            None
            if self.pk is None
            else Partner.objects.filter(pk=self.pk)
            .values("kind", "competent_in_criminal_matters", "code")
            .first()
        )
        errors.update(self._kind_change_problems(stored))
        errors.update(self._legal_basis_fact_problems(stored, errors))
        errors.update(self._union_party_code_problems(stored, errors))
        if errors:
            raise ValidationError(errors)

    def _kind_change_problems(self, stored: Mapping[str, Any] | None) -> dict[str, Any]:
        """A partner's kind may not change under records that depend on it."""
        previous = stored["kind"] if stored else None
        if previous is None or previous == self.kind:
            return {}
        if self.kind == PartnerKind.MEMBER_STATE and self.instruments.exists():
            message = _(
                "It has instruments of international cooperation, "
                "which an EU Member State cannot have."
            )
        elif previous == PartnerKind.EU_BODY and self.instruments_as_eu_party.exists():
            message = _("It is the EU-side party of instruments: reassign them first.")
        elif previous == PartnerKind.JUDICIAL_NETWORK and self.members.exists():
            message = _("It has members, which only a judicial network has: remove them first.")
        elif previous in STATE_KINDS and self.networks.exists():
            message = _("It is a member of networks, whose members are countries: remove it first.")
        else:
            return {}
        return {"kind": _("The kind cannot change. %(reason)s") % {"reason": message}}

    def _legal_basis_fact_problems(
        self, stored: Mapping[str, Any] | None, found: dict[str, Any]
    ) -> dict[str, Any]:
        """The partner's facts that the transfer engine reads (its kind and its competence in
        criminal matters) are locked once it has an instrument that can carry personal data:
        changing them alone would change what the agency may send there, past the four eyes."""
        if stored is None or getattr(self, "loading_reviewed_dataset", False):
            return {}
        changed = [
            name
            for name in ("kind", "competent_in_criminal_matters")
            if stored[name] != getattr(self, name) and name not in found
        ]
        if not changed:
            return {}
        from liaison.instruments.lifecycle import LEGAL_BASIS_TYPES

        if not self.instruments.filter(type__in=LEGAL_BASIS_TYPES).exists():
            return {}
        message = _(
            "The transfer engine relies on this fact for %(partner)s's legal bases, so one "
            "person cannot change it. Correct it in the reference dataset, which is reviewed "
            "as a file before it is loaded."
        ) % {"partner": self.name}
        return {name: message for name in changed}

    def _union_party_code_problems(
        self, stored_values: Mapping[str, Any] | None, found: dict[str, Any]
    ) -> dict[str, Any]:
        """Whether an instrument binds the agency depends on its EU-side party's code (the
        Union's and the Commission's, UNION_PARTIES): renaming partners from or to those codes,
        or renaming the EU-side party of a legal basis, would change what may be sent abroad
        past the four eyes. Such codes change through the reviewed dataset only."""
        if stored_values is None or "code" in found:
            return {}
        if getattr(self, "loading_reviewed_dataset", False):
            return {}
        stored = stored_values["code"]
        if stored == self.code:
            return {}
        from liaison.instruments.lifecycle import LEGAL_BASIS_TYPES
        from liaison.transfers.selectors import UNION_PARTIES

        union = stored in UNION_PARTIES or self.code in UNION_PARTIES
        binding = self.instruments_as_eu_party.filter(type__in=LEGAL_BASIS_TYPES)
        if not union and not binding.exists():
            return {}
        return {
            "code": _(
                "The transfer engine relies on this code to tell which legal bases bind the "
                "agency, so one person cannot change it. Correct it in the reference dataset, "
                "which is reviewed as a file before it is loaded."
            )
        }

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = partner_search_text(
            code=self.code, name=self.name, aliases=self.aliases, is_state=self.is_state
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]
