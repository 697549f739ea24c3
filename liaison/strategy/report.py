"""The strategy progress report as rows (CSV) and as a PDF (liaison.core.pdf: a font shipped
with Liaison, nothing is fetched)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from liaison.core.pdf import report_document, report_writer, wrapped_lines
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


# Kept under its old name for the tests that measure it.
_wrapped = wrapped_lines


def report_pdf(progress: StrategyProgress, *, compress: bool = True) -> bytes:
    """An A4 report: each priority with its progress and each key action's figure."""
    pdf = report_document(title=progress.strategy.title, compress=compress)
    write = report_writer(pdf)

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
