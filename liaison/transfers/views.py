"""Pages of the transfer-assessment register: ask "May we send this?", read the answer, and
for the data protection officer list, export and report the assessments."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, TemplateView

from liaison.core.forms import form_add_service_error
from liaison.core.permissions import ADD, APPROVE, EXPORT, VIEW, user_can
from liaison.core.views import (
    ObjectDetailView,
    ObjectListView,
    PermissionRequiredMixin,
    is_htmx,
)
from liaison.exports.responses import csv_export_job_response, csv_export_response
from liaison.instruments.forms import ProposalDecisionForm
from liaison.partners.models import Partner
from liaison.transfers import eudpr, rules
from liaison.transfers.choices import DataCategory
from liaison.transfers.exports import ASSESSMENT_EXPORT
from liaison.transfers.filtersets import (
    SelfAssessedTransferFilterSet,
    TransferAssessmentFilterSet,
)
from liaison.transfers.forms import ProvisionReviewForm, TransferAssessmentForm
from liaison.transfers.models import ProvisionReview, TransferAssessment
from liaison.transfers.selectors import (
    assessment_list,
    default_receiving_authority,
    provision_states,
    self_assessed_transfer_categories,
)
from liaison.transfers.services import (
    assessment_create,
    provision_review_approve,
    provision_review_propose,
    provision_review_reject,
    transfer_request,
)


class AssessmentListView(ObjectListView):
    queryset = TransferAssessment.objects.all()
    filterset_class = TransferAssessmentFilterSet
    template_name = "transfers/assessment_list.html"
    results_template_name = "transfers/assessment_results.html"

    def get_queryset(self) -> QuerySet[TransferAssessment]:
        return assessment_list(user=self.request.user)


class AssessmentDetailView(ObjectDetailView):
    queryset = TransferAssessment.objects.all()
    template_name = "transfers/assessment_detail.html"
    context_object_name = "assessment"

    def get_queryset(self) -> QuerySet[TransferAssessment]:
        return assessment_list(user=self.request.user)


class AssessmentCreateView(PermissionRequiredMixin, View):
    """The question form. An htmx request for it gets only the fields that matter for the
    data category chosen; without JavaScript the page asks every field."""

    permission_action = ADD
    queryset = TransferAssessment.objects.all()
    template_name = "transfers/assessment_form.html"
    # htmx swaps the questions inside their live region, which stays in place.
    fields_template_name = "transfers/includes/assessment_questions.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        if is_htmx(request):
            category = request.GET.get("data_category", "")
            form = TransferAssessmentForm(initial=self._initial(request))
            response = render(
                request,
                self.fields_template_name,
                {
                    "form": form,
                    "groups": form.groups(category),
                    "category": category,
                    "fragment": True,
                },
            )
        else:
            response = self.page(request, TransferAssessmentForm(initial=self._initial(request)))
        # The same address gives a whole page or only some fields: caches must tell them apart.
        patch_vary_headers(response, ["HX-Request"])
        return response

    @staticmethod
    def _initial(request: HttpRequest) -> dict[str, str]:
        """The partner and kind of data asked for in the address, and the partner's default
        receiving authority proposed (legal-basis.md 8.3), also when htmx asks for the fields
        of a kind of data."""
        code = request.GET.get("partner", "").strip().upper()[:40]
        partner = Partner.objects.filter(code=code).first() if code else None
        return {
            "partner": code,
            "data_category": request.GET.get("data_category", ""),
            "receiving_authority": default_receiving_authority(partner.name) if partner else "",
        }

    def post(self, request: HttpRequest) -> HttpResponse:
        form = TransferAssessmentForm(request.POST)
        if form.is_valid():
            try:
                fields = form.service_arguments()
                assessment = assessment_create(
                    user=request.user,
                    partner_code=fields.pop("partner_code"),
                    request=transfer_request(**fields),
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                return redirect(assessment)
        return self.page(request, form, status=400)

    def page(self, request: HttpRequest, form: TransferAssessmentForm, status: int = 200) -> Any:
        category = form["data_category"].value() or ""
        return render(
            request,
            self.template_name,
            {"form": form, "groups": form.groups(), "category": category, "fragment": False},
            status=status,
        )


class AssessmentExportView(ObjectListView):
    """The filtered register as CSV (UTF-8, one row an assessment, oldest first, every row)."""

    permission_action = EXPORT
    queryset = TransferAssessment.objects.all()
    filterset_class = TransferAssessmentFilterSet

    def permission_model(self) -> type[Model]:
        return TransferAssessment

    def get_queryset(self) -> QuerySet[TransferAssessment]:
        return assessment_list(user=self.request.user)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        filterset = self.get_filterset(self.filterset_class)
        if self.ignored_filters:
            return self.bad_filters_response()
        records = filterset.qs.order_by(*ASSESSMENT_EXPORT.ordering)
        return csv_export_response(request=request, kind=ASSESSMENT_EXPORT, records=records)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Write the export in the background (the filters are in the query string)."""
        filterset = self.get_filterset(self.filterset_class)
        if self.ignored_filters:
            return self.bad_filters_response()
        records = filterset.qs.order_by(*ASSESSMENT_EXPORT.ordering)
        return csv_export_job_response(request=request, kind=ASSESSMENT_EXPORT, records=records)


class SelfAssessedTransferListView(PermissionRequiredMixin, TemplateView):
    """The categories of transfers made on the agency's own assessment of safeguards
    (Art. 58(1)(b)), which the EDPS is to be told of (Art. 58(2))."""

    permission_action = EXPORT
    queryset = TransferAssessment.objects.all()
    template_name = "transfers/self_assessed_transfers.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        filterset = SelfAssessedTransferFilterSet(
            self.request.GET or None, queryset=assessment_list(user=self.request.user)
        )
        context["filter"] = filterset
        categories = list(self_assessed_transfer_categories(assessments=filterset.qs))
        for row in categories:
            row["data_category_label"] = DataCategory(row["data_category"]).label
        context["categories"] = categories
        return context


# --- The provisions of the law and their review (four eyes) --------------------------------


def _only_unverified(request: HttpRequest) -> bool:
    return request.GET.get("unverified", "").strip().lower() in {"1", "true", "yes", "on"}


class ProvisionListView(PermissionRequiredMixin, TemplateView):
    """Every provision the engine cites, with the act, the official text and whether it is
    checked; `?unverified=1` leaves only those still unverified."""

    permission_action = VIEW
    queryset = ProvisionReview.objects.all()
    template_name = "transfers/provision_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        unverified_only = _only_unverified(self.request)
        states = provision_states()
        context.update(
            states=[state for state in states if not (unverified_only and state.checked)],
            unverified_only=unverified_only,
            unverified_count=sum(1 for state in states if not state.checked),
            total=len(states),
            can_propose=user_can(self.request.user, ADD, ProvisionReview),
            can_read_assessments=user_can(self.request.user, VIEW, TransferAssessment),
        )
        return context


class ProvisionReviewCreateView(PermissionRequiredMixin, View):
    """Propose a review of one provision; a second person approves it."""

    permission_action = ADD
    queryset = ProvisionReview.objects.all()
    template_name = "transfers/provision_review_form.html"

    def provision(self, key: str) -> rules.Provision:
        provision = eudpr.ALL_PROVISIONS.get(key)
        if provision is None:
            raise Http404
        return provision

    def get(self, request: HttpRequest, key: str) -> HttpResponse:
        return self.page(request, self.provision(key), ProvisionReviewForm())

    def post(self, request: HttpRequest, key: str) -> HttpResponse:
        provision = self.provision(key)
        form = ProvisionReviewForm(request.POST)
        if form.is_valid():
            try:
                review = provision_review_propose(
                    provision=provision.key, user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(
                    request, _("Proposed: the review counts once a colleague approves it.")
                )
                return redirect(review)
        return self.page(request, provision, form, status=400)

    def page(
        self,
        request: HttpRequest,
        provision: rules.Provision,
        form: ProvisionReviewForm,
        status: int = 200,
    ) -> HttpResponse:
        state = next(state for state in provision_states() if state.key == provision.key)
        return render(request, self.template_name, {"state": state, "form": form}, status=status)


class ProvisionReviewDetailView(PermissionRequiredMixin, DetailView):
    queryset = ProvisionReview.objects.select_related("proposed_by", "decided_by")
    template_name = "transfers/provision_review_detail.html"
    context_object_name = "review"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["provision"] = eudpr.ALL_PROVISIONS.get(self.object.provision)
        context["decision_form"] = ProposalDecisionForm()
        return context


class ProvisionReviewDecisionView(PermissionRequiredMixin, View):
    """Approve or reject a proposed review (POST only); back to the review with a message.
    The proposer may withdraw (reject) their own, never approve it: the service decides."""

    permission_action = APPROVE
    queryset = ProvisionReview.objects.all()
    approve = True

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        review = get_object_or_404(ProvisionReview, pk=pk)
        form = ProposalDecisionForm(request.POST)
        if not self.approve and not form.is_valid():
            # A reason that cannot be kept is not silently dropped: nothing is decided.
            messages.error(request, " ".join(form.errors.get("reason", [])))
            return redirect(review)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        try:
            if self.approve:
                provision_review_approve(review=review, user=request.user)
                messages.success(request, _("Approved: the provision's review state changed."))
            else:
                provision_review_reject(review=review, user=request.user, reason=reason)
                messages.success(request, _("Rejected: the provision's review state is unchanged."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied as error:
            messages.error(request, str(error))
        return redirect(review)
