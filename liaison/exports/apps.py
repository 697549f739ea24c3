from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "liaison.exports"
    label = "exports"
    verbose_name = _("Exports and jobs")

    def ready(self) -> None:
        post_migrate.connect(_sync_schedules, dispatch_uid="liaison-job-schedules-sync")


def _sync_schedules(sender: AppConfig, **kwargs: Any) -> None:
    # Once the job queue's own tables exist: its schedules are those of the code.
    if sender.label != "django_q":
        return
    from liaison.exports.jobs import schedules_sync

    schedules_sync(using=kwargs.get("using", "default"))
