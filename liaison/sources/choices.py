from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentType(models.TextChoices):
    STRATEGY = "strategy", _("strategy")
    REPORT = "report", _("report")
    WEB_PAGE = "web_page", _("web page")
    LEGAL_ACT = "legal_act", _("legal act")
    AGREEMENT = "agreement", _("agreement or arrangement")
    PRESS_RELEASE = "press_release", _("press release")
    EDITORIAL = "editorial", _("editorial classification")


class Confidence(models.TextChoices):
    CHECKED = "checked", _("checked")
    UNVERIFIED = "unverified", _("unverified")
