"""Base views shared by the movement topics: permission + scope checks, a record page, a generic record
form and a form posted about one record. Concrete views declare the model, form, permissions, services
and messages; these bases hold the plumbing."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from danvan.core.forms import add_service_errors
from danvan.core.models import AuditEntry
from danvan.core.pagination import LenientPaginationMixin


def flash_errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def visible_or_404(model, request, pk, *related):
    qs = model.objects.visible_to(request.user)
    if related:
        qs = qs.select_related(*related)
    return get_object_or_404(qs, pk=pk)


def own_unit(request):
    """Initial value of a new record's unit field: the user's own unit."""
    return request.user.org_unit_id


def today(request):
    return timezone.localdate()


def this_year(request):
    return timezone.localdate().year


class PermissionMixin(LoginRequiredMixin):
    """Signed in, and holding `permission_required` (a global permission) → else 403. None: signing in is
    enough (the record's own permission is checked by the view)."""

    permission_required: str | None = "movement.view_work"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.permission_required is not None and not request.user.has_perm(self.permission_required):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class RecordDetailView(PermissionMixin, DetailView):
    """A record visible to the user (else 404), with its change permission (`can_change`, when the view
    names one) and its audit trail."""

    model = None
    related: tuple[str, ...] = ()
    change_perm = ""
    audit_limit = 30

    def get_object(self, queryset=None):
        return visible_or_404(self.model, self.request, self.kwargs["pk"], *self.related)

    def get_context_data(self, **kwargs):
        if self.change_perm:
            kwargs["can_change"] = self.request.user.has_perm(self.change_perm, self.object)
        return super().get_context_data(
            audit_entries=AuditEntry.objects.for_object(self.object)[: self.audit_limit], **kwargs
        )


class YearListView(PermissionMixin, LenientPaginationMixin, ListView):
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
    """Create (no pk) or edit (pk) one record through its services.

    Subclasses declare the model, the form, `add_perm`/`change_perm`, the titles, `initial_new` (field →
    function of the request, for a new record) and the services `create(actor=, **values)` and
    `update(obj, actor=, **values)`; `save(form, obj)` is overridden only where a service differs."""

    template_name = "movement/record_form.html"
    model = None
    add_perm = change_perm = ""
    related: tuple = ()
    title_new = title_edit = ""
    back_url_name = ""
    user_form = True
    initial_new: dict = {}
    create = update = None
    success_message = gettext_lazy("Saved.")

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
        return {name: value(self.request) for name, value in self.initial_new.items()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.object,
            title=self.title_edit if self.object else self.title_new,
            back_url=self.object.get_absolute_url() if self.object else reverse(self.back_url_name),
            **kwargs,
        )

    def values(self, form) -> dict:
        return {name: form.cleaned_data[name] for name in form.Meta.fields}

    def new_values(self, form) -> dict:
        """What `create` receives; the edited fields unless a new record takes more."""
        return self.values(form)

    def save(self, form, obj):
        if obj:
            return self.update(obj, actor=self.request.user, **self.values(form))
        return self.create(actor=self.request.user, **self.new_values(form))

    def form_valid(self, form):
        try:
            saved = self.save(form, self.object)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(saved)


class RecordPostView(PermissionMixin, View):
    """A POST about one record: visible to the user (else 404) and `action_perm` on it (else 403)."""

    model = None
    related: tuple = ()
    action_perm = ""

    def get_record(self, pk):
        record = visible_or_404(self.model, self.request, pk, *self.related)
        if not self.request.user.has_perm(self.action_perm, record):
            raise PermissionDenied
        return record


class RecordActionView(RecordPostView):
    """A form posted about one record (an answer, a follow-up, participants, …): when valid, `act` runs the
    service and its message is flashed, else the errors are; either way the user goes back to the record.

    Subclasses declare the form, `service(record, actor=, **cleaned_data)` and `success_message`, or
    override `act` (returns the message) and `form_invalid`."""

    form_class = None
    service = None
    success_message = ""

    def post(self, request, pk):
        record = self.get_record(pk)
        form = self.form_class(request.POST, request.FILES)
        if form.is_valid():
            try:
                messages.success(request, self.act(record, form.cleaned_data))
            except ValidationError as error:
                flash_errors(request, error)
        else:
            self.form_invalid(form)
        return redirect(record)

    def act(self, record, data: dict):
        self.service(record, actor=self.request.user, **data)
        return self.success_message

    def form_invalid(self, form) -> None:
        for errs in form.errors.values():
            for e in errs:
                messages.error(self.request, e)
