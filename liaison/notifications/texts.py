"""A notification in words, in the language active when it is shown or mailed.

The words are made here from the facts kept on the notification, so that a mail rendered
for a French reader says it in French, and no text glued from fragments is stored."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from liaison.notifications.choices import NotificationKind


def _subject(facts: dict[str, Any]) -> str:
    """What a four-eyes proposal is about."""
    if facts.get("proposal") == "review":
        return _("a review of %(provision)s") % {"provision": facts.get("provision", "")}
    return _("a change to %(instrument)s (%(partner)s): %(event)s on %(date)s") % {
        "instrument": facts.get("instrument", ""),
        "partner": facts.get("partner", ""),
        "event": facts.get("event", ""),
        "date": facts.get("date") or _("no date"),
    }


def notification_text(notification: Any) -> str:
    facts: dict[str, Any] = notification.facts or {}
    kind = notification.kind
    if kind == NotificationKind.APPROVAL_WAITING:
        return _("%(user)s proposed %(subject)s: it waits for a second person's approval.") % {
            "user": facts.get("proposer", ""),
            "subject": _subject(facts),
        }
    if kind == NotificationKind.PROPOSAL_DECIDED:
        if facts.get("status") == "approved":
            text = _("%(user)s approved your proposal: %(subject)s.")
        else:
            text = _("%(user)s rejected your proposal: %(subject)s.")
        return text % {"user": facts.get("decided_by", ""), "subject": _subject(facts)}
    if kind == NotificationKind.INSTRUMENT_ENDING:
        if notification.threshold == "1":
            text = _("%(instrument)s (%(partner)s) ends within a month, on %(date)s.")
        else:
            text = _("%(instrument)s (%(partner)s) ends within %(months)s months, on %(date)s.")
        return text % {
            "instrument": facts.get("instrument", ""),
            "partner": facts.get("partner", ""),
            "date": facts.get("date", ""),
            "months": notification.threshold,
        }
    if kind == NotificationKind.CONTACT_DUE:
        if facts.get("since"):
            text = _(
                "A contact point for %(partner)s (%(organisation)s) is due for contact: no "
                "interaction recorded since %(since)s."
            )
        else:
            text = _(
                "A contact point for %(partner)s (%(organisation)s) is due for contact: no "
                "interaction recorded yet."
            )
        return text % {
            "partner": facts.get("partner", ""),
            "organisation": facts.get("organisation", ""),
            "since": facts.get("since", ""),
        }
    if kind == NotificationKind.EXCHANGE_OVERDUE:
        return _(
            "An exchange with %(partner)s in case %(case)s is overdue: its deadline was "
            "%(deadline)s and no answer is recorded."
        ) % {
            "partner": facts.get("partner", ""),
            "case": facts.get("case", ""),
            "deadline": facts.get("deadline", ""),
        }
    if kind == NotificationKind.JOB_FAILED:
        return _("The background job %(job)s failed at %(stopped)s.") % {
            "job": facts.get("job", ""),
            "stopped": facts.get("stopped", ""),
        }
    return str(NotificationKind(kind).label) if kind in NotificationKind.values else kind
