"""The committed .po catalogues become the .mo files Django reads, at install, without
gettext's tools: only those missing or older than their .po, fuzzy entries left out."""

from __future__ import annotations

import gettext
import os

import polib

from liaison.core.catalogues import catalogues_compile


def write_catalogue(locale_dir, language, entries):
    folder = locale_dir / language / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for msgid, msgstr, flags in entries:
        catalogue.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=flags))
    catalogue.save(str(folder / "django.po"))
    return folder / "django.po"


def test_it_compiles_each_catalogue_and_leaves_fuzzy_guesses_out(tmp_path):
    write_catalogue(
        tmp_path,
        "fr",
        [("Partners", "Partenaires", []), ("Sources", "Sourcés ?", ["fuzzy"])],
    )
    written = catalogues_compile(locale_dir=tmp_path)
    assert written == [tmp_path / "fr" / "LC_MESSAGES" / "django.mo"]
    with written[0].open("rb") as stream:
        compiled = gettext.GNUTranslations(stream)
    assert compiled.gettext("Partners") == "Partenaires"
    assert compiled.gettext("Sources") == "Sources"  # the guess is not used


def test_it_compiles_again_only_what_changed(tmp_path):
    po = write_catalogue(tmp_path, "es", [("Partners", "Socios", [])])
    assert catalogues_compile(locale_dir=tmp_path)
    assert catalogues_compile(locale_dir=tmp_path) == []
    later = po.stat().st_mtime + 10
    os.utime(po, (later, later))
    assert catalogues_compile(locale_dir=tmp_path) == [po.with_suffix(".mo")]
