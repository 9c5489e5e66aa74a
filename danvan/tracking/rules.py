"""Object permissions of the tracking app (rules predicates on danvan.core.permissions)."""

import rules

from danvan.core.permissions import is_agency_officer, manages_everything, path_in_scope, sees_everything


@rules.predicate
def has_unit(user) -> bool:
    return getattr(user, "org_unit_id", None) is not None


@rules.predicate
def occurrence_visible(user, occ) -> bool:
    if occ is None:
        return False
    from .models import Occurrence

    return sees_everything(user) or Occurrence.objects.visible_to(user).filter(pk=occ.pk).exists()


@rules.predicate
def leads_occurrence(user, occ) -> bool:
    return occ is not None and occ.lead_unit_id is not None and path_in_scope(user, occ.lead_unit.path)


rules.add_perm("tracking.view_inbox", has_unit)
rules.add_perm("tracking.view_overview", sees_everything)
rules.add_perm("tracking.view_dashboard", sees_everything)
rules.add_perm("tracking.view_occurrence", occurrence_visible)
rules.add_perm("tracking.comment_occurrence", occurrence_visible)
rules.add_perm("tracking.report_progress", manages_everything | (is_agency_officer & occurrence_visible))
rules.add_perm("tracking.send_reminder", manages_everything)
rules.add_perm("tracking.export_occurrences", rules.is_authenticated)
rules.add_perm("tracking.manage_feeds", rules.is_authenticated)
