"""Registry of exemplary "Dân vận khéo" models: list with search and filters, record page, forms."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView

from danvan.core.pagination import LenientPaginationMixin

from .. import services
from ..forms import AwardForm, ExemplaryModelFilterForm, ExemplaryModelForm, ReplicationForm
from ..models import ExemplaryModel, ModelEvidence
from .common import (
    RecordActionView,
    RecordDetailView,
    RecordFormView,
    RecordPostView,
    flash_errors,
    own_unit,
)


class ExemplaryModelListView(LoginRequiredMixin, PermissionRequiredMixin, LenientPaginationMixin, ListView):
    permission_required = "movement.view_exemplarymodel"
    template_name = "movement/exemplarymodel_list.html"
    context_object_name = "models"
    paginate_by = 30

    def get_queryset(self):
        self.filter_form = form = ExemplaryModelFilterForm(self.request.GET or None)
        qs = (
            ExemplaryModel.objects.visible_to(self.request.user)
            .select_related("unit")
            .with_award_counts()
            .order_by("-year", "name", "pk")
        )
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
            filter_form=self.filter_form,
            querystring=query.urlencode(),
            can_add=self.request.user.has_perm("movement.add_exemplarymodel"),
            **kwargs,
        )


class ExemplaryModelDetailView(RecordDetailView):
    """Any signed-in member of staff; the record itself is limited by visible_to (else 404)."""

    permission_required = None
    template_name = "movement/exemplarymodel_detail.html"
    context_object_name = "model"
    model = ExemplaryModel
    related = ("unit", "area")
    change_perm = "movement.change_exemplarymodel"

    def get_context_data(self, **kwargs):
        model = self.object
        return super().get_context_data(
            awards=model.awards.all(),
            replications=model.replications.select_related("place"),
            evidence=model.evidence.all(),
            can_publish=self.request.user.has_perm("movement.publish_exemplarymodel", model),
            award_form=AwardForm(),
            replication_form=ReplicationForm(initial={"year": model.year}),
            **kwargs,
        )


class ExemplaryModelFormView(RecordFormView):
    """Register a model (no pk) or change one (pk)."""

    template_name = "movement/exemplarymodel_form.html"
    model = ExemplaryModel
    form_class = ExemplaryModelForm
    add_perm, change_perm = "movement.add_exemplarymodel", "movement.change_exemplarymodel"
    related = ("unit", "area")
    back_url_name = "movement:model_list"
    initial_new = {"unit": own_unit}
    create, update = staticmethod(services.create_model), staticmethod(services.update_model)
    success_message = gettext_lazy("Exemplary model saved.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(model=self.object, **kwargs)


class _ModelActionView(RecordActionView):
    """A form posted about a model: any signed-in member of staff who may change the model."""

    permission_required = None
    model, related, action_perm = ExemplaryModel, ("unit", "area"), "movement.change_exemplarymodel"


class AwardAddView(_ModelActionView):
    form_class = AwardForm
    service = staticmethod(services.add_award)
    success_message = gettext_lazy("Award recorded.")


class ReplicationAddView(_ModelActionView):
    form_class = ReplicationForm
    service = staticmethod(services.add_replication)
    success_message = gettext_lazy("Replication recorded.")


class PublishView(RecordPostView):
    permission_required = None
    model, related, action_perm = ExemplaryModel, ("unit", "area"), "movement.publish_exemplarymodel"

    def post(self, request, pk):
        model = self.get_record(pk)
        publish = request.POST.get("published") == "1"
        services.set_published(model, publish, actor=request.user)
        messages.success(
            request, _("Published on the portal.") if publish else _("Withdrawn from the portal.")
        )
        return redirect(model)


class ModelEvidenceAddView(RecordPostView):
    permission_required = None
    model, related, action_perm = ExemplaryModel, ("unit", "area"), "movement.change_exemplarymodel"

    def post(self, request, pk):
        model = self.get_record(pk)
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose a file to attach."))
            return redirect(model)
        try:
            services.add_model_evidence(model, actor=request.user, upload=upload)
            messages.success(request, _("Evidence attached."))
        except ValidationError as error:
            flash_errors(request, error)
        return redirect(model)


class ModelEvidenceDownloadView(LoginRequiredMixin, View):
    """Evidence of a model the caller may see (visible_to); any other id → 404, like a missing one."""

    def get(self, request, pk):
        evidence = get_object_or_404(
            ModelEvidence.objects.filter(model__in=ExemplaryModel.objects.visible_to(request.user)), pk=pk
        )
        return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)
