"""Each catalogue (French, Portuguese, Spanish) translates every text of the current code:
makemessages is run on a copy of the code (merging the committed catalogue, as it does),
and every entry must then have a translation, not fuzzy, with the same placeholders."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

CODE = Path(__file__).resolve().parents[2] / "liaison"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def problems_of(catalogue: polib.POFile) -> list[str]:
    found = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        where = f"{entry.msgid[:60]!r}"
        if "fuzzy" in entry.flags:
            found.append(f"{where}: fuzzy")
        elif entry.msgid_plural:
            forms = [text for _index, text in sorted(entry.msgstr_plural.items())]
            if not forms or not all(forms):
                found.append(f"{where}: a plural form is missing")
            elif any(placeholders(text) != placeholders(entry.msgid_plural) for text in forms[1:]):
                found.append(f"{where}: placeholders differ")
        elif not entry.msgstr:
            found.append(f"{where}: not translated")
        elif placeholders(entry.msgstr) != placeholders(entry.msgid):
            found.append(f"{where}: placeholders differ")
    return found


def fresh_catalogue(language: str, tmp_path: Path) -> polib.POFile:
    """The catalogue makemessages makes today from the code, merged with the committed one."""
    copy = tmp_path / "liaison"
    shutil.copytree(CODE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    (copy / "locale").mkdir(exist_ok=True)  # makemessages writes only where it exists
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-m", "django", "makemessages", "-l", language, "--no-obsolete"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    return polib.pofile(str(copy / "locale" / language / "LC_MESSAGES" / "django.po"))


def test_the_check_names_what_is_missing_fuzzy_or_wrong():
    catalogue = polib.POFile()
    catalogue.append(polib.POEntry(msgid="Partners", msgstr="Partenaires"))
    catalogue.append(polib.POEntry(msgid="Sources", msgstr=""))
    catalogue.append(polib.POEntry(msgid="Log in", msgstr="Connexion", flags=["fuzzy"]))
    catalogue.append(polib.POEntry(msgid="From %(start)s", msgstr="Depuis %(debut)s"))
    assert problems_of(catalogue) == [
        "'Sources': not translated",
        "'Log in': fuzzy",
        "'From %(start)s': placeholders differ",
    ]


@pytest.mark.parametrize("language", ["fr", "pt", "es"])
def test_every_text_of_the_code_is_translated(language, tmp_path):
    assert problems_of(fresh_catalogue(language, tmp_path)) == []
