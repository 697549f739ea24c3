"""Base classes every Liaison API view set builds on."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, MethodNotAllowed
from rest_framework.response import Response

from liaison.core.api.permissions import ActionPermission
from liaison.core.api.serializers import drf_validation_error
from liaison.core.conflicts import deletion_refused_message
from liaison.core.filtersets import parse_as_of
from liaison.core.history import HistoryPages, history_read
from liaison.core.permissions import holds_personal_data
from liaison.core.services import access_record

INCLUDE_DEMO = OpenApiParameter(
    "include_demo",
    OpenApiTypes.BOOL,
    description="Count the fictitious demo records of `liaison demo-data` (left out by default).",
)


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "This object is still referred to by others."
    default_code = "conflict"


def as_of_parameter(request: Any) -> datetime.date | None:
    """The `as_of` query parameter (YYYY-MM-DD), or None for today; a bad value is a 400."""
    raw = request.query_params.get("as_of")
    try:
        return parse_as_of(raw)
    except ValueError as error:
        raise serializers.ValidationError(
            {"as_of": [f"'{raw}' is not a date: write it as YYYY-MM-DD, e.g. 2024-03-31."]}
        ) from error


def _log_entry_page_serializer() -> Any:
    from liaison.core.api.history import LogEntryPageSerializer

    return LogEntryPageSerializer


class LiaisonReadOnlyViewSet(
    mixins.RetrieveModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    """What every Liaison view set does, reading or writing:

    - the permission check is `LiaisonPermission` (the request's method as an action on the
      view set's model); an extra action declares what it needs instead in
      `action_permissions` (liaison.core.api.permissions.ActionPermission);
    - a method the view set does not offer (`http_method_names`) is 405 for anyone signed in,
      whatever their role, before the role is asked;
    - personal data read through it (a list page, one object) is written to the access log;
    - the `as_of` date is read, and refused if malformed (400), before anything is done;
    - each object has its history of changes at `{id}/history/`, unless `offers_history` is
      False (a register that never changes is its own history)."""

    as_of: datetime.date | None = None
    # Extra action name -> what it needs instead of its method's default permission.
    action_permissions: dict[str, ActionPermission] = {}
    offers_history = True
    # Child model label -> its foreign key to the object, whose history is shown with it.
    history_children: dict[str, str] = {}

    @classmethod
    def get_extra_actions(cls) -> list[Any]:
        actions = super().get_extra_actions()
        if cls.offers_history:
            return actions
        return [found for found in actions if found.__name__ != "history"]

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        self.as_of = as_of_parameter(request)

    def check_permissions(self, request: Any) -> None:
        # A signed-in caller is told the method is not offered here, whatever the role.
        refused = request.method and request.method.lower() not in self.http_method_names
        if refused and request.user and request.user.is_authenticated:
            raise MethodNotAllowed(str(request.method))
        super().check_permissions(request)

    def get_object(self) -> Any:
        obj = super().get_object()
        if self.request.method in ("GET", "HEAD") and holds_personal_data(type(obj)):
            access_record(user=self.request.user, objects=[obj], request=self.request)
        return obj

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        # A view set may page a list of computed rows (no model): nothing to log then.
        model = getattr(queryset, "model", None)
        if page is not None and model is not None and holds_personal_data(model):
            access_record(user=self.request.user, objects=page, request=self.request)
        return page

    @extend_schema(
        responses=_log_entry_page_serializer(),
        parameters=[
            OpenApiParameter("page", OpenApiTypes.INT, description="Page number."),
            OpenApiParameter("page_size", OpenApiTypes.INT, description="Entries a page (≤ 500)."),
        ],
        filters=False,
        description="The object's history of changes, newest first (read only).",
    )
    @action(detail=True, methods=["get"])
    def history(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        from liaison.core.api.history import LogEntrySerializer

        entries = HistoryPages(
            self.get_object(), children=self.history_children, reader=request.user
        )
        page = self.paginate_queryset(entries)
        history_read(user=request.user, entries=page or [], request=request)
        return self.get_paginated_response(LogEntrySerializer(page, many=True).data)


class LiaisonModelViewSet(
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    LiaisonReadOnlyViewSet,
):
    """A Liaison view set that writes as well: it answers model rule violations with 400 and
    refuses to delete what other records still depend on (409). After a write it answers
    with the object as the read queryset shows it (computed fields included)."""

    def perform_create(self, serializer: Any) -> None:
        self._save(serializer)

    def perform_update(self, serializer: Any) -> None:
        self._save(serializer)

    def _save(self, serializer: Any) -> None:
        try:
            with transaction.atomic():
                instance = serializer.save()
        except DjangoValidationError as error:
            raise drf_validation_error(error) from error
        except IntegrityError as error:
            # Another request recorded the same code or key a moment before; now that it is
            # visible, the serializer's own checks say which field, as they would have.
            again = type(serializer)(
                instance=serializer.instance,
                data=serializer.initial_data,
                partial=serializer.partial,
                context=serializer.context,
            )
            again.is_valid(raise_exception=True)
            raise Conflict(
                "Another request changed the same records at the same moment: reload and try again."
            ) from error
        serializer.instance = self.get_queryset().get(pk=instance.pk)

    def destroy_instance(self, instance: Any) -> None:
        """The deletion itself; a view whose deletion is a service overrides this, and keeps
        the refusals below."""
        instance.delete()

    def perform_destroy(self, instance: Any) -> None:
        try:
            self.destroy_instance(instance)
        except DjangoValidationError as error:
            raise Conflict(" ".join(error.messages)) from error
        except ProtectedError as error:
            # By kind and count only: the caller may not be allowed to read those records.
            raise Conflict(
                deletion_refused_message(target=instance, blockers=error.protected_objects)
            ) from error
        except RestrictedError as error:
            raise Conflict(
                deletion_refused_message(target=instance, blockers=error.restricted_objects)
            ) from error
