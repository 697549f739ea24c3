from __future__ import annotations

from rest_framework.exceptions import MethodNotAllowed
from rest_framework.request import Request

from liaison.core.api.views import LiaisonModelViewSet
from liaison.engagements.api.serializers import EngagementSerializer, ProjectSerializer
from liaison.engagements.models import Project
from liaison.engagements.selectors import engagement_list


class _ReadOnlyViewSet(LiaisonModelViewSet):
    http_method_names = ["get", "head", "options"]
    lookup_field = "key"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def check_permissions(self, request: Request) -> None:
        # A signed-in caller is told the method is not offered here, whatever the role.
        refused = request.method and request.method.lower() not in self.http_method_names
        if refused and request.user and request.user.is_authenticated:
            raise MethodNotAllowed(str(request.method))
        super().check_permissions(request)


class EngagementViewSet(_ReadOnlyViewSet):
    """Meetings, visits, conferences and action days with the partners involved, the
    project that supported them and the strategy's key actions they served (read only;
    record them on the web at /engagements/new/)."""

    queryset = engagement_list()
    serializer_class = EngagementSerializer


class ProjectViewSet(_ReadOnlyViewSet):
    """EU-funded projects with their funding instrument, regions and partners."""

    queryset = Project.objects.prefetch_related("regions", "partners").order_by("name")
    serializer_class = ProjectSerializer
