"""The OpenAPI schema, with the error answers every operation can give documented."""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema

_ERROR = {
    "type": "object",
    "description": "What was wrong: `detail`, or for each field the list of its problems.",
    "additionalProperties": True,
}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ERROR}}}


class LiaisonAutoSchema(AutoSchema):
    """Adds the refusals to each operation's responses: 400 (bad input or filter), 401, 403,
    404 for an object or a page that does not exist, and 409 where a deletion is refused."""

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)  # type: ignore[arg-type]
        if direction != "response":
            return responses
        responses.setdefault("400", _error("The request's input or a filter is not valid."))
        responses.setdefault("401", _error("No credentials, or they are not valid."))
        responses.setdefault("403", _error("The account's role does not allow this."))
        if "{" in self.path:
            responses.setdefault("404", _error("No such object."))
        elif self.method == "GET":
            responses.setdefault("404", _error("No such page of the list."))
        if self.method == "DELETE":
            responses.setdefault("409", _error("Other records still refer to this object."))
        return responses
