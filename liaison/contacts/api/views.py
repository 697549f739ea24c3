from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from liaison.cases.selectors import responsiveness
from liaison.contacts.api.serializers import (
    ChannelsAnswerSerializer,
    ContactPointEndSerializer,
    ContactPointReplaceSerializer,
    ContactPointSerializer,
    InteractionSerializer,
    LiaisonOfficerSerializer,
    MeetingAttendanceSerializer,
    MeetingSerializer,
)
from liaison.contacts.filtersets import ContactPointFilterSet
from liaison.contacts.models import (
    ContactPoint,
    Interaction,
    LiaisonOfficer,
    Meeting,
    MeetingInvitation,
)
from liaison.contacts.selectors import CHANNEL_CONTACTS_SHOWN, channel_contacts, channels_for
from liaison.contacts.services import (
    contact_point_end,
    contact_point_replace,
    meeting_attendance_record,
)
from liaison.core.api.permissions import LiaisonPermission
from liaison.core.api.serializers import drf_validation_error
from liaison.core.api.views import LiaisonModelViewSet
from liaison.core.dates import today
from liaison.core.permissions import VIEW, user_can
from liaison.core.services import access_record
from liaison.partners.models import Partner


class ChannelsView(APIView):
    """How to reach a partner's authorities: the ranked channels, why each applies and what
    it may carry (the transfer engine's answer for operational personal data today, an
    indication that records nothing). Contact details are `null` for the viewer role;
    for other roles every contact shown is written to the access log. A channel names its
    ten longest-appointed contact points; `contacts_total` says how many it has and
    `all_contacts` links to the paginated list of all of them."""

    permission_classes = [LiaisonPermission]
    queryset = Partner.objects.all()

    @extend_schema(responses={200: ChannelsAnswerSerializer}, operation_id="partners_channels")
    def get(self, request: Request, code: str) -> Response:
        partner = get_object_or_404(Partner, code=code.upper())
        on = today()
        channels = channels_for(partner=partner, on=on, contacts_limit=CHANNEL_CONTACTS_SHOWN)
        show_contacts = user_can(request.user, VIEW, ContactPoint)
        if show_contacts:
            access_record(user=request.user, objects=channel_contacts(channels), request=request)
        # Measured responsiveness per channel (liaison.cases): evidence beside the ranking.
        measured = responsiveness(end=on, partner_ids=[partner.pk]).per_channel
        answer = {
            "partner": {"code": partner.code, "name": partner.name},
            "as_of": on,
            "contact_details_shown": show_contacts,
            "channels": [
                {
                    **channel.to_dict(
                        show_contacts=show_contacts,
                        list_url=self._list_url(request, channel.contacts_list_query),
                    ),
                    "measured": figures.as_dict()
                    if (figures := measured.get((partner.pk, channel.kind)))
                    else None,
                }
                for channel in channels
            ],
        }
        return Response(ChannelsAnswerSerializer(answer).data)

    @staticmethod
    def _list_url(request: Request, query: str | None) -> str | None:
        if query is None:
            return None
        return request.build_absolute_uri(f"{reverse('contact-point-list')}?{query}")


class _ReadAndCreateViewSet(LiaisonModelViewSet):
    # Records are created through the services; changes go through the administration.
    http_method_names = ["get", "post", "head", "options"]


class ContactPointViewSet(_ReadAndCreateViewSet):
    """The agency's contact points (personal data: every read is in the access log).

    Filter with `partner` (a code), `status` and `search`, as the contact-point list does."""

    queryset = ContactPoint.objects.all()
    serializer_class = ContactPointSerializer
    filterset_class = ContactPointFilterSet

    def get_queryset(self) -> QuerySet[Any]:
        return ContactPoint.objects.select_related("partner", "successor").order_by(
            "partner__name", "-appointed_on", "pk"
        )

    def _answer(self, contact_point: ContactPoint, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=contact_point.pk)
        return Response(ContactPointSerializer(fresh).data, status=code)

    @extend_schema(request=ContactPointEndSerializer, responses={200: ContactPointSerializer})
    @action(detail=True, methods=["post"])
    def end(self, request: Request, pk: str | None = None) -> Response:
        """The appointment lapsed or was withdrawn on a day; the record is kept."""
        contact_point = self.get_object()
        serializer = ContactPointEndSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            ended = contact_point_end(contact_point=contact_point, **serializer.validated_data)
        except DjangoValidationError as error:
            raise drf_validation_error(error) from error
        return self._answer(ended)

    @extend_schema(request=ContactPointReplaceSerializer, responses={201: ContactPointSerializer})
    @action(detail=True, methods=["post"])
    def replace(self, request: Request, pk: str | None = None) -> Response:
        """A successor replaces this contact point, which lapses on the successor's
        appointment day and stays in the history."""
        contact_point = self.get_object()
        serializer = ContactPointReplaceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            with transaction.atomic():
                successor = contact_point_replace(
                    predecessor=contact_point, **serializer.validated_data
                )
        except DjangoValidationError as error:
            raise drf_validation_error(error) from error
        return self._answer(successor, status.HTTP_201_CREATED)


class LiaisonOfficerViewSet(_ReadAndCreateViewSet):
    """Liaison prosecutors seconded to the agency (Art. 54a) and liaison magistrates it
    posts abroad (Art. 53). Creating one is refused, with the reason, where the partner's
    instruments on the start date do not provide for it."""

    queryset = LiaisonOfficer.objects.all()
    serializer_class = LiaisonOfficerSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return LiaisonOfficer.objects.select_related("partner").order_by(
            "partner__name", "-started_on", "pk"
        )


class InteractionViewSet(_ReadAndCreateViewSet):
    """Interactions with contact points and partners: bilateral meetings, calls, letters,
    visits, contacts at a network meeting."""

    queryset = Interaction.objects.all()
    serializer_class = InteractionSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return Interaction.objects.prefetch_related("partners", "contact_points").order_by(
            "-date", "-pk"
        )


class MeetingViewSet(_ReadAndCreateViewSet):
    """Contact-point meetings at the agency: invitees, languages needed, attendance."""

    queryset = Meeting.objects.all()
    serializer_class = MeetingSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return Meeting.objects.prefetch_related(
            Prefetch("invitations", queryset=MeetingInvitation.objects.order_by("pk"))
        ).order_by("-date", "pk")

    @extend_schema(request=MeetingAttendanceSerializer, responses={200: MeetingSerializer})
    @action(detail=True, methods=["post"])
    def attendance(self, request: Request, pk: str | None = None) -> Response:
        """Record who came: every invitee is marked as attended or not."""
        meeting = self.get_object()
        serializer = MeetingAttendanceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            meeting_attendance_record(
                meeting=meeting, attended=serializer.validated_data["attended"]
            )
        except DjangoValidationError as error:
            raise drf_validation_error(error) from error
        return Response(MeetingSerializer(self.get_queryset().get(pk=meeting.pk)).data)
