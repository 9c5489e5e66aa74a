"""Figures of the movement work for the consolidated yearly report and the leaders' dashboard.

`yearly_figures(year)` is province-wide (the consolidated report is the Board's) and its text is Vietnamese
whatever the interface language, like the rest of that document. `dashboard_panels(user, year)` is limited
to what `user` may see and follows the interface language.
"""

from datetime import date

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..choices import (
    ConcernLevel,
    CriticismUptake,
    MassOrgType,
    RecommendationStatus,
    ReligiousBodyKind,
    TraineeRole,
)
from ..models import (
    ComplexCase,
    EthnicFestival,
    MembershipSurvey,
    OpinionNote,
    PrestigiousPerson,
    Recommendation,
    ReligiousBody,
    SocialCriticism,
    SupervisionProgramme,
    TrainingCourse,
    TrainingParticipation,
)
from .membership import summarize


def _as_of(year: int, today: date | None) -> date:
    today = today or timezone.localdate()
    return min(today, date(year, 12, 31))


def _rows_of(qs) -> Q:
    """The rows of `qs` as a condition of a conditional count, so that a rule stays in its queryset method."""
    return Q(pk__in=qs.values("pk"))


def _pct(value) -> str:
    return "—" if value is None else f"{value}%".replace(".", ",")


def supervision_figures(year: int, *, user=None, today: date | None = None) -> dict:
    programmes = SupervisionProgramme.objects.filter(year=year)
    recs = Recommendation.objects.filter(programme__year=year)
    criticisms = SocialCriticism.objects.filter(year=year)
    if user is not None:
        programmes, recs = programmes.visible_to(user), recs.visible_to(user)
        criticisms = criticisms.visible_to(user)
    as_of = _as_of(year, today) if year else today
    rec = recs.aggregate(
        made=Count("id"),
        answered=Count(
            "id", filter=Q(status__in=[RecommendationStatus.ANSWERED, RecommendationStatus.RESOLVED])
        ),
        resolved=Count("id", filter=Q(status=RecommendationStatus.RESOLVED)),
        overdue=Count("id", filter=_rows_of(Recommendation.objects.overdue(as_of))),
    )
    crit = criticisms.aggregate(
        drafts=Count("id"),
        taken_up=Count("id", filter=Q(uptake__in=[CriticismUptake.TAKEN_UP, CriticismUptake.PARTLY])),
    )
    # Per organization: [programmes, recommendations, resolved], the last two counted from `recs` (what
    # the user may see), never through the programme, which may hold recommendations they may not.
    table: dict[str, list[int]] = {}
    for row in programmes.values("organization__name").annotate(n=Count("id")).order_by():
        table[row["organization__name"]] = [row["n"], 0, 0]
    for row in (
        recs.values("programme__organization__name")
        .annotate(n=Count("id"), resolved=Count("id", filter=Q(status=RecommendationStatus.RESOLVED)))
        .order_by()
    ):
        table.setdefault(row["programme__organization__name"], [0, 0, 0])[1:] = [row["n"], row["resolved"]]
    return {
        "key": "supervision",
        "title": _("Supervision and social criticism"),
        "rows": [
            {"label": _("Supervision programmes"), "value": sum(counts[0] for counts in table.values())},
            {"label": _("Recommendations made"), "value": rec["made"]},
            {"label": _("Recommendations answered"), "value": rec["answered"]},
            {"label": _("Recommendations resolved"), "value": rec["resolved"]},
            {"label": _("Recommendations overdue without an answer"), "value": rec["overdue"]},
            {"label": _("Drafts commented on (social criticism)"), "value": crit["drafts"]},
            {"label": _("Comments taken up fully or partly"), "value": crit["taken_up"]},
        ],
        "table": {
            "columns": [_("Organization"), _("Programmes"), _("Recommendations"), _("Resolved")],
            "rows": [[name, *table[name]] for name in sorted(table)],
        },
    }


def membership_figures(year: int, *, user=None) -> dict:
    survey = MembershipSurvey.objects.filter(year=year).order_by("-deadline", "-id").first()
    section = {
        "key": "membership",
        "title": _("Members of the mass organizations"),
        "rows": [],
        "table": None,
    }
    if survey is None:
        section["rows"].append({"label": _("Membership survey"), "value": _("No survey this year")})
        return section
    summary = summarize(survey, user)
    met = summary.target_met
    section["rows"] = [
        {"label": _("Survey"), "value": survey.title},
        {"label": _("Units that returned figures"), "value": f"{summary.submitted}/{summary.expected}"},
        {"label": _("People of age who could join"), "value": summary.population},
        {"label": _("People reached (each person once)"), "value": summary.people},
        {"label": _("Memberships (a person once per organization)"), "value": summary.memberships},
        {"label": _("Share gathered into organizations"), "value": _pct(summary.reached_share)},
        {"label": _("Target for the year"), "value": _pct(survey.target_percent.normalize())},
        {"label": _("Target met"), "value": "—" if met is None else (_("Yes") if met else _("No"))},
    ]
    section["table"] = {
        "columns": [_("Organization"), _("Members")],
        "rows": [[str(label), summary.by_org.get(value, 0)] for value, label in MassOrgType.choices],
    }
    section["survey_id"] = survey.pk
    return section


def training_figures(year: int, *, user=None) -> dict:
    courses = TrainingCourse.objects.filter(starts_on__year=year)
    parts = TrainingParticipation.objects.filter(course__starts_on__year=year)
    if user is not None:
        courses = courses.visible_to(user)
        parts = parts.filter(course__in=courses)
    by_role = {
        r["role"]: r for r in parts.values("role").annotate(a=Sum("attended"), c=Sum("completed")).order_by()
    }
    cadres = sum(
        (by_role.get(r, {}).get("c") or 0)
        for r in (TraineeRole.FRONT_CADRE, TraineeRole.MASS_ORG_CADRE, TraineeRole.GRASSROOTS_CADRE)
    )
    return {
        "key": "training",
        "title": _("Training of cadres"),
        "rows": [
            {"label": _("Courses held"), "value": courses.count()},
            {"label": _("Number of participants"), "value": sum(r["a"] or 0 for r in by_role.values())},
            {"label": _("Completed the course"), "value": sum(r["c"] or 0 for r in by_role.values())},
            {"label": _("Front, mass-organization and grassroots cadres trained"), "value": cadres},
        ],
        "table": {
            "columns": [_("Role"), _("Attended"), _("Completed")],
            "rows": [
                [str(label), by_role.get(value, {}).get("a") or 0, by_role.get(value, {}).get("c") or 0]
                for value, label in TraineeRole.choices
            ],
        },
    }


def ethnic_religious_figures(year: int, *, user=None) -> dict:
    persons = PrestigiousPerson.objects.filter(active=True, recognized_year__lte=year)
    bodies = ReligiousBody.objects.all()
    cases = ComplexCase.objects.all()
    festivals = EthnicFestival.objects.filter(year=year)
    if user is not None:
        persons, bodies, cases = persons.visible_to(user), bodies.visible_to(user), cases.visible_to(user)
        festivals = festivals.visible_to(user)
    kinds = dict(bodies.values_list("kind").annotate(n=Count("id")).order_by())
    case = cases.aggregate(
        arising=Count("id", filter=Q(opened_on__year=year)),
        resolved=Count("id", filter=Q(resolved_on__year=year)),
        still_open=Count(
            "id", filter=Q(opened_on__year__lte=year) & _rows_of(ComplexCase.objects.unresolved())
        ),
    )
    festival = festivals.order_by("held_on").first()
    return {
        "key": "ethnic_religious",
        "title": _("Ethnic and religious affairs"),
        "rows": [
            {"label": _("Prestigious persons recognized"), "value": persons.count()},
            {
                "label": _("Religious organizations recognized"),
                "value": kinds.get(ReligiousBodyKind.ORGANIZATION, 0),
            },
            {
                "label": _("Places of worship recognized"),
                "value": kinds.get(ReligiousBodyKind.PLACE_OF_WORSHIP, 0),
            },
            {"label": _("Complex cases arising this year"), "value": case["arising"]},
            {"label": _("Complex cases resolved this year"), "value": case["resolved"]},
            {"label": _("Complex cases still open"), "value": case["still_open"]},
            {
                "label": _("Ethnic minorities festival"),
                "value": _("%(title)s, %(participants)s participants")
                % {"title": festival.title, "participants": festival.participants}
                if festival
                else _("Not held"),
            },
        ],
        "table": None,
    }


def opinion_figures(year: int, *, user=None) -> dict:
    notes = OpinionNote.objects.filter(noted_on__year=year)
    if user is not None:
        notes = notes.visible_to(user)
    by_topic = list(
        notes.values("topic")
        .annotate(
            n=Count("id"),
            high=Count("id", filter=Q(concern=ConcernLevel.HIGH)),
            needing=Count("id", filter=_rows_of(OpinionNote.objects.needing_action())),
        )
        .order_by("-n", "topic")
    )
    from ..choices import OpinionTopic

    labels = dict(OpinionTopic.choices)
    return {
        "key": "opinion",
        "title": _("Public opinion"),
        "rows": [
            {"label": _("Notes on public opinion"), "value": sum(r["n"] for r in by_topic)},
            {"label": _("Of high concern"), "value": sum(r["high"] for r in by_topic)},
            {"label": _("Needing action (tasks created)"), "value": sum(r["needing"] for r in by_topic)},
        ],
        "table": {
            "columns": [_("Topic"), _("Notes"), _("High concern")],
            "rows": [[str(labels.get(r["topic"], r["topic"])), r["n"], r["high"]] for r in by_topic],
        },
    }


def _all(year: int, *, user=None, today: date | None = None) -> list[dict]:
    return [
        supervision_figures(year, user=user, today=today),
        membership_figures(year, user=user),
        training_figures(year, user=user),
        ethnic_religious_figures(year, user=user),
        opinion_figures(year, user=user),
    ]


def yearly_figures(year: int, *, today: date | None = None) -> list[dict]:
    """One section per area for the consolidated report: [{key, title, rows: [{label, value}], table}].

    `table` is None or {columns: [...], rows: [[...]]}. Text is Vietnamese (the report's language).
    """
    with translation.override("vi"):
        sections = _all(year, today=today)
        for section in sections:  # force lazy strings while the language is Vietnamese
            section["title"] = str(section["title"])
    return sections


def dashboard_panels(user, year: int, *, today: date | None = None) -> list[dict]:
    """Panels for the leaders' dashboard: the same sections limited to `user`, each with a link, plus the
    overdue recommendations (the first 10) as `items` of the supervision panel."""
    today = today or timezone.localdate()
    urls = {
        "supervision": reverse("movement:supervision_list"),
        "membership": reverse("movement:survey_list"),
        "training": reverse("movement:course_list"),
        "ethnic_religious": reverse("movement:ethnic_index"),
        "opinion": reverse("movement:opinion_list"),
    }
    panels = _all(year, user=user, today=today)
    for panel in panels:
        panel["url"] = urls[panel["key"]]
        panel["items"] = []
    panels[0]["items"], panels[0]["overdue_count"] = overdue_recommendations(user, today=today)
    return panels


def overdue_recommendations(user, *, today: date | None = None, limit: int = 10) -> tuple[list[dict], int]:
    """The recommendations `user` may see that are past their due date without an answer (2 queries)."""
    today = today or timezone.localdate()
    overdue = (
        Recommendation.objects.visible_to(user)
        .overdue(today)
        .select_related("addressed_to", "programme")
        .order_by("due_date", "pk")
    )
    items = [
        {
            "text": str(r),
            "url": r.get_absolute_url(),
            "unit": r.addressed_to.name,
            "programme": r.programme.subject,
            "due": r.due_date,
            "days": (today - r.due_date).days,
        }
        for r in overdue[:limit]
    ]
    return items, (overdue.count() if len(items) == limit else len(items))
