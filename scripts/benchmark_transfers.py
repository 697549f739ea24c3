"""Figures for scripts/benchmark-transfers (run that script, not this file)."""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import django

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from liaison.core.roles import CASE_OFFICER  # noqa: E402
from liaison.core.services import api_token_create  # noqa: E402
from liaison.instruments.models import Instrument  # noqa: E402
from liaison.partners.models import Partner  # noqa: E402
from liaison.transfers import rules  # noqa: E402

ENGINE_TARGET_MS = 1.0
API_RATIO_TARGET = 2.0


def median_ms(action: Callable[[], object], repeat: int, warm_up: int = 20) -> float:
    for _ in range(warm_up):
        action()
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def uk_facts() -> rules.PartnerFacts:
    """The UK's facts as the service gathers them: the richest partner (two routes)."""
    partner = Partner.objects.get(code="GB")
    on = timezone.localdate()
    instruments = tuple(
        rules.InstrumentFact(
            id=instrument.pk,
            type=instrument.type,
            title=instrument.title,
            status=instrument.status,
            status_since=instrument.status_since,
            strategic=instrument.strategic,
        )
        for instrument in Instrument.objects.with_status(on).filter(partner=partner)
        if instrument.status
    )
    return rules.PartnerFacts(
        code=partner.code,
        name=partner.name,
        kind=partner.kind,
        competent_in_criminal_matters=partner.competent_in_criminal_matters,
        instruments=instruments,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=300, help="timed runs of each measure")
    options = parser.parse_args()

    facts = uk_facts()
    request = rules.TransferRequest(
        data_category="operational_personal_data",
        as_of=timezone.localdate(),
        necessity="Identify a suspect's accounts in a fraud case",
        originating_member_state="NL",
        member_state_authorisation="prior",
    )
    engine = median_ms(lambda: rules.assess(facts, request), options.repeat * 10)

    user = User.objects.create_user("benchmark")
    user.groups.add(Group.objects.get(name=CASE_OFFICER))
    _token, key = api_token_create(user=user, name="benchmark", days=1)
    client = Client(HTTP_AUTHORIZATION=f"Token {key}")
    body = {
        "partner": "GB",
        "data_category": "operational_personal_data",
        "necessity": "Identify a suspect's accounts in a fraud case",
        "originating_member_state": "NL",
        "member_state_authorisation": "prior",
    }

    def assess_through_api() -> None:
        response = client.post("/api/transfer-assessments/", body, content_type="application/json")
        assert response.status_code == 201, response.content

    def trivial_endpoint() -> None:
        response = client.get("/api/regions/?page_size=1")
        assert response.status_code == 200, response.content

    api = median_ms(assess_through_api, options.repeat)
    trivial = median_ms(trivial_endpoint, options.repeat)
    ratio = api / trivial

    print(
        f"engine alone (UK, operational data):  median {engine:.3f} ms"
        f"  (target < {ENGINE_TARGET_MS} ms)"
    )
    print(f"API POST /api/transfer-assessments/:  median {api:.2f} ms")
    print(
        f"API GET /api/regions/?page_size=1:    median {trivial:.2f} ms"
        "  (a trivial authenticated endpoint)"
    )
    print(
        f"API assessment / trivial endpoint:    {ratio:.2f}x  (target within {API_RATIO_TARGET}x)"
    )
    verdicts = [
        ("engine", engine < ENGINE_TARGET_MS),
        ("API", ratio <= API_RATIO_TARGET),
    ]
    for name, met in verdicts:
        print(f"{name} target: {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
