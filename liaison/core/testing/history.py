"""Reading the change history in tests that check what it still holds."""

from __future__ import annotations

import json
from typing import Any


def history_text(entries: Any) -> str:
    """Everything the entries hold that may carry personal data, as one text to search."""
    return "\n".join(
        json.dumps(
            [entry.changes, entry.changes_text, entry.serialized_data, entry.object_repr],
            ensure_ascii=False,
        )
        for entry in entries
    )
