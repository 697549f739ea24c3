"""Reads of the core that more than one door needs."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from liaison.core.models import RolePolicy
from liaison.core.roles import ADMINISTRATOR


def second_factor_required(user: Any) -> bool:
    """Must this user confirm their login with a one-time code?

    Yes when they have set up an authenticator (then every login asks for it), when one
    of their roles' policies says so, and, in production mode, for administrators
    (superusers count as administrators) unless the deployment turned that off with
    LIAISON_ADMINISTRATOR_SECOND_FACTOR=false."""
    if user is None or not user.is_authenticated:
        return False
    cached = getattr(user, "_liaison_second_factor_required", None)
    if cached is not None:
        return bool(cached)
    role_names = set(user.groups.values_list("name", flat=True))
    required = (
        RolePolicy.objects.filter(role__name__in=role_names, second_factor_required=True).exists()
        or TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    )
    if not required and settings.ADMINISTRATOR_SECOND_FACTOR:
        required = user.is_superuser or ADMINISTRATOR in role_names
    user._liaison_second_factor_required = required
    return required


def second_factor_given(user: Any) -> bool:
    """Has this session been confirmed with a one-time code (django-otp's OTPMiddleware)?"""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified()) if callable(is_verified) else False
