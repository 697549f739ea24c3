"""Reading the reference files: YAML's safe loader, except that a date that is no day of
the calendar (2005-02-30) stays the text it was written as, for the loader's checks to
name with its file, record and field instead of ending in a traceback."""

from __future__ import annotations

from typing import Any

import yaml

# libyaml's safe loader when PyYAML has it: the same documents, read several times faster.
_BASE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _ReferenceLoader(_BASE_LOADER):  # type: ignore[misc]
    """The safe loader, tolerant of impossible dates."""


def _timestamp(loader: Any, node: yaml.Node) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


_ReferenceLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def yaml_text_load(text: str) -> Any:
    """The document in `text`; raises yaml.YAMLError when it is not valid YAML."""
    return yaml.load(text, Loader=_ReferenceLoader)  # noqa: S506 (a safe loader)
