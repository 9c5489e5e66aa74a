"""The API's error answers in the reader's language.

DRF passes two messages through untranslated: Django's 404 ("No Petition matches the given query.",
built in English by get_object_or_404) and its JSON parser's "JSON parse error - …". Both are replaced
here before DRF's own handler writes the answer.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.views import exception_handler

JSON_ERROR_PREFIX = "JSON parse error - "


def _view_model(view):
    """The model a view answers about: its queryset's, else its serializer's (views with get_queryset)."""
    queryset = getattr(view, "queryset", None)
    if queryset is not None:
        return queryset.model
    try:
        return view.get_serializer_class().Meta.model
    except (AttributeError, AssertionError):
        return None


def _not_found(context: dict) -> exceptions.NotFound:
    """ "Không tìm thấy đơn thư phù hợp." when the view names its model, else DRF's "Not found."."""
    model = _view_model(context.get("view"))
    if model is None:
        return exceptions.NotFound()
    return exceptions.NotFound(
        _("No %(verbose_name)s found matching the query") % {"verbose_name": model._meta.verbose_name}
    )


def _parse_error(exc: exceptions.ParseError) -> exceptions.ParseError:
    detail = str(exc.detail)
    if not detail.startswith(JSON_ERROR_PREFIX):
        return exc
    return exceptions.ParseError(
        _("JSON parse error - %(detail)s") % {"detail": detail.removeprefix(JSON_ERROR_PREFIX)}
    )


def handler(exc: Exception, context: dict):
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]."""
    if isinstance(exc, Http404):
        exc = _not_found(context)
    elif isinstance(exc, exceptions.ParseError):
        exc = _parse_error(exc)
    return exception_handler(exc, context)
