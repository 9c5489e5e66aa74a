"""What every movement endpoint shares: the permission check, the service call and its errors.

The order of the checks is that of the pages (views/common.py): signed in, then the topic's view
permission (else 403), then the record through `visible_to` (else 404), then the permission to act on
that record (else 403). Writes call the topic's service, which holds the rules; a Django
ValidationError from it becomes a 400 with the same (Vietnamese) messages the pages show.
"""

from collections.abc import Callable

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django_filters import rest_framework as filters
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response


class IntegerFilter(filters.NumberFilter):
    """An id or a year: a whole number, never looked up in another table (no existence probe)."""

    field_class = forms.IntegerField


class YearFilter(IntegerFilter):
    """A year between 1990 and 2100, as on the pages (a date's year outside 1-9999 cannot be queried)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1990, max_value=2100, **kwargs)


def api_errors(error: DjangoValidationError) -> ValidationError:
    """A service's ValidationError as a 400: field errors under the field, the others under "detail"."""
    if hasattr(error, "error_dict"):
        return ValidationError(
            {("detail" if key == NON_FIELD_ERRORS else key): msgs for key, msgs in error.message_dict.items()}
        )
    return ValidationError({"detail": error.messages})


def run_service(fn: Callable):
    try:
        return fn()
    except DjangoValidationError as error:
        raise api_errors(error) from error


class RulePermission(permissions.BasePermission):
    """`view_perm` for every request, `add_perm` to create, `object_perms[action]` on the record."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and user.has_perm(view.view_perm)):
            return False
        return view.action != "create" or user.has_perm(view.add_perm)

    def has_object_permission(self, request, view, obj):
        perm = view.object_perms.get(view.action)
        return perm is None or request.user.has_perm(perm, obj)


class ScopedViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Read one kind of record within the caller's scope; actions on a record go through `apply`.

    Subclasses set the permissions, `scoped_queryset()` (built on `visible_to`) and the serializers.
    """

    permission_classes = [permissions.IsAuthenticated, RulePermission]
    view_perm = add_perm = change_perm = ""
    extra_object_perms: dict[str, str] = {}
    list_serializer_class = None
    detail_serializer_class = None
    action_serializers: dict = {}

    @property
    def object_perms(self) -> dict[str, str]:
        return {"update": self.change_perm, "partial_update": self.change_perm, **self.extra_object_perms}

    def scoped_queryset(self) -> QuerySet:  # pragma: no cover - each subclass implements it
        raise NotImplementedError

    def get_queryset(self):
        return self.scoped_queryset()

    def get_serializer_class(self):
        if self.action in self.action_serializers:
            return self.action_serializers[self.action]
        return self.list_serializer_class if self.action == "list" else self.detail_serializer_class

    def input(self, serializer_class=None, *, partial: bool = False, instance=None) -> dict:
        serializer = (serializer_class or self.get_serializer_class())(
            instance, data=self.request.data, partial=partial, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def present(self, obj, status_code: int = status.HTTP_200_OK) -> Response:
        """The record as the detail serializer shows it, read again through the scoped queryset."""
        fresh = self.get_queryset().filter(pk=obj.pk).first() or obj
        return Response(
            self.detail_serializer_class(fresh, context=self.get_serializer_context()).data,
            status=status_code,
        )

    def apply(
        self, fn: Callable, serializer_class=None, *, status_code: int = status.HTTP_200_OK
    ) -> Response:
        """One record: visible (else 404), allowed (else 403), valid input (else 400), then the service."""
        obj = self.get_object()
        data = self.input(serializer_class) if serializer_class else {}
        run_service(lambda: fn(obj, data))
        return self.present(obj, status_code)


class CreateMixin:
    """POST on the list: `create_record(data)` calls the service (it checks the permission again)."""

    def create_record(self, data: dict):  # pragma: no cover - each subclass implements it
        raise NotImplementedError

    def create(self, request, *args, **kwargs):
        data = self.input()
        return self.present(run_service(lambda: self.create_record(data)), status.HTTP_201_CREATED)


class UpdateMixin:
    """PUT and PATCH on a record: `update_record(obj, data)` calls the service with the fields sent."""

    def update_record(self, obj, data: dict):  # pragma: no cover - each subclass implements it
        raise NotImplementedError

    def update(self, request, *args, partial: bool = False, **kwargs):
        obj = self.get_object()
        data = self.input(partial=partial, instance=obj)
        run_service(lambda: self.update_record(obj, data))
        return self.present(obj)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)


class RecordViewSet(CreateMixin, UpdateMixin, ScopedViewSet):
    """List, read, create and change one kind of record; never delete (the pages cannot either)."""
