from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from liaison.core.api.pagination import ApiCappedCountPaginator, LiaisonPagination
from liaison.core.api.permissions import ActionPermission
from liaison.core.api.views import LiaisonModelViewSet
from liaison.core.permissions import VIEW
from liaison.core.services import access_record
from liaison.engagements.api.serializers import (
    EngagementParticipantSerializer,
    EngagementSerializer,
    ProjectSerializer,
)
from liaison.engagements.calendar import upcoming_engagements_ics
from liaison.engagements.filtersets import EngagementFilterSet, with_known_count
from liaison.engagements.models import Engagement, EngagementParticipant, Project
from liaison.engagements.selectors import (
    engagement_list,
    name_newest_engagements,
    project_list,
)
from liaison.engagements.services import engagement_delete


class ICalendarRenderer(BaseRenderer):
    """An iCalendar document (RFC 5545), already written as text."""

    media_type = "text/calendar"
    format = "ics"
    charset = "utf-8"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: dict[str, Any] | None = None,
    ) -> bytes:
        return str(data).encode("utf-8")


class CalendarNegotiation(BaseContentNegotiation):
    """The calendar is only ever iCalendar, whatever the client says it accepts."""

    def select_parser(self, request: Request, parsers: Any) -> Any:
        return parsers[0] if parsers else None

    def select_renderer(self, request: Request, renderers: Any, format_suffix: Any = None) -> Any:
        return renderers[0], renderers[0].media_type


class _LimitedMethodsViewSet(LiaisonModelViewSet):
    lookup_field = "key"
    lookup_value_regex = "[-a-zA-Z0-9_]+"


class EngagementPagination(LiaisonPagination):
    """The API's pages, with the count the partner filter already read, if it did."""

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> Any:
        def paginator(rows: Any, per_page: int) -> ApiCappedCountPaginator:
            return with_known_count(ApiCappedCountPaginator(rows, per_page), request)

        self.django_paginator_class = paginator  # type: ignore[assignment]
        return super().paginate_queryset(queryset, request, view)


class EngagementViewSet(_LimitedMethodsViewSet):
    """Meetings, visits, conferences and action days with the partners involved (by code),
    the project that supported them and the strategy's key actions they served (by key).
    Cooperation officers and administrators record, change (PATCH) and delete them; a
    deletion takes the engagement's participants with it.

    Filter with `partner` (a code, involved or co-organising), `kind`, `project`,
    `key_action`, `date_from`, `date_to` and `search`, as the engagement list does."""

    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    queryset = engagement_list()
    serializer_class = EngagementSerializer
    action_permissions = {
        "participants": ActionPermission(
            VIEW, EngagementParticipant, "Your role may not see the people who took part."
        )
    }
    filterset_class = EngagementFilterSet
    pagination_class = EngagementPagination

    def destroy_instance(self, instance: Engagement) -> None:
        engagement_delete(engagement=instance)

    @extend_schema(
        responses={200: EngagementParticipantSerializer(many=True)},
        filters=False,
        description=(
            "Who took part: administrative personal data, refused (403) to roles that may "
            "not see personal data; every participant shown is written to the access log."
        ),
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def participants(self, request: Request, key: str | None = None) -> Response:
        engagement = self.get_object()
        participants = list(engagement.participants.select_related("partner"))
        access_record(user=request.user, objects=participants, request=request)
        return Response(EngagementParticipantSerializer(participants, many=True).data)

    @extend_schema(
        responses={(200, "text/calendar"): OpenApiTypes.STR},
        filters=False,
        description=(
            "Upcoming engagements (and the yearly ones) as an iCalendar file (RFC 5545), "
            "for programs that hold an API token. Holds no personal data."
        ),
    )
    @action(
        detail=False,
        methods=["get"],
        renderer_classes=[ICalendarRenderer],
        content_negotiation_class=CalendarNegotiation,
        pagination_class=None,
        filter_backends=[],
    )
    def calendar(self, request: Request) -> Response:
        return Response(upcoming_engagements_ics())

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        # A refusal is JSON, as everywhere in the API, even where success is iCalendar.
        refusal = isinstance(response, Response) and response.status_code >= 400
        if refusal and isinstance(response.accepted_renderer, ICalendarRenderer):
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = "application/json"
        return response


class ProjectViewSet(_LimitedMethodsViewSet):
    """EU-funded projects with their funding instrument, period, regions, partners and the
    newest ten engagements they supported, with how many and a link to all of them (read
    only; they come from the reference data)."""

    http_method_names = ["get", "head", "options"]
    queryset = project_list()
    serializer_class = ProjectSerializer

    # Each project names its newest engagements only (one query for a page of projects).
    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        if page is None or queryset.model is not Project:  # e.g. the history action's pages
            return page
        return name_newest_engagements(list(page))

    def get_object(self) -> Any:
        return name_newest_engagements([super().get_object()])[0]
