"""The ground floor knows no domain app: no module of liaison/core (tests aside) imports
one. Apps declare on their AppConfig what they contribute to core (first-run loads, account
page sections); the register's test factories live with the register."""

from __future__ import annotations

import ast
from pathlib import Path

import liaison.core

DOMAIN_APPS = {
    "partners",
    "instruments",
    "transfers",
    "contacts",
    "engagements",
    "strategy",
    "cases",
    "sources",
    "journal",
    "exports",
}
CORE = Path(liaison.core.__file__).parent


def core_modules() -> list[Path]:
    return [
        path
        for path in sorted(CORE.rglob("*.py"))
        if "tests" not in path.relative_to(CORE).parts[:-1]
    ]


def imported_modules(source: str, package: list[str]) -> list[str]:
    """Every module `source` imports, at any depth (inside functions too), relative imports
    made absolute from `package`."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names.append(module)
            # `from liaison import partners` imports the app itself.
            names.extend(f"{module}.{alias.name}" for alias in node.names)
    return names


def package_of(path: Path) -> list[str]:
    return ["liaison", "core", *path.relative_to(CORE).parts[:-1]]


def domain_app(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) >= 2 and parts[0] == "liaison" and parts[1] in DOMAIN_APPS:
        return parts[1]
    return None


def test_no_core_module_imports_a_domain_app():
    modules = core_modules()
    assert CORE / "history.py" in modules and CORE / "management/commands/serve.py" in modules
    found = [
        f"{path.relative_to(CORE)} imports {module}"
        for path in modules
        for module in imported_modules(path.read_text(encoding="utf-8"), package_of(path))
        if domain_app(module)
    ]
    assert found == []


def test_the_check_sees_every_form_of_import():
    for source, package in (
        ("import liaison.partners.models\n", ["liaison", "core"]),
        ("from liaison.instruments.choices import EventKind\n", ["liaison", "core"]),
        ("def f():\n    from liaison.engagements.models import Engagement\n", ["liaison", "core"]),
        ("from liaison import strategy\n", ["liaison", "core"]),
        ("from ....cases.models import Case\n", ["liaison", "core", "management", "commands"]),
    ):
        assert any(domain_app(name) for name in imported_modules(source, package)), source
    assert not any(
        domain_app(name)
        for name in imported_modules("from .models import ApiToken\n", ["liaison", "core"])
    )


def domain_url_names(source: str) -> list[str]:
    """The strings in `source` that name a domain app's URL ("engagements:..."), which would
    tie core to that app as surely as an import."""
    return [
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.partition(":")[0] in DOMAIN_APPS
        and ":" in node.value
    ]


def test_no_core_module_names_a_domain_apps_url():
    found = [
        f"{path.relative_to(CORE)} names {name}"
        for path in core_modules()
        for name in domain_url_names(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_check_sees_a_url_name_wherever_it_is_written():
    source = (
        'URL = "engagements:engagement_calendar_feed"\n'
        'def f():\n    return reverse("partners:partner_detail", args=[1])\n'
        'NOT_A_URL = "engagements"\nTIME = "12:30"\n'
    )
    assert domain_url_names(source) == [
        "engagements:engagement_calendar_feed",
        "partners:partner_detail",
    ]
