from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from liaison.core.api.permissions import ActionPermission
from liaison.core.api.serializers import drf_validation_error
from liaison.core.api.views import LiaisonModelViewSet, LiaisonReadOnlyViewSet
from liaison.core.permissions import ADD, CHANGE, VIEW
from liaison.instruments.api.serializers import (
    ChangeProposalSerializer,
    InstrumentCreatedSerializer,
    InstrumentEventChangeSerializer,
    InstrumentEventSerializer,
    InstrumentSerializer,
    InstrumentTransitionSerializer,
    ProposalDecisionSerializer,
)
from liaison.instruments.filtersets import InstrumentFilterSet, ProposalFilterSet
from liaison.instruments.models import ChangeProposal, Instrument, InstrumentEvent
from liaison.instruments.permissions import Refusal, may_approve, may_reject
from liaison.instruments.selectors import (
    instrument_detail,
    instrument_list,
    instrument_rows_attach,
    proposal_list,
)
from liaison.instruments.services import (
    change_proposal_approve,
    change_proposal_reject,
    instrument_event_change,
    instrument_transition,
)
from liaison.sources.selectors import citations_prefetch

AS_OF = OpenApiParameter(
    "as_of",
    OpenApiTypes.DATE,
    description="Compute statuses on this date (YYYY-MM-DD) instead of today.",
)


# Lists take as_of from their filter set; the detail needs it declared.
@extend_schema_view(
    retrieve=extend_schema(parameters=[AS_OF]),
    create=extend_schema(
        responses={201: InstrumentCreatedSerializer},
        description=(
            "Create an instrument with its citations and at least one event, the whole history "
            "checked against the lifecycle table. For a type that can carry personal data the "
            "events are not recorded: each becomes a pending proposal (listed in `proposals`) "
            "that a second person approves at /api/proposals/{id}/approve/."
        ),
    ),
)
class InstrumentViewSet(LiaisonModelViewSet):
    """Instruments of cooperation with their dated events and sources.

    Create one with its citations and at least one event; later changes to events go
    through the lifecycle (not part of this endpoint)."""

    def create(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        response = super().create(request, *args, **kwargs)
        proposals = proposal_list().filter(instrument_id=response.data["id"]).order_by("pk")
        response.data["proposals"] = ChangeProposalSerializer(proposals, many=True).data
        return response

    queryset = Instrument.objects.all()
    serializer_class = InstrumentSerializer
    filterset_class = InstrumentFilterSet
    action_permissions = {
        "events": ActionPermission(
            ADD, InstrumentEvent, "Your role may not record lifecycle events."
        ),
        "event": ActionPermission(
            CHANGE, InstrumentEvent, "Your role may not change lifecycle events."
        ),
    }
    history_children = {
        "instruments.instrumentevent": "instrument",
        "instruments.changeproposal": "instrument",
    }

    def get_queryset(self) -> QuerySet[Any]:
        if self.action == "list":
            # The page's citations and events are attached once it is cut (below).
            return instrument_list(on=self.as_of).order_by("partner__name", "type", "key")
        return instrument_detail(on=self.as_of).order_by("partner__name", "type", "key")

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        if self.action == "list":
            instrument_rows_attach(page or [])
        return page

    @extend_schema(
        request=InstrumentTransitionSerializer,
        responses={
            201: InstrumentEventSerializer,
            202: ChangeProposalSerializer,
        },
        filters=False,
        description=(
            "Record the next step of the instrument's life. Refused (400) with the possible "
            "moves when the step cannot follow its history. For an instrument that can carry "
            "personal data the step becomes a pending proposal (202) that a second person "
            "approves at /api/proposals/{id}/approve/; otherwise it is recorded (201)."
        ),
    )
    @action(detail=True, methods=["post"], url_path="events", url_name="events")
    def events(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        instrument = self.get_object()
        serializer = InstrumentTransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            result = instrument_transition(
                instrument=instrument,
                event_kind=data["kind"],
                date=data["date"],
                date_precision=data["date_precision"],
                source=data["source"],
                location=data["location"],
                confidence=data["confidence"],
                note=data["note"],
                user=request.user,
            )
        except DjangoValidationError as error:
            raise drf_validation_error(error) from error
        if isinstance(result, ChangeProposal):
            return Response(ChangeProposalSerializer(result).data, status=status.HTTP_202_ACCEPTED)
        event = InstrumentEvent.objects.prefetch_related(citations_prefetch()).get(pk=result.pk)
        return Response(InstrumentEventSerializer(event).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=InstrumentEventChangeSerializer,
        responses={200: InstrumentEventSerializer, 202: ChangeProposalSerializer},
        filters=False,
        description=(
            "Correct the date (or note) of one of the instrument's events. For an instrument "
            "that can carry personal data a new date is a pending proposal (202)."
        ),
    )
    @action(
        detail=True,
        methods=["patch"],
        url_path=r"events/(?P<event_id>[0-9]+)",
        url_name="event",
    )
    def event(self, request: Any, event_id: str, *args: Any, **kwargs: Any) -> Response:
        instrument = self.get_object()
        found = instrument.events.filter(pk=event_id).first()
        if found is None:
            raise NotFound("This instrument has no such event.")
        serializer = InstrumentEventChangeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            result = instrument_event_change(
                event=found,
                date=data["date"],
                date_precision=data["date_precision"],
                note=data.get("note"),
                user=request.user,
            )
        except DjangoValidationError as error:
            raise drf_validation_error(error) from error
        if isinstance(result, ChangeProposal):
            return Response(ChangeProposalSerializer(result).data, status=status.HTTP_202_ACCEPTED)
        event = InstrumentEvent.objects.prefetch_related(citations_prefetch()).get(pk=result.pk)
        return Response(InstrumentEventSerializer(event).data)


def _refuse(refusal: Refusal | None) -> None:
    """A role that may not decide is 403; a refusal about this proposal or person is 400."""
    if refusal is None:
        return
    if refusal.by_role:
        raise PermissionDenied(refusal.message)
    raise drf_validation_error(DjangoValidationError(refusal.message))


class ChangeProposalViewSet(LiaisonReadOnlyViewSet):
    """Proposed changes to legal bases (four eyes), pending first. Filter with `status`.

    Approve or reject one with POST to its `approve/` or `reject/`: the proposer cannot
    approve their own; approval applies the change in one transaction."""

    queryset = proposal_list()
    serializer_class = ChangeProposalSerializer
    filterset_class = ProposalFilterSet
    # Reading the proposal opens the door; who may decide is may_approve / may_reject.
    action_permissions = {
        "approve": ActionPermission(VIEW, ChangeProposal, "Your role may not read proposals."),
        "reject": ActionPermission(VIEW, ChangeProposal, "Your role may not read proposals."),
    }
    # A proposal's changes are shown in its instrument's history.
    offers_history = False

    @extend_schema(request=None, responses=ChangeProposalSerializer, filters=False)
    @action(detail=True, methods=["post"])
    def approve(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        proposal = self.get_object()
        _refuse(may_approve(request.user, proposal))
        try:
            proposal = change_proposal_approve(proposal=proposal, user=request.user)
        except DjangoValidationError as error:
            raise drf_validation_error(error) from error
        return Response(ChangeProposalSerializer(proposal).data)

    @extend_schema(
        request=ProposalDecisionSerializer, responses=ChangeProposalSerializer, filters=False
    )
    @action(detail=True, methods=["post"])
    def reject(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        proposal = self.get_object()
        _refuse(may_reject(request.user, proposal))
        decision = ProposalDecisionSerializer(data=request.data)
        decision.is_valid(raise_exception=True)
        try:
            proposal = change_proposal_reject(
                proposal=proposal, user=request.user, reason=decision.validated_data["reason"]
            )
        except DjangoValidationError as error:
            raise drf_validation_error(error) from error
        return Response(ChangeProposalSerializer(proposal).data)
