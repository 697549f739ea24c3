from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.request import Request
from rest_framework.response import Response

from liaison.core.api.serializers import drf_validation_error
from liaison.core.api.views import LiaisonModelViewSet
from liaison.transfers.api.serializers import (
    TransferAssessmentCreateSerializer,
    TransferAssessmentSerializer,
)
from liaison.transfers.filtersets import TransferAssessmentFilterSet
from liaison.transfers.models import TransferAssessment
from liaison.transfers.selectors import assessment_list
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
    history = None
    filterset_class = TransferAssessmentFilterSet
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[Any]:
        return assessment_list(user=self.request.user)

    def check_permissions(self, request: Request) -> None:
        # Nobody may change the register: a signed-in caller is told so, whatever the role.
        refused = request.method and request.method.lower() not in self.http_method_names
        if refused and request.user and request.user.is_authenticated:
            raise MethodNotAllowed(str(request.method))
        super().check_permissions(request)

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
