"""Django's admin app, set to serve Liaison's own admin site (kept apart from models so that
settings can name it before the apps are loaded)."""

from django.contrib.admin.apps import AdminConfig


class LiaisonAdminConfig(AdminConfig):
    default_site = "liaison.core.admin_site.LiaisonAdminSite"
