"""Base views shared by the movement topics: permission + scope checks, a generic record form."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView

from danvan.core.models import AuditEntry


def form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errs in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, error)


def flash_errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def visible_or_404(model, request, pk, *related):
    qs = model.objects.visible_to(request.user)
    if related:
        qs = qs.select_related(*related)
    return get_object_or_404(qs, pk=pk)


class PermissionMixin(LoginRequiredMixin):
    """Signed in, and holding `permission_required` (a global permission) → else 403."""

    permission_required = "movement.view_work"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.has_perm(self.permission_required):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class RecordDetailView(PermissionMixin, DetailView):
    """A record visible to the user (else 404), with its change permission and its audit trail."""

    model = None
    related: tuple[str, ...] = ()
    change_perm = ""

    def get_object(self, queryset=None):
        return visible_or_404(self.model, self.request, self.kwargs["pk"], *self.related)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_change=self.request.user.has_perm(self.change_perm, self.object),
            audit_entries=AuditEntry.objects.for_object(self.object)[:30],
            **kwargs,
        )


class YearListView(PermissionMixin, ListView):
    """A list with a year filter (?year=) and pagination."""

    paginate_by = 30
    year_field = "year"

    def year(self) -> int | None:
        value = self.request.GET.get("year", "")
        return int(value) if value.isdigit() and 1990 <= int(value) <= 2100 else None

    def filter_year(self, qs):
        year = self.year()
        return qs.filter(**{self.year_field: year}) if year else qs

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        this_year = timezone.localdate().year
        return super().get_context_data(
            year=self.year(), years=list(range(this_year, 2019, -1)), querystring=query.urlencode(), **kwargs
        )


class RecordFormView(LoginRequiredMixin, FormView):
    """Create (no pk) or edit (pk) one record through its services: subclasses set the model, the form, the
    permissions and `save(form, obj)`."""

    template_name = "movement/record_form.html"
    model = None
    add_perm = change_perm = ""
    related: tuple = ()
    title_new = title_edit = ""
    back_url_name = ""
    user_form = True

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = (
            visible_or_404(self.model, request, kwargs["pk"], *self.related) if "pk" in kwargs else None
        )
        perm = self.change_perm if self.object else self.add_perm
        if not request.user.has_perm(perm, self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if issubclass(self.form_class, forms.ModelForm):
            kwargs["instance"] = self.object
        if self.user_form:
            kwargs["user"] = self.request.user
        return kwargs

    def get_initial(self):
        return self.initial_for_new() if self.object is None else {}

    def initial_for_new(self) -> dict:
        return {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.object,
            title=self.title_edit if self.object else self.title_new,
            back_url=self.object.get_absolute_url() if self.object else reverse(self.back_url_name),
            **kwargs,
        )

    def values(self, form) -> dict:
        return {name: form.cleaned_data[name] for name in form.Meta.fields}

    def save(self, form, obj):  # pragma: no cover - each subclass implements it
        raise NotImplementedError

    def form_valid(self, form):
        try:
            saved = self.save(form, self.object)
        except ValidationError as error:
            form_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved."))
        return redirect(saved)
