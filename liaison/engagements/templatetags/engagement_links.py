"""Addresses of the records a list of engagements links to, reversed once per page rather
than once per link: a page of 100 engagements links to some 300 records, and reversing
each cost about a fifth of the page."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from django import template
from django.urls import get_script_prefix, reverse

from liaison.engagements.choices import EngagementKind

register = template.Library()

# Stands for the key or code while the pattern is reversed; valid for both converters.
_MARK = "ZZLINKZZ"
# Keys and codes made only of these go into the address as they are (as `reverse` would
# write them); any other value is left to `reverse` itself.
_PLAIN = re.compile(r"[A-Za-z0-9_-]+")


@lru_cache(maxsize=64)
def _pattern(name: str, argument: str, script_prefix: str) -> tuple[str, str]:
    head, tail = reverse(name, kwargs={argument: _MARK}).split(_MARK)
    return head, tail


def _address(name: str, argument: str, value: str) -> str:
    if not _PLAIN.fullmatch(value):
        return reverse(name, kwargs={argument: value})
    head, tail = _pattern(name, argument, get_script_prefix())
    return f"{head}{value}{tail}"


@register.filter
def engagement_url(engagement: Any) -> str:
    return _address("engagements:engagement_detail", "key", engagement.key)


@register.filter
def partner_url(partner: Any) -> str:
    return _address("partners:partner_detail", "code", partner.code)


@register.filter
def project_url(project: Any) -> str:
    return _address("engagements:project_detail", "key", project.key)


_KIND_LABELS = dict(EngagementKind.choices)


@register.filter
def kind_label(engagement: Any) -> str:
    """The engagement's kind as `get_kind_display` names it (in the active language),
    without rebuilding the table of choices for each row."""
    return str(_KIND_LABELS.get(engagement.kind, engagement.kind))
