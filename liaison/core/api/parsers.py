"""The API's parsers: refuse, with a 400 that names the field, what no field can take
(JSON bodies, and the same for form and multipart bodies).

- nesting deeper than MAX_DEPTH (Python's parser would exhaust its recursion on a body
  nested thousands deep);
- a lone UTF-16 surrogate (`"\\ud800"`): valid JSON escapes, but not text; an answer that
  repeats it cannot even be encoded;
- a NUL character: no Liaison text holds one, and PostgreSQL cannot store or compare it."""

from __future__ import annotations

import re
from typing import Any

from rest_framework.exceptions import ParseError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser

# Far deeper than any Liaison body (an instrument with its events is three levels).
MAX_DEPTH = 32
_NOT_TEXT = re.compile("[\x00\ud800-\udfff]")


def _problem(text: str) -> str | None:
    found = _NOT_TEXT.search(text)
    if found is None:
        return None
    if found.group() == "\x00":
        return "Text cannot contain control characters such as NUL (\\u0000)."
    return "Text cannot contain a lone UTF-16 surrogate (\\ud800 to \\udfff)."


def _check(data: Any) -> None:
    """Walks the parsed body without recursion; the first problem is named by its path."""
    pending: list[tuple[Any, list[str], int]] = [(data, [], 0)]
    while pending:
        value, path, depth = pending.pop()
        if depth > MAX_DEPTH:
            raise ParseError(f"JSON nested more than {MAX_DEPTH} levels deep.")
        if isinstance(value, str):
            problem = _problem(value)
            if problem:
                # Named by the field of the body, with the place inside it if deeper.
                where = f" (at {'.'.join(path)})" if len(path) > 1 else ""
                raise ParseError({path[0] if path else "body": [problem + where]})
        elif isinstance(value, dict):
            for key, item in value.items():
                problem = _problem(key)
                if problem:
                    raise ParseError({"body": [f"A field name: {problem}"]})
                pending.append((item, [*path, str(key)], depth + 1))
        elif isinstance(value, list):
            for number, item in enumerate(value):
                pending.append((item, [*path, str(number)], depth + 1))


class LiaisonJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError(f"JSON nested more than {MAX_DEPTH} levels deep.") from error
        _check(data)
        return data


def _check_form(data: Any) -> None:
    """A form or multipart body: every field name and value, as for JSON."""
    for key, values in data.lists():
        problem = _problem(key)
        if problem:
            raise ParseError({"body": [f"A field name: {problem}"]})
        for value in values:
            if isinstance(value, str):
                problem = _problem(value)
                if problem:
                    raise ParseError({key: [problem]})


class LiaisonFormParser(FormParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        data = super().parse(stream, media_type, parser_context)
        _check_form(data)
        return data


class LiaisonMultiPartParser(MultiPartParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        parsed = super().parse(stream, media_type, parser_context)
        _check_form(parsed.data)
        return parsed
