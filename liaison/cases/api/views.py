"""Casework in the API: /api/cases/, /api/cases/{id}/exchanges/, /api/exchanges/,
/api/operations/ and /api/joint-investigation-teams/; the figures (/api/casework/figures/),
which every role reads, the viewer included: counts only, never a case."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from liaison.cases.api.serializers import (
    CaseSerializer,
    CaseworkFiguresSerializer,
    ExchangeSerializer,
    JointInvestigationTeamSerializer,
    OperationSerializer,
)
from liaison.cases.filtersets import CaseFilterSet, ExchangeFilterSet
from liaison.cases.models import Exchange
from liaison.cases.selectors import (
    case_list,
    casework_report,
    exchange_list,
    jit_list,
    operation_list,
)
from liaison.cases.services import exchange_delete
from liaison.cases.views import report_period
from liaison.core.api.permissions import ActionPermission, HasRole
from liaison.core.api.serializers import drf_validation_error
from liaison.core.api.views import INCLUDE_DEMO, LiaisonModelViewSet
from liaison.core.permissions import ADD
from liaison.core.views import wants_demo


class _CaseworkViewSet(LiaisonModelViewSet):
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]


class CaseViewSet(_CaseworkViewSet):
    """Cases: pointers to the CMS (operational: refused to the viewer, every read logged).
    Case officers record and change them; `demo=true` includes the fictitious demo cases."""

    queryset = case_list()
    serializer_class = CaseSerializer
    filterset_class = CaseFilterSet
    history_children = {"cases.exchange": "case", "cases.operation": "case"}
    action_permissions = {
        "exchanges": ActionPermission(
            ADD, Exchange, "Your role may not record exchanges.", methods=("POST",)
        )
    }

    @extend_schema(
        request=ExchangeSerializer,
        responses={200: ExchangeSerializer(many=True), 201: ExchangeSerializer},
        filters=False,
        parameters=[
            OpenApiParameter(name, OpenApiTypes.STR, description=str(field.label or name))
            for name, field in ExchangeFilterSet.base_filters.items()
        ],
        description=(
            "GET: the case's exchanges, with the filters of /api/exchanges/. POST: record an "
            "exchange in this case, through the transfer gate."
        ),
    )
    @action(detail=True, methods=["get", "post"], serializer_class=ExchangeSerializer)
    def exchanges(self, request: Request, pk: str | None = None) -> Response:
        case = self.get_object()
        if request.method == "POST":
            serializer = ExchangeSerializer(
                data=request.data, context={**self.get_serializer_context(), "case": case}
            )
            serializer.is_valid(raise_exception=True)
            self._save(serializer)
            return Response(serializer.data, status=status.HTTP_201_CREATED)
        filterset = ExchangeFilterSet(
            request.query_params, queryset=exchange_list().filter(case=case), request=request
        )
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        queryset = filterset.qs
        page = self.paginate_queryset(queryset)
        data = ExchangeSerializer(page, many=True, context=self.get_serializer_context()).data
        return self.get_paginated_response(data)

    def filter_queryset(self, queryset: Any) -> Any:
        # The filters choose what a list shows; one case (or its exchanges) is found by id,
        # a demo case included.
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    def _save(self, serializer: Any) -> None:
        if self.action == "exchanges":
            try:
                with transaction.atomic():
                    instance = serializer.save()
            except DjangoValidationError as error:
                raise drf_validation_error(error) from error
            serializer.instance = exchange_list().get(pk=instance.pk)
            return
        super()._save(serializer)


class ExchangeViewSet(_CaseworkViewSet):
    """Exchanges of every case, filtered by partner, kind, direction, status (outcome),
    overdue and sending dates. Writes go through the transfer gate."""

    queryset = exchange_list()
    serializer_class = ExchangeSerializer
    filterset_class = ExchangeFilterSet

    def destroy_instance(self, instance: Exchange) -> None:
        exchange_delete(exchange=instance)


class OperationViewSet(_CaseworkViewSet):
    """Coordinated action days (operational: refused to the viewer, every read logged)."""

    queryset = operation_list()
    serializer_class = OperationSerializer


class JointInvestigationTeamViewSet(_CaseworkViewSet):
    """Joint investigation teams: parties, participating organisations, signature, end."""

    queryset = jit_list()
    serializer_class = JointInvestigationTeamSerializer
    lookup_field = "key"
    lookup_value_regex = "[-a-zA-Z0-9_]+"


class CaseworkFiguresView(APIView):
    """The casework report as data: cases, exchanges, JITs and action days in a year or a
    period, per non-EU partner and per crime area. Counts only, no case, no reference and no
    title: every role reads it, the viewer included. Demo cases are left out unless
    `include_demo`."""

    permission_classes = [HasRole]

    @extend_schema(
        responses={200: CaseworkFiguresSerializer},
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, description="A calendar year."),
            OpenApiParameter("from", OpenApiTypes.DATE, description="Start of the period."),
            OpenApiParameter("to", OpenApiTypes.DATE, description="End of the period."),
            INCLUDE_DEMO,
        ],
        operation_id="casework_figures",
    )
    def get(self, request: Request) -> Response:
        start, end, problem = report_period(request._request)
        if problem:
            field = "year" if request.query_params.get("year") else "from"
            raise ValidationError({field: [problem]})
        include_demo = wants_demo(request.query_params.get("include_demo"))
        report = casework_report(start=start, end=end, include_demo=include_demo)
        answer = {
            "start": report.start,
            "end": report.end,
            "include_demo": report.include_demo,
            "demo_present": report.demo_present,
            "cases": report.cases,
            "cases_with_partners": report.cases_with_partners,
            "exchanges": report.exchanges,
            "jits": report.jits,
            "action_days": report.action_days,
            "partners": [
                {
                    "code": row.partner.code,
                    "name": row.partner.name,
                    "cases": row.cases,
                    "exchanges": row.exchanges,
                    "jits": row.jits,
                    "action_days": row.action_days,
                }
                for row in report.partners
            ],
            "crime_areas": [
                {"crime_area": area, "cases": count} for area, count in report.crime_areas
            ],
        }
        return Response(CaseworkFiguresSerializer(answer).data)
