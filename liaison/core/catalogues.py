"""Compile the committed translation catalogues (.po) into the .mo files Django reads.

Run at install by scripts/_venv.sh (so scripts/start, scripts/test and CI all have them):
`python -m liaison.core.catalogues`. It uses polib, not gettext's msgfmt, so that a machine
without the gettext tools can still install Liaison. A .mo is written only when it is
missing or older than its .po; the .mo files are not committed (.gitignore)."""

from __future__ import annotations

import sys
from pathlib import Path

import polib  # type: ignore[import-untyped]

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def catalogues_compile(*, locale_dir: Path = LOCALE_DIR, force: bool = False) -> list[Path]:
    """Compile every .po under `locale_dir` whose .mo is missing or stale; the .mo written."""
    written = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        catalogue = polib.pofile(str(po_path))
        # Fuzzy entries are guesses nobody checked: like msgfmt, leave them out.
        for entry in catalogue.fuzzy_entries():
            catalogue.remove(entry)
        partial = mo_path.with_suffix(".mo.partial")
        catalogue.save_as_mofile(str(partial))
        partial.replace(mo_path)
        written.append(mo_path)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    written = catalogues_compile(force="--force" in args)
    for path in written:
        print(f"Compiled {path.relative_to(LOCALE_DIR.parent.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
