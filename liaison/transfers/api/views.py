from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from liaison.core.api.serializers import drf_validation_error
from liaison.core.api.views import LiaisonModelViewSet, LiaisonReadOnlyViewSet
from liaison.transfers.api.serializers import (
    ProvisionSerializer,
    TransferAssessmentCreateSerializer,
    TransferAssessmentSerializer,
)
from liaison.transfers.filtersets import TransferAssessmentFilterSet
from liaison.transfers.models import ProvisionReview, TransferAssessment
from liaison.transfers.selectors import assessment_list, provision_states
from liaison.transfers.services import assessment_create, transfer_request


class TransferAssessmentViewSet(LiaisonModelViewSet):
    """May the agency send this data to this partner? Each question asked here is assessed
    against the rules of Regulation (EU) 2018/1727 and recorded, refusals included.

    Officers see the assessments they asked for; the data protection officer sees all.
    Filter with `partner` (code), `decision`, `route`, `data_category`, `requested_by`
    (user name), `assessed_after` and `assessed_before` (dates). An assessment is never
    changed or deleted."""

    queryset = TransferAssessment.objects.all()
    serializer_class = TransferAssessmentSerializer
    # An assessment never changes: the register itself is its history.
    offers_history = False
    filterset_class = TransferAssessmentFilterSet
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[Any]:
        return assessment_list(user=self.request.user)

    @extend_schema(
        request=TransferAssessmentCreateSerializer,
        responses={status.HTTP_201_CREATED: TransferAssessmentSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Assess a transfer and record the assessment."""
        if "as_of" in request.query_params:
            # Elsewhere `as_of` is a query parameter; here it belongs to the question asked.
            raise serializers.ValidationError(
                {"as_of": ["Give the date of the transfer in the body (as_of), not the address."]}
            )
        serializer = TransferAssessmentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        partner_code = fields.pop("partner")
        try:
            assessment = assessment_create(
                user=request.user, partner_code=partner_code, request=transfer_request(**fields)
            )
        except DjangoValidationError as error:
            raise drf_validation_error(error) from error
        answer = TransferAssessmentSerializer(assessment, context=self.get_serializer_context())
        return Response(
            answer.data,
            status=status.HTTP_201_CREATED,
            headers={
                "Location": reverse("transfer-assessment-detail", kwargs={"pk": assessment.pk})
            },
        )


class ProvisionViewSet(LiaisonReadOnlyViewSet):
    """Every provision the transfer engine cites, in the order of provisions.yaml, with its
    act, the address of the official text and whether it is checked (read only). Filter
    with `unverified=true` for those still unverified. A review is proposed and approved by
    two different people on the provisions page."""

    queryset = ProvisionReview.objects.all()
    serializer_class = ProvisionSerializer
    lookup_field = "key"
    lookup_value_regex = "[a-z0-9_]+"
    filter_backends: list[Any] = []
    # A provision's reviews are records of their own, shown on the page; no history here.
    offers_history = False
    # Read only: a review is proposed and approved on the page (405 for anything else).
    http_method_names = ["get", "head", "options"]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "unverified", OpenApiTypes.BOOL, description="Only provisions still unverified."
            )
        ]
    )
    def list(self, request: Request) -> Response:
        raw = request.query_params.get("unverified", "").strip().lower()
        if raw not in {"", "true", "false", "1", "0"}:
            raise serializers.ValidationError({"unverified": ["Use true or false."]})
        states = provision_states(unverified_only=raw in {"true", "1"})
        page = self.paginate_queryset(states)
        return self.get_paginated_response(ProvisionSerializer(page, many=True).data)

    def retrieve(self, request: Request, key: str) -> Response:
        for state in provision_states():
            if state.key == key:
                return Response(ProvisionSerializer(state).data)
        raise NotFound(f"The engine cites no provision “{key}”.")
