"""Country names from ISO 3166 (pycountry), in the active language."""

from __future__ import annotations

import gettext
from functools import lru_cache
from typing import Any

import pycountry

# Codes that are not in ISO 3166-1 but are in use for a country (user-assigned).
NON_ISO_COUNTRY_CODES = frozenset({"XK"})


def iso_country(code: str) -> Any | None:
    return pycountry.countries.get(alpha_2=code)


def iso_country_name(code: str) -> str | None:
    """The short name people use (common name where ISO gives one), in English."""
    country = iso_country(code)
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name


def iso_official_name(code: str) -> str | None:
    country = iso_country(code)
    if country is None:
        return None
    return getattr(country, "official_name", None)


@lru_cache(maxsize=16)
def _catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def translated_country_name(name: str, language: str | None) -> str:
    """ISO's translation of an English country name, or the name itself."""
    if not language or language.startswith("en"):
        return name
    return _catalogue(language.split("-")[0]).gettext(name)
