from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from liaison.contacts.api.serializers import (
    ChannelsAnswerSerializer,
    ContactPointSerializer,
    InteractionSerializer,
    LiaisonOfficerSerializer,
)
from liaison.contacts.models import ContactPoint, Interaction, LiaisonOfficer
from liaison.contacts.selectors import channel_contacts, channels_for
from liaison.core.api.permissions import LiaisonPermission
from liaison.core.api.views import LiaisonModelViewSet
from liaison.core.permissions import user_can
from liaison.core.services import access_record
from liaison.partners.models import Partner


class ChannelsView(APIView):
    """How to reach a partner's authorities: the ranked channels, why each applies and what
    it may carry (the transfer engine's answer for operational personal data today, an
    indication that records nothing). Contact details are `null` for the viewer role;
    for other roles every contact shown is written to the access log."""

    permission_classes = [LiaisonPermission]
    queryset = Partner.objects.all()

    @extend_schema(responses={200: ChannelsAnswerSerializer}, operation_id="partners_channels")
    def get(self, request: Request, code: str) -> Response:
        partner = get_object_or_404(Partner, code=code.upper())
        on = timezone.localdate(timezone=timezone.get_default_timezone())
        channels = channels_for(partner=partner, on=on)
        show_contacts = user_can(request.user, "view", ContactPoint)
        if show_contacts:
            access_record(user=request.user, objects=channel_contacts(channels), request=request)
        answer = {
            "partner": {"code": partner.code, "name": partner.name},
            "as_of": on,
            "contact_details_shown": show_contacts,
            "channels": [channel.to_dict(show_contacts=show_contacts) for channel in channels],
        }
        return Response(ChannelsAnswerSerializer(answer).data)


class _ReadAndCreateViewSet(LiaisonModelViewSet):
    # Records are created through the services; changes go through the administration.
    http_method_names = ["get", "post", "head", "options"]

    def check_permissions(self, request: Request) -> None:
        # A signed-in caller is told the method is not offered here, whatever the role.
        refused = request.method and request.method.lower() not in self.http_method_names
        if refused and request.user and request.user.is_authenticated:
            raise MethodNotAllowed(str(request.method))
        super().check_permissions(request)


class ContactPointViewSet(_ReadAndCreateViewSet):
    """The agency's contact points (personal data: every read is in the access log)."""

    queryset = ContactPoint.objects.all()
    serializer_class = ContactPointSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return ContactPoint.objects.select_related("partner", "successor").order_by(
            "partner__name", "-appointed_on", "pk"
        )


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
    """Meetings, calls, letters and visits with contact points and partners."""

    queryset = Interaction.objects.all()
    serializer_class = InteractionSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return Interaction.objects.prefetch_related("partners", "contact_points").order_by(
            "-date", "-pk"
        )
