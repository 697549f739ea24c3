"""Casework pages: the case list, a case with its timeline, recording cases and exchanges
(the transfer question asked in place), overdue exchanges, joint investigation teams."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from liaison.cases.filtersets import CaseFilterSet
from liaison.cases.forms import (
    PERSONS_STAY_IN_THE_CMS,
    CaseForm,
    ExchangeAssessmentForm,
    ExchangeForm,
)
from liaison.cases.models import Case, Exchange, JointInvestigationTeam
from liaison.cases.report import CSV_HEADER, report_pdf, report_rows
from liaison.cases.selectors import (
    CaseworkReport,
    case_detail,
    case_list,
    case_timeline,
    casework_report,
    jit_list,
    overdue_summary,
)
from liaison.cases.services import (
    case_create,
    case_update,
    exchange_create,
    exchange_transfer_assess,
    exchange_update,
)
from liaison.core.csv_export import csv_response
from liaison.core.dates import today
from liaison.core.filtersets import parse_as_of
from liaison.core.forms import form_add_service_error
from liaison.core.permissions import ADD, CHANGE, VIEW, user_can
from liaison.core.replica import replica_reads
from liaison.core.roles import user_has_role
from liaison.core.services import access_record
from liaison.core.text import whole_number
from liaison.core.views import (
    ObjectDetailView,
    ObjectListView,
    PermissionRequiredMixin,
    wants_demo,
)
from liaison.partners.selectors import partner_from_query
from liaison.transfers.choices import DataCategory
from liaison.transfers.models import TransferAssessment


class CaseListView(ObjectListView):
    """Cases, filtered and paginated (demo cases only when asked for)."""

    queryset = Case.objects.all()
    filterset_class = CaseFilterSet
    template_name = "cases/case_list.html"
    results_template_name = "cases/case_results.html"

    def get_queryset(self) -> QuerySet[Case]:
        return case_list()


class CaseDetailView(ObjectDetailView):
    """A case with its timeline of exchanges, operations and JITs; each exchange and
    operation shown is in the access log."""

    template_name = "cases/case_detail.html"
    queryset = case_detail()
    context_object_name = "case"
    history_children = {"cases.exchange": "case", "cases.operation": "case"}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        case = self.object
        exchanges = list(case.exchanges.all())
        operations = list(case.operations.all())
        access_record(
            user=self.request.user, objects=[*exchanges, *operations], request=self.request
        )
        context["timeline"] = case_timeline(case)
        context["today"] = today()
        return context


class _CaseFormView(PermissionRequiredMixin, View):
    queryset = Case.objects.all()
    template_name = "cases/case_form.html"

    def case(self) -> Case | None:
        return None

    def page(self, request: HttpRequest, form: CaseForm, status: int = 200) -> HttpResponse:
        context = {"form": form, "case": self.case(), "notice": PERSONS_STAY_IN_THE_CMS}
        return render(request, self.template_name, context, status=status)

    def save(self, data: dict[str, Any]) -> Case:
        raise NotImplementedError

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        form = CaseForm(request.POST, instance=self.case())
        if form.is_valid():
            try:
                case = self.save(dict(form.cleaned_data))
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                return redirect(case)
        return self.page(request, form, status=400)


class CaseCreateView(_CaseFormView):
    permission_action = ADD

    def get(self, request: HttpRequest) -> HttpResponse:
        initial: dict[str, Any] = {"opened_on": today(), "officer": request.user.pk}
        # Recorded from a partner's page: that partner is chosen already.
        partner = partner_from_query(request.GET)
        if partner is not None:
            initial["partners"] = [partner.code]
        form = CaseForm(initial=initial)
        return self.page(request, form)

    def save(self, data: dict[str, Any]) -> Case:
        partners = data.pop("partners")
        case = case_create(data=data, partners=partners)
        messages.success(self.request, _("The case is recorded."))
        return case


class CaseUpdateView(_CaseFormView):
    permission_action = CHANGE

    def case(self) -> Case:
        if not hasattr(self, "_case"):
            self._case = get_object_or_404(Case, pk=self.kwargs["pk"])
            access_record(user=self.request.user, objects=[self._case], request=self.request)
        return self._case

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.page(request, CaseForm(instance=self.case()))

    def save(self, data: dict[str, Any]) -> Case:
        partners = data.pop("partners")
        # The service works on a fresh copy: a refused change leaves the page's case as saved.
        case = case_update(case=Case.objects.get(pk=self.case().pk), data=data, partners=partners)
        messages.success(self.request, _("The case is changed."))
        return case


ASSESS = "assess"


class _ExchangeFormView(PermissionRequiredMixin, View):
    """The exchange form. Its "Ask" button records a transfer assessment for the exchange's
    partner and data category (with the case reference) and shows its answer and
    conditions; "Save" records the exchange through the gate."""

    queryset = Exchange.objects.all()
    template_name = "cases/exchange_form.html"

    def case(self) -> Case:
        raise NotImplementedError

    def exchange(self) -> Exchange | None:
        return None

    def page(
        self,
        request: HttpRequest,
        form: ExchangeForm,
        question: ExchangeAssessmentForm,
        status: int = 200,
        answer: TransferAssessment | None = None,
    ) -> HttpResponse:
        chosen = answer
        if chosen is None:
            value = form["transfer_assessment"].value()
            queryset: Any = form.fields["transfer_assessment"].queryset  # type: ignore[attr-defined]
            key = whole_number(value, digits=18)
            chosen = queryset.filter(pk=key).first() if key is not None else None
        # The assessments offered (and the one shown) are personal data: their display is logged.
        offered: Any = form.fields["transfer_assessment"].queryset  # type: ignore[attr-defined]
        shown = {a.pk: a for a in offered}
        if chosen is not None:
            shown[chosen.pk] = chosen
        access_record(user=request.user, objects=shown.values(), request=request)
        context = {
            "form": form,
            "question": question,
            "groups": question.groups(DataCategory.OPERATIONAL_PERSONAL_DATA),
            "case": self.case(),
            "exchange": self.exchange(),
            "chosen": chosen,
        }
        return render(request, self.template_name, context, status=status)

    def save(self, data: dict[str, Any]) -> Exchange:
        raise NotImplementedError

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        case = self.case()
        saved = self.exchange()
        copy = Exchange.objects.get(pk=saved.pk) if saved is not None else None
        form = ExchangeForm(request.POST, instance=copy, case=case, user=request.user)
        question = ExchangeAssessmentForm(request.POST, prefix=ASSESS)
        if request.POST.get("action") == ASSESS:
            return self.ask(request, form, question)
        if form.is_valid():
            try:
                exchange = self.save(dict(form.cleaned_data))
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                return redirect(exchange.case)
        return self.page(request, form, ExchangeAssessmentForm(prefix=ASSESS), status=400)

    def ask(
        self, request: HttpRequest, form: ExchangeForm, question: ExchangeAssessmentForm
    ) -> HttpResponse:
        """Record the assessment (whatever its answer) and show the form again with it."""
        if not user_can(request.user, ADD, TransferAssessment):
            form.add_error(None, _("Your role may not ask for transfer assessments."))
            return self.page(request, form, question, status=403)
        form.is_valid()
        partner = form.cleaned_data.get("partner") if hasattr(form, "cleaned_data") else None
        category = form.cleaned_data.get("data_category") if hasattr(form, "cleaned_data") else None
        if partner is None or not category:
            return self.page(request, form, question, status=400)
        if not question.is_valid():
            return self.page(request, form, question, status=400)
        try:
            assessment = exchange_transfer_assess(
                user=request.user,
                case=self.case(),
                **question.service_arguments_for(partner=partner, data_category=category),
            )
        except ValidationError as error:
            form_add_service_error(question, error)
            return self.page(request, form, question, status=400)
        data = request.POST.copy()
        data["transfer_assessment"] = str(assessment.pk)
        form = ExchangeForm(data, instance=form.instance, case=self.case(), user=request.user)
        return self.page(request, form, question, answer=assessment)


class ExchangeCreateView(_ExchangeFormView):
    permission_action = ADD

    def case(self) -> Case:
        if not hasattr(self, "_case"):
            self._case = get_object_or_404(Case, pk=self.kwargs["pk"])
        return self._case

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = ExchangeForm(
            initial={"direction": "outgoing", "outcome": "pending"},
            case=self.case(),
            user=request.user,
        )
        return self.page(request, form, ExchangeAssessmentForm(prefix=ASSESS))

    def save(self, data: dict[str, Any]) -> Exchange:
        exchange = exchange_create(user=self.request.user, case=self.case(), data=data)
        messages.success(self.request, _("The exchange is recorded."))
        return exchange


class ExchangeUpdateView(_ExchangeFormView):
    permission_action = CHANGE

    def exchange(self) -> Exchange:
        if not hasattr(self, "_exchange"):
            self._exchange = get_object_or_404(
                Exchange.objects.select_related("case", "partner"), pk=self.kwargs["pk"]
            )
            access_record(user=self.request.user, objects=[self._exchange], request=self.request)
        return self._exchange

    def case(self) -> Case:
        return self.exchange().case

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = ExchangeForm(instance=self.exchange(), case=self.case(), user=request.user)
        return self.page(request, form, ExchangeAssessmentForm(prefix=ASSESS))

    def save(self, data: dict[str, Any]) -> Exchange:
        exchange = exchange_update(
            user=self.request.user, exchange=Exchange.objects.get(pk=self.exchange().pk), data=data
        )
        messages.success(self.request, _("The exchange is changed."))
        return exchange


class OverdueExchangeListView(PermissionRequiredMixin, TemplateView):
    """Exchanges past their deadline without an answer: how many per case officer and per
    partner, and the oldest."""

    template_name = "cases/exchange_overdue.html"
    queryset = Exchange.objects.all()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        on = today()
        summary = overdue_summary(on=on)
        access_record(user=self.request.user, objects=summary.oldest, request=self.request)
        context.update(summary=summary, today=on)
        return context


class JointInvestigationTeamListView(PermissionRequiredMixin, TemplateView):
    template_name = "cases/jit_list.html"
    queryset = JointInvestigationTeam.objects.all()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["jits"] = jit_list().filter(demo=False)
        return context


class JointInvestigationTeamDetailView(ObjectDetailView):
    template_name = "cases/jit_detail.html"
    queryset = jit_list()
    slug_field = "key"
    slug_url_kwarg = "key"
    context_object_name = "jit"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # The case a JIT belongs to is shown only to those who may read cases, and showing
        # it is a read of that case.
        context["may_see_case"] = user_can(self.request.user, VIEW, Case)
        if context["may_see_case"] and self.object.case is not None:
            access_record(user=self.request.user, objects=[self.object.case], request=self.request)
        return context

    def permission_model(self) -> type[Model]:
        return JointInvestigationTeam


class FiguresMixin:
    """Figures hold no case: every role reads them (an account without a role does not)."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not user_has_role(request.user):
            if request.user.is_authenticated:
                return render(request, "core/no_role.html", status=403)
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


def report_period(request: HttpRequest) -> tuple[datetime.date, datetime.date, str]:
    """The period asked for: `year=2023`, or `from` and `to` (YYYY-MM-DD); by default the
    current year. Returns it with a message when something asked for was not understood."""
    this_year = today().year
    year = request.GET.get("year", "").strip()
    if year:
        number = whole_number(year, digits=4)
        if number is not None and 1900 < number < 2200:
            return datetime.date(number, 1, 1), datetime.date(number, 12, 31), ""
        return (
            datetime.date(this_year, 1, 1),
            datetime.date(this_year, 12, 31),
            _("“%(value)s” is not a year: the report is for this year.") % {"value": year[:10]},
        )
    try:
        start = parse_as_of(request.GET.get("from"))
        end = parse_as_of(request.GET.get("to"))
    except ValueError:
        return (
            datetime.date(this_year, 1, 1),
            datetime.date(this_year, 12, 31),
            _("A date is not written YYYY-MM-DD: the report is for this year."),
        )
    start = start or datetime.date(end.year if end else this_year, 1, 1)
    end = end or datetime.date(start.year, 12, 31)
    if end < start:
        return start, start, _("The end came before the start: the report is for one day.")
    return start, end, ""


class CaseworkReportView(FiguresMixin, TemplateView):
    """Figures for a year or a period (web), with its CSV and PDF."""

    template_name = "cases/report.html"

    def report(self) -> tuple[CaseworkReport, str]:
        start, end, problem = report_period(self.request)
        include_demo = wants_demo(self.request.GET.get("demo")) or wants_demo(
            self.request.GET.get("include_demo")
        )
        # Figures: they may read a replica (LIAISON_REPLICA_DATABASE_URL).
        with replica_reads():
            report = casework_report(start=start, end=end, include_demo=include_demo)
        return report, problem

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        report, problem = self.report()
        context.update(report=report, problem=problem, query=self.request.GET.urlencode())
        return context


class CaseworkReportCsvView(CaseworkReportView):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        report, problem = self.report()
        if problem:
            return HttpResponse(problem, status=400, content_type="text/plain; charset=utf-8")
        return csv_response(name="casework", header=CSV_HEADER, rows=report_rows(report))


class CaseworkReportPdfView(CaseworkReportView):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        report, problem = self.report()
        if problem:
            return HttpResponse(problem, status=400, content_type="text/plain; charset=utf-8")
        response = HttpResponse(report_pdf(report), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="liaison-casework-{report.start}-{report.end}.pdf"'
        )
        return response
