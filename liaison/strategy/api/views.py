from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from liaison.core.api.views import INCLUDE_DEMO, LiaisonModelViewSet
from liaison.core.dates import today
from liaison.core.views import wants_demo
from liaison.instruments.api.views import AS_OF
from liaison.strategy.alignment import regions_alignment
from liaison.strategy.api.serializers import (
    ProgressSnapshotSerializer,
    RegionAlignmentSerializer,
    StrategyProgressSerializer,
    StrategySerializer,
)
from liaison.strategy.models import KeyAction, Priority, ProgressSnapshot, Strategy
from liaison.strategy.selectors import StrategyProgress, strategy_progress


def progress_data(progress: StrategyProgress) -> dict[str, Any]:
    """The progress as plain data: what the API answers and the CSV report lists."""
    return {
        "key": progress.strategy.key,
        "title": progress.strategy.title,
        "as_of": progress.on,
        "include_demo": progress.include_demo,
        "demo_records": progress.demo_records,
        "priorities": [
            {
                "number": entry.priority.number,
                "title": entry.priority.title,
                "percent": entry.percent,
                "key_actions": [
                    {
                        "key": item.key_action.key,
                        "number": item.key_action.number,
                        "text": item.key_action.text,
                        "target_kind": item.key_action.target_kind,
                        "measurable": item.progress.measurable,
                        "percent": item.progress.percent,
                        "figure": item.progress.figure,
                        "done": list(item.progress.done),
                        "not_done": list(item.progress.not_done),
                        "narrative_status": item.key_action.narrative_status,
                        "narrative": item.key_action.narrative,
                        "narrative_on": item.key_action.narrative_on,
                        "error": item.error,
                    }
                    for item in entry.key_actions
                ],
            }
            for entry in progress.priorities
        ],
    }


class StrategyViewSet(LiaisonModelViewSet):
    """Strategies with their priorities and key actions (read only; loaded from the
    reference data with `liaison load-strategy`)."""

    queryset = Strategy.objects.prefetch_related(
        Prefetch(
            "priorities",
            queryset=Priority.objects.order_by("number").prefetch_related(
                Prefetch("key_actions", queryset=KeyAction.objects.order_by("number"))
            ),
        )
    ).order_by("-period_start", "key")
    serializer_class = StrategySerializer
    lookup_field = "key"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    http_method_names = ["get", "head", "options"]

    @extend_schema(
        responses={200: ProgressSnapshotSerializer(many=True)},
        filters=False,
        description="The dated progress snapshots of the strategy's key actions, oldest first.",
    )
    @action(detail=True, methods=["get"])
    def snapshots(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        strategy = self.get_object()
        snapshots = (
            ProgressSnapshot.objects.filter(key_action__priority__strategy=strategy)
            .select_related("key_action")
            .order_by("taken_on", "key_action__key")
        )
        return Response(ProgressSnapshotSerializer(snapshots, many=True).data)

    @extend_schema(
        responses={200: RegionAlignmentSerializer(many=True)},
        parameters=[AS_OF],
        filters=False,
        description="Regions against the strategy's EU policy documents: where outreach lags.",
    )
    @action(detail=True, methods=["get"])
    def regions(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.get_object()
        rows = regions_alignment(on=self.as_of or today())
        data = [
            {
                "region": row.region.code,
                "name": row.region.name,
                "policy_documents": [document.reference for document in row.policy_documents],
                "partners": row.partners,
                "partners_in_force": row.partners_in_force,
                "engagements": row.engagements,
                "lags": row.lags,
            }
            for row in rows
        ]
        return Response(RegionAlignmentSerializer(data, many=True).data)

    @extend_schema(
        responses={200: StrategyProgressSerializer},
        parameters=[AS_OF, INCLUDE_DEMO],
        filters=False,
        description="Each key action's progress computed from the register on `as_of` "
        "(default today), with the partners done and not done; demo records (`liaison "
        "demo-data`) are left out unless `include_demo=1`, and `demo_records` says how many "
        "the register holds.",
    )
    @action(detail=True, methods=["get"])
    def progress(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        progress = strategy_progress(
            strategy=self.get_object(),
            on=self.as_of,
            include_demo=wants_demo(request.query_params.get("include_demo")),
        )
        return Response(StrategyProgressSerializer(progress_data(progress)).data)
