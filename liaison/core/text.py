"""Text helpers for search."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower-case text without accents, so that "turkiye" matches "Türkiye"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
