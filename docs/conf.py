"""Sphinx settings for Liaison's documentation site (built by `liaison build-docs`).

The pages are Markdown (MyST). The build is offline: no theme, font or script comes from
another host, and `liaison build-docs` fails on any warning, a broken link included."""

from __future__ import annotations

project = "Liaison"
author = "The Liaison developers"
copyright = "the Liaison developers, EUPL-1.2"  # noqa: A001 (Sphinx's own setting name)
language = "en"

extensions = ["myst_parser"]
source_suffix = {".md": "markdown"}
myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence", "deflist"]

exclude_patterns = ["_build", "README.md"]
templates_path = ["_templates"]
html_static_path = ["_static"]
html_theme = "alabaster"
html_title = "Liaison documentation"
html_show_sourcelink = False
html_theme_options = {
    "description": "The register of an agency's international partners",
    "fixed_sidebar": False,
    "show_powered_by": False,
    "font_family": "system-ui, sans-serif",
    "head_font_family": "system-ui, sans-serif",
    "code_font_family": "ui-monospace, monospace",
}
# Every warning (a broken cross-reference or link to a page that does not exist) fails the
# build: `liaison build-docs` runs Sphinx with -W.
nitpicky = False
suppress_warnings: list[str] = []
