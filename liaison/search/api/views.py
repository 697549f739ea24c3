from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from liaison.core.api.permissions import LiaisonPermission
from liaison.partners.models import Partner
from liaison.search.api.serializers import SearchAnswerSerializer
from liaison.search.selectors import MAX_LENGTH, search_everything, search_text_cleaned


class SearchView(APIView):
    """The search box of the web UI: partners by any name, code or alias (in English,
    French, Portuguese and Spanish; slips of the keyboard forgiven), instruments, sources,
    engagements, projects and key actions by their words, and, for roles that may see
    personal data, contact points and cases (each one returned is written to the access
    log). At most eight results per group; `more_url` lists them all."""

    permission_classes = [LiaisonPermission]
    queryset = Partner.objects.all()

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "q", OpenApiTypes.STR, required=True, description=f"At most {MAX_LENGTH} chars."
            )
        ],
        responses={200: SearchAnswerSerializer},
        operation_id="search",
    )
    def get(self, request: Request) -> Response:
        text = search_text_cleaned(request.query_params.get("q"))
        if not text:
            raise ValidationError({"q": ["Give the text to search for."]})
        answer = search_everything(user=request.user, text=text, request=request)
        return Response(SearchAnswerSerializer(answer).data)
