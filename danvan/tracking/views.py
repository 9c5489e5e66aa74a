"""Pages of plan execution; every query goes through Occurrence.objects.visible_to."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from danvan.core.models import AuditEntry
from danvan.orgs.models import OrgUnit
from danvan.plans.models import Task

from . import charts, services
from .choices import EntryKind, Outcome
from .forms import CommentForm, DelegateForm, OccurrenceFilterForm, ProgressForm, ReminderForm, SubtaskForm
from .models import CalendarFeed, Evidence, Notification, Occurrence, ProgressEntry
from .status import due_soon_days

LIST_RELATED = ("task", "lead_unit", "plan")


def _years(qs) -> list[int]:
    return sorted(set(qs.order_by().values_list("year", flat=True).distinct()))


def filter_options(form) -> list[dict]:
    """The filter selects as plain (value, label, selected) lists: Django's widget templates render
    each <option> through the template engine, which costs more than the whole query at 250 bodies."""
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
        selects.append({"name": name, "label": form.fields[name].label, "all": _("All"), "options": options})
    for name in ("year", "outcome"):
        chosen = str(data.get(name, ""))
        options = [
            (str(v), str(label), str(v) == chosen) for v, label in form.fields[name].choices if v != ""
        ]
        first = form.fields[name].choices[0][1]
        selects.append({"name": name, "label": form.fields[name].label, "all": first, "options": options})
    return selects


def filtered(request):
    """(form, queryset) for the filters in the query string, through visible_to."""
    base = Occurrence.objects.visible_to(request.user)
    form = OccurrenceFilterForm(request.GET or None, user=request.user, years=_years(base))
    qs = form.filter(base.with_outcome())
    return form, qs


class InboxView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """Hộp công việc: the body's work this period, due soon, overdue, and waiting for its contribution."""

    permission_required = "tracking.view_inbox"
    template_name = "tracking/inbox.html"
    LIMIT = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = self.request.user.org_unit
        today = timezone.localdate()
        mine = Occurrence.objects.led_by(unit).with_outcome(today).select_related(*LIST_RELATED)
        overdue = mine.overdue(today).order_by("due_date", "pk")
        soon = mine.due_soon(today).order_by("due_date", "pk")
        current = (
            mine.current(today).open().exclude(due_date__lte=today + _soon_delta()).order_by("due_date", "pk")
        )
        waiting = (
            Occurrence.objects.awaiting_contribution_from(unit)
            .filter(period_start__lte=today)
            .with_outcome(today)
            .select_related(*LIST_RELATED)
            .order_by("due_date", "pk")
        )
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
            items = list(qs[: self.LIMIT + 1])
            sections.append(
                {
                    "key": key,
                    "title": title,
                    "items": items[: self.LIMIT],
                    "more": len(items) > self.LIMIT,
                    "empty": empty,
                }
            )
        context.update(unit=unit, sections=sections, today=today)
        return context


def _soon_delta():
    from datetime import timedelta

    return timedelta(days=due_soon_days())


class OverviewView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """The Board's overview: matrix body × status, filters, search and the matching list."""

    permission_required = "tracking.view_overview"
    template_name = "tracking/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, qs = filtered(self.request)
        matrix = services.outcome_matrix(qs)
        names = dict(
            OrgUnit.objects.filter(pk__in=[r["key"] for r in matrix if r["key"]]).values_list("pk", "name")
        )
        for row in matrix:
            row["name"] = names.get(row["key"], _("No lead body"))
            row["cells"] = [(o, row["counts"][o]) for o in Outcome.values]
        matrix.sort(key=lambda r: (-r["counts"][Outcome.OVERDUE], r["name"]))
        totals = {o: sum(r["counts"][o] for r in matrix) for o in Outcome.values}
        page = Paginator(qs.select_related(*LIST_RELATED).order_by("due_date", "pk"), 50).get_page(
            self.request.GET.get("page")
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            form=form,
            matrix=matrix,
            outcomes=Outcome.choices,
            totals=[(o, totals[o]) for o in Outcome.values],
            total=sum(totals.values()),
            page_obj=page,
            occurrences=page.object_list,
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
    permission_required = "tracking.view_dashboard"
    template_name = "tracking/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, qs = filtered(self.request)
        today = timezone.localdate()
        by_year = sorted(services.outcome_matrix(qs, group="year"), key=lambda r: r["key"])
        by_section = services.outcome_matrix(qs, group="section")
        sections = {s.pk: s for s in _sections([r["key"] for r in by_section])}
        for row in by_section:
            row["name"] = str(sections.get(row["key"]) or _("No section"))
        by_section.sort(key=lambda r: r["name"])
        by_unit = services.outcome_matrix(qs, group="lead_unit")
        names = dict(
            OrgUnit.objects.filter(pk__in=[r["key"] for r in by_unit if r["key"]]).values_list("pk", "name")
        )
        for row in by_unit:
            row["name"] = names.get(row["key"], _("No lead body"))
        by_unit.sort(key=lambda r: (-(r["counts"][Outcome.OVERDUE]), r["name"]))
        total = {o: sum(r["counts"][o] for r in by_year) for o in Outcome.values}
        done = total[Outcome.DONE_ON_TIME] + total[Outcome.DONE_LATE]
        due = done + total[Outcome.OVERDUE]
        context.update(
            form=form,
            by_year=by_year,
            by_section=by_section,
            by_unit=by_unit[:20],
            rate=round(100 * done / due) if due else None,
            on_time_rate=round(100 * total[Outcome.DONE_ON_TIME] / done) if done else None,
            overdue_count=total[Outcome.OVERDUE],
            overdue=qs.overdue(today).select_related(*LIST_RELATED).order_by("due_date", "pk")[:20],
            trend_svg=charts.stacked_bars([(str(r["key"]), r["counts"]) for r in by_year]),
            section_svg=charts.rate_bars([(r["name"], r["rate"], r["on_time_rate"]) for r in by_section]),
            legend=[(o, label, charts.colour(o)) for o, label in Outcome.choices],
        )
        return context


def _sections(ids):
    from danvan.plans.models import Section

    return Section.objects.filter(pk__in=[i for i in ids if i])


class OccurrenceMixin(LoginRequiredMixin):
    def get_occurrence(self) -> Occurrence:
        qs = Occurrence.objects.visible_to(self.request.user).select_related(
            "task__plan", "task__parent", "lead_unit", "section"
        )
        return get_object_or_404(qs, pk=self.kwargs["pk"])


class OccurrenceView(OccurrenceMixin, TemplateView):
    """Task page: the occurrence with its timeline (progress, comments, reminders, changes)."""

    template_name = "tracking/occurrence.html"

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
        subtasks = list(
            Task.objects.filter(parent=task).prefetch_related(
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
            progress_form=ProgressForm(initial={"version": occ.version}) if kind else None,
            comment_form=CommentForm(),
            reminder_form=ReminderForm() if user.has_perm("tracking.send_reminder") else None,
            subtasks=subtasks,
            roll_up_rule=services.ROLL_UP_RULE,
            can_manage=services.can_manage_task(user, task),
            subtask_form=SubtaskForm(units=units, initial={"recurrence": task.recurrence}),
            delegate_form=DelegateForm(units=units),
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


class ProgressAddView(OccurrenceActionView):
    def act(self, occ):
        form = ProgressForm(self.request.POST, self.request.FILES)
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        data = form.cleaned_data
        entry = services.add_progress(
            occ,
            actor=self.request.user,
            text=data["text"],
            percent=data["percent"],
            files=data["files"],
            version=data["version"],
        )
        messages.success(
            self.request,
            _("Contribution recorded.") if entry.kind == EntryKind.CONTRIBUTION else _("Progress recorded."),
        )


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


class SubtaskAddView(OccurrenceActionView):
    def act(self, occ):
        form = SubtaskForm(self.request.POST, units=OrgUnit.objects.active())
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        d = form.cleaned_data
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
        messages.success(self.request, _("Sub-task created."))


class DelegateView(OccurrenceActionView):
    def act(self, occ):
        form = DelegateForm(self.request.POST, units=OrgUnit.objects.active())
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


class NotificationListView(LoginRequiredMixin, ListView):
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
