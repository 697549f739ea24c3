"""A real SMTP server for the mail tests, an agreement that can carry personal data (each
step a four-eyes proposal), and the personas with e-mail addresses."""

from __future__ import annotations

import datetime
import socket
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from conftest import make_persona
from liaison.instruments.testing.factories import InstrumentFactory, SourceFactory, add_event, cite
from liaison.partners.models import Partner

# A Monday, 08:00 in Amsterdam: after the hour digests go out (07:00 by default).
MONDAY_MORNING = datetime.datetime(2026, 12, 7, 7, 0, tzinfo=datetime.UTC)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Inbox:
    """What the SMTP server received, as parsed messages."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        message = message_from_bytes(envelope.content)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[Inbox]:
    """An SMTP server on a free local port, and Liaison's mail settings pointing at it."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "liaison@agency.test"
    settings.BASE_URL = "https://liaison.agency.test"
    try:
        yield inbox
    finally:
        controller.stop()


def text_of(message: Message) -> tuple[str, str]:
    """The plain-text and the HTML part of a mail."""
    parts: dict[str, str] = {}
    for part in message.walk():
        if part.get_content_type() in ("text/plain", "text/html"):
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            parts[part.get_content_type()] = payload.decode(part.get_content_charset() or "utf-8")
    return parts["text/plain"], parts["text/html"]


def persona(django_user_model: Any, name: str) -> Any:
    user = make_persona(django_user_model, name)
    user.email = f"{name}@agency.test"
    user.save()
    return user


@pytest.fixture
def alice(django_user_model: Any) -> Any:
    return persona(django_user_model, "alice")


@pytest.fixture
def bob(django_user_model: Any) -> Any:
    return persona(django_user_model, "bob")


@pytest.fixture
def carol(django_user_model: Any) -> Any:
    return persona(django_user_model, "carol")


@pytest.fixture
def erin(django_user_model: Any) -> Any:
    return persona(django_user_model, "erin")


@pytest.fixture
def agreement() -> Any:
    partner = Partner.objects.create(
        code="BA", kind="country", name="Bosnia and Herzegovina", competent_in_criminal_matters=True
    )
    instrument = InstrumentFactory(
        partner=partner,
        type="international_agreement",
        title="EU agreement with Bosnia and Herzegovina on cooperation with Eurojust",
    )
    cite(instrument)
    add_event(instrument, "mandate", date=datetime.date(2021, 3, 1))
    return instrument


@pytest.fixture
def source() -> Any:
    return SourceFactory(key="council-decision-2024-2704", title="Council Decision (EU) 2024/2704")
