"""`liaison build-docs`: build the documentation site from docs/ with Sphinx, offline.

The sources are copied to a scratch directory together with two generated files (the
OpenAPI schema and a table of the API's operations read from it), so that the API pages
always describe the code that is installed. Any Sphinx warning fails the build, a link to a
page or heading that does not exist included."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.core.docs_site import DOCS_SOURCE, docs_output_dir, sources_digest


def _operations_table(schema: dict[str, Any]) -> str:
    rows = []
    for path, operations in sorted(schema.get("paths", {}).items()):
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            summary = (operation.get("summary") or operation.get("description") or "").strip()
            summary = summary.splitlines()[0] if summary else ""
            tag = ", ".join(operation.get("tags", []))
            rows.append(f"| `{method.upper()}` | `{path}` | {tag} | {summary.replace('|', '/')} |")
    header = (
        "# API operations\n\n"
        "Every operation of the REST API, generated from the OpenAPI schema of this version "
        "([openapi.yaml](openapi.yaml)) when the site was built.\n\n"
        "| method | path | group | what it does |\n|---|---|---|---|\n"
    )
    return header + "\n".join(rows) + "\n"


class Command(BaseCommand):
    help = "Build the documentation site (docs/) into the data directory, or check that it builds."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help="Where to write the site (default: <data dir>/docs).",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Build into a scratch directory and fail on any warning; keep nothing.",
        )
        parser.add_argument(
            "--if-stale",
            action="store_true",
            help="Do nothing when the site was already built from the same sources.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        import yaml
        from drf_spectacular.generators import SchemaGenerator
        from sphinx.cmd.build import build_main

        output: Path = options["output"] or docs_output_dir()
        schema = SchemaGenerator().get_schema(request=None, public=True)
        schema_text = yaml.safe_dump(schema, sort_keys=False, allow_unicode=True)
        digest = sources_digest(schema_text)
        stamp = output / ".sources-digest"
        fresh = stamp.is_file() and stamp.read_text().strip() == digest
        if options["if_stale"] and not options["check"] and fresh:
            return
        output.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="liaison-docs-") as scratch:
            source = Path(scratch) / "src"
            shutil.copytree(DOCS_SOURCE, source)
            (source / "api-schema").mkdir()
            (source / "api-schema" / "openapi.yaml").write_text(schema_text)
            (source / "api-schema" / "operations.md").write_text(_operations_table(schema))
            target = Path(scratch) / "html" if options["check"] else output / "html.new"
            if target.exists():
                shutil.rmtree(target)
            status = build_main(
                ["-W", "--keep-going", "-q", "-b", "html", str(source), str(target)]
            )
            if status != 0:
                raise CommandError("The documentation did not build: see the warnings above.")
            if options["check"]:
                self.stdout.write("The documentation builds without a warning.")
                return
            shutil.copy2(source / "api-schema" / "openapi.yaml", target / "openapi.yaml")
            final = output / "html"
            if final.exists():
                shutil.rmtree(final)
            target.rename(final)
            stamp.write_text(digest)
        self.stdout.write(f"Documentation built into {final} (served at /help/).")
