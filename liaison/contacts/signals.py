"""Keeps `ContactPoint.last_interaction_on` and the per-partner daily counts
(`PartnerInteractionDay`) right whatever door writes an interaction or its links (services,
API, administration, demo loader and remover, the shell): each write recomputes the figures
it touches, in the same transaction.

Every handler first takes the one lock of the contact figures (`contact_figures_lock`), then
recounts from the interactions themselves: two writers at once are serialised, the second
recounting after the first has committed, so no count or date is lost, nothing stale is read
back and, the lock being one, no two writers can deadlock on the kept rows. `loaddata` (raw
saves) recounts too.

Only bulk SQL bypasses these signals (`QuerySet.update` of interaction dates, the scale
generator): such code must call `contact_points_last_interaction_refresh` and
`partner_interaction_days_refresh` itself."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from liaison.contacts.models import (
    ContactPoint,
    Interaction,
    contact_figures_lock,
    contact_points_last_interaction_refresh,
    partner_interaction_days_refresh,
)

Links = Interaction.contact_points.through
PartnerLinks = Interaction.partners.through
PENDING = "_contact_point_ids_before"
PENDING_DAYS = "_partner_days_before"
DATE_BEFORE = "_date_before"


def _partner_days(interaction: Interaction) -> list[tuple[int, Any]]:
    partners = PartnerLinks.objects.filter(interaction_id=interaction.pk)
    return [(pk, interaction.date) for pk in partners.values_list("partner_id", flat=True)]


def _days_of(partner_id: int, interaction_ids: Any) -> list[tuple[int, Any]]:
    dates = Interaction.objects.filter(pk__in=list(interaction_ids)).values_list("date", flat=True)
    return [(partner_id, day) for day in set(dates)]


@receiver(m2m_changed, sender=PartnerLinks, dispatch_uid="contacts_partner_days_links")
def interaction_partners_changed(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: set[int] | None, **kwargs: Any
) -> None:
    contact_figures_lock(kwargs.get("using") or "default")
    if reverse:
        # From the partner's side (`partner.interactions.add(...)`).
        if action == "pre_clear":
            ids = PartnerLinks.objects.filter(partner_id=instance.pk).values_list(
                "interaction_id", flat=True
            )
            setattr(instance, PENDING_DAYS, _days_of(instance.pk, ids))
        elif action == "post_clear":
            partner_interaction_days_refresh(getattr(instance, PENDING_DAYS, []))
        elif action in {"post_add", "post_remove"}:
            partner_interaction_days_refresh(_days_of(instance.pk, pk_set or []))
        return
    if action == "pre_clear":
        setattr(instance, PENDING_DAYS, _partner_days(instance))
    elif action == "post_clear":
        partner_interaction_days_refresh(getattr(instance, PENDING_DAYS, []))
    elif action in {"post_add", "post_remove"}:
        partner_interaction_days_refresh([(pk, instance.date) for pk in pk_set or []])


@receiver(pre_save, sender=Interaction, dispatch_uid="contacts_partner_days_saving")
def interaction_saving(sender: Any, instance: Interaction, **kwargs: Any) -> None:
    # Under the lock, the date before is the one another edit has just committed.
    using = kwargs.get("using") or "default"
    contact_figures_lock(using)
    if instance.pk is not None and (not instance._state.adding or kwargs.get("raw")):
        # (`loaddata` saves raw an interaction that may already exist.)
        before = Interaction.objects.using(using).filter(pk=instance.pk)
        setattr(instance, DATE_BEFORE, before.values_list("date", flat=True).first())


def _linked(interaction: Interaction) -> list[int]:
    return list(
        Links.objects.filter(interaction_id=interaction.pk).values_list(
            "contactpoint_id", flat=True
        )
    )


@receiver(m2m_changed, sender=Links, dispatch_uid="contacts_last_interaction_links")
def interaction_links_changed(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: set[int] | None, **kwargs: Any
) -> None:
    contact_figures_lock(kwargs.get("using") or "default")
    if reverse:
        # From the contact point's side (`contact_point.interactions.add(...)`).
        if action in {"post_add", "post_remove", "post_clear"}:
            contact_points_last_interaction_refresh([instance.pk])
        return
    if action == "pre_clear":
        setattr(instance, PENDING, _linked(instance))
    elif action == "post_clear":
        contact_points_last_interaction_refresh(getattr(instance, PENDING, []))
    elif action in {"post_add", "post_remove"}:
        contact_points_last_interaction_refresh(pk_set or [])


@receiver(post_save, sender=Interaction, dispatch_uid="contacts_last_interaction_saved")
def interaction_saved(sender: Any, instance: Interaction, created: bool, **kwargs: Any) -> None:
    # A new interaction has no links yet; an edited one may have moved in time (or become
    # or stopped being a demo one), also when a fixture (`loaddata`, raw) changed it.
    contact_figures_lock(kwargs.get("using") or "default")
    if not created:
        contact_points_last_interaction_refresh(_linked(instance))
        days = _partner_days(instance)
        before = getattr(instance, DATE_BEFORE, None)
        partner_interaction_days_refresh([*days, *((pk, before) for pk, _day in days)])


@receiver(pre_delete, sender=Interaction, dispatch_uid="contacts_last_interaction_deleting")
def interaction_deleting(sender: Any, instance: Interaction, **kwargs: Any) -> None:
    contact_figures_lock(kwargs.get("using") or "default")
    setattr(instance, PENDING, _linked(instance))
    setattr(instance, PENDING_DAYS, _partner_days(instance))


@receiver(post_delete, sender=Interaction, dispatch_uid="contacts_last_interaction_deleted")
def interaction_deleted(sender: Any, instance: Interaction, **kwargs: Any) -> None:
    contact_figures_lock(kwargs.get("using") or "default")
    # The links went with the interaction: the dates fall back to the previous ones.
    contact_points_last_interaction_refresh(getattr(instance, PENDING, []))
    partner_interaction_days_refresh(getattr(instance, PENDING_DAYS, []))


@receiver(post_save, sender=ContactPoint, dispatch_uid="contacts_last_interaction_loaded")
def contact_point_loaded(sender: Any, instance: ContactPoint, **kwargs: Any) -> None:
    # A fixture (`loaddata`, raw) writes the whole row, its kept date included: recount it.
    if kwargs.get("raw"):
        contact_figures_lock(kwargs.get("using") or "default")
        contact_points_last_interaction_refresh([instance.pk])
