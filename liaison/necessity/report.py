"""A ranking (live or saved) as CSV rows and as a PDF (liaison.core.pdf, a font shipped
with Liaison, nothing fetched), both from the plain data of `necessity_ranking`, so a saved
analysis prints exactly the figures it kept. Figures only: no case is named. A ranking
without figures (the viewer's, `ranking_without_figures`) gives ranks and recommendations
in words, nothing else."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from liaison.core.pdf import report_document, report_writer
from liaison.necessity.engine import COMPONENTS
from liaison.necessity.texts import localised

CSV_HEADER = [
    "section",
    "rank",
    "code",
    "name",
    "score",
    *COMPONENTS,
    "recommendation",
    "exchanges",
    "exchanges_first_half",
    "exchanges_second_half",
    "priority_cases",
    "other_cases",
    "jits",
    "action_days",
    "derogations",
    "self_assessments",
    "refusals",
    "agreement_in_force",
    "working_arrangement_in_force",
    "evidence",
]

# The columns of a ranking without figures.
CSV_HEADER_WITHOUT_FIGURES = ["section", "rank", "code", "name", "recommendation", "note"]


def csv_header(ranking: dict[str, Any]) -> list[str]:
    return CSV_HEADER_WITHOUT_FIGURES if ranking.get("figures_withheld") else CSV_HEADER


def _row(section: str, row: dict[str, Any]) -> list[Any]:
    facts = row["facts"]
    return [
        section,
        row["rank"] if row["rank"] is not None else "",
        row["code"],
        row["name"],
        row["score"],
        *(row["components"][name] for name in COMPONENTS),
        row["recommendation_text"],
        facts["exchanges"],
        facts["exchanges_first_half"],
        facts["exchanges_second_half"],
        facts["priority_cases"],
        facts["other_cases"],
        facts["jits"],
        facts["action_days"],
        facts["derogations"],
        facts["self_assessments"],
        facts["refusals"],
        facts["agreement"],
        facts["working_arrangement"],
        " ".join(row["evidence"]),
    ]


def _comparison_text(ranking: dict[str, Any]) -> str:
    """The day the strategy comparison is of, for the header line (empty without one)."""
    strategy = ranking.get("strategy")
    if not strategy:
        return ""
    compared = strategy.get("compared_on", strategy["adopted_on"])
    if strategy.get("compared_on_adoption", True):
        return "; " + _("compared with the strategy at its adoption (%(on)s)") % {"on": compared}
    return "; " + _("compared with the strategy on %(on)s (adopted %(adopted)s)") % {
        "on": compared,
        "adopted": strategy["adopted_on"],
    }


def _since(strategy: dict[str, Any]) -> str:
    if strategy.get("compared_on_adoption", True):
        return _("since adoption")
    return _("since %(compared)s") % {"compared": strategy["compared_on"]}


def _named_note(strategy: dict[str, Any], named: dict[str, Any]) -> str:
    """A partner named by the strategy: its key action, whether the evidence supports it and
    how it moved (the movement as the analysis kept it)."""
    support = _("supported by the evidence") if named["supported"] else _("not supported")
    return _("key action %(action)s: %(support)s; %(since)s: %(movement)s") % {
        "action": named["key_action"],
        "support": support,
        "since": _since(strategy),
        "movement": named["movement"],
    }


def _rows_without_figures(ranking: dict[str, Any]) -> Iterator[list[Any]]:
    ranking = localised(ranking)
    yield [
        "parameters",
        "",
        "",
        _("window %(start)s to %(end)s") % {"start": ranking["start"], "end": ranking["end"]}
        + _comparison_text(ranking),
        "",
        "",
    ]
    for section, rows in (("ranked", ranking["ranked"]), ("not_enough_evidence", ranking["thin"])):
        for row in rows:
            rank = row["rank"] if row["rank"] is not None else ""
            yield [section, rank, row["code"], row["name"], row["recommendation_text"], ""]
    strategy = ranking.get("strategy") or {}
    for named in strategy.get("named", []):
        yield [
            "strategy_named",
            named["rank"] if named["rank"] is not None else "",
            named["code"],
            named["name"],
            named["recommendation_text"],
            _named_note(strategy, named),
        ]


def ranking_rows(ranking: dict[str, Any]) -> Iterator[list[Any]]:
    if ranking.get("figures_withheld"):
        yield from _rows_without_figures(ranking)
        return
    ranking = localised(ranking)
    parameters = ranking["parameters"]
    blank = [""] * (len(CSV_HEADER) - 4)
    yield [
        "parameters",
        "",
        "",
        _("window %(start)s to %(end)s; weights %(weights)s")
        % {
            "start": ranking["start"],
            "end": ranking["end"],
            "weights": ", ".join(f"{k}={v}" for k, v in parameters["weights"].items()),
        }
        + ("; " + _("demo records included") if parameters["include_demo"] else "")
        + _comparison_text(ranking),
        *blank,
    ]
    for row in ranking["ranked"]:
        yield _row("ranked", row)
    for row in ranking["thin"]:
        yield _row("not_enough_evidence", row)
    strategy = ranking.get("strategy")
    if strategy:
        for named in strategy["named"]:
            yield [
                "strategy_named",
                named["rank"] if named["rank"] is not None else "",
                named["code"],
                named["name"],
                named["score"],
                *[""] * len(COMPONENTS),
                named["recommendation_text"],
                *[""] * 12,
                _named_note(strategy, named),
            ]


def ranking_pdf(ranking: dict[str, Any], *, title: str, compress: bool = True) -> bytes:
    """An A4 report: parameters, the ranking with each partner's evidence, the partners with
    thin evidence and the comparison with the strategy."""
    ranking = localised(ranking)
    pdf = report_document(title=title, compress=compress)
    write = report_writer(pdf)

    parameters = ranking["parameters"]
    write(title, 16, "B")
    write(
        _("Window: %(start)s to %(end)s (%(years)s years). Weights: %(weights)s.")
        % {
            "start": ranking["start"],
            "end": ranking["end"],
            "years": parameters["window"],
            "weights": ", ".join(f"{k} {v}" for k, v in parameters["weights"].items()),
        }
        + (
            " "
            + _("Strategy comparison: %(comparison)s.")
            % {"comparison": _comparison_text(ranking)[2:]}
            if ranking.get("strategy")
            else ""
        )
    )
    write(
        _("Demo records included: they are fictitious.")
        if parameters["include_demo"]
        else _("Demo records left out.")
        if ranking["demo_present"]
        else ""
    )
    cycle = ranking.get("cycle")
    if cycle:
        write(
            (
                _("Seriousness weighted by %(cycle)s (unverified).")
                if cycle["unverified"]
                else _("Seriousness weighted by %(cycle)s.")
            )
            % {"cycle": cycle["title"]}
        )
    figures = not ranking.get("figures_withheld")
    if not figures:
        write(_("The figures behind each recommendation are shown to those who may read cases."))
    write(_("Ranking"), 12, "B")
    for row in ranking["ranked"]:
        score = _("score %(score)s - ") % {"score": row["score"]} if figures else ""
        write(
            f"{row['rank']}. {row['name']} ({row['code']}): {score}{row['recommendation_text']}",
            10,
            "B",
        )
        if figures:
            write(" ".join(row["evidence"]), 9)
    write(_("Not enough evidence"), 12, "B")
    write(
        _("Fewer than %(n)s exchanges in the window: listed, not ranked.")
        % {"n": parameters["weights"]["min_exchanges"]}
    )
    for row in ranking["thin"]:
        count = _(": %(n)s exchanges") % {"n": row["facts"]["exchanges"]} if figures else ""
        write(f"{row['name']} ({row['code']}){count}", 9)
    strategy = ranking.get("strategy")
    if strategy:
        write(
            _(
                "Against the strategy (%(title)s, adopted %(adopted)s; "
                "ranks then computed as of %(on)s)"
            )
            % {
                "title": strategy["title"],
                "adopted": strategy["adopted_on"],
                "on": strategy.get("compared_on", strategy["adopted_on"]),
            },
            12,
            "B",
        )
        for named in strategy["named"]:
            write(
                _("%(name)s (%(code)s), key action %(action)s: %(support)s")
                % {
                    "name": named["name"],
                    "code": named["code"],
                    "action": named["key_action"],
                    "support": _("supported") if named["supported"] else _("not supported"),
                }
                + f" - {named['recommendation_text']}; {named['movement']}",
                9,
            )
        if strategy["not_named"]:
            write(_("Highly ranked, not named by the strategy"), 11, "B")
            for row in strategy["not_named"]:
                write(
                    f"{row['rank']}. {row['name']} ({row['code']}): {row['recommendation_text']}", 9
                )
    return bytes(pdf.output())
