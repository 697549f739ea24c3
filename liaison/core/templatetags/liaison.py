"""Template helpers for labels that the database gives as codes."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.messages import constants
from django.utils.translation import gettext_lazy

from liaison.core.dates import local_time_text
from liaison.core.querysets import attached_rows

register = template.Library()


@register.filter
def local_time(value: Any, arg: str = "") -> str:
    """A moment in local time with its zone: `{{ entry.at|local_time }}`,
    `{{ entry.at|local_time:"seconds" }}`. Every page shows times this one way."""
    return local_time_text(value, seconds=arg == "seconds")


@register.filter
def change_rows(entry: Any) -> list[Any]:
    """A history entry's changes as rows of field, before, after."""
    from liaison.core.history import change_rows as rows

    return rows(entry)


ACTION_LABELS = {
    0: gettext_lazy("created"),
    1: gettext_lazy("changed"),
    2: gettext_lazy("deleted"),
    3: gettext_lazy("viewed"),
}


@register.filter
def change_action(value: int) -> str:
    return str(ACTION_LABELS.get(value, value))


@register.filter
def record_type(entry: Any) -> str:
    model = entry.content_type.model_class()
    return str(model._meta.verbose_name) if model else entry.content_type.model


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """mapping[key], or None: for dictionaries a view computed per row."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def field_anchor(field: Any) -> str:
    """The id a link to a form field leads to: the field's control, or the first option of
    a group of radios or checkboxes (the group itself cannot take the focus)."""
    if getattr(field, "use_fieldset", False):
        return f"{field.auto_id}_0"
    return str(field.id_for_label or field.auto_id)


@register.filter
def error_messages(messages: Any) -> list[Any]:
    """The messages that say something went wrong (shown as an error summary)."""
    return [message for message in messages if message.level >= constants.ERROR]


@register.filter
def other_messages(messages: Any) -> list[Any]:
    return [message for message in messages if message.level < constants.ERROR]


@register.filter
def attached(obj: Any, name: str) -> Any:
    """`obj`'s related rows `name` as a selector attached them (one query for a whole
    page: `attach_rows`), else as its related manager reads them."""
    return attached_rows(obj, name)
