"""The engine's reasons, conditions, labels and summaries in English, French, Portuguese and
Spanish: each language's texts are complete (checked at load, loudly), and an answer given
in one language says the same as in English, in its words."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
import yaml

from liaison.transfers import eudpr, rules
from liaison.transfers.tests.test_rules_scenarios import (
    BALANCING,
    JUSTIFICATION,
    instrument,
    partner,
    request,
)

LAW_FILES = (rules.PROVISIONS_PATH, eudpr.PROVISIONS_PATH)
ENGLISH_MONTHS = re.compile(r"\b(January|February|March|June|July|August|October|December)\b")


def english_texts(path):
    return rules.law_texts(yaml.safe_load(path.read_text(encoding="utf-8")))


def language_texts(path, language):
    return yaml.safe_load(path.with_name(f"{path.stem}.{language}.yaml").read_text("utf-8"))


@pytest.mark.parametrize("path", LAW_FILES, ids=lambda path: path.name)
@pytest.mark.parametrize("language", ["fr", "pt", "es"])
def test_every_text_of_the_law_exists_in_each_language(path, language):
    assert rules.translation_problems(english_texts(path), language_texts(path, language)) == []


def test_a_missing_blank_extra_or_misplaced_text_is_named(tmp_path):
    english = english_texts(rules.PROVISIONS_PATH)
    texts = dict(language_texts(rules.PROVISIONS_PATH, "fr"))
    del texts["reasons.no_route.text"]
    texts["conditions.inform_edps.text"] = "  "
    texts["reasons.route_holds.text"] = "{title} : une base ({citation})."  # lost {route}
    texts["reasons.invented.text"] = "Texte."
    problems = rules.translation_problems(english, texts)
    assert problems == [
        "reasons.route_holds.text: placeholders ['citation', 'title'], expected "
        "['citation', 'route', 'status', 'title']",
        "reasons.no_route.text: missing",
        "conditions.inform_edps.text: missing",
        "reasons.invented.text: not a text of the English file",
    ]


def test_the_law_does_not_load_with_a_language_incomplete(tmp_path):
    law = tmp_path / "provisions.yaml"
    law.write_text(rules.PROVISIONS_PATH.read_text("utf-8"), encoding="utf-8")
    for language in ("fr", "pt", "es"):
        texts = language_texts(rules.PROVISIONS_PATH, language)
        if language == "pt":
            del texts["missing.derogation.text"]
        (tmp_path / f"provisions.{language}.yaml").write_text(
            yaml.safe_dump(texts, allow_unicode=True), encoding="utf-8"
        )
    raw = yaml.safe_load(law.read_text("utf-8"))
    with pytest.raises(ValueError, match=r"provisions\.pt\.yaml: 1 text.*missing\.derogation"):
        rules.translated_laws(law, raw)
    (tmp_path / "provisions.es.yaml").unlink()
    with pytest.raises(ValueError, match=r"provisions\.(pt|es)\.yaml"):
        rules.translated_laws(law, raw)


SCENARIOS = {
    "allowed on an agreement": (
        partner(instrument("international_agreement")),
        request(originating_member_state="Spain", member_state_authorisation="prior"),
    ),
    "refused on a working arrangement": (
        partner(instrument("working_arrangement")),
        request(),
    ),
    "derogation with conditions": (
        partner(instrument("international_agreement", status="negotiating")),
        request(
            derogation="individual_case_tasks",
            justification=JUSTIFICATION,
            rights_balancing=BALANCING,
        ),
    ),
    "administrative data": (
        partner(instrument("adequacy_decision")),
        request(data_category="administrative_personal_data", recipient_sector="public"),
    ),
    "undated cooperation agreement": (
        partner(replace(instrument("cooperation_agreement"), concluded_on=None)),
        request(),
    ),
}


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("language", ["fr", "pt", "es"])
def test_an_answer_in_another_language_says_the_same_in_its_words(scenario, language):
    facts, asked = SCENARIOS[scenario]
    english = rules.assess(facts, asked)
    with rules.texts_in(language):
        translated = rules.assess(facts, asked)
    assert translated.decision == english.decision
    assert [r.code for r in translated.reasons] == [r.code for r in english.reasons]
    assert [b.route for b in translated.legal_bases] == [b.route for b in english.legal_bases]
    texts = [
        *(r.text for r in translated.reasons),
        *translated.conditions,
        *translated.missing,
        *translated.follow_ups,
    ]
    english_texts_given = [
        *(r.text for r in english.reasons),
        *english.conditions,
        *english.missing,
        *english.follow_ups,
    ]
    assert len(texts) == len(english_texts_given)
    for text, original in zip(texts, english_texts_given, strict=True):
        assert text.strip() and "{" not in text
        assert text != original
        assert not ENGLISH_MONTHS.search(text)
    # Citations are in the language too: "art. 56, par. 2..." rather than "Art. 56(2)...".
    assert not any("of Regulation (EU)" in text for text in texts)


def test_outside_a_language_block_the_engine_speaks_english():
    facts, asked = SCENARIOS["refused on a working arrangement"]
    with rules.texts_in("fr"):
        rules.assess(facts, asked)
    assert "not a legal basis" in " ".join(r.text for r in rules.assess(facts, asked).reasons)
    with rules.texts_in("de"):  # a language the law has no texts in: English
        assert rules.assess(facts, asked).reasons == rules.assess(facts, asked).reasons


def test_dates_and_the_unverified_mark_are_in_the_language():
    with rules.texts_in("pt"):
        assert rules._day(date(2023, 11, 9)) == "9 de novembro de 2023"
        assert rules.PROVISIONS["art_59_1_b"].cited.endswith("(não verificado)") or (
            not rules.PROVISIONS["art_59_1_b"].unverified
        )
    with rules.texts_in("fr"):
        assert rules._day(date(2019, 12, 12)) == "12 décembre 2019"


@pytest.mark.django_db
@pytest.mark.usefixtures("reference_data_module")
def test_may_we_send_this_answers_in_the_askers_language(carol_client):
    carol_client.post("/language/", {"language": "fr", "next": "/"})
    response = carol_client.post(
        "/transfer-assessments/new/",
        {
            "partner": "NG",
            "data_category": "operational_personal_data",
            "as_of": "2025-06-01",
            "necessity": "Identifier les complices d'un suspect.",
            "receiving_authority": "le parquet",
            "receiving_authority_competent": True,
        },
        follow=True,
    )
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "pas une base juridique pour des données à caractère personnel" in html
    assert "art. 47, par. 3, du règlement (UE) 2018/1727" in html
