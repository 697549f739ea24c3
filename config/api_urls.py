"""The REST API under /api/: one router for every app, the schema and its docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from liaison.cases.api.views import (
    CaseViewSet,
    CaseworkFiguresView,
    ExchangeViewSet,
    JointInvestigationTeamViewSet,
    OperationViewSet,
)
from liaison.contacts.api.views import (
    ChannelsView,
    ContactPointViewSet,
    InteractionViewSet,
    LiaisonOfficerViewSet,
    MeetingViewSet,
)
from liaison.core.api.history import ChangeLogViewSet
from liaison.engagements.api.views import EngagementViewSet, ProjectViewSet
from liaison.instruments.api.views import ChangeProposalViewSet, InstrumentViewSet
from liaison.necessity.api.views import NecessityRankingView, SavedAnalysisViewSet
from liaison.partners.api.views import PartnerViewSet, RegionViewSet
from liaison.search.api.views import SearchView
from liaison.sources.api.views import SourceViewSet
from liaison.strategy.api.views import StrategyViewSet
from liaison.transfers.api.views import ProvisionViewSet, TransferAssessmentViewSet

router = DefaultRouter()
router.register("partners", PartnerViewSet, basename="partner")
router.register("instruments", InstrumentViewSet, basename="instrument")
router.register("regions", RegionViewSet, basename="region")
router.register("sources", SourceViewSet, basename="source")
router.register("transfer-assessments", TransferAssessmentViewSet, basename="transfer-assessment")
router.register("proposals", ChangeProposalViewSet, basename="proposal")
router.register("provisions", ProvisionViewSet, basename="provision")
router.register("changes", ChangeLogViewSet, basename="change")
router.register("contact-points", ContactPointViewSet, basename="contact-point")
router.register("liaison-officers", LiaisonOfficerViewSet, basename="liaison-officer")
router.register("interactions", InteractionViewSet, basename="interaction")
router.register("contact-point-meetings", MeetingViewSet, basename="meeting")
router.register("strategies", StrategyViewSet, basename="strategy")
router.register("engagements", EngagementViewSet, basename="engagement")
router.register("projects", ProjectViewSet, basename="project")
router.register("cases", CaseViewSet, basename="case")
router.register("exchanges", ExchangeViewSet, basename="exchange")
router.register("operations", OperationViewSet, basename="operation")
router.register("necessity/analyses", SavedAnalysisViewSet, basename="saved-analysis")
router.register(
    "joint-investigation-teams", JointInvestigationTeamViewSet, basename="joint-investigation-team"
)

# A person opening the docs without a session is sent to the login page, not given a 401.
api_docs = SpectacularSwaggerSplitView.as_view(url_name="api-schema")
api_docs.login_required = True  # type: ignore[attr-defined]

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", api_docs, name="api-docs"),
    path("partners/<str:code>/channels/", ChannelsView.as_view(), name="partner-channels"),
    path("casework/figures/", CaseworkFiguresView.as_view(), name="casework-figures"),
    path("necessity/", NecessityRankingView.as_view(), name="necessity-ranking"),
    path("search/", SearchView.as_view(), name="search"),
    path("", include(router.urls)),
]
