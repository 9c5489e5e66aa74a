"""Pages of reporting: periods, body reports and their workflow, completeness, difficulties, the
consolidated report. Every query goes through visible_to; out of scope → 404, no permission → 403."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from danvan.core.forms import add_service_errors
from danvan.core.models import AuditEntry
from danvan.core.pagination import LenientPaginationMixin
from danvan.core.permissions import manages_everything, sees_everything
from danvan.orgs.models import OrgUnit

from . import consolidated, exports, services, tasks
from .choices import ReportStatus
from .forms import (
    AnswerForm,
    AttachmentForm,
    BodyForm,
    ConsolidatedForm,
    DifficultyForm,
    PeriodForm,
    ReasonForm,
    ReportSectionsForm,
)
from .models import (
    BodyReport,
    ConsolidatedReport,
    DecisionRequest,
    ReportAttachment,
    ReportingPeriod,
    ReportObligation,
)


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


class ReportListView(LoginRequiredMixin, PermissionRequiredMixin, LenientPaginationMixin, ListView):
    """Periods and the reports the user may see; officers also see the reports they still owe."""

    permission_required = "reporting.view_report_list"
    template_name = "reporting/report_list.html"
    context_object_name = "reports"
    paginate_by = 50

    def get_queryset(self):
        qs = BodyReport.objects.visible_to(self.request.user).select_related("unit", "period")
        self.period = None
        period_id = self.request.GET.get("period", "")
        if period_id.isdigit():
            self.period = get_object_or_404(
                ReportingPeriod.objects.visible_to(self.request.user), pk=period_id
            )
            qs = qs.filter(period=self.period)
        status = self.request.GET.get("status", "")
        if status in ReportStatus.values:
            qs = qs.filter(status=status)
        return qs.order_by("-period__starts_on", "unit__path")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        periods = ReportingPeriod.objects.visible_to(user).select_related("plan")
        owed = (
            (
                ReportObligation.objects.visible_to(user)
                .expected()
                .filter(period__lock_on__gte=timezone.localdate())
                .exclude(Exists(BodyReport.objects.filter(period=OuterRef("period"), unit=OuterRef("unit"))))
                .select_related("unit", "period")
                .order_by("period__due_on", "unit__path")
            )
            if not sees_everything(user)
            else ReportObligation.objects.none()
        )
        context.update(
            periods=periods[:30],
            period=self.period,
            status=self.request.GET.get("status", ""),
            statuses=ReportStatus.choices,
            owed=owed[:50],
            can_manage=user.has_perm("reporting.manage_period"),
        )
        return context


class PeriodCreateView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "reporting.manage_period"
    template_name = "reporting/period_form.html"
    form_class = PeriodForm

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"user": self.request.user}

    def get_initial(self):
        return {"year": timezone.localdate().year}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            period = services.create_period(
                plan=data["plan"],
                kind=data["kind"],
                year=data["year"],
                sequence=data.get("sequence") or 0,
                title=data["title"],
                grace_days=data["grace_days"],
                actor=self.request.user,
                **{k: data.get(k) for k in ("starts_on", "ends_on", "due_on", "cutoff_on", "lock_on")},
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Reporting period created; %(n)s bodies must report.") % {"n": period.obligations.count()},
        )
        return redirect(period)


class PeriodMixin(LoginRequiredMixin):
    def get_period(self) -> ReportingPeriod:
        return get_object_or_404(
            ReportingPeriod.objects.visible_to(self.request.user).select_related("plan"), pk=self.kwargs["pk"]
        )


class PeriodDetailView(PeriodMixin, DetailView):
    template_name = "reporting/period_detail.html"
    context_object_name = "period"

    def get_object(self, queryset=None):
        return self.get_period()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        period = self.object
        reports = BodyReport.objects.visible_to(user).filter(period=period)
        counts = dict(reports.values_list("status").annotate(n=Count("id")).order_by())
        by_unit = {r.unit_id: r for r in reports.only("id", "unit_id", "status", "late")}
        obligations = (
            ReportObligation.objects.visible_to(user).filter(period=period).select_related("unit", "district")
        )
        context.update(
            status_counts=[(label, counts.get(value, 0), value) for value, label in ReportStatus.choices],
            rows=[
                (
                    o,
                    by_unit.get(o.unit_id),
                    user.has_perm("reporting.change_bodyreport", BodyReport(period=period, unit=o.unit)),
                )
                for o in obligations[:1000]
            ],
            consolidated=ConsolidatedReport.objects.visible_to(user).filter(period=period)
            if user.has_perm("reporting.view_consolidated")
            else None,
            can_manage=user.has_perm("reporting.manage_period"),
            can_see_completeness=user.has_perm("reporting.view_completeness"),
            audit_entries=AuditEntry.objects.for_object(period)[:20],
        )
        return context


class ReportStartView(PeriodMixin, View):
    """A body's report for the period: opened when it exists, else a page with a button to start it.
    Starting creates and pre-fills the report, so a visit alone must not: the Board following a link,
    or a browser prefetching one, would show a body as having started."""

    def get(self, request, pk, unit_pk):
        period, unit, existing = self.start_for(request)
        if existing is not None:
            return redirect(existing)
        context = {"period": period, "unit": unit, "may_start": self.may_start(request.user, period, unit)}
        return render(request, "reporting/report_start.html", context)

    def post(self, request, pk, unit_pk):
        period, unit, existing = self.start_for(request)
        if existing is None:
            if not self.may_start(request.user, period, unit):
                raise PermissionDenied
            existing = services.ensure_report(period, unit, actor=request.user)
        return redirect(existing)

    @staticmethod
    def may_start(user, period: ReportingPeriod, unit: OrgUnit) -> bool:
        return user.has_perm("reporting.start_bodyreport", BodyReport(period=period, unit=unit))

    def start_for(self, request) -> tuple[ReportingPeriod, OrgUnit, BodyReport | None]:
        """The period, the body and its report if started; 403/404 when the user may not write it."""
        period = self.get_period()
        unit = get_object_or_404(OrgUnit.objects.visible_to(request.user), pk=self.kwargs["unit_pk"])
        existing = BodyReport.objects.filter(period=period, unit=unit).first()
        if existing is None:
            if not request.user.has_perm("reporting.change_bodyreport", BodyReport(period=period, unit=unit)):
                raise PermissionDenied
            if not services.must_report(period, unit):
                raise Http404
        return period, unit, existing


class ReportMixin(LoginRequiredMixin):
    permission = "reporting.view_bodyreport"

    def get_report(self) -> BodyReport:
        report = get_object_or_404(
            BodyReport.objects.visible_to(self.request.user).select_related("unit", "period__plan"),
            pk=self.kwargs["pk"],
        )
        if not self.request.user.has_perm(self.permission, report):
            raise PermissionDenied
        return report


class ReportDetailView(ReportMixin, DetailView):
    template_name = "reporting/report_detail.html"
    context_object_name = "report"

    def get_object(self, queryset=None):
        return self.get_report()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report, user = self.object, self.request.user
        today = timezone.localdate()
        can_change = user.has_perm("reporting.change_bodyreport", report)
        editable = (
            can_change
            and not report.is_locked_on(today)
            and report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)
        )
        context.update(
            items=report.items.all(),
            attachments=report.attachments.all(),
            transitions=report.transitions.select_related("actor"),
            decisions=report.decision_requests.select_related("raised_by", "answered_by"),
            form=(kwargs.get("form") or ReportSectionsForm(instance=report)) if editable else None,
            editable=editable,
            locked=report.is_locked_on(today),
            can_review=user.has_perm("reporting.review_bodyreport", report)
            and report.status == ReportStatus.SUBMITTED,
            can_reopen=user.has_perm("reporting.reopen_bodyreport", report) and report.is_locked_on(today),
            can_flag=user.has_perm("reporting.flag_difficulty", report),
            can_answer=user.has_perm("reporting.answer_decision"),
            reason_form=ReasonForm(),
            attachment_form=AttachmentForm(),
            difficulty_form=DifficultyForm(),
            answer_form=AnswerForm(),
            audit_entries=AuditEntry.objects.for_object(report)[:30],
        )
        return context


class ReportActionView(ReportMixin, View):
    """POST-only workflow steps; each calls one service and comes back to the report."""

    permission = "reporting.change_bodyreport"

    def act(self, report):  # pragma: no cover - overridden
        raise NotImplementedError

    def post(self, request, pk):
        report = self.get_report()
        try:
            message = self.act(report)
        except ValidationError as error:
            _errors(request, error)
        else:
            if message:
                messages.success(request, message)
        return redirect(report)


class ReportSaveView(ReportDetailView):
    """Save the sections; with "submit" also send the report to the Board, all or nothing. Refused, the
    report page is shown again with the sections as typed, each error next to its section and the
    sections to check named above the page."""

    http_method_names = ["post"]
    permission = "reporting.change_bodyreport"

    def post(self, request, pk):
        report = self.object = self.get_report()
        form = ReportSectionsForm(request.POST, instance=BodyReport.objects.get(pk=report.pk))
        if form.is_valid():
            try:
                messages.success(request, self.save(report, form.cleaned_data))
                return redirect(report)
            except ValidationError as error:
                add_service_errors(form, error)
                self.object = self.get_report()  # the refused service may have changed it in memory
        _refusal_messages(request, form)
        return self.render_to_response(self.get_context_data(form=form))

    @transaction.atomic
    def save(self, report: BodyReport, data: dict) -> str:
        services.save_report(report, data=data, actor=self.request.user)
        if "submit" not in self.request.POST:
            return _("The report was saved.")
        services.submit_report(report, actor=self.request.user)
        return _("The report was sent to the Board.")


def _refusal_messages(request, form: ReportSectionsForm) -> None:
    """The sections to check, by name (each error is shown next to its section), then any other refusal."""
    sections = [str(form.fields[name].label) for name in form.fields if name in form.errors]
    if sections:
        messages.error(request, _("Check these sections: %(sections)s.") % {"sections": ", ".join(sections)})
    for message in form.non_field_errors():
        messages.error(request, message)


class ReportSubmitView(ReportActionView):
    def act(self, report):
        services.submit_report(report, actor=self.request.user)
        return _("The report was sent to the Board.")


class ReportReturnView(ReportActionView):
    permission = "reporting.review_bodyreport"

    def act(self, report):
        services.return_report(report, reason=self.request.POST.get("reason", ""), actor=self.request.user)
        return _("The report was returned to the body.")


class ReportAcceptView(ReportActionView):
    permission = "reporting.review_bodyreport"

    def act(self, report):
        services.accept_report(report, actor=self.request.user)
        return _("The report was accepted.")


class ReportReopenView(ReportActionView):
    permission = "reporting.reopen_bodyreport"

    def act(self, report):
        services.reopen_report(report, reason=self.request.POST.get("reason", ""), actor=self.request.user)
        return _("The report was reopened.")


class AttachmentAddView(ReportActionView):
    def act(self, report):
        upload = self.request.FILES.get("file")
        if upload is None:
            raise ValidationError(_("Choose a file to attach."))
        services.add_attachment(report, upload=upload, actor=self.request.user)
        return _("The file was attached.")


class DifficultyAddView(ReportActionView):
    permission = "reporting.flag_difficulty"

    def act(self, report):
        services.flag_difficulty(report, text=self.request.POST.get("text", ""), actor=self.request.user)
        return _("The difficulty was sent to the leaders for a decision.")


class AttachmentView(LoginRequiredMixin, View):
    def get(self, request, pk):
        attachment = get_object_or_404(ReportAttachment.objects.select_related("report__unit"), pk=pk)
        if not BodyReport.objects.visible_to(request.user).filter(pk=attachment.report_id).exists():
            raise Http404
        return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


class DecisionListView(LoginRequiredMixin, LenientPaginationMixin, ListView):
    """Difficulties flagged for a decision: open ones first; they stay until answered."""

    template_name = "reporting/decision_list.html"
    context_object_name = "decisions"
    paginate_by = 50

    def get_queryset(self):
        qs = DecisionRequest.objects.visible_to(self.request.user).select_related(
            "report__unit", "report__period"
        )
        self.show = self.request.GET.get("show", "open")
        if self.show != "all":
            qs = qs.open()
        return qs.order_by("answered_at", "raised_at")

    def get_context_data(self, **kwargs):
        return super().get_context_data(show=self.show, **kwargs)


class DecisionDetailView(LoginRequiredMixin, FormView):
    template_name = "reporting/decision_detail.html"
    form_class = AnswerForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.decision = get_object_or_404(
                DecisionRequest.objects.visible_to(request.user).select_related(
                    "report__unit", "report__period"
                ),
                pk=kwargs["pk"],
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            decision=self.decision,
            can_answer=self.request.user.has_perm("reporting.answer_decision"),
            audit_entries=AuditEntry.objects.for_object(self.decision)[:20],
            **kwargs,
        )

    def form_valid(self, form):
        if not self.request.user.has_perm("reporting.answer_decision"):
            raise PermissionDenied
        try:
            services.answer_decision(
                self.decision, answer=form.cleaned_data["answer"], actor=self.request.user
            )
        except ValidationError as error:
            form.add_error("answer", error)
            return self.form_invalid(form)
        messages.success(self.request, _("The answer was recorded."))
        return redirect(self.decision)


class CompletenessIndexView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """The newest period that is already due, else the newest one."""

    permission_required = "reporting.view_completeness"

    def get(self, request):
        periods = ReportingPeriod.objects.visible_to(request.user)
        period = (
            periods.filter(due_on__lte=timezone.localdate()).order_by("-due_on").first() or periods.first()
        )
        if period is None:
            messages.info(request, _("No reporting period yet."))
            return redirect("reporting:index")
        return redirect("reporting:completeness", pk=period.pk)


class CompletenessView(PeriodMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "reporting.view_completeness"
    template_name = "reporting/completeness.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period = self.get_period()
        user = self.request.user
        result = services.completeness(period, user=user)
        listed = {line.unit.pk for line in result.lines}
        context.update(
            period=period,
            result=result,
            periods=ReportingPeriod.objects.visible_to(user)[:30],
            can_manage=user.has_perm("reporting.manage_period"),
            candidates=OrgUnit.objects.visible_to(user)
            .active(period.ends_on)
            .exclude(pk__in=listed)
            .order_by("path")
            .only("id", "name")[:1000]
            if user.has_perm("reporting.manage_period")
            else [],
        )
        return context


class CompletenessExportView(PeriodMixin, PermissionRequiredMixin, View):
    """The completeness table as an Excel file, counted over what the user may see."""

    permission_required = "reporting.view_completeness"

    def get(self, request, pk):
        period = self.get_period()
        response = HttpResponse(
            exports.completeness_workbook(period, request.user),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="tinh-hinh-bao-cao-{period.year}-{period.pk}.xlsx"'
        )
        return response


class BoardActionView(PeriodMixin, PermissionRequiredMixin, View):
    permission_required = "reporting.manage_period"

    def post(self, request, pk):
        period = self.get_period()
        try:
            self.act(period)
        except ValidationError as error:
            _errors(request, error)
        return redirect("reporting:completeness", pk=period.pk)

    def unit(self):
        form = BodyForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError(_("Choose a body."))
        unit = OrgUnit.objects.visible_to(self.request.user).filter(pk=form.cleaned_data["unit"]).first()
        if unit is None:
            raise ValidationError(_("Choose a body."))
        return unit, form.cleaned_data["reason"]


class RemindView(BoardActionView):
    def act(self, period):
        missing = len(services.completeness(period).missing)
        tasks.send_report_reminders.enqueue(period.pk, self.request.user.pk)
        messages.success(
            self.request,
            _("Reminders are being sent to %(n)s bodies that have not reported.") % {"n": missing},
        )


class ExemptView(BoardActionView):
    def act(self, period):
        unit, reason = self.unit()
        services.exempt_body(period, unit, actor=self.request.user, reason=reason)
        messages.success(self.request, _("%(unit)s is exempt for this period.") % {"unit": unit.name})


class AddBodyView(BoardActionView):
    def act(self, period):
        unit, reason = self.unit()
        services.add_body(period, unit, actor=self.request.user, reason=reason)
        messages.success(self.request, _("%(unit)s must report for this period.") % {"unit": unit.name})


class ConsolidatedStartView(BoardActionView):
    """The button: open (or reuse) the period's draft and have the worker build its files."""

    permission_required = "reporting.change_consolidated"

    def post(self, request, pk):
        period = self.get_period()
        report = consolidated.start_consolidated(period, actor=request.user)
        tasks.generate_consolidated_report.enqueue(report.pk)
        messages.success(request, _("The consolidated report is being generated."))
        return redirect(report)


class ConsolidatedMixin(LoginRequiredMixin):
    def get_report(self) -> ConsolidatedReport:
        report = get_object_or_404(
            ConsolidatedReport.objects.visible_to(self.request.user).select_related("period__plan"),
            pk=self.kwargs["pk"],
        )
        if not self.request.user.has_perm("reporting.view_consolidated"):
            raise PermissionDenied
        return report


class ConsolidatedDetailView(ConsolidatedMixin, FormView):
    template_name = "reporting/consolidated_detail.html"
    form_class = ConsolidatedForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.report = self.get_report()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"instance": self.report}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            report=self.report,
            versions=ConsolidatedReport.objects.visible_to(self.request.user).filter(
                period=self.report.period
            ),
            can_change=self.request.user.has_perm("reporting.change_consolidated") and self.report.is_draft,
            audit_entries=AuditEntry.objects.for_object(self.report)[:20],
            **kwargs,
        )

    def form_valid(self, form):
        if not (self.request.user.has_perm("reporting.change_consolidated") and self.report.is_draft):
            raise PermissionDenied
        try:
            consolidated.update_consolidated(self.report, data=form.cleaned_data, actor=self.request.user)
            if "issue" in self.request.POST:
                consolidated.issue(self.report, actor=self.request.user)
                messages.success(self.request, _("The report was issued; this version is kept unchanged."))
            else:
                tasks.generate_consolidated_report.enqueue(self.report.pk)
                messages.success(self.request, _("Saved; the files are being regenerated."))
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        return redirect(self.report)


class ConsolidatedFileView(ConsolidatedMixin, View):
    def get(self, request, pk, fmt):
        report = self.get_report()
        if fmt not in consolidated.FORMATS or not getattr(report, fmt):
            raise Http404
        field = getattr(report, fmt)
        return FileResponse(field.open("rb"), as_attachment=True, filename=field.name.rsplit("/", 1)[-1])


def home_panel(request) -> str:
    """The home page panel: open difficulties for leaders and the Board, reports owed for officers."""
    user = request.user
    if not user.is_authenticated:
        return ""
    context = {}
    if user.has_perm("reporting.answer_decision") or sees_everything(user):
        context["decisions"] = list(
            DecisionRequest.objects.visible_to(user)
            .open()
            .select_related("report__unit", "report__period")[:10]
        )
        context["decision_count"] = DecisionRequest.objects.visible_to(user).open().count()
    if manages_everything(user):
        context["to_review"] = BodyReport.objects.filter(status=ReportStatus.SUBMITTED).count()
    elif not sees_everything(user):
        context["returned"] = list(
            BodyReport.objects.visible_to(user)
            .filter(Q(status=ReportStatus.RETURNED) | Q(status=ReportStatus.DRAFT))
            .select_related("unit", "period")[:10]
        )
    if not any(context.values()):
        return ""
    return render_to_string("reporting/_home_panel.html", context, request=request)
