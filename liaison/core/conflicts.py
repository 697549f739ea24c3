"""What to say when a deletion is refused because other records still refer to the object.

The person deleting may not be allowed to read those records (other people's transfer
assessments, contact details), and a refusal is not a read to log: so every door (API,
admin) says what blocks the deletion by kind and count only, never the records' content."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db.models import Model
from django.utils.translation import gettext as _


def deletion_blockers(objects: Iterable[Model]) -> list[str]:
    """The records that block a deletion as "3 transfer assessments", "1 instrument", ...:
    one phrase per kind, in alphabetical order of the kind."""
    counts: Counter[type[Model]] = Counter(
        type(obj)._meta.concrete_model or type(obj) for obj in objects
    )
    phrases = []
    for model, count in counts.items():
        opts = model._meta
        kind = opts.verbose_name if count == 1 else opts.verbose_name_plural
        phrases.append((str(kind), f"{count} {kind}"))
    return [phrase for _kind, phrase in sorted(phrases)]


def deletion_refused_message(*, target: object, blockers: Iterable[Model]) -> str:
    """The whole refusal: what cannot be deleted and, by kind and count, what refers to it."""
    return _(
        "%(target)s cannot be deleted while other records refer to it: %(blockers)s. "
        "Delete or reassign them first."
    ) % {"target": target, "blockers": ", ".join(deletion_blockers(blockers))}
