"""Serializer base classes."""

from __future__ import annotations

import copy
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model
from django.db.models.fields.related_descriptors import (
    ManyToManyDescriptor,
    ReverseManyToOneDescriptor,
    ReverseOneToOneDescriptor,
)
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject
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


class _Fallback(Exception):
    """A field whose value this fast path does not read itself: DRF reads it."""


# Reads each field's value with plain attribute access instead of DRF's per-field
# `get_attribute` machinery, and takes nested lists from rows a selector attached
# (`attach_rows` in `liaison/core/querysets.py`) instead of a related manager.
#
# The output is the same as DRF's: each value still goes through its field's own
# `to_representation`; a value this path cannot read plainly (a method, a missing
# attribute, a related manager without attached rows) is read by the field itself.
# (A comment, not a docstring: the OpenAPI schema would take a docstring as the
# description of every serializer that has no docstring of its own.)
class PlainReadSerializerMixin(serializers.Serializer):
    def to_representation(self, instance: Any) -> dict[str, Any]:
        plan = self.__dict__.get("_plain_read_plan")
        if plan is None:
            plan = self._plain_read_plan = _plain_read_plan(self)
        rows = getattr(instance, "__dict__", {}).get("_attached_rows")
        ret: dict[str, Any] = {}
        for name, attr, mode, field, represent in plan:
            if mode is _ATTRIBUTE:
                value = getattr(instance, attr, _MISSING)
            elif mode is _ROWS and rows is not None:
                value = rows.get(attr, _MISSING)
            else:
                value = _MISSING
            if value is _MISSING:
                try:
                    value = field.get_attribute(instance)
                except SkipField:
                    continue
                if isinstance(value, PKOnlyObject) and value.pk is None:
                    value = None
            ret[name] = None if value is None else represent(value)
        return ret


_MISSING = object()
_RELATION_DESCRIPTORS = (
    ManyToManyDescriptor,
    ReverseManyToOneDescriptor,
    ReverseOneToOneDescriptor,
)
_ATTRIBUTE, _ROWS, _FIELD = "attribute", "rows", "field"


def _plain_read_plan(serializer: Any) -> list[tuple[str, str, str, Any, Any]]:
    """How each readable field is read: a plain attribute of the instance, rows attached
    to it, or (anything else) the field's own `get_attribute`."""
    model = getattr(getattr(serializer, "Meta", None), "model", None)
    plan = []
    for field in serializer._readable_fields:
        attrs = field.source_attrs
        mode = _FIELD
        if len(attrs) == 1:
            attr = attrs[0]
            on_class = getattr(model, attr, None)
            if isinstance(field, (serializers.ListSerializer, serializers.ManyRelatedField)):
                mode = _ROWS
            elif (
                model is not None
                and not callable(on_class)
                and not isinstance(on_class, _RELATION_DESCRIPTORS)
                and not (
                    isinstance(field, serializers.RelatedField) and field.use_pk_only_optimization()
                )
            ):
                mode = _ATTRIBUTE
        plan.append(
            (field.field_name, attrs[0] if attrs else "", mode, field, field.to_representation)
        )
    return plan
