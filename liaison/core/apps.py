from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "liaison.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from liaison.core.history import history_register
        from liaison.core.languages import on_login

        post_migrate.connect(_sync_roles, dispatch_uid="liaison-roles-sync")
        history_register()
        user_logged_in.connect(on_login, dispatch_uid="liaison-saved-language")


def _sync_roles(sender: AppConfig, **kwargs: Any) -> None:
    # Sent once per app after its permissions are created; syncing each time is cheap
    # and leaves the roles complete after the last one.
    from liaison.core.roles import roles_sync

    roles_sync()
