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


# The languages the product is translated to, whose country names search must know.
SEARCH_LANGUAGES = ("fr", "pt", "es")

# English names in everyday use that ISO 3166 does not give (it keeps the official
# short name only): the names people type into the search box.
EVERYDAY_ENGLISH_NAMES: dict[str, tuple[str, ...]] = {
    "CI": ("Ivory Coast",),
    "CV": ("Cape Verde",),
    "CZ": ("Czech Republic",),
    "GB": ("Britain", "Great Britain", "UK"),
    "KP": ("North Korea",),
    "KR": ("South Korea",),
    "MK": ("Macedonia",),
    "MM": ("Burma",),
    "NL": ("Holland",),
    "SZ": ("Swaziland",),
    "TL": ("East Timor",),
    "TR": ("Turkey",),
    "US": ("USA", "United States of America", "America"),
    "VA": ("Vatican",),
}


def country_search_names(code: str) -> list[tuple[str, str]]:
    """Every name a country is known by to search, each with what kind of name it is
    ("name", "official name", "common name", "name in French"...), without repeats."""
    country = iso_country(code)
    names: list[tuple[str, str]] = []
    english: list[tuple[str, str]] = []
    if country is not None:
        english = [
            ("name", country.name),
            ("common name", getattr(country, "common_name", "") or ""),
            ("official name", getattr(country, "official_name", "") or ""),
        ]
    english += [("common name", name) for name in EVERYDAY_ENGLISH_NAMES.get(code, ())]
    names += [(kind, name) for kind, name in english if name]
    for language in SEARCH_LANGUAGES:
        catalogue = _catalogue(language)
        for _kind, name in english[:3]:
            if name:
                names.append((f"name in {language}", catalogue.gettext(name)))
    seen: set[str] = set()
    unique = []
    for kind, name in names:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            unique.append((kind, name))
    return unique
