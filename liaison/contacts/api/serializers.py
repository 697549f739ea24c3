from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from liaison.contacts.choices import (
    ENDED_STATUSES,
    AppointingBodyKind,
    InteractionKind,
    OfficerKind,
)
from liaison.contacts.models import (
    ContactPoint,
    Interaction,
    LiaisonOfficer,
    Meeting,
    MeetingInvitation,
)
from liaison.contacts.services import (
    contact_point_create,
    interaction_create,
    liaison_officer_create,
    meeting_create,
)
from liaison.core.api.serializers import drf_validation_error
from liaison.core.dates import date_within_bounds
from liaison.partners.models import Partner


class PartnerCodeField(serializers.SlugRelatedField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Partner.objects.all())
        super().__init__(slug_field="code", **kwargs)

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, str):
            data = data.strip().upper()
        return super().to_internal_value(data)


class ContactPointSerializer(serializers.ModelSerializer):
    partner = PartnerCodeField()
    appointing_body_kind = serializers.ChoiceField(choices=AppointingBodyKind.choices)
    languages = serializers.ListField(
        child=serializers.RegexField(r"^[a-z]{2}$", max_length=2), required=False
    )
    predecessor = serializers.PrimaryKeyRelatedField(read_only=True)
    successor = serializers.SerializerMethodField()

    class Meta:
        model = ContactPoint
        fields = [
            "id",
            "partner",
            "is_mailbox",
            "name",
            "role",
            "organisation",
            "languages",
            "email",
            "phone",
            "appointing_body_kind",
            "appointing_body",
            "appointed_on",
            "appointment_basis",
            "status",
            "ended_on",
            "predecessor",
            "successor",
            "anonymised_on",
        ]
        read_only_fields = ["status", "ended_on", "anonymised_on"]

    def get_successor(self, obj: ContactPoint) -> int | None:
        successor = getattr(obj, "successor", None)
        return successor.pk if successor is not None else None

    def create(self, validated_data: dict[str, Any]) -> ContactPoint:
        try:
            return contact_point_create(**validated_data)
        except DjangoValidationError as error:
            raise drf_validation_error(error) from error


class LiaisonOfficerSerializer(serializers.ModelSerializer):
    partner = PartnerCodeField()
    kind = serializers.ChoiceField(choices=OfficerKind.choices)
    # A post loaded from the reference data may have no e-mail (blank) and no known start
    # (null): the schema says so, and a person recorded through the API must give a start.
    email = serializers.CharField(allow_blank=True, required=False, max_length=254)
    started_on = serializers.DateField(
        allow_null=True, help_text="Null only for posts whose start the sources do not give."
    )

    class Meta:
        model = LiaisonOfficer
        fields = ["id", "kind", "partner", "name", "email", "phone", "started_on", "ended_on"]
        # A person recorded in the app has a name and a start; only loaded posts lack them.
        extra_kwargs = {"name": {"required": True, "allow_blank": False}}

    def validate_email(self, value: str) -> str:
        # Checked here rather than as a field validator, which the schema would turn into
        # `format: email` and so refuse the blank e-mail of a loaded post.
        if value:
            try:
                EmailValidator()(value)
            except DjangoValidationError as error:
                raise serializers.ValidationError(error.messages) from error
        return value

    def validate_started_on(self, value: datetime.date | None) -> datetime.date:
        if value is None:
            raise serializers.ValidationError(_("Give the day the service started."))
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        ended = attrs.get("ended_on")
        if ended and ended < attrs["started_on"]:
            raise serializers.ValidationError(
                {"ended_on": ["Service cannot end before it started."]}
            )
        return attrs

    def create(self, validated_data: dict[str, Any]) -> LiaisonOfficer:
        try:
            return liaison_officer_create(**validated_data)
        except DjangoValidationError as error:
            raise drf_validation_error(error) from error


class InteractionSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=InteractionKind.choices)
    partners = PartnerCodeField(many=True, required=False)
    contact_points = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=ContactPoint.objects.select_related("partner")
    )

    class Meta:
        model = Interaction
        fields = ["id", "kind", "date", "summary", "follow_ups", "contact_points", "partners"]

    def create(self, validated_data: dict[str, Any]) -> Interaction:
        try:
            return interaction_create(user=self.context["request"].user, **validated_data)
        except DjangoValidationError as error:
            raise drf_validation_error(error) from error


@extend_schema_serializer(deprecate_fields=["engagement"])
class ChannelContactSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    mailbox = serializers.BooleanField()
    role = serializers.CharField(allow_blank=True)
    organisation = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)
    phone = serializers.CharField(allow_blank=True)
    languages = serializers.ListField(child=serializers.CharField())
    guide_language = serializers.CharField(allow_null=True)
    activity = serializers.CharField(
        allow_null=True,
        help_text="Contact activity over the window: regular, sporadic or dormant; null for a "
        "liaison officer.",
    )
    engagement = serializers.CharField(
        allow_null=True,
        help_text="Deprecated: the same value as `activity`, under its former name. Read "
        "`activity`; this alias will be removed in a later version.",
    )
    last_interaction = serializers.DateField(allow_null=True)


class TransferOutlookSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    data_category = serializers.CharField()
    decision = serializers.CharField()
    route = serializers.CharField(allow_null=True)
    route_label = serializers.CharField(allow_blank=True)
    provision = serializers.CharField(allow_blank=True)
    instrument = serializers.CharField(allow_null=True)
    summary = serializers.CharField(allow_blank=True)


class PartnerNameSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class MeasuredResponsivenessSerializer(serializers.Serializer):
    """Outgoing exchanges through this channel in the last 12 months (liaison.cases)."""

    exchanges = serializers.IntegerField()
    median_days_to_acknowledge = serializers.FloatField(allow_null=True)
    median_days_to_answer = serializers.FloatField(allow_null=True)
    share_answered_within_30_days = serializers.FloatField(allow_null=True)
    share_answered_within_90_days = serializers.FloatField(allow_null=True)
    share_refused = serializers.FloatField(allow_null=True)


class ChannelSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    organisation = serializers.CharField(allow_blank=True)
    why = serializers.CharField()
    fallback = serializers.BooleanField()
    via = PartnerNameSerializer(allow_null=True)
    carries = serializers.CharField(
        help_text="What operational personal data may go (an indication)."
    )
    operational_personal_data = TransferOutlookSerializer(allow_null=True)
    measured = MeasuredResponsivenessSerializer(
        allow_null=True,
        help_text="Measured responsiveness beside the legal ranking (null without exchanges).",
    )
    contacts = ChannelContactSerializer(
        many=True,
        allow_null=True,
        help_text="Contact details: null for roles that may not see personal data. At most "
        "the ten longest-appointed contact points of the channel.",
    )
    contacts_total = serializers.IntegerField(
        help_text="How many contact points or liaison officers the channel has, named or not."
    )
    contacts_more = serializers.IntegerField(
        help_text="How many of them `contacts` does not name (0 when it names them all)."
    )
    all_contacts = serializers.URLField(
        allow_null=True,
        help_text="When `contacts_more` is above 0: the paginated list of all the channel's "
        "active contact points (`/api/contact-points/?partner=CODE&status=active`); "
        "null otherwise, and null for roles that may not see contact points (as `contacts`).",
    )


class ChannelsAnswerSerializer(serializers.Serializer):
    partner = PartnerNameSerializer()
    as_of = serializers.DateField()
    contact_details_shown = serializers.BooleanField()
    channels = ChannelSerializer(many=True)


class ContactPointEndSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[(s.value, s.label) for s in ENDED_STATUSES])
    on = serializers.DateField(
        help_text="The day the appointment ended.", validators=[date_within_bounds]
    )


class ContactPointReplaceSerializer(serializers.Serializer):
    """The successor: what is not given is taken from the predecessor (partner,
    organisation, appointing body)."""

    appointed_on = serializers.DateField(validators=[date_within_bounds])
    name = serializers.CharField(max_length=200)
    is_mailbox = serializers.BooleanField(required=False, default=False)
    role = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    organisation = serializers.CharField(max_length=200, required=False)
    appointing_body = serializers.CharField(max_length=200, required=False)
    appointment_basis = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default=""
    )
    languages = serializers.ListField(
        child=serializers.RegexField(r"^[a-z]{2}$", max_length=2), required=False, default=list
    )
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")


class MeetingInvitationSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeetingInvitation
        fields = ["contact_point", "attended"]


class MeetingSerializer(serializers.ModelSerializer):
    invitees = serializers.PrimaryKeyRelatedField(
        many=True,
        write_only=True,
        required=False,
        queryset=ContactPoint.objects.all(),
        help_text="Contact point ids to invite.",
    )
    invitations = MeetingInvitationSerializer(many=True, read_only=True)
    languages_needed = serializers.ListField(
        child=serializers.RegexField(r"^[a-z]{2}$", max_length=2),
        required=False,
        help_text="Default: the guide languages of the invitees.",
    )

    class Meta:
        model = Meeting
        fields = ["id", "title", "date", "languages_needed", "notes", "invitees", "invitations"]

    def create(self, validated_data: dict[str, Any]) -> Meeting:
        try:
            return meeting_create(**validated_data)
        except DjangoValidationError as error:
            raise drf_validation_error(error) from error


class MeetingAttendanceSerializer(serializers.Serializer):
    attended = serializers.PrimaryKeyRelatedField(
        many=True, queryset=ContactPoint.objects.all(), help_text="Contact point ids who came."
    )
