"""Shell pages: home (by role) and the audit search."""

from django.apps import apps
from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe
from django.views.generic import ListView, TemplateView

from danvan.orgs.choices import Role
from danvan.orgs.models import OrgEvent, OrgUnit, User

from .audit_display import actor_labels_matching
from .models import AuditAction, AuditEntry
from .pagination import LenientPaginationMixin
from .permissions import in_scope, manages_everything, sees_everything
from .text import fold


def home_panels(request) -> list[str]:
    """HTML panels other apps contribute to the home page.

    An app lists `home_panels = [(order, "danvan.<app>.views.home_panel")]` on its AppConfig; each
    callable takes the request and returns rendered HTML (only real data; None or "" to show nothing).
    """
    entries = []
    for config in apps.get_app_configs():
        entries.extend(getattr(config, "home_panels", ()))
    panels = []
    for _order, dotted in sorted(entries, key=lambda entry: entry[0]):
        html = import_string(dotted)(request)
        if html:
            panels.append(mark_safe(html))  # noqa: S308  (rendered by the app's own template)
    return panels


class HomeView(LoginRequiredMixin, TemplateView):
    """What each role needs first: their unit, what they can see, and what changed lately."""

    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        units = OrgUnit.objects.visible_to(user).active()
        own = user.org_unit
        context.update(
            unit_count=units.count(),
            user_unit=own,
            sub_units=list(units.filter(parent=own).order_by("name")[:12]) if own else [],
            sub_unit_count=units.filter(parent=own).count() if own else 0,
            sees_everything=sees_everything(user),
            panels=home_panels(self.request),
        )
        events = in_scope(
            OrgEvent.objects.all(), user, "successions__predecessor__path", "successions__successor__path"
        )
        events = events.distinct().prefetch_related("successions__predecessor", "successions__successor")
        context["events"] = list(events.order_by("-date", "-id")[:6])
        if user.has_perm("core.search_audit"):
            context["recent_changes"] = list(AuditEntry.objects.select_related("content_type")[:8])
        if manages_everything(user):
            counts = dict(
                User.objects.filter(is_active=True).values_list("role").annotate(n=Count("id")).order_by()
            )
            context["accounts_by_role"] = [(label, counts.get(value, 0)) for value, label in Role.choices]
        return context


class AuditSearchView(LoginRequiredMixin, PermissionRequiredMixin, LenientPaginationMixin, ListView):
    """Coordinators search the audit trail by record, actor and action."""

    permission_required = "core.search_audit"
    template_name = "core/audit_list.html"
    paginate_by = 50

    def get_queryset(self):
        qs = AuditEntry.objects.select_related("content_type")
        q = self.request.GET.get("q", "").strip()
        if q:
            qs = qs.filter(
                Q(object_repr__icontains=q)
                | Q(actor_label__icontains=q)
                | Q(actor_label__in=actor_labels_matching(q))
                | Q(object_repr__icontains=fold(q))
            )
        action = self.request.GET.get("action")
        if action in AuditAction.values:
            qs = qs.filter(action=action)
        return qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["q"] = self.request.GET.get("q", "")
        context["action"] = self.request.GET.get("action", "")
        paginator = context.get("paginator")
        context["total"] = paginator.count if paginator else len(context["object_list"])
        return context


def choose_language(request, code: str):
    """The header's language links: remember the choice in the language cookie (read by
    ChosenLanguageMiddleware) and go back to the page the link was on (`next`, else the Referer,
    which Django's same-origin referrer policy sends within the site). Plain links rather than
    Django's POST form: the same on every page, so the header is cached per language, and pages
    without a form of their own need no CSRF token."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    back = request.GET.get("next") or request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = reverse("core:home")
    response = HttpResponseRedirect(back)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    add_never_cache_headers(response)
    return response
