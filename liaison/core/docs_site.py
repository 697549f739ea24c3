"""The documentation site: where its sources are, where it is built, and the view that
serves it at /help/ (the menu's Help link)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.static import serve

DOCS_SOURCE = Path(settings.BASE_DIR) / "docs"


def docs_output_dir() -> Path:
    return Path(settings.DATA_DIR) / "docs"


def sources_digest(extra: str = "") -> str:
    """One digest of every file under docs/ (names and contents) and of `extra` (the API
    schema), so that a rebuild happens exactly when something the site shows has changed."""
    digest = hashlib.sha256()
    for path in sorted(DOCS_SOURCE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(DOCS_SOURCE)).encode())
            digest.update(path.read_bytes())
    digest.update(extra.encode())
    return digest.hexdigest()


def help_page(request: HttpRequest, path: str = "") -> HttpResponse | FileResponse:
    """A page of the built documentation site. Before the site has been built (it is built
    by `liaison serve` and `liaison build-docs`), a page says how to build it."""
    root = docs_output_dir() / "html"
    if not (root / "index.html").is_file():
        return render(request, "core/help_not_built.html")
    if path == "" or path.endswith("/"):
        path += "index.html"
    try:
        return serve(request, path, document_root=str(root))
    except Http404:
        raise Http404("No such page in the documentation.") from None
