from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "liaison.contacts"
    label = "contacts"
    verbose_name = _("Contact points and channels")

    def ready(self) -> None:
        # The last-interaction date of contact points follows every interaction write.
        from liaison.contacts import signals  # noqa: F401
