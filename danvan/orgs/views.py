"""Org tree, unit page and alias editing; every query goes through OrgUnit.objects.visible_to."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView

from danvan.core.models import AuditEntry

from . import services
from .forms import AliasForm, UnitSearchForm
from .models import OrgUnit


def build_tree(units: list[OrgUnit]) -> list[dict]:
    """Nest units (ordered by path) under their nearest listed ancestor."""
    roots, nodes = [], {}
    for unit in units:
        node = {"unit": unit, "children": []}
        nodes[unit.pk] = node
        parent = nodes.get(unit.parent_id)
        (parent["children"] if parent else roots).append(node)
    return roots


class UnitListView(LoginRequiredMixin, TemplateView):
    template_name = "orgs/unit_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = UnitSearchForm(self.request.GET or None)
        form.is_valid()
        data = getattr(form, "cleaned_data", {}) or {}
        units = OrgUnit.objects.visible_to(self.request.user).select_related("parent")
        if not data.get("closed"):
            units = units.active()
        query = data.get("q", "")
        if query:
            context["results"] = list(units.search(query)[:200])
        else:
            context["tree"] = build_tree(list(units))
        context.update(form=form, query=query, total=units.count())
        return context


class VisibleUnitMixin(LoginRequiredMixin):
    """Out of scope → 404: a unit the user may not see does not exist for them."""

    def get_unit(self) -> OrgUnit:
        return get_object_or_404(OrgUnit.objects.visible_to(self.request.user), pk=self.kwargs["pk"])


class UnitDetailView(VisibleUnitMixin, DetailView):
    template_name = "orgs/unit_detail.html"
    context_object_name = "unit"

    def get_object(self, queryset=None) -> OrgUnit:
        return self.get_unit()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit, user = self.object, self.request.user
        visible = OrgUnit.objects.visible_to(user)
        context.update(
            ancestors=[a for a in unit.ancestors() if visible.filter(pk=a.pk).exists()],
            children=visible.filter(parent=unit).active(),
            aliases=unit.aliases.all(),
            successors=unit.successor_links.select_related("successor", "event"),
            predecessors=unit.predecessor_links.select_related("predecessor", "event"),
            current_holders=[] if unit.is_open else services.current_holders(unit),
            audit_entries=AuditEntry.objects.for_object(unit)[:50],
            can_edit=user.has_perm("orgs.change_orgunit", unit),
            alias_form=AliasForm(),
        )
        return context


class AliasAddView(VisibleUnitMixin, PermissionRequiredMixin, FormView):
    permission_required = "orgs.change_orgunit"
    form_class = AliasForm
    template_name = "orgs/alias_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.unit = self.get_unit() if request.user.is_authenticated else None
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(unit=self.unit, **kwargs)

    def form_valid(self, form):
        try:
            services.add_aliases(self.unit, form.cleaned_data["names"])
        except ValidationError as error:
            form.add_error("names", error)
            return self.form_invalid(form)
        messages.success(self.request, _("Aliases saved."))
        return redirect(self.unit)
