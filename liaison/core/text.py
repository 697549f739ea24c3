"""Text helpers: search folding, numbers typed in, English articles."""

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


# Words that start with a vowel letter but a consonant sound ("a European", "a unit").
_CONSONANT_SOUND_STARTS = ("eu", "uni", "use", "one", "once")


def with_indefinite_article(noun: str) -> str:
    """`noun` after "a" or "an" by its first sound in English: "an international agreement",
    "a working arrangement", "a European network"."""
    word = noun.strip().casefold()
    vowel = word[:1] in tuple("aeiou") and not word.startswith(_CONSONANT_SOUND_STARTS)
    return f"{'an' if vowel else 'a'} {noun}"
