"""Pages of plan execution; every query goes through Occurrence.objects.visible_to."""

from html import escape  # the stdlib one: Django's lazy-aware wrapper costs 10× per call

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from danvan.core.forms import add_service_errors
from danvan.core.models import AuditEntry
from danvan.core.pagination import LenientPaginationMixin, lenient_page
from danvan.orgs.models import OrgUnit
from danvan.plans.models import Task

from . import charts, services
from .choices import EntryKind, Outcome
from .forms import CommentForm, DelegateForm, OccurrenceFilterForm, ProgressForm, ReminderForm, SubtaskForm
from .models import CalendarFeed, Evidence, Notification, Occurrence, ProgressEntry
from .querysets import OUTCOMES
from .status import due_soon_days, is_due_soon

LIST_RELATED = ("task", "lead_unit", "plan")
# Columns the list tables show: the task's long text and the plan's title stay in the database.
LIST_ONLY = (
    "id",
    "kind",
    "period_start",
    "period_end",
    "due_date",
    "percent",
    "started_on",
    "completed_on",
    "task__id",
    "task__summary",
    "task__text",
    "plan__id",
    "plan__symbol",
    "plan__title",
    "lead_unit__id",
    "lead_unit__name",
)
INBOX_PAGE = 20  # rows per inbox section
LIST_PAGE = 50  # rows of the overview's list
MATRIX_PAGE = 25  # bodies per page of the overview's matrix
DASHBOARD_PAGE = 20  # bodies and overdue work per page on the dashboard


def _years(qs) -> list[int]:
    return sorted(set(qs.order_by().values_list("year", flat=True).distinct()))


def _options_html(options) -> str:
    """<option> elements built in Python: 250 bodies through the template engine cost more than the
    query behind them."""
    return mark_safe(
        "".join(
            f'<option value="{escape(value)}"{" selected" if selected else ""}>{escape(label)}</option>'
            for value, label, selected in options
        )
    )


def filter_options(form) -> list[dict]:
    """The filter selects as {name, label, all, options_html}."""
    data = form.data if form.is_bound else {}
    selects = []
    for name, rows in (
        (
            "plan",
            form.fields["plan"].queryset.order_by("-issued_on", "-id").values_list("pk", "symbol", "title"),
        ),
        (
            "section",
            form.fields["section"].queryset.order_by("plan_id", "order").values_list("pk", "number", "title"),
        ),
        ("unit", form.fields["unit"].queryset.order_by("name").values_list("pk", "name", "short_name")),
    ):
        chosen = str(data.get(name, ""))
        options = [
            (str(pk), f"{a} {b}".strip()[:90] if name != "unit" else a, str(pk) == chosen)
            for pk, a, b in rows
        ]
        selects.append(
            {
                "name": name,
                "label": form.fields[name].label,
                "all": _("All"),
                "options": _options_html(options),
            }
        )
    for name in ("year", "outcome"):
        chosen = str(data.get(name, ""))
        options = [
            (str(v), str(label), str(v) == chosen) for v, label in form.fields[name].choices if v != ""
        ]
        first = form.fields[name].choices[0][1]
        selects.append(
            {"name": name, "label": form.fields[name].label, "all": first, "options": _options_html(options)}
        )
    return selects


def filtered(request):
    """(form, queryset) for the filters in the query string, through visible_to (no annotation)."""
    base = Occurrence.objects.visible_to(request.user)
    form = OccurrenceFilterForm(request.GET or None, user=request.user, years=_years(base))
    return form, form.filter(base)


class CountedPaginator(Paginator):
    """A paginator told its count (already known from an aggregate): one LIMIT query, no COUNT(*)."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def paginate(
    request, items, per_page: int, param: str, *, count: int | None = None, anchor: str = ""
) -> dict:
    """One page of `items` chosen by the query parameter `param`, with its links (other parameters
    kept, so several lists page independently on one screen)."""
    paginator = (
        Paginator(items, per_page) if count is None else CountedPaginator(items, per_page, count=count)
    )
    page = lenient_page(paginator, request.GET.get(param))

    def link(number: int) -> str:
        query = request.GET.copy()
        query[param] = number
        return f"?{query.urlencode()}{'#' + anchor if anchor else ''}"

    return {
        "page": page,
        "items": list(page.object_list),
        "count": paginator.count,
        "number": page.number,
        "num_pages": paginator.num_pages,
        "prev": link(page.previous_page_number()) if page.has_previous() else "",
        "next": link(page.next_page_number()) if page.has_next() else "",
    }


def table_rows(occurrences, today) -> list[Occurrence]:
    """Occurrences ready for _occurrence_table.html: URL, dates, status and the due-soon band set
    here once, so that the template only prints strings (no reverse(), filter or include per row)."""
    url = reverse("tracking:occurrence", args=[999999999]).replace("999999999", "{}")
    days = due_soon_days()
    labels = dict(Outcome.choices)
    rows = []
    for occ in occurrences:
        status = occ.outcome_on(today)
        occ.url = url.format(occ.pk)
        occ.status = status.value
        occ.status_label = labels[status.value]
        occ.soon = is_due_soon(due=occ.due_date, completed_on=occ.completed_on, today=today, days=days)
        occ.due_text = f"{occ.due_date:%d/%m/%Y}" if occ.due_date else "—"
        occ.task_text = str(occ.task)
        occ.plan_text = occ.plan.symbol or str(occ.plan)
        occ.lead_text = occ.lead_unit.name if occ.lead_unit_id else "—"
        rows.append(occ)
    return rows


def _list(qs):
    return qs.select_related(*LIST_RELATED).only(*LIST_ONLY).order_by("due_date", "pk")


class InboxView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """Hộp công việc: the body's work this period, due soon, overdue, and waiting for its contribution."""

    permission_required = "tracking.view_inbox"
    template_name = "tracking/inbox.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = self.request.user.org_unit
        today = timezone.localdate()
        mine = Occurrence.objects.led_by(unit)
        overdue = mine.overdue(today)
        soon = mine.due_soon(today)
        current = mine.current(today).open().exclude(due_date__lte=today + _soon_delta())
        waiting = Occurrence.objects.awaiting_contribution_from(unit).filter(period_start__lte=today)
        sections = []
        for key, title, qs, empty in (
            ("overdue", _("Overdue"), overdue, _("Nothing overdue.")),
            ("soon", _("Due within %(n)s days") % {"n": due_soon_days()}, soon, _("Nothing due soon.")),
            ("current", _("This period's work"), current, _("No other open work in the current period.")),
            (
                "waiting",
                _("Waiting for our contribution"),
                waiting,
                _("No body is waiting for your contribution."),
            ),
        ):
            pager = paginate(self.request, _list(qs), INBOX_PAGE, f"{key}_page", anchor=key)
            pager["items"] = table_rows(pager["items"], today)
            sections.append({"key": key, "title": title, "pager": pager, "empty": empty})
        context.update(unit=unit, sections=sections, today=today)
        return context


def _soon_delta():
    from datetime import timedelta

    return timedelta(days=due_soon_days())


def _unit_names(keys) -> dict:
    return dict(OrgUnit.objects.filter(pk__in=[k for k in keys if k]).values_list("pk", "name"))


class OverviewView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """The Board's overview: matrix body × status (paged), filters, search and the matching list."""

    permission_required = "tracking.view_overview"
    template_name = "tracking/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.request
        today = timezone.localdate()
        form, qs = filtered(request)
        matrix = services.outcome_matrix(qs, today=today)
        matrix.sort(key=lambda r: (-r["counts"][Outcome.OVERDUE], -r["total"], r["key"] or 0))
        totals = {o: sum(r["counts"][o] for r in matrix) for o in OUTCOMES}
        total = sum(totals.values())
        rows = paginate(request, matrix, MATRIX_PAGE, "rows", anchor="matrix")
        names = _unit_names(r["key"] for r in rows["items"])
        keep = request.GET.copy()
        for name in ("page", "rows", "unit", "outcome"):
            keep.pop(name, None)
        base = keep.urlencode()
        base = f"?{base}&" if base else "?"
        for row in rows["items"]:
            row["name"] = names.get(row["key"], _("No lead body"))
            unit = row["key"] or ""
            row["href"] = f"{base}unit={unit}"
            row["cells"] = [(o, row["counts"][o], f"{base}unit={unit}&outcome={o}") for o in OUTCOMES]
        listing = paginate(request, _list(qs), LIST_PAGE, "page", count=total, anchor="list")
        listing["items"] = table_rows(listing["items"], today)
        query = request.GET.copy()
        for name in ("page", "rows"):
            query.pop(name, None)
        context.update(
            form=form,
            selects=filter_options(form),
            matrix=rows,
            outcomes=Outcome.choices,
            totals=[(o, totals[o]) for o in OUTCOMES],
            total=total,
            listing=listing,
            occurrences=listing["items"],
            query=query.urlencode(),
        )
        return context


class ExportView(LoginRequiredMixin, View):
    """XLSX of any filtered list (same query string as the overview), within what the user may see."""

    def get(self, request):
        _form, qs = filtered(request)
        response = HttpResponse(
            services.export_xlsx(qs),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="danvan-thuc-hien-{timezone.localdate():%Y%m%d}.xlsx"'
        )
        return response


class DashboardView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """Leaders' dashboard: rates by year, section and body, the overdue list, the trend over the term.

    Two aggregate queries feed everything: (year, section) × outcome and body × outcome."""

    permission_required = "tracking.view_dashboard"
    template_name = "tracking/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.request
        form, qs = filtered(request)
        today = timezone.localdate()
        by_year_section = services.outcome_matrix(qs, today=today, group=("year", "section"))
        by_year = sorted(services.regroup(by_year_section, 0), key=lambda r: r["key"])
        by_section = services.regroup(by_year_section, 1)
        sections = {s.pk: s for s in _sections([r["key"] for r in by_section])}
        for row in by_section:
            row["name"] = str(sections.get(row["key"]) or _("No section"))
        by_section.sort(key=lambda r: r["name"])
        by_unit = services.outcome_matrix(qs, today=today, group="lead_unit")
        by_unit.sort(key=lambda r: (-(r["counts"][Outcome.OVERDUE]), -r["total"], r["key"] or 0))
        units = paginate(request, by_unit, DASHBOARD_PAGE, "units_page", anchor="by-unit")
        names = _unit_names(r["key"] for r in units["items"])
        for row in units["items"]:
            row["name"] = names.get(row["key"], _("No lead body"))
        total = {o: sum(r["counts"][o] for r in by_year) for o in OUTCOMES}
        done = total[Outcome.DONE_ON_TIME] + total[Outcome.DONE_LATE]
        due = done + total[Outcome.OVERDUE]
        overdue = paginate(
            request,
            _list(qs.overdue(today)),
            DASHBOARD_PAGE,
            "overdue_page",
            count=total[Outcome.OVERDUE],
            anchor="overdue",
        )
        overdue["items"] = table_rows(overdue["items"], today)
        context.update(
            form=form,
            selects=filter_options(form),
            by_year=by_year,
            by_section=by_section,
            by_unit=units,
            rate=round(100 * done / due) if due else None,
            on_time_rate=round(100 * total[Outcome.DONE_ON_TIME] / done) if done else None,
            overdue_count=total[Outcome.OVERDUE],
            overdue=overdue,
            trend_svg=charts.stacked_bars([(str(r["key"]), r["counts"]) for r in by_year]),
            section_svg=charts.rate_bars([(r["name"], r["rate"], r["on_time_rate"]) for r in by_section]),
            legend=[(o, label, charts.colour(o)) for o, label in Outcome.choices],
            movement_panels=_movement_panels(request.user, form, today),
        )
        return context


def _movement_panels(user, form, today) -> list[dict]:
    """The plan's other work (supervision, membership, training, …) for the dashboard's year."""
    from danvan.movement.services import dashboard_panels

    year = (form.cleaned_data.get("year") if form.is_valid() else None) or today.year
    return dashboard_panels(user, int(year), today=today)


def _sections(ids):
    from danvan.plans.models import Section

    return Section.objects.filter(pk__in=[i for i in ids if i])


class OccurrenceMixin(LoginRequiredMixin):
    def get_occurrence(self) -> Occurrence:
        qs = Occurrence.objects.visible_to(self.request.user).select_related(
            "task__plan", "lead_unit", "section"
        )
        return get_object_or_404(qs, pk=self.kwargs["pk"])


class OccurrenceView(OccurrenceMixin, TemplateView):
    """Task page: the occurrence with its timeline (progress, comments, reminders, changes)."""

    template_name = "tracking/occurrence.html"
    subtask_form = None  # the posted form with its errors, when SubtaskAddView shows them again
    progress_form = None  # likewise for ProgressAddView

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        occ = self.get_occurrence()
        user = self.request.user
        task = occ.task
        entries = list(occ.entries.select_related("author", "unit").prefetch_related("evidence"))
        reminders = list(occ.reminders.select_related("sent_by"))
        timeline = [("entry", e.created_at, e) for e in entries] + [
            ("reminder", r.sent_at, r) for r in reminders
        ]
        timeline.sort(key=lambda t: t[1], reverse=True)
        kind = services.entry_kind_for(user, occ)
        visible_tasks = Task.objects.visible_to(user)
        subtasks = list(
            visible_tasks.filter(parent=task).prefetch_related(
                "assignments__unit",
                Prefetch(
                    "occurrences",
                    queryset=Occurrence.objects.filter(
                        period_end__gte=occ.period_start, period_end__lte=occ.period_end
                    ),
                ),
            )
        )
        units = OrgUnit.objects.active().order_by("path")
        context.update(
            occ=occ,
            task=task,
            timeline=timeline,
            entry_kind=kind,
            siblings=Occurrence.objects.filter(task=task).order_by("period_start"),
            progress_form=(self.progress_form or ProgressForm(initial={"version": occ.version}))
            if kind
            else None,
            comment_form=CommentForm(),
            reminder_form=ReminderForm()
            if user.has_perm("tracking.send_reminder") and services.needs_reminders(occ)
            else None,
            parent=visible_tasks.parent_of(task),
            subtasks=subtasks,
            roll_up_rule=services.ROLL_UP_RULE,
            can_manage=services.can_manage_task(user, task),
            subtask_form=self.subtask_form
            or SubtaskForm(units=units, initial={"recurrence": task.recurrence}),
            delegate_form=DelegateForm(units=services.delegation_units(occ)),
            audit_entries=AuditEntry.objects.for_object(occ)[:50],
            leads=task.lead_units(),
            coordinators=task.coordinator_units(),
        )
        return context


class OccurrenceActionView(OccurrenceMixin, View):
    """Base for the POST actions on an occurrence: errors come back as messages on the task page."""

    def post(self, request, pk):
        occ = self.get_occurrence()
        try:
            self.act(occ)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        except PermissionDenied as error:
            raise PermissionDenied(str(error)) from error
        return redirect(occ)


class OccurrenceFormView(OccurrenceActionView):
    """An action with a form on the task page. Done, back to the page with the action's message;
    refused, the page again with the form as typed (as OccurrenceView's `form_name`), each error on its
    field."""

    form_name = ""

    def post(self, request, pk):
        occ = self.get_occurrence()
        form = self.make_form(request)
        if form.is_valid():
            try:
                message = self.act(occ, form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, message)
                return redirect(occ)
        page = OccurrenceView(**{self.form_name: form})
        page.setup(request, pk=pk)
        return page.get(request, pk=pk)


class ProgressAddView(OccurrenceFormView):
    form_name = "progress_form"

    def make_form(self, request):
        return ProgressForm(request.POST, request.FILES)

    def act(self, occ, d) -> str:
        entry = services.add_progress(
            occ,
            actor=self.request.user,
            text=d["text"],
            percent=d["percent"],
            files=d["files"],
            version=d["version"],
        )
        return _recorded(entry)


def _recorded(entry: ProgressEntry) -> str:
    if entry.kind == EntryKind.CONTRIBUTION:
        return _("Contribution recorded.")
    return _("Progress recorded.")


class CommentAddView(OccurrenceActionView):
    def act(self, occ):
        services.add_comment(occ, actor=self.request.user, text=self.request.POST.get("text", ""))
        messages.success(self.request, _("Comment sent."))


class ReminderSendView(OccurrenceActionView):
    def act(self, occ):
        if not self.request.user.has_perm("tracking.send_reminder"):
            raise PermissionDenied
        services.send_manual_reminder(
            occ, actor=self.request.user, message=self.request.POST.get("message", "")
        )
        messages.success(self.request, _("Reminder sent."))


class SubtaskAddView(OccurrenceFormView):
    form_name = "subtask_form"

    def make_form(self, request):
        return SubtaskForm(request.POST, units=OrgUnit.objects.active())

    def act(self, occ, d) -> str:
        services.create_subtask(
            occ.task,
            actor=self.request.user,
            text=d["text"],
            lead=d["lead"],
            coordinators=list(d["coordinators"]),
            recurrence=d["recurrence"],
            due_date=d["due_date"],
            weight=d["weight"],
        )
        return _("Sub-task created.")


class DelegateView(OccurrenceActionView):
    def act(self, occ):
        form = DelegateForm(self.request.POST, units=services.delegation_units(occ))
        if not form.is_valid():
            raise ValidationError(_("Choose at least one body to hand the task down to."))
        subs = services.delegate_task(
            occ.task, actor=self.request.user, units=list(form.cleaned_data["units"])
        )
        messages.success(self.request, _("Task handed down to %(n)s bodies.") % {"n": len(subs)})


class TaskView(LoginRequiredMixin, View):
    """The tracking page of a task: its current occurrence (or the latest one)."""

    def get(self, request, task_id):
        qs = Occurrence.objects.visible_to(request.user).filter(task_id=task_id)
        today = timezone.localdate()
        occ = qs.current(today).order_by("period_start").first() or qs.order_by("-period_start").first()
        if occ is None:
            raise Http404
        return redirect(occ)


class EvidenceView(LoginRequiredMixin, View):
    def get(self, request, pk):
        visible = ProgressEntry.objects.visible_to(request.user)
        evidence = get_object_or_404(Evidence.objects.filter(entry__in=visible), pk=pk)
        return FileResponse(
            evidence.file.open("rb"), as_attachment=False, filename=evidence.name, content_type=evidence.mime
        )


class NotificationListView(LoginRequiredMixin, LenientPaginationMixin, ListView):
    template_name = "tracking/notification_list.html"
    paginate_by = 50
    context_object_name = "notifications"

    def get_queryset(self):
        return Notification.objects.filter(user=self.request.user)

    def post(self, request):
        services.mark_all_read(request.user)
        return redirect("tracking:notifications")


class NotificationOpenView(LoginRequiredMixin, View):
    def get(self, request, pk):
        note = get_object_or_404(Notification, pk=pk, user=request.user)
        services.mark_read(note)
        return redirect(note.url or "tracking:notifications")


class FeedListView(LoginRequiredMixin, TemplateView):
    template_name = "tracking/feed_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        feeds = CalendarFeed.objects.filter(revoked_at__isnull=True).select_related("unit", "user")
        context["feeds"] = feeds.filter(user=user) | feeds.filter(
            unit_id=user.org_unit_id, unit__isnull=False
        )
        context["base_url"] = self.request.build_absolute_uri("/")[:-1]
        return context

    def post(self, request):
        user = request.user
        if "revoke" in request.POST:
            feed = get_object_or_404(CalendarFeed, pk=request.POST["revoke"], revoked_at__isnull=True)
            services.revoke_feed(feed, actor=user)
            messages.success(request, _("Calendar address revoked; it no longer works."))
        else:
            unit = user.org_unit if request.POST.get("for") == "unit" else None
            if request.POST.get("for") == "unit" and unit is None:
                raise PermissionDenied
            services.create_feed(actor=user, unit=unit)
            messages.success(request, _("Calendar address created. Keep it private."))
        return redirect("tracking:feeds")


class FeedIcsView(View):
    """The private calendar address: no login, the token is the key; revoked → 404."""

    def get(self, request, token):
        feed = get_object_or_404(
            CalendarFeed.objects.select_related("unit", "user"), token=token, revoked_at__isnull=True
        )
        return HttpResponse(services.feed_ics(feed), content_type="text/calendar; charset=utf-8")
