"""Keeps `ContactPoint.last_interaction_on` right whatever door writes an interaction or its
links (services, API, administration, demo loader and remover, the shell): each write
recomputes the dates of the contact points it touches, in the same transaction.

Only bulk SQL bypasses these signals (`QuerySet.update` of interaction dates, the scale
generator): such code must call `contact_points_last_interaction_refresh` itself."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from liaison.contacts.models import (
    Interaction,
    contact_points_last_interaction_refresh,
)

Links = Interaction.contact_points.through
PENDING = "_contact_point_ids_before"


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
    # A new interaction has no links yet; an edited one may have moved in time.
    if not created and not kwargs.get("raw"):
        contact_points_last_interaction_refresh(_linked(instance))


@receiver(pre_delete, sender=Interaction, dispatch_uid="contacts_last_interaction_deleting")
def interaction_deleting(sender: Any, instance: Interaction, **kwargs: Any) -> None:
    setattr(instance, PENDING, _linked(instance))


@receiver(post_delete, sender=Interaction, dispatch_uid="contacts_last_interaction_deleted")
def interaction_deleted(sender: Any, instance: Interaction, **kwargs: Any) -> None:
    # The links went with the interaction: the dates fall back to the previous ones.
    contact_points_last_interaction_refresh(getattr(instance, PENDING, []))
