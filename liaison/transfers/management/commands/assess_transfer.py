"""`liaison assess-transfer --partner CODE --data CATEGORY --user NAME ...`: may the agency
send this data to this partner? Prints the answer and records the assessment."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.core.filtersets import parse_as_of
from liaison.core.permissions import ADD, user_can
from liaison.transfers import eudpr, rules
from liaison.transfers.api.serializers import TransferAssessmentSerializer
from liaison.transfers.models import TransferAssessment
from liaison.transfers.services import assessment_create, transfer_request


class Command(BaseCommand):
    help = (
        "Assess whether the agency may transfer data to a partner, under Regulation (EU) "
        "2018/1727 (administrative personal data: Chapter V of Regulation (EU) 2018/1725), "
        "print the answer and record it in the register of assessments."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--partner", required=True, help="the partner's code, e.g. RS")
        parser.add_argument(
            "--data",
            required=True,
            choices=rules.DATA_CATEGORIES,
            help="the kind of data",
        )
        parser.add_argument("--user", required=True, help="the user name of who asks")
        parser.add_argument("--as-of", help="the date of the transfer, YYYY-MM-DD (default today)")
        parser.add_argument("--necessity", default="", help="why the transfer is necessary")
        parser.add_argument(
            "--receiving-authority",
            default="",
            help="the partner's authority that receives the data (required for operational "
            "personal data)",
        )
        parser.add_argument(
            "--authority-competent",
            action="store_true",
            help="that authority is competent for law enforcement and criminal matters",
        )
        parser.add_argument(
            "--originating-member-state", help="the EU Member State that supplied the data, e.g. SE"
        )
        parser.add_argument(
            "--authorisation",
            choices=rules.AUTHORISATION_CHOICES,
            default="none",
            help="that State's authorisation (default none)",
        )
        parser.add_argument(
            "--urgent-threat",
            action="store_true",
            help="the transfer is essential to prevent an immediate and serious threat",
        )
        parser.add_argument(
            "--not-in-good-time",
            action="store_true",
            help="with --urgent-threat: the prior authorisation cannot be obtained in good time",
        )
        parser.add_argument("--onward-transfer-to", help="the code of an onward recipient")
        parser.add_argument(
            "--onward-transfer-authorised",
            action="store_true",
            help="the agency authorised the onward transfer",
        )
        parser.add_argument(
            "--onward-origin-authorised",
            action="store_true",
            help="the originating Member State authorised the onward transfer itself",
        )
        parser.add_argument(
            "--onward-weighing",
            default="",
            help="the agency's weighing: seriousness of the offence, purpose of the original "
            "transfer, protection at the final destination",
        )
        parser.add_argument(
            "--self-assessment",
            action="store_true",
            help="the agency concluded that appropriate safeguards exist (Art. 58(1)(b))",
        )
        parser.add_argument(
            "--derogation", choices=list(rules.DEROGATION_GROUNDS), help="a derogation ground"
        )
        parser.add_argument("--justification", default="", help="why the derogation applies")
        parser.add_argument(
            "--rights-balancing",
            default="",
            help="why the data subject's rights do not override the public interest",
        )
        parser.add_argument(
            "--core-crimes-evidence",
            action="store_true",
            help="the data is evidence of core international crimes",
        )
        parser.add_argument(
            "--provider-approval",
            action="store_true",
            help="the State that provided the evidence approved its being shared",
        )
        parser.add_argument(
            "--recipient-sector",
            choices=list(eudpr.RECIPIENT_SECTORS),
            help="administrative personal data: whether the recipient is a public authority "
            "or a private organisation",
        )
        parser.add_argument(
            "--eudpr-derogation",
            choices=list(eudpr.DEROGATION_GROUNDS),
            help="administrative personal data: a derogation of Art. 50 of Regulation (EU) "
            "2018/1725 (with --justification and its --eudpr-condition)",
        )
        parser.add_argument(
            "--eudpr-condition",
            action="append",
            default=[],
            choices=list(eudpr.DEROGATION_CONDITIONS),
            help="a condition of that derogation the requester confirms (repeat for each)",
        )
        parser.add_argument("--json", action="store_true", help="print the answer as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None or not user.is_active:
            raise CommandError(f"There is no active user named {options['user']!r}.")
        if not user_can(user, ADD, TransferAssessment):
            raise CommandError(
                f"{options['user']!r} may not request transfer assessments: their role must be "
                "case officer, cooperation officer or administrator."
            )
        try:
            as_of = parse_as_of(options["as_of"])
        except ValueError as error:
            raise CommandError(
                f"--as-of {options['as_of']!r} is not a date: write it YYYY-MM-DD."
            ) from error
        try:
            request = transfer_request(
                data_category=options["data"],
                as_of=as_of,
                necessity=options["necessity"],
                receiving_authority=options["receiving_authority"],
                receiving_authority_competent=options["authority_competent"],
                originating_member_state=options["originating_member_state"],
                member_state_authorisation=options["authorisation"],
                urgent_threat=options["urgent_threat"],
                authorisation_not_in_time=options["not_in_good_time"],
                onward_transfer_to=options["onward_transfer_to"],
                onward_transfer_authorised=options["onward_transfer_authorised"],
                onward_origin_authorised=options["onward_origin_authorised"],
                onward_weighing=options["onward_weighing"],
                safeguards_self_assessment=options["self_assessment"],
                derogation=options["derogation"],
                justification=options["justification"],
                rights_balancing=options["rights_balancing"],
                core_international_crimes_evidence=options["core_crimes_evidence"],
                provider_approval=options["provider_approval"],
                recipient_sector=options["recipient_sector"],
                eudpr_derogation=options["eudpr_derogation"],
                eudpr_conditions=options["eudpr_condition"],
            )
            assessment = assessment_create(
                user=user, partner_code=options["partner"], request=request
            )
        except ValidationError as error:
            problems = [
                f"{field}: {problem}"
                for field, messages in error.message_dict.items()
                for problem in messages
            ]
            raise CommandError("Nothing was recorded. " + " ".join(problems)) from error
        if options["json"]:
            data = TransferAssessmentSerializer(assessment).data
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            self.stdout.write(answer_text(assessment))


DECISION_WORDS = {
    "allowed": "ALLOWED",
    "allowed_with_conditions": "ALLOWED WITH CONDITIONS",
    "refused": "REFUSED",
    "referred": "REFERRED",
}


def answer_text(assessment: TransferAssessment) -> str:
    """The answer as a person reads it on a terminal."""
    lines = [
        f"{DECISION_WORDS[assessment.decision]}: "
        f"{assessment.get_data_category_display()} to {assessment.partner.name_in_sentence} "
        f"({assessment.partner_code}), as of {assessment.as_of:%Y-%m-%d}.",
    ]

    def section(title: str, items: list[str]) -> None:
        if items:
            lines.extend(["", title, *(f"  - {item}" for item in items)])

    section(
        "Legal bases (the first is the primary one):",
        [
            f"{basis['provision']}"
            + (f": {basis['instrument']['title']}" if basis["instrument"] else "")
            + (" [unverified]" if basis["unverified"] else "")
            for basis in assessment.legal_bases
        ],
    )
    section(
        "Why:",
        [
            reason["text"] + (" [unverified]" if reason["unverified"] else "")
            for reason in assessment.reasons
        ],
    )
    section("Conditions:", assessment.conditions)
    section("Follow-ups:", assessment.follow_ups)
    section("What would make it lawful:", assessment.missing)
    lines.extend(["", f"Recorded as assessment {assessment.pk} ({assessment.get_absolute_url()})."])
    return "\n".join(lines)
