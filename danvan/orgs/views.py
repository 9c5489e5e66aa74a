"""Org tree, unit page, new unit, aliases and the CSV export; every query goes through visible_to."""

import csv

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import F, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView

from danvan.core.models import AuditEntry
from danvan.core.permissions import path_in_scope, sees_everything

from . import services
from .forms import AliasForm, OrgUnitForm, UnitSearchForm
from .models import OrgAlias, OrgUnit


def build_tree(units: list[OrgUnit]) -> list[dict]:
    """Nest units (ordered by path) under their nearest listed ancestor."""
    roots, nodes = [], {}
    for unit in units:
        node = {"unit": unit, "children": []}
        nodes[unit.pk] = node
        parent = nodes.get(unit.parent_id)
        (parent["children"] if parent else roots).append(node)
    return roots


def _filtered_units(request) -> tuple[UnitSearchForm, dict, "OrgUnit.objects"]:
    form = UnitSearchForm(request.GET or None)
    form.is_valid()
    data = getattr(form, "cleaned_data", {}) or {}
    units = OrgUnit.objects.visible_to(request.user).select_related("parent")
    if data.get("q"):
        # A search also finds units that have ended (open ones first): people still write
        # "Ban Dân vận Tỉnh ủy" after its merger, and the result leads to its successor.
        return form, data, units.search(data["q"]).order_by(F("valid_to").desc(nulls_first=True), "path")
    if not data.get("closed"):
        units = units.active()
    return form, data, units


class UnitListView(LoginRequiredMixin, TemplateView):
    """The org tree; a scoped officer sees only their own unit's sub-tree."""

    template_name = "orgs/unit_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        form, data, units = _filtered_units(self.request)
        query = data.get("q", "")
        if query:
            results = list(units[:200])
            for unit in results:  # a parent outside the user's scope is not named
                parent = unit.parent
                unit.shown_parent = parent if parent and path_in_scope(user, parent.path) else None
                unit.holders = (
                    []
                    if unit.is_open
                    else [h for h in services.current_holders(unit) if path_in_scope(user, h.path)]
                )
            context["results"] = results
        else:
            context["tree"] = build_tree(list(units))
        context.update(
            form=form,
            query=query,
            total=units.count(),
            scoped=not sees_everything(user),
            can_add=user.has_perm("orgs.add_orgunit"),
            export_query=self.request.GET.urlencode(),
        )
        return context


class UnitExportView(LoginRequiredMixin, View):
    """The units the user can see (same filters as the tree), as CSV for Excel."""

    def get(self, request):
        _form, _data, units = _filtered_units(request)
        units = units.prefetch_related(Prefetch("aliases", queryset=OrgAlias.objects.order_by("name")))
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="don-vi-{timezone.localdate():%Y%m%d}.csv"'
        response.write("\ufeff")  # Excel needs the BOM to read UTF-8
        writer = csv.writer(response)
        writer.writerow(
            [
                _("Full name"),
                _("Short name"),
                _("Kind"),
                _("Official code"),
                _("Parent unit"),
                _("Valid from"),
                _("Valid to"),
                _("Aliases"),
            ]
        )
        user = request.user
        for unit in units:
            parent = unit.parent.name if unit.parent and path_in_scope(user, unit.parent.path) else ""
            writer.writerow(
                [
                    unit.name,
                    unit.short_name,
                    unit.get_kind_display(),
                    unit.code,
                    parent,
                    f"{unit.valid_from:%d/%m/%Y}" if unit.valid_from else "",
                    f"{unit.valid_to:%d/%m/%Y}" if unit.valid_to else "",
                    "; ".join(a.name for a in unit.aliases.all()),
                ]
            )
        return response


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
        successors = list(unit.successor_links.select_related("successor", "event"))
        predecessors = list(unit.predecessor_links.select_related("predecessor", "event"))
        for link in successors:
            link.linked = path_in_scope(user, link.successor.path)
        for link in predecessors:
            link.linked = path_in_scope(user, link.predecessor.path)
        holders = [] if unit.is_open else services.current_holders(unit)
        context.update(
            ancestors=[a for a in unit.ancestors() if path_in_scope(user, a.path)],
            children=visible.filter(parent=unit).active(),
            aliases=unit.aliases.all(),
            successors=successors,
            predecessors=predecessors,
            current_holders=[(h, path_in_scope(user, h.path)) for h in holders],
            audit_entries=AuditEntry.objects.for_object(unit).select_related("content_type")[:50],
            account_count=unit.users.filter(is_active=True).count(),
            can_edit=user.has_perm("orgs.change_orgunit", unit),
            alias_form=AliasForm(unit=unit),
        )
        return context


class UnitCreateView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """A body the reference data does not carry (coordinators and administrators)."""

    permission_required = "orgs.add_orgunit"
    form_class = OrgUnitForm
    template_name = "orgs/unit_form.html"

    def get_initial(self):
        parent = self.request.GET.get("parent")
        return {"parent": parent} if parent and parent.isdigit() else {}

    def form_valid(self, form):
        try:
            unit = services.create_unit(**form.unit_fields())
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Unit “%(name)s” created.") % {"name": unit.name})
        return redirect(unit)


class AliasAddView(VisibleUnitMixin, PermissionRequiredMixin, FormView):
    permission_required = "orgs.change_orgunit"
    form_class = AliasForm
    template_name = "orgs/alias_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.unit = self.get_unit() if request.user.is_authenticated else None
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"unit": self.unit}

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
