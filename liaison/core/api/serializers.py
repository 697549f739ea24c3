"""Serializer base classes."""

from __future__ import annotations

import copy
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model
from rest_framework import serializers
from rest_framework.settings import api_settings


def drf_validation_error(error: DjangoValidationError) -> serializers.ValidationError:
    """A model rule's refusal as the API's 400, field by field where the rule says which."""
    if hasattr(error, "error_dict"):
        return serializers.ValidationError(error.message_dict)
    return serializers.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: error.messages})


class ModelCleanSerializer(serializers.ModelSerializer):
    """Runs the model's own `clean()` so that the API enforces the same rules as the model."""

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        model: type[Model] = self.Meta.model
        concrete = {field.name for field in model._meta.concrete_fields}
        candidate = copy.copy(self.instance) if self.instance is not None else model()
        for name, value in attrs.items():
            if name in concrete:
                setattr(candidate, name, value)
        try:
            candidate.clean()
        except DjangoValidationError as error:
            raise drf_validation_error(error) from error
        # Carry back what clean() normalised (e.g. a country's name taken from ISO 3166).
        for name, serializer_field in self.fields.items():
            if name in concrete and not serializer_field.read_only:
                attrs[name] = getattr(candidate, name)
        return attrs
