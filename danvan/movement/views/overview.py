"""Movement work: the index of the areas with this year's figures, and the home-page panel for leaders."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from ..services.figures import dashboard_panels, overdue_recommendations
from .common import PermissionMixin


def _year(request) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 1990 <= int(value) <= 2100 else timezone.localdate().year


class MovementIndexView(PermissionMixin, TemplateView):
    """One page for the areas (supervision, membership, training, ethnic and religious affairs, opinion)."""

    permission_required = "movement.view_work"
    template_name = "movement/index.html"

    def get_context_data(self, **kwargs):
        year = _year(self.request)
        this_year = timezone.localdate().year
        return super().get_context_data(
            panels=dashboard_panels(self.request.user, year),
            year=year,
            years=list(range(this_year, 2019, -1)),
            **kwargs,
        )


def home_panel(request) -> str | None:
    """Overdue recommendations on the home page of those who follow them (nothing when there are none)."""
    user = request.user
    if not user.has_perm("movement.view_supervisionprogramme"):
        return None
    items, count = overdue_recommendations(user)
    if not items:
        return None
    panel = {"items": items, "overdue_count": count, "url": reverse("movement:recommendation_list")}
    return render_to_string("movement/_overdue_panel.html", {"panel": panel}, request=request)
