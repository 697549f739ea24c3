"""The strategy progress report as rows (CSV) and as a PDF (fpdf2, its built-in fonts:
nothing is fetched)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from fpdf import FPDF

from liaison.strategy.selectors import KeyActionProgress, StrategyProgress

CSV_HEADER = [
    "priority",
    "priority_title",
    "key_action",
    "key_action_text",
    "target_kind",
    "percent",
    "figure",
    "done",
    "not_done",
    "status",
    "narrative",
    "narrative_on",
]

# The PDF's built-in fonts know Latin-1 only: typographic signs become their plain forms.
_PLAIN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})


def _names(entries: list[Any]) -> str:
    return ", ".join(getattr(entry, "name", str(entry)) for entry in entries)


def _status(item: KeyActionProgress) -> str:
    return (
        str(item.key_action.get_narrative_status_display())
        if item.key_action.narrative_status
        else ""
    )


def report_rows(progress: StrategyProgress) -> Iterator[list[Any]]:
    for entry in progress.priorities:
        for item in entry.key_actions:
            action = item.key_action
            yield [
                entry.priority.number,
                entry.priority.title,
                f"{entry.priority.number}.{action.number}",
                action.text,
                action.target_kind,
                "" if item.progress.percent is None else item.progress.percent,
                item.progress.figure,
                _names(item.done),
                _names(item.not_done),
                _status(item),
                action.narrative,
                action.narrative_on.isoformat() if action.narrative_on else "",
            ]


def demo_notice(progress: StrategyProgress) -> str:
    """What the report says of the demo records in the register ("" when there are none)."""
    if not progress.demo_records:
        return ""
    if progress.include_demo:
        return ngettext(
            "%(n)d demo record present, included in these figures: it is fictitious.",
            "%(n)d demo records present, included in these figures: they are fictitious.",
            progress.demo_records,
        ) % {"n": progress.demo_records}
    return ngettext(
        "%(n)d demo record present, left out of these figures.",
        "%(n)d demo records present, left out of these figures.",
        progress.demo_records,
    ) % {"n": progress.demo_records}


def _plain(text: Any) -> str:
    return str(text).translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def _wrapped(text: str, width: float, measure: Callable[[str], float]) -> Iterator[str]:
    """`text` in lines no wider than `width`, broken between words (a word wider than a
    line is broken between characters); each line of the text starts a new line."""
    space = measure(" ")
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for word in paragraph.split(" "):
            size = measure(word)
            while size > width:  # a word longer than a line: as much of it as fits
                if line:
                    yield " ".join(line)
                    line, used = [], 0.0
                cut = len(word)
                while cut > 1 and measure(word[:cut]) > width:
                    cut -= 1
                yield word[:cut]
                word = word[cut:]
                size = measure(word)
            wanted = size if not line else used + space + size
            if line and wanted > width:
                yield " ".join(line)
                line, used = [word], size
            else:
                line.append(word)
                used = wanted
        yield " ".join(line)


def report_pdf(progress: StrategyProgress, *, compress: bool = True) -> bytes:
    """An A4 report: each priority with its progress and each key action's figure."""
    pdf = FPDF(format="A4")
    pdf.set_compression(compress)
    pdf.set_title(_plain(progress.strategy.title))
    pdf.set_creator("Liaison")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    width = pdf.epw

    def write(text: Any, size: int = 10, style: str = "", space: float = 1) -> None:
        pdf.set_font("Helvetica", style=style, size=size)
        # Wrapped here, a word's width measured once: fpdf's own wrapping measures the
        # line again at each character, which made the report cost ten times a page.
        for line in _wrapped(_plain(text), width, pdf.get_string_width):
            pdf.cell(width, size * 0.5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(space)

    write(progress.strategy.title, size=16, style="B", space=2)
    write(
        _("Progress computed from the register on %(day)s.") % {"day": progress.on.isoformat()},
        size=10,
        space=1 if progress.demo_records else 4,
    )
    if progress.demo_records:
        write(demo_notice(progress), size=10, style="B", space=4)
    for entry in progress.priorities:
        percent = "-" if entry.percent is None else f"{entry.percent} %"
        write(
            _("Priority %(number)s: %(title)s")
            % {"number": entry.priority.number, "title": entry.priority.title},
            size=13,
            style="B",
        )
        write(_("Progress: %(percent)s") % {"percent": percent}, size=10, style="B", space=2)
        for item in entry.key_actions:
            action = item.key_action
            write(f"{entry.priority.number}.{action.number} {action.text}", size=10)
            if item.progress.measurable:
                write(
                    _("%(percent)s %% (%(figure)s)")
                    % {"percent": item.progress.percent, "figure": item.progress.figure},
                    size=10,
                    style="B",
                )
                if item.done:
                    write(_("Done: %(names)s") % {"names": _names(item.done)}, size=9)
                if item.not_done:
                    write(_("Not done: %(names)s") % {"names": _names(item.not_done)}, size=9)
            else:
                dated = action.narrative_on.isoformat() if action.narrative_on else ""
                write(
                    f"{_status(item) or _('no status recorded')} ({dated}): {action.narrative}",
                    size=9,
                )
            pdf.ln(2)
        pdf.ln(3)
    return bytes(pdf.output())
