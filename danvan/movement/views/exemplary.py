"""Registry of exemplary "Dân vận khéo" models: list with search and filters, record page, forms."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Sum
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from danvan.core.models import AuditEntry

from .. import services
from ..forms import AwardForm, ExemplaryModelFilterForm, ExemplaryModelForm, ReplicationForm
from ..models import ExemplaryModel, ModelEvidence


def _visible(request, pk) -> ExemplaryModel:
    return get_object_or_404(ExemplaryModel.objects.visible_to(request.user).select_related("unit", "area"),
        pk=pk)


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errs in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, error)


class ExemplaryModelListView(LoginRequiredMixin, PermissionRequiredMixin, ListView):
    permission_required = "movement.view_exemplarymodel"
    template_name = "movement/exemplarymodel_list.html"
    context_object_name = "models"
    paginate_by = 30

    def get_queryset(self):
        self.filter_form = form = ExemplaryModelFilterForm(self.request.GET or None)
        qs = ExemplaryModel.objects.visible_to(self.request.user).select_related("unit").annotate(
            n_awards=Count("awards", distinct=True), n_copies=Sum("replications__count"),
        ).order_by("-year", "name", "pk")
        if form.is_valid():
            data = form.cleaned_data
            if data["q"]:
                qs = qs.search(data["q"])
            for name in ("kind", "field", "level", "year"):
                if data[name]:
                    qs = qs.filter(**{name: data[name]})
            if data["published"]:
                qs = qs.filter(published=data["published"] == "1")
        return qs

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filter_form=self.filter_form, querystring=query.urlencode(),
            can_add=self.request.user.has_perm("movement.add_exemplarymodel"), **kwargs,
        )


class ExemplaryModelDetailView(LoginRequiredMixin, DetailView):
    template_name = "movement/exemplarymodel_detail.html"
    context_object_name = "model"

    def get_object(self, queryset=None):
        return _visible(self.request, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        model, user = self.object, self.request.user
        return super().get_context_data(
            awards=model.awards.all(), replications=model.replications.select_related("place"),
            evidence=model.evidence.all(), can_change=user.has_perm("movement.change_exemplarymodel", model),
            can_publish=user.has_perm("movement.publish_exemplarymodel", model),
            award_form=AwardForm(), replication_form=ReplicationForm(initial={"year": model.year}),
            audit_entries=AuditEntry.objects.for_object(model)[:30], **kwargs,
        )


class ExemplaryModelFormView(LoginRequiredMixin, FormView):
    """Register a model (no pk) or change one (pk)."""

    form_class = ExemplaryModelForm
    template_name = "movement/exemplarymodel_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.model_obj = _visible(request, kwargs["pk"]) if "pk" in kwargs else None
        perm = "movement.change_exemplarymodel" if self.model_obj else "movement.add_exemplarymodel"
        if not request.user.has_perm(perm, self.model_obj):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "user": self.request.user, "instance": self.model_obj}
        if self.model_obj is None:
            kwargs["initial"] = {"unit": self.request.user.org_unit_id}
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(model=self.model_obj, **kwargs)

    def form_valid(self, form):
        values = {f: form.cleaned_data[f] for f in form.Meta.fields}
        try:
            if self.model_obj:
                model = services.update_model(self.model_obj, actor=self.request.user, **values)
            else:
                model = services.create_model(actor=self.request.user, **values)
        except ValidationError as error:
            _form_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Exemplary model saved."))
        return redirect(model)


class AwardAddView(LoginRequiredMixin, View):
    def post(self, request, pk):
        model = _visible(request, pk)
        if not request.user.has_perm("movement.change_exemplarymodel", model):
            raise PermissionDenied
        form = AwardForm(request.POST)
        if form.is_valid():
            try:
                services.add_award(model, actor=request.user, **form.cleaned_data)
                messages.success(request, _("Award recorded."))
            except ValidationError as error:
                for m in error.messages:
                    messages.error(request, m)
        else:
            for errs in form.errors.values():
                for e in errs:
                    messages.error(request, e)
        return redirect(model)


class ReplicationAddView(LoginRequiredMixin, View):
    def post(self, request, pk):
        model = _visible(request, pk)
        if not request.user.has_perm("movement.change_exemplarymodel", model):
            raise PermissionDenied
        form = ReplicationForm(request.POST)
        if form.is_valid():
            try:
                services.add_replication(model, actor=request.user, **form.cleaned_data)
                messages.success(request, _("Replication recorded."))
            except ValidationError as error:
                for m in error.messages:
                    messages.error(request, m)
        else:
            for errs in form.errors.values():
                for e in errs:
                    messages.error(request, e)
        return redirect(model)


class PublishView(LoginRequiredMixin, View):
    def post(self, request, pk):
        model = _visible(request, pk)
        if not request.user.has_perm("movement.publish_exemplarymodel", model):
            raise PermissionDenied
        publish = request.POST.get("published") == "1"
        services.set_published(model, publish, actor=request.user)
        messages.success(request,
            _("Published on the portal.") if publish else _("Withdrawn from the portal."))
        return redirect(model)


class ModelEvidenceAddView(LoginRequiredMixin, View):
    def post(self, request, pk):
        model = _visible(request, pk)
        if not request.user.has_perm("movement.change_exemplarymodel", model):
            raise PermissionDenied
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose a file to attach."))
            return redirect(model)
        try:
            services.add_model_evidence(model, actor=request.user, upload=upload)
            messages.success(request, _("Evidence attached."))
        except ValidationError as error:
            for m in error.messages:
                messages.error(request, m)
        return redirect(model)


class ModelEvidenceDownloadView(LoginRequiredMixin, View):
    """Evidence of a model the caller may see (visible_to); any other id → 404, like a missing one."""

    def get(self, request, pk):
        evidence = get_object_or_404(
            ModelEvidence.objects.filter(model__in=ExemplaryModel.objects.visible_to(request.user)), pk=pk
        )
        return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)
