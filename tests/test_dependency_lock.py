"""The README commands install from requirements/*.lock: a pin changed in pyproject.toml
without running scripts/lock would install the old version (or fail on a hash), so the
locks must hold exactly the versions pyproject.toml asks for, each with its hashes."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _name(requirement: str) -> tuple[str, str]:
    match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)(\[[^\]]*\])?==([^\s;]+)\s*(;.*)?", requirement)
    assert match, f"{requirement!r} in pyproject.toml is not pinned with =="
    return re.sub(r"[-_.]+", "-", match.group(1)).lower(), match.group(3)


def _locked(lock: str) -> dict[str, str]:
    text = (ROOT / "requirements" / lock).read_text()
    entries: dict[str, str] = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        head = block.split("\n", 1)[0]
        match = re.match(r"([A-Za-z0-9_.\-]+)==([^\s;\\]+)", head)
        if not match:
            continue
        assert "--hash=sha256:" in block, f"{head.strip()} is locked without a hash"
        entries[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    return entries


def _wanted(*groups: str) -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = list(project["dependencies"])
    for group in groups:
        requirements += project["optional-dependencies"][group]
    return dict(_name(requirement) for requirement in requirements)


def test_the_runtime_lock_holds_every_pin_of_the_application_and_its_build_tools():
    locked = _locked("runtime.lock")
    for name, version in _wanted("build").items():
        assert locked.get(name) == version, (
            f"{name}=={version} is pinned in pyproject.toml but runtime.lock has "
            f"{locked.get(name)}: run scripts/lock"
        )


def test_the_test_lock_holds_every_pin_including_the_test_tools():
    locked = _locked("test.lock")
    for name, version in _wanted("build", "test").items():
        assert locked.get(name) == version, (
            f"{name}=={version} is pinned in pyproject.toml but test.lock has "
            f"{locked.get(name)}: run scripts/lock"
        )


def test_the_runtime_lock_brings_no_test_tool_into_production():
    locked = _locked("runtime.lock")
    for name in ("pytest", "playwright", "schemathesis", "mypy"):
        assert name not in locked
