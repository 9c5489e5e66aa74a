"""Shell pages: home (by role) and the audit search."""

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.db.models import Q
from django.views.generic import ListView, TemplateView

from danvan.orgs.models import OrgUnit

from .models import AuditEntry
from .text import fold


class HomeView(LoginRequiredMixin, TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        units = OrgUnit.objects.visible_to(self.request.user).active()
        context["unit_count"] = units.count()
        context["user_unit"] = self.request.user.org_unit
        return context


class AuditSearchView(LoginRequiredMixin, PermissionRequiredMixin, ListView):
    """Coordinators search the audit trail by record, actor and action."""

    permission_required = "core.search_audit"
    template_name = "core/audit_list.html"
    paginate_by = 50

    def get_queryset(self):
        qs = AuditEntry.objects.select_related("content_type")
        q = self.request.GET.get("q", "").strip()
        if q:
            qs = qs.filter(Q(object_repr__icontains=q) | Q(actor_label__icontains=q) | Q(object_repr__icontains=fold(q)))
        action = self.request.GET.get("action")
        if action:
            qs = qs.filter(action=action)
        return qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["q"] = self.request.GET.get("q", "")
        context["action"] = self.request.GET.get("action", "")
        return context
