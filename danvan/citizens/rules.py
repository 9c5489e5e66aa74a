"""Object permissions of the citizens app.

Per-record predicates defined here: the handler assigned to a petition, and the head of the body
that received it or handles it (UnitHead). A denouncer's identity is visible only to those two.
"""

import rules

from danvan.core.permissions import (
    is_agency_officer,
    is_reception_officer,
    manages_everything,
    path_in_scope,
    sees_everything,
)


@rules.predicate
def is_assigned_handler(user, petition) -> bool:
    return petition is not None and user.is_authenticated and petition.handler_id == user.pk


@rules.predicate
def is_head_of_board(user, petition) -> bool:
    """The designated head of the receiving body or of the competent body."""
    from .models import UnitHead

    if petition is None or not user.is_authenticated:
        return False
    units = [u for u in (petition.received_unit_id, petition.competent_body_id) if u]
    return UnitHead.objects.filter(user=user, unit_id__in=units).exists()


@rules.predicate
def petition_in_scope(user, petition) -> bool:
    return petition is not None and (
        path_in_scope(user, petition.received_path) or path_in_scope(user, petition.handling_path)
    )


@rules.predicate
def handles_in_scope(user, petition) -> bool:
    return petition is not None and path_in_scope(user, petition.handling_path)


@rules.predicate
def is_protected(user, petition) -> bool:
    return petition is not None and petition.is_protected


@rules.predicate
def responsible_in_scope(user, item) -> bool:
    return (
        item is not None
        and item.responsible_body_id is not None
        and path_in_scope(user, item.responsible_body.path)
    )


staff = sees_everything | is_reception_officer | is_agency_officer
manages_reception = manages_everything | is_reception_officer
can_view = sees_everything | petition_in_scope | is_assigned_handler

rules.add_perm("citizens.use_reception", sees_everything | is_reception_officer)
rules.add_perm("citizens.handle_assigned", is_agency_officer)
rules.add_perm("citizens.view_petition", staff & can_view)
rules.add_perm("citizens.add_petition", manages_reception)
rules.add_perm("citizens.classify_petition", manages_everything | (is_reception_officer & petition_in_scope))
rules.add_perm("citizens.route_petition", manages_everything | (is_reception_officer & petition_in_scope))
rules.add_perm(
    "citizens.handle_petition",
    manages_everything
    | is_assigned_handler
    | (is_reception_officer & petition_in_scope)
    | (is_agency_officer & handles_in_scope),
)
rules.add_perm(
    "citizens.view_sender",
    (is_protected & (is_assigned_handler | is_head_of_board)) | (~is_protected & staff & can_view),
)
rules.add_perm("citizens.export_petition", sees_everything | is_reception_officer)
rules.add_perm("citizens.view_statistics", sees_everything | is_reception_officer)
rules.add_perm("citizens.manage_calendar", manages_reception)
rules.add_perm("citizens.view_timelimitrule", staff)
rules.add_perm("citizens.change_timelimitrule", manages_everything)
rules.add_perm("citizens.add_timelimitrule", manages_everything)  # a new version from a date
rules.add_perm("citizens.view_session", staff)
rules.add_perm("citizens.add_session", manages_reception)
rules.add_perm("citizens.view_meeting", staff)
rules.add_perm("citizens.add_meeting", manages_reception)
rules.add_perm("citizens.change_meetingitem", manages_reception | responsible_in_scope)
