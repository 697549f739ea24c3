"""The necessity ranking in the API (`GET /api/necessity/`: every role reads ranks and
recommendations; those who may read cases also the figures and the links to the cases) and
saved analyses (`/api/necessity/analyses/`: list, create, read; never changed or deleted:
405), shown to each reader as the ranking is."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import QueryDict
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from liaison.cases.models import Case
from liaison.core.api.permissions import HasRole
from liaison.core.api.views import INCLUDE_DEMO, LiaisonReadOnlyViewSet
from liaison.core.permissions import VIEW, user_can
from liaison.necessity.api.serializers import (
    NecessityRankingSerializer,
    SavedAnalysisCreateSerializer,
    SavedAnalysisSerializer,
)
from liaison.necessity.forms import NecessityParametersForm
from liaison.necessity.models import SavedAnalysis
from liaison.necessity.selectors import necessity_ranking, ranking_for
from liaison.necessity.services import saved_analysis_create


def _refuse_unknown(names: Any, known: Any) -> None:
    """A misspelt weight is a 400 naming it, never the default silently used instead."""
    unknown = sorted(set(names) - set(known))
    if unknown:
        raise ValidationError({name: ["Unknown parameter."] for name in unknown})


def _parameters_form(data: Any) -> NecessityParametersForm:
    _refuse_unknown(data.keys(), [*NecessityParametersForm.base_fields, "demo", "format"])
    form = NecessityParametersForm(data)
    if not form.is_valid():
        raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
    return form


def _float(name: str, text: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.NUMBER, description=text)


PARAMETERS = [
    OpenApiParameter("as_of", OpenApiTypes.DATE, description="Last day of the window (today)."),
    OpenApiParameter("window", OpenApiTypes.INT, description="Years counted, 1 to 10 (3)."),
    _float("volume", "Weight of the exchanges (1)."),
    _float("seriousness", "Weight of the cases by crime priority (1)."),
    _float("operations", "Weight of JITs and action days (1)."),
    _float("structural", "Weight of transfers without a basis (3)."),
    _float("other_crime", "A case outside the crime priorities, against 1 (0.25)."),
    OpenApiParameter("min_exchanges", OpenApiTypes.INT, description="Thin evidence below (10)."),
    OpenApiParameter(
        "structural_min",
        OpenApiTypes.INT,
        description="Transfers without a basis for an agreement (5).",
    ),
    _float("agreement_score", "Score from which an agreement is recommended (12)."),
    INCLUDE_DEMO,
    OpenApiParameter(
        "compare_on",
        OpenApiTypes.DATE,
        description="The day the strategy comparison ranks the partners as of, on or before "
        "as_of (the strategy's adoption).",
    ),
]


class NecessityRankingView(APIView):
    """Partners by operational necessity, each with its components, recommendation and
    evidence; the strategy's named partners beside it. Bad parameters: 400 naming them."""

    permission_classes = [HasRole]

    @extend_schema(
        responses={200: NecessityRankingSerializer},
        parameters=PARAMETERS,
        operation_id="necessity_ranking",
    )
    def get(self, request: Request) -> Response:
        form = _parameters_form(request.query_params)
        params = form.parameters()
        ranking = ranking_for(request.user, necessity_ranking(params=params))
        if user_can(request.user, VIEW, Case):
            window = f"&sent_from={ranking['start']}&sent_to={ranking['end']}"
            for row in (*ranking["ranked"], *ranking["thin"]):
                code = QueryDict(mutable=True)
                code["partner"] = row["code"]
                row["links"] = {
                    "cases": request.build_absolute_uri(
                        f"{reverse('case-list')}?{code.urlencode()}"
                    ),
                    "exchanges": request.build_absolute_uri(
                        f"{reverse('exchange-list')}?{code.urlencode()}{window}"
                    ),
                }
        return Response(ranking)


class SavedAnalysisViewSet(mixins.CreateModelMixin, LiaisonReadOnlyViewSet):
    """Saved analyses: the ranking as it stood when saved, with its parameters. Created by
    those who may save one (cooperation officers, administrators); never changed."""

    queryset = SavedAnalysis.objects.all()
    serializer_class = SavedAnalysisSerializer
    http_method_names = ["get", "post", "head", "options"]
    offers_history = False
    filterset_class = None

    def get_serializer_class(self) -> Any:
        if self.action == "create":
            return SavedAnalysisCreateSerializer
        return SavedAnalysisSerializer

    @extend_schema(request=SavedAnalysisCreateSerializer, responses={201: SavedAnalysisSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if isinstance(request.data, Mapping):  # anything else: the serializer's 400
            _refuse_unknown(request.data.keys(), SavedAnalysisCreateSerializer().fields)
        incoming = SavedAnalysisCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = {k: v for k, v in incoming.validated_data.items() if k != "title"}
        form = _parameters_form(
            {k: str(v) if not isinstance(v, bool) else v for k, v in data.items()}
        )
        params = form.parameters()
        analysis = saved_analysis_create(
            user=request.user,
            as_of=params.as_of,
            parameters=params.to_dict(),
            result=necessity_ranking(params=params),
            title=incoming.validated_data.get("title", ""),
        )
        return Response(
            SavedAnalysisSerializer(analysis, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )
