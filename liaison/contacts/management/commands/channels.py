"""`liaison channels CODE [--json] [--user NAME] [--all]`: how to reach a partner's
authorities."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse
from django.utils.text import capfirst

from liaison.contacts.models import ContactPoint
from liaison.contacts.selectors import (
    CHANNEL_CONTACTS_SHOWN,
    Channel,
    channel_contacts,
    channels_for,
)
from liaison.core.dates import today
from liaison.core.permissions import VIEW, user_can
from liaison.core.services import access_record
from liaison.partners.models import Partner


class Command(BaseCommand):
    help = (
        "The ranked channels to reach a partner's authorities, why each applies and what "
        "operational personal data it may carry today. Contact details are shown only with "
        "--user NAME of a role that may see personal data; that read is in the access log. "
        f"Each channel names its first {CHANNEL_CONTACTS_SHOWN} contact points and how many "
        "it has; --all names every one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="the partner's code, e.g. NG, or a name, e.g. Turkey")
        parser.add_argument("--json", action="store_true", help="print the API's answer as JSON")
        parser.add_argument(
            "--user", help="the user name of who asks: contact details are shown for their role"
        )
        parser.add_argument(
            "--all",
            action="store_true",
            help=f"name every contact point of each channel, not only the first "
            f"{CHANNEL_CONTACTS_SHOWN}",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None or not user.is_active:
                raise CommandError(f"There is no active user named {options['user']!r}.")
            if not user_can(user, VIEW, Partner):
                raise CommandError(f"{options['user']!r} has no role that may read the register.")
        partner = self.find(options["code"])
        on = today()
        # Like the web page and the API, a channel names its first contact points and says
        # how many it has: a partner may have hundreds (each read is access-logged).
        limit = None if options["all"] else CHANNEL_CONTACTS_SHOWN
        channels = channels_for(partner=partner, on=on, contacts_limit=limit)
        show_contacts = user is not None and user_can(user, VIEW, ContactPoint)
        if show_contacts:
            access_record(user=user, objects=channel_contacts(channels))
        if options["json"]:
            answer = {
                "partner": {"code": partner.code, "name": partner.name},
                "as_of": on.isoformat(),
                "contact_details_shown": show_contacts,
                "channels": [
                    channel.to_dict(show_contacts=show_contacts, list_url=self.list_url(channel))
                    for channel in channels
                ],
            }
            self.stdout.write(json.dumps(answer, indent=2, ensure_ascii=False, default=str))
            return
        self.stdout.write(f"How to reach {partner.name} ({partner.code}), as of {on.isoformat()}")
        if not channels:
            self.stdout.write("No channel applies to this partner.")
        for channel in channels:
            via = f" via {channel.via.name}" if channel.via else ""
            self.stdout.write(
                f"\n{channel.rank}. {capfirst(channel.kind_label)}{via}: {channel.organisation}"
            )
            self.stdout.write(f"   Why: {channel.why}")
            decision = f"[{channel.outlook.decision}] " if channel.outlook else ""
            self.stdout.write(f"   May carry: {decision}{channel.carries}")
            if show_contacts:
                for contact in channel.contacts:
                    details = " · ".join(
                        part for part in (contact.name, contact.email, contact.phone) if part
                    )
                    self.stdout.write(f"   - {details}")
            elif channel.contacts:
                self.stdout.write(
                    "   (contact details hidden: give --user NAME of a role that may see them)"
                )
            if channel.contacts_more:
                self.stdout.write(
                    f"   … and {channel.contacts_more} more ({channel.contacts_total} in all): "
                    f"add --all to name them all, or see {self.list_url(channel)}"
                )
        self.stdout.write(
            "\nWhat it may carry is an indication for operational personal data, not a recorded "
            "assessment: ask `liaison assess-transfer` or the “May we send this?” page for one."
        )

    @staticmethod
    def list_url(channel: Channel) -> str | None:
        """The API's paginated list of the channel's contact points (a path)."""
        query = channel.contacts_list_query
        return f"{reverse('contact-point-list')}?{query}" if query else None

    def find(self, text: str) -> Partner:
        wanted = text.strip()
        if not wanted:
            raise CommandError("Say which partner: its code (e.g. NG) or its name.")
        partner = Partner.objects.filter(code=wanted.upper()).first()
        if partner is not None:
            return partner
        matches = list(Partner.objects.search(wanted)[:10])
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise CommandError(f"No partner has the code or name {wanted!r}.")
        names = ", ".join(f"{match.name} ({match.code})" for match in matches)
        raise CommandError(f"{wanted!r} matches several partners: {names}. Give the code.")
