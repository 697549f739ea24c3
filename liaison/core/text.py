"""Text helpers for search."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower-case text without accents, so that "turkiye" matches "Türkiye"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def whole_number(text: object, *, digits: int = 9) -> int | None:
    """`text` as a whole number if it is one written in ASCII digits (at most `digits` of
    them), else None. `str.isdigit()` alone accepts "²" and any length, which `int()` or the
    database then refuse with an error instead of an answer."""
    value = str(text if text is not None else "").strip()
    if value.isascii() and value.isdigit() and len(value) <= digits:
        return int(value)
    return None
