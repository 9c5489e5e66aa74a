"""Working days and statutory due dates, read from TimeLimitRule and Holiday rows.

Convention: a limit of N days "from" a day ends on the N-th day after it (the start day is not
counted). Calendar days count every day; working days skip Saturdays, Sundays and the holidays of
the staff-maintained calendar, and count a weekend day marked as a make-up working day.
The rule that applies is the one valid on the day the period starts (receipt, acceptance or the
previous limit for an extension), so a case straddling an amendment uses each step's own rule.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from .choices import ComplaintTrack, DayUnit, PetitionType, Step
from .models import CountedFrom, Holiday, RuleCondition, TimeLimitRule

# When no rule exists for the exact condition, fall back to the less specific ones, in this order.
FALLBACK = {
    RuleCondition.REMOTE_COMPLEX: [
        RuleCondition.REMOTE_COMPLEX,
        RuleCondition.COMPLEX,
        RuleCondition.REMOTE,
        RuleCondition.NORMAL,
    ],
    RuleCondition.COMPLEX: [RuleCondition.COMPLEX, RuleCondition.NORMAL],
    RuleCondition.REMOTE: [RuleCondition.REMOTE, RuleCondition.NORMAL],
    RuleCondition.MULTI_PLACE: [RuleCondition.MULTI_PLACE, RuleCondition.NORMAL],
    RuleCondition.NORMAL: [RuleCondition.NORMAL],
    RuleCondition.EXTENSION_1: [RuleCondition.EXTENSION_1],
    RuleCondition.EXTENSION_2: [RuleCondition.EXTENSION_2],
}

# Order in which the steps are shown and evaluated.
STEPS = [
    Step.FILING,
    Step.CLASSIFICATION,
    Step.REPLY_VISITOR,
    Step.FORWARDING,
    Step.ACCEPTANCE,
    Step.NOTIFICATION,
    Step.RESOLUTION,
]
DUE_FIELDS = {
    Step.CLASSIFICATION: "classification_due",
    Step.FORWARDING: "forwarding_due",
    Step.ACCEPTANCE: "acceptance_due",
    Step.REPLY_VISITOR: "reply_due",
    Step.RESOLUTION: "resolution_due",
}


@dataclass
class Deadline:
    step: str
    rule: TimeLimitRule
    start: date
    due: date
    extensions: list


_shared: dict = {}


def shared_calendar() -> "Calendar":
    """A per-process Calendar, rebuilt when a rule or holiday changes here (signals) or after 5 minutes
    (another process may have changed them); it spares every submission two queries and rule parsing."""
    import time

    cached = _shared.get("calendar")
    if cached is None or time.monotonic() - _shared["at"] > 300:
        cached = _shared["calendar"] = Calendar()
        _shared["at"] = time.monotonic()
    return cached


def forget_shared_calendar(**kwargs) -> None:
    _shared.pop("calendar", None)


class Calendar:
    """Rules and holidays loaded once; reuse one instance for many petitions (bulk demo, recompute)."""

    def __init__(self) -> None:
        self.rules: dict[tuple, list[TimeLimitRule]] = {}
        for rule in TimeLimitRule.objects.all():
            key = (rule.petition_type, rule.step, rule.complaint_track, rule.condition, rule.channel)
            self.rules.setdefault(key, []).append(rule)
        from .models import RoutingRule

        self.routing_rules = list(RoutingRule.objects.select_related("body", "area"))
        self.holidays: set[date] = set()
        self.makeup: set[date] = set()
        for day, working in Holiday.objects.values_list("date", "is_working_day"):
            (self.makeup if working else self.holidays).add(day)

    # ---- days -------------------------------------------------------------------------------
    def is_working_day(self, day: date) -> bool:
        if day in self.makeup:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def add(self, start: date, days: int, unit: str) -> date:
        if unit == DayUnit.CALENDAR:
            return start + timedelta(days=days)
        day, left = start, days
        while left > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        return day

    # ---- rules ------------------------------------------------------------------------------
    def rule(
        self,
        petition_type: str,
        step: str,
        *,
        on: date,
        track: str = "",
        condition: str = "",
        channel: str = "",
    ) -> TimeLimitRule | None:
        """The rule valid on `on` for the most specific matching condition (and channel, if any)."""
        for cond in FALLBACK.get(condition, [condition]):
            for chan in [channel, ""] if channel else [""]:
                for rule in self.rules.get((petition_type, step, track, cond, chan), []):
                    if rule.valid_from <= on and (rule.valid_to is None or on <= rule.valid_to):
                        return rule
        return None

    def deadlines(self, petition) -> dict[str, Deadline]:
        """Every step's deadline that can be computed from what is known of the petition now."""
        ptype = petition.petition_type
        track = petition.complaint_track if ptype == PetitionType.COMPLAINT else ""
        if ptype == PetitionType.COMPLAINT and not track:
            track = ComplaintTrack.FIRST
        complex_, remote = petition.is_complex, petition.is_remote_area
        if ptype == PetitionType.COMPLAINT:
            condition = {
                (False, False): "",
                (True, False): "complex",
                (False, True): "remote",
                (True, True): "remote_complex",
            }[(complex_, remote)]
        else:
            condition = ""
        multi = RuleCondition.MULTI_PLACE if petition.multi_place_verification else ""
        conditions = {
            Step.FILING: RuleCondition.REMOTE if remote else "",
            Step.CLASSIFICATION: multi,
            Step.ACCEPTANCE: multi,
            Step.RESOLUTION: condition,
        }
        anchors = {
            CountedFrom.RECEIVED: petition.received_on,
            CountedFrom.ACCEPTED: petition.accepted_on,
            CountedFrom.DECISION_KNOWN: petition.decision_known_on,
        }
        result: dict[str, Deadline] = {}
        for step in STEPS:
            cond = conditions.get(step, "")
            step_track = track if step in (Step.FILING, Step.ACCEPTANCE, Step.RESOLUTION) else ""
            channel = petition.channel if step == Step.REPLY_VISITOR else ""
            probe = self._probe(ptype, step, step_track, cond, channel, anchors)
            if probe is None:
                continue
            rule, start = probe
            due = self.add(start, rule.days, rule.unit)
            extensions = []
            if step == Step.RESOLUTION and ptype == PetitionType.DENUNCIATION:
                for number in range(1, min(petition.extensions, 2) + 1):
                    ext = self.rule(ptype, Step.EXTENSION, on=due, condition=f"extension_{number}")
                    if ext is None:
                        break
                    due = self.add(due, ext.days, ext.unit)
                    extensions.append(ext)
            result[step] = Deadline(step=step, rule=rule, start=start, due=due, extensions=extensions)
        return result

    def _probe(self, ptype, step, track, cond, channel, anchors):
        """Find the rule and its start day; the rule's own `counted_from` says which date anchors it."""
        if step == Step.REPLY_VISITOR and not channel:
            return None
        for anchor_name, anchor in anchors.items():
            if anchor is None:
                continue
            rule = self.rule(ptype, step, on=anchor, track=track, condition=cond, channel=channel)
            if rule is not None and rule.counted_from == anchor_name:
                if step == Step.REPLY_VISITOR and rule.channel != channel:
                    return None
                return rule, anchor
        return None
