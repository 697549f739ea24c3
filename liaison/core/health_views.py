"""/healthz, /readyz and /metrics: for load balancers and monitoring, not for people."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from liaison.core.health import readiness_problems
from liaison.core.metrics import metrics_allowed, metrics_text
from liaison.core.middleware import second_factor_not_required


def _plain(text: str, status: int) -> HttpResponse:
    return HttpResponse(f"{text}\n", status=status, content_type="text/plain; charset=utf-8")


@login_not_required
@second_factor_not_required
@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """The process answers: nothing else is asked (a load balancer restarts it otherwise)."""
    return _plain("alive", 200)


@login_not_required
@second_factor_not_required
@never_cache
@require_safe
def readyz(request: HttpRequest) -> HttpResponse:
    """Ready when the database, cache, queue and storage answer and every migration is
    applied. The reason for unready goes to the log only: the answer names no service."""
    if readiness_problems():
        return _plain("unready", 503)
    return _plain("ready", 200)


@login_not_required
@second_factor_not_required
@never_cache
@require_safe
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus' figures, for the metrics token's bearer or an allowed network only."""
    if not metrics_allowed(request):
        raise Http404
    return HttpResponse(metrics_text(), content_type="text/plain; version=0.0.4; charset=utf-8")
