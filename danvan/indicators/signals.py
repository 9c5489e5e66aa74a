"""Indicators fed by the membership survey follow its figures.

A saved or deleted survey return, a changed survey or a changed list of units asked recomputes the
indicators whose source is the membership survey, once per year after the transaction commits
(one recomputation for many returns saved together, none if the change is rolled back). The
senders are named lazily ("movement.SurveyReturn"): this app never imports movement's models, and
without movement nothing is connected.
"""

import threading

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

ALL_YEARS = 0
_pending = threading.local()


def _years() -> set[int]:
    if not hasattr(_pending, "years"):
        _pending.years = set()
    return _pending.years


def _flush() -> None:
    from .services import recompute_membership_indicators

    years, _pending.years = _years(), set()
    if years:
        recompute_membership_indicators(years=None if ALL_YEARS in years else years)


def membership_changed(year: int = ALL_YEARS) -> None:
    """Recompute the membership indicators of `year` (every year by default) once the change commits."""
    _years().add(year)
    transaction.on_commit(_flush, robust=True)


def _return_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        membership_changed(instance.survey.year)


def _changed(sender, raw: bool = False, **kwargs) -> None:
    """A deleted return, or a changed survey (whose year may have changed): every year."""
    if not raw:
        membership_changed()


def _units_changed(sender, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        membership_changed()


def connect() -> None:
    for signal, sender, handler, uid in (
        (post_save, "movement.SurveyReturn", _return_saved, "return_saved"),
        (post_delete, "movement.SurveyReturn", _changed, "return_deleted"),
        (post_save, "movement.MembershipSurvey", _changed, "survey_saved"),
        (post_delete, "movement.MembershipSurvey", _changed, "survey_deleted"),
        (m2m_changed, "movement.MembershipSurvey_units", _units_changed, "survey_units"),
    ):
        signal.connect(handler, sender=sender, dispatch_uid=f"indicators_membership_{uid}")
