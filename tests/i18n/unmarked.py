"""Finders of user-facing text not marked for translation, in templates and in Python code.

Used by test_every_string_is_marked.py; each finding says where the text is."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parents[2]
CODE = ROOT / "liaison"

# Templates whose text is deliberately in one language (the guide exists once per language).
TEMPLATES_IN_ONE_LANGUAGE = {
    "contacts/templates/contacts/guide_en.html",
    "contacts/templates/contacts/guide_fr.html",
    "contacts/templates/contacts/guide_pt.html",
    "contacts/templates/contacts/guide_es.html",
}
# Words that are the same in every language: names, codes, units, signs.
NOT_WORDS = {
    "Liaison",
    "API",
    "CSV",
    "PDF",
    "XLSX",
    "JSON",
    "OpenAPI",
    "ISO",
    "EU",
    "EDPS",
    "EUDPR",
    "TFEU",
    "htmx",
    "iCalendar",
    "ICS",
    "TOTP",
    "QR",
    "URL",
    "ID",
    "DPO",
    "JIT",
    "JITs",
    "Eurojust",
    "IberRed",
    "AIAMP",
    "WACAP",
    "GDPR",
    "LED",
    "Art",
    "EUR",
    "Authorization",
    "Token",
    "key",
    "px",
    "x",
}
# Attributes whose value a person reads or hears.
READ_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "aria-description"}
_WORD = re.compile(r"[^\W\d_][\w’'-]*", re.UNICODE)
_TRANSLATING = {"translate", "trans", "blocktranslate", "blocktrans"}
_ENDS = {"endblocktranslate", "endblocktrans", "endcomment"}


def _words(text: str) -> list[str]:
    return [word for word in _WORD.findall(text) if word.strip("’'-") not in NOT_WORDS]


class _Text(HTMLParser):
    """The text nodes and read attributes of HTML whose template tags were blanked out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._skip += 1
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value and _words(value):
                self.found.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"} and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and _words(data):
            self.found.append(" ".join(data.split()))


def template_findings(path: Path) -> list[str]:
    """Text of a template shown as written, outside {% translate %}/{% blocktranslate %}."""
    source = path.read_text(encoding="utf-8")
    kept: list[str] = []
    hidden = 0  # inside a blocktranslate or comment block
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if name in {"blocktranslate", "blocktrans", "comment"}:
                hidden += 1
            elif name in _ENDS and hidden:
                hidden -= 1
            kept.append(" ")  # a tag's output is not the template's own text
        elif token.token_type == TokenType.TEXT and not hidden:
            kept.append(token.contents)
        else:
            kept.append(" ")
    parser = _Text()
    parser.feed("".join(kept))
    parser.close()
    relative = path.relative_to(CODE).as_posix()
    return [f"{relative}: {text!r}" for text in parser.found]


def templates() -> Iterator[Path]:
    for path in sorted(CODE.glob("*/templates/**/*.html")):
        if path.relative_to(CODE).as_posix() not in TEMPLATES_IN_ONE_LANGUAGE:
            yield path


# --- Python ---------------------------------------------------------------------------

_TEXT_KEYWORDS = {"label", "help_text", "verbose_name", "verbose_name_plural", "empty_label"}
_MESSAGE_FUNCTIONS = {"debug", "info", "success", "warning", "error"}
_RELATIONS = {"ForeignKey", "OneToOneField", "ManyToManyField"}


def _is_text(node: ast.AST | None, *, formatted: bool = False) -> bool:
    """A plain string literal with words (and an f-string, when `formatted`)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(_words(node.value))
    if formatted and isinstance(node, ast.JoinedStr):
        return any(
            isinstance(part, ast.Constant) and _words(str(part.value)) for part in node.values
        )
    return False


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


class _Calls(ast.NodeVisitor):
    def __init__(self, relative: str) -> None:
        self.relative = relative
        self.found: list[str] = []
        self._in_choices = 0

    def report(self, node: ast.AST, what: str) -> None:
        self.found.append(f"{self.relative}:{getattr(node, 'lineno', '?')}: {what}")

    def visit_Call(self, node: ast.Call) -> None:
        function = node.func
        called = _name(function)
        owner = _name(function.value) if isinstance(function, ast.Attribute) else ""
        is_message = owner == "messages" and called in _MESSAGE_FUNCTIONS
        if is_message and len(node.args) >= 2 and _is_text(node.args[1], formatted=True):
            self.report(node, f"messages.{called} with a plain text")
        if called == "ValidationError" and node.args and _is_text(node.args[0], formatted=True):
            self.report(node, "ValidationError with a plain text")
        if called == "ValidationError" and node.args and isinstance(node.args[0], ast.Dict):
            for value in node.args[0].values:
                if _is_text(value, formatted=True):
                    self.report(value, "ValidationError with a plain text")
        # A model field's first argument is its verbose name (a relation's is its model).
        model_field = owner == "models" and called.endswith("Field") and called not in _RELATIONS
        if model_field and node.args and _is_text(node.args[0]):
            self.report(node, f"models.{called} named with a plain text")
        for keyword in node.keywords:
            if keyword.arg == "help_text" and self.relative.split("/")[1:2] == ["api"]:
                # The API's field descriptions are its reference (the OpenAPI schema),
                # kept in English like its field names; its errors are checked.
                continue
            if keyword.arg in _TEXT_KEYWORDS and _is_text(keyword.value):
                self.report(keyword.value, f"{keyword.arg}= with a plain text")
            if keyword.arg == "error_messages" and isinstance(keyword.value, ast.Dict):
                for value in keyword.value.values:
                    if _is_text(value):
                        self.report(value, "error_messages with a plain text")
            if keyword.arg == "choices" and isinstance(keyword.value, ast.List | ast.Tuple):
                for choice in keyword.value.elts:
                    pair = isinstance(choice, ast.Tuple) and len(choice.elts) == 2
                    if pair and _is_text(choice.elts[1]):
                        self.report(choice, "choices with a plain label")
        self.generic_visit(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        bases = {_name(base) for base in node.bases}
        if bases & {"TextChoices", "IntegerChoices", "Choices"}:
            for statement in node.body:
                if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Tuple):
                    label = statement.value.elts[-1]
                    if _is_text(label):
                        self.report(statement, "a choice with a plain label")
        self.generic_visit(node)


def python_findings(path: Path) -> list[str]:
    relative = path.relative_to(CODE).as_posix()
    visitor = _Calls(relative)
    visitor.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    return visitor.found


def python_files() -> Iterator[Path]:
    for path in sorted(CODE.rglob("*.py")):
        parts = path.relative_to(CODE).parts
        if {"tests", "testing", "migrations"} & set(parts) or path.name.startswith("test_"):
            continue
        yield path
