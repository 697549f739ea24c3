"""What each app contributes to the ground floor, declared on its AppConfig, so that core
imports no domain app: the data `liaison serve` loads into an empty register, and the
sections of the account page.

An app declares `first_run_loads` (a tuple of FirstRunLoad), `account_sections` (a tuple
of AccountSection) and `key_revokers` (a tuple of callables taking a user, which revoke the
keys the app keeps for that user, e.g. secret addresses, when they log out everywhere and
ask for their keys to be revoked) as class attributes of its AppConfig."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps


@dataclass(frozen=True)
class FirstRunLoad:
    """A command `liaison serve` runs while `missing()` says the register lacks its data;
    loads run by `order`, lowest first (later loads name records of earlier ones)."""

    order: int
    command: str
    missing: Callable[[], bool]
    announce: str = ""


@dataclass(frozen=True)
class AccountSection:
    """A section of the account page, named by `key`: its template, shown to the users
    `shown_to` accepts, with what `context(request)` adds to the page's context."""

    key: str
    template: str
    shown_to: Callable[[Any], bool]
    context: Callable[[Any], dict[str, Any]]


def first_run_loads() -> list[FirstRunLoad]:
    loads = [
        load for config in apps.get_app_configs() for load in getattr(config, "first_run_loads", ())
    ]
    return sorted(loads, key=lambda load: load.order)


def account_sections() -> list[AccountSection]:
    return [
        section
        for config in apps.get_app_configs()
        for section in getattr(config, "account_sections", ())
    ]


def account_section_shown(key: str, user: Any) -> bool:
    """Whether the account page shows `user` the section `key` (and its actions are open)."""
    return any(section.key == key and section.shown_to(user) for section in account_sections())


def key_revokers() -> list[Callable[[Any], None]]:
    return [
        revoke
        for config in apps.get_app_configs()
        for revoke in getattr(config, "key_revokers", ())
    ]
