"""Staff pages for citizens' petitions, reception days, dialogues and voter contacts.

Every query goes through visible_to(user): out of scope → 404, no permission → 403. The sender of a
petition is never loaded by a list; the petition page shows it only through services.reveal_sender.
"""

import csv
import re

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, TemplateView, UpdateView

from danvan.core.forms import add_service_errors
from danvan.core.models import AuditEntry
from danvan.core.pagination import LenientPaginationMixin
from danvan.orgs.models import OrgUnit

from . import services
from .choices import Channel, ItemStatus, PetitionType, Status
from .forms import (
    AcceptForm,
    AnswerForm,
    ClassifyForm,
    HolidayForm,
    ItemProgressForm,
    MeetingForm,
    MeetingItemForm,
    PetitionFilterForm,
    PetitionIntakeForm,
    RouteForm,
    RuleForm,
    RuleVersionForm,
    SessionForm,
    VisitForm,
)
from .models import Holiday, Meeting, MeetingItem, Petition, ReceptionSession, TimeLimitRule

CODE_RE = re.compile(r"DV-[0-9A-Z]{4}-[0-9A-Z]{4}")
LIST_DEFER = ("content", "answer_summary", "public_answer", "classification_note", "search_text")


class CappedPaginator(Paginator):
    """Counts at most COUNT_CAP rows: on 200,000 petitions an exact COUNT(*) of a broad filter costs more
    than the page itself. Beyond the cap the list says "more than N" and still pages forward."""

    COUNT_CAP = 2000
    # The same rows, with the selective (range) filters kept from choosing the query plan: used for the
    # page when more than COUNT_CAP rows match, so that the page is read in the list's order through
    # the (…, received_on) indexes instead of gathering and sorting every match.
    many_rows_object_list = None

    @cached_property
    def count(self) -> int:
        # No ORDER BY in the count: the database picks the index that serves the filter best.
        found = self.object_list.order_by().values("pk")[: self.COUNT_CAP + 1].count()
        self.capped = found > self.COUNT_CAP
        if self.capped and self.many_rows_object_list is not None:
            self.object_list = self.many_rows_object_list
        return min(found, self.COUNT_CAP)

    def validate_number(self, number):
        try:
            return super().validate_number(number)
        except EmptyPage:
            if getattr(self, "capped", False) and int(number) > 0:
                return int(number)
            raise


def filter_petitions(qs, data: dict, today, *, with_in_list_order: bool = False):
    """The filters shared by the staff list, its export and the statistics page.

    with_in_list_order: also return the same rows with the time-limit range kept from choosing the
    query plan, for results with many rows that are read in the list's order."""
    if data.get("q"):
        code = services.normalize_code(data["q"])
        is_code = data["q"].strip().upper().startswith("DV") and CODE_RE.fullmatch(code)
        qs = qs.filter(code=code) if is_code else qs.search(data["q"])
    for field in ("petition_type", "status", "topic"):
        if data.get(field):
            qs = qs.filter(**{field: data[field]})
    if data.get("area"):
        area = OrgUnit.objects.filter(pk=data["area"]).values_list("path", flat=True).first()
        # The area and the units under it as a list of ids, so that the planner sees how few there
        # are and reads the (location_unit, received_on) index.
        units = (
            list(OrgUnit.objects.filter(path__startswith=area).values_list("pk", flat=True)) if area else []
        )
        qs = qs.filter(location_unit__in=units)
    if data.get("received_from"):
        qs = qs.filter(received_on__gte=data["received_from"])
    if data.get("received_to"):
        qs = qs.filter(received_on__lte=data["received_to"])
    variants = [_deadline_filter(qs, data.get("deadline"), today, in_list_order=False)]
    if with_in_list_order:
        variants.append(_deadline_filter(qs, data.get("deadline"), today, in_list_order=True))
    return tuple(variants) if with_in_list_order else variants[0]


def _deadline_filter(qs, deadline, today, *, in_list_order: bool):
    if deadline == "overdue":
        return qs.overdue(today, in_list_order=in_list_order)
    if deadline == "due_soon":
        return qs.due_soon(today, services.due_soon_days(), in_list_order=in_list_order)
    if deadline == "open":
        return qs.open()
    return qs


class PetitionListView(LoginRequiredMixin, PermissionRequiredMixin, LenientPaginationMixin, ListView):
    """Sổ đơn thư: every petition the user may see, with overdue and due-soon marks."""

    permission_required = "citizens.use_reception"
    template_name = "citizens/petition_list.html"
    paginate_by = 50
    paginator_class = CappedPaginator
    mine = False

    def base_queryset(self):
        return Petition.objects.visible_to(self.request.user)

    def get_queryset(self):
        self.today = timezone.localdate()
        self.form = PetitionFilterForm(self.request.GET or None)
        data = self.form.cleaned_data if self.form.is_valid() else {}
        qs, self.in_list_order = filter_petitions(
            self.base_queryset(), data, self.today, with_in_list_order=True
        )
        return qs.select_related("location_unit", "competent_body").defer(*LIST_DEFER)

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        paginator.many_rows_object_list = self.in_list_order.select_related(
            "location_unit", "competent_body"
        ).defer(*LIST_DEFER)
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for petition in context["object_list"]:
            petition.mark = petition.deadline_state(self.today)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            form=self.form,
            query=query.urlencode(),
            today=self.today,
            mine=self.mine,
            can_add=self.request.user.has_perm("citizens.add_petition"),
            can_export=self.request.user.has_perm("citizens.export_petition"),
        )
        return context


class AssignedListView(PetitionListView):
    """Petitions routed to the officer's body or assigned to them."""

    permission_required = "citizens.handle_assigned"
    mine = True

    def has_permission(self):
        user = self.request.user
        return user.has_perm("citizens.handle_assigned") or user.has_perm("citizens.use_reception")

    def base_queryset(self):
        user = self.request.user
        qs = Petition.objects.visible_to(user)
        scope = getattr(user.org_unit, "path", "") if user.org_unit_id else ""
        return qs.filter(Q(handler=user) | (Q(handling_path__startswith=scope) if scope else Q(pk__in=[])))


class PetitionExportView(PetitionListView):
    """CSV export of the filtered list: no identity or contact of any sender, ever."""

    permission_required = "citizens.export_petition"

    def get(self, request, *args, **kwargs):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="don-thu.csv"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(
            [
                _("Tracking code"),
                _("Received on"),
                _("Type"),
                _("Channel"),
                _("Status"),
                _("Topic"),
                _("Subject"),
                _("Sender"),
                _("Area"),
                _("Competent body"),
                _("Current time limit"),
                _("Answer document"),
                _("Duplicate"),
                _("Group petition"),
            ]
        )
        for p in self.get_queryset().iterator(chunk_size=2000):
            writer.writerow(
                [
                    p.code,
                    f"{p.received_on:%d/%m/%Y}",
                    p.get_petition_type_display(),
                    p.get_channel_display(),
                    p.get_status_display(),
                    p.get_topic_display(),
                    p.subject,
                    p.sender_label if not p.is_protected else "",
                    p.location_unit.name if p.location_unit else "",
                    p.competent_body.name if p.competent_body else "",
                    f"{p.current_due:%d/%m/%Y}" if p.current_due else "",
                    f"{p.answer_number} {p.answer_date:%d/%m/%Y}" if p.answer_date else "",
                    _("yes") if p.is_duplicate else "",
                    p.signer_count if p.is_group else "",
                ]
            )
        return response


class PetitionObjectMixin(LoginRequiredMixin):
    """Loads the petition through visible_to (404 when out of scope) and checks `perm` (403)."""

    perm = "citizens.view_petition"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.petition = get_object_or_404(
            Petition.objects.visible_to(request.user).select_related(
                "location_unit",
                "location_given",
                "competent_body",
                "suggested_body",
                "handler",
                "received_unit",
                "reception_session",
                "case_file",
            ),
            pk=kwargs["pk"],
        )
        if not request.user.has_perm(self.perm, self.petition):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PetitionDetailView(PetitionObjectMixin, TemplateView):
    template_name = "citizens/petition_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        p, user, today = self.petition, self.request.user, timezone.localdate()
        p.mark = p.deadline_state(today)
        can = {
            name: user.has_perm(f"citizens.{name}", p)
            for name in ("classify_petition", "route_petition", "handle_petition", "view_sender")
        }
        initial_classify = {
            "petition_type": p.petition_type,
            "eligible": "no" if p.eligible is False else "yes",
            "ineligible_reason": p.ineligible_reason,
            "complaint_track": p.complaint_track or "first",
            "topic": p.topic,
            "location_unit": p.location_unit_id,
            "is_group": p.is_group,
            "signer_count": p.signer_count,
            "is_complex": p.is_complex,
            "is_remote_area": p.is_remote_area,
            "multi_place_verification": p.multi_place_verification,
            "note": p.classification_note,
        }
        context.update(
            petition=p,
            today=today,
            can=can,
            deadlines=services.deadline_table(p, today),
            classify_form=kwargs.get("classify_form") or ClassifyForm(initial=initial_classify),
            route_form=kwargs.get("route_form")
            or RouteForm(initial={"body": p.suggested_body_id, "handler": p.handler_id}),
            accept_form=kwargs.get("accept_form") or AcceptForm(),
            answer_form=kwargs.get("answer_form") or AnswerForm(),
            case_petitions=(
                p.case_file.petitions.visible_to(user).exclude(pk=p.pk).defer(*LIST_DEFER)
                if p.case_file_id
                else []
            ),
            duplicates=(
                services.find_duplicates(p, among=Petition.objects.visible_to(user))
                if can["classify_petition"] and p.is_open
                else []
            ),
            audit_entries=AuditEntry.objects.for_object(p)[:50],
            sender_accesses=p.sender_accesses.select_related("actor")[:20] if can["view_sender"] else [],
            attachments=p.attachments.all(),
            can_extend=can["handle_petition"]
            and p.status == Status.ACCEPTED
            and p.petition_type in (PetitionType.COMPLAINT, PetitionType.DENUNCIATION),
        )
        if self.request.session.pop(f"reveal-{p.pk}", False) and can["view_sender"]:
            context["sender"] = services.reveal_sender(p, actor=user)
        return context


class PetitionActionView(PetitionDetailView):
    """Base for the workflow actions (POST only). Done, the action goes back to the petition page; refused,
    an action with a form shows the petition page again with the form as typed and each error on its
    field, and one without a form says why in a message."""

    http_method_names = ["post"]
    form_class = None
    form_name = ""  # the form's name on the petition page

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST) if self.form_class else None
        if form is None or form.is_valid():
            try:
                self.act(form.cleaned_data if form else {})
                return redirect(self.petition)
            except ValidationError as error:
                if form is None:
                    for message in error.messages:
                        messages.error(request, message)
                    return redirect(self.petition)
                add_service_errors(form, error)
                self.petition.refresh_from_db()  # a refused service may have changed it in memory
        return self.render_to_response(self.get_context_data(**{self.form_name: form}))


class ClassifyView(PetitionActionView):
    perm = "citizens.classify_petition"
    form_class = ClassifyForm
    form_name = "classify_form"

    def act(self, data):
        services.classify_petition(
            self.petition,
            actor=self.request.user,
            petition_type=data["petition_type"],
            eligible=data["eligible"],
            ineligible_reason=data.get("ineligible_reason", ""),
            note=data.get("note", ""),
            topic=data["topic"],
            complaint_track=data.get("complaint_track", ""),
            is_group=data["is_group"],
            signer_count=data["signer_count"],
            is_complex=data["is_complex"],
            is_remote_area=data["is_remote_area"],
            multi_place_verification=data["multi_place_verification"],
            location_unit=data.get("location_unit"),
            decision_known_on=data.get("decision_known_on"),
        )
        messages.success(self.request, _("Petition classified."))


class RouteView(PetitionActionView):
    perm = "citizens.route_petition"
    form_class = RouteForm
    form_name = "route_form"

    def act(self, data):
        services.route_petition(
            self.petition,
            actor=self.request.user,
            body=data["body"],
            handler=data.get("handler"),
            on=data["routed_on"],
        )
        messages.success(self.request, _("Petition routed to %(body)s.") % {"body": data["body"].name})


class AcceptView(PetitionActionView):
    perm = "citizens.handle_petition"
    form_class = AcceptForm
    form_name = "accept_form"

    def act(self, data):
        services.accept_petition(self.petition, actor=self.request.user, on=data["accepted_on"])
        messages.success(self.request, _("Petition accepted for handling."))


class ExtendView(PetitionActionView):
    perm = "citizens.handle_petition"

    def act(self, data):
        services.extend_petition(self.petition, actor=self.request.user)
        messages.success(self.request, _("Time limit extended."))


class AnswerView(PetitionActionView):
    perm = "citizens.handle_petition"
    form_class = AnswerForm
    form_name = "answer_form"

    def act(self, data):
        services.answer_petition(
            self.petition,
            actor=self.request.user,
            number=data["number"],
            answered_on=data["answered_on"],
            summary=data["summary"],
            public_answer=data["public_answer"],
        )
        messages.success(self.request, _("Answer recorded."))


class RevealSenderView(PetitionActionView):
    """Showing a protected identity is a deliberate, logged act (POST), never a side effect of a list."""

    perm = "citizens.view_sender"

    def act(self, data):
        self.request.session[f"reveal-{self.petition.pk}"] = True


class LinkDuplicateView(PetitionActionView):
    perm = "citizens.classify_petition"

    def act(self, data):
        ids = [int(i) for i in self.request.POST.getlist("others") if i.isdecimal()]
        others = list(Petition.objects.visible_to(self.request.user).filter(pk__in=ids))
        if not others:
            raise ValidationError(_("Choose at least one petition to link."))
        case_file = services.link_duplicates(self.petition, others, actor=self.request.user)
        messages.success(self.request, _("Linked into case file %(file)s.") % {"file": case_file})


class PetitionCreateView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "citizens.add_petition"
    form_class = PetitionIntakeForm
    template_name = "citizens/petition_form.html"

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            petition = services.register_petition(
                actor=self.request.user,
                petition_type=data["petition_type"],
                channel=data["channel"],
                subject=data["subject"],
                content=data["content"],
                received_on=data["received_on"],
                received_unit=self.request.user.org_unit,
                is_anonymous=data["is_anonymous"],
                sender={k: data.get(k, "") for k in ("full_name", "address", "phone", "email")},
                is_group=data["is_group"],
                signer_count=data["signer_count"],
                topic=data["topic"],
                location_unit=data.get("location_unit"),
                address_text=data.get("address_text", ""),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Petition registered with code %(code)s.") % {"code": petition.code})
        return redirect(petition)


class StatisticsView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "citizens.view_statistics"
    template_name = "citizens/statistics.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["stats"] = services.statistics(
            Petition.objects.visible_to(user), with_items_of=MeetingItem.objects.visible_to(user)
        )
        return context


class RuleListView(LoginRequiredMixin, PermissionRequiredMixin, LenientPaginationMixin, ListView):
    permission_required = "citizens.view_timelimitrule"
    template_name = "citizens/rule_list.html"
    queryset = TimeLimitRule.objects.all()

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            can_edit=user.has_perm("citizens.change_timelimitrule"),
            can_add_version=user.has_perm("citizens.add_timelimitrule"),
            **kwargs,
        )


class RuleUpdateView(LoginRequiredMixin, PermissionRequiredMixin, UpdateView):
    """Correct a time limit once its text is checked; open petitions of its type are recomputed."""

    permission_required = "citizens.change_timelimitrule"
    template_name = "citizens/rule_form.html"
    form_class = RuleForm
    model = TimeLimitRule

    def form_valid(self, form):
        changed = services.change_time_limit_rule(self.object, actor=self.request.user, **form.cleaned_data)
        messages.success(
            self.request,
            _("Time limit “%(rule)s” saved; the due dates of %(count)d open petition(s) changed.")
            % {"rule": self.object, "count": changed},
        )
        return redirect("citizens:rule_list")


class RuleVersionView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """A law amended from a given day: a new version of the time limit starts that day, the current
    one ends the day before, and open petitions of its type are recomputed."""

    permission_required = "citizens.add_timelimitrule"
    template_name = "citizens/rule_form.html"
    form_class = RuleVersionForm

    @cached_property
    def rule(self) -> TimeLimitRule:
        return get_object_or_404(TimeLimitRule, pk=self.kwargs["pk"])

    def get_initial(self):
        return {field: getattr(self.rule, field) for field in services.RULE_EDITABLE_FIELDS}

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.rule, new_version=True, **kwargs)

    def form_valid(self, form):
        try:
            version, changed = services.add_time_limit_version(
                self.rule, actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "New version “%(rule)s” from %(date)s saved; the due dates of %(count)d open "
                "petition(s) changed."
            )
            % {"rule": version, "date": version.valid_from.strftime("%d/%m/%Y"), "count": changed},
        )
        return redirect("citizens:rule_list")


class HolidayListView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """The holiday calendar used for working days; staff add and remove days."""

    permission_required = "citizens.view_timelimitrule"
    template_name = "citizens/holiday_list.html"
    form_class = HolidayForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            holidays=Holiday.objects.all(),
            can_edit=self.request.user.has_perm("citizens.manage_calendar"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("citizens.manage_calendar"):
            raise PermissionDenied
        if request.POST.get("delete", "").isdecimal():
            services.delete_holiday(get_object_or_404(Holiday, pk=request.POST["delete"]))
            messages.success(request, _("Day removed from the calendar."))
            return redirect("citizens:holiday_list")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        services.save_holiday(form.save(commit=False))
        messages.success(
            self.request, _("Day added to the calendar; the time limits of open petitions were recomputed.")
        )
        return redirect("citizens:holiday_list")


# ---- reception sessions -----------------------------------------------------------------------


class SessionListView(LoginRequiredMixin, PermissionRequiredMixin, LenientPaginationMixin, ListView):
    permission_required = "citizens.view_session"
    template_name = "citizens/session_list.html"
    paginate_by = 30

    def get_queryset(self):
        return (
            ReceptionSession.objects.visible_to(self.request.user)
            .select_related("unit", "leader")
            .annotate(n=Count("petitions"))
            .order_by("-held_on", "-id")  # Meta.ordering is dropped from aggregate queries
        )


class SessionCreateView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "citizens.add_session"
    template_name = "citizens/session_form.html"
    form_class = SessionForm

    def form_valid(self, form):
        session = form.save()
        messages.success(self.request, _("Reception session saved."))
        return redirect(session)


class SessionDetailView(LoginRequiredMixin, PermissionRequiredMixin, DetailView):
    permission_required = "citizens.view_session"
    template_name = "citizens/session_detail.html"
    context_object_name = "session"

    def get_queryset(self):
        return ReceptionSession.objects.visible_to(self.request.user).select_related("unit", "leader")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        petitions = list(self.object.petitions.visible_to(self.request.user).defer(*LIST_DEFER))
        for p in petitions:
            p.mark = p.deadline_state(today)
        context.update(
            petitions=petitions,
            visit_form=VisitForm(),
            can_add=self.request.user.has_perm("citizens.add_petition"),
            audit_entries=AuditEntry.objects.for_object(self.object)[:30],
        )
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not request.user.has_perm("citizens.add_petition"):
            raise PermissionDenied
        form = VisitForm(request.POST)
        if form.is_valid():
            try:
                self.register_visit(form.cleaned_data)
                messages.success(request, _("Citizen recorded."))
                return redirect(self.object)
            except ValidationError as error:
                add_service_errors(form, error)
        context = self.get_context_data()
        context["visit_form"] = form
        return self.render_to_response(context)

    def register_visit(self, data):
        session = self.object
        services.register_petition(
            actor=self.request.user,
            petition_type=data["petition_type"],
            channel=Channel.ONLINE_RECEPTION if session.online else Channel.RECEPTION,
            subject=data["subject"],
            content=data["content"],
            received_on=session.held_on,
            received_unit=session.unit,
            reception_session=session,
            sender={"full_name": data["full_name"], "address": data["address"], "phone": data["phone"]},
            is_group=data["is_group"],
            signer_count=data["signer_count"],
            topic=data["topic"],
            location_unit=data.get("location_unit"),
        )


# ---- dialogues and voter contact meetings -----------------------------------------------------


class MeetingListView(LoginRequiredMixin, PermissionRequiredMixin, LenientPaginationMixin, ListView):
    permission_required = "citizens.view_meeting"
    template_name = "citizens/meeting_list.html"
    paginate_by = 30

    def get_queryset(self):
        open_values = ItemStatus.open_values()
        return (
            Meeting.objects.visible_to(self.request.user)
            .select_related("unit")
            .annotate(
                opinions=Count("items", filter=Q(items__kind="opinion")),
                recommendations=Count("items", filter=Q(items__kind="recommendation")),
                unresolved=Count("items", filter=Q(items__status__in=open_values)),
            )
            .order_by("-held_on", "-id")  # Meta.ordering is dropped from aggregate queries
        )


class MeetingCreateView(SessionCreateView):
    permission_required = "citizens.add_meeting"
    template_name = "citizens/meeting_form.html"
    form_class = MeetingForm

    def get_initial(self):
        return {"kind": self.request.GET.get("kind", "dialogue")}

    def form_valid(self, form):
        meeting = form.save()
        messages.success(self.request, _("Meeting saved."))
        return redirect(meeting)


class MeetingDetailView(LoginRequiredMixin, PermissionRequiredMixin, DetailView):
    permission_required = "citizens.view_meeting"
    template_name = "citizens/meeting_detail.html"
    context_object_name = "meeting"

    def get_queryset(self):
        return Meeting.objects.visible_to(self.request.user).select_related("unit")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        items = list(self.object.items.select_related("responsible_body"))
        progress_forms = kwargs.get("progress_forms", {})
        for item in items:
            item.overdue = item.status in ItemStatus.open_values() and item.due_on and item.due_on < today
            item.can_change = self.request.user.has_perm("citizens.change_meetingitem", item)
            item.progress_form = progress_forms.get(item.pk) or ItemProgressForm(
                initial={"status": item.status}, prefix=f"i{item.pk}"
            )
        context.update(
            items=items,
            item_form=kwargs.get("item_form") or MeetingItemForm(),
            can_add=self.request.user.has_perm("citizens.add_meeting"),
            counts={kind: sum(1 for i in items if i.kind == kind) for kind in ("opinion", "recommendation")},
            audit_entries=AuditEntry.objects.for_object(self.object)[:30],
        )
        return context

    def post(self, request, *args, **kwargs):
        """Progress of one item (the form names it in `item`), or a new item. Refused, the page is shown
        again with the form as typed and each error on its field."""
        self.object = self.get_object()
        if item_id := request.POST.get("item"):
            return self.post_progress(item_id)
        if not request.user.has_perm("citizens.add_meeting"):
            raise PermissionDenied
        form = MeetingItemForm(request.POST)
        if form.is_valid():
            try:
                services.add_meeting_item(self.object, actor=request.user, **form.cleaned_data)
                messages.success(request, _("Item recorded."))
                return redirect(self.object)
            except ValidationError as error:
                add_service_errors(form, error)
        return self.render_to_response(self.get_context_data(item_form=form))

    def post_progress(self, item_id: str):
        if not item_id.isdecimal():
            raise Http404
        item = get_object_or_404(self.object.items, pk=int(item_id))
        if not self.request.user.has_perm("citizens.change_meetingitem", item):
            raise PermissionDenied
        form = ItemProgressForm(self.request.POST, prefix=f"i{item.pk}")
        if form.is_valid():
            try:
                services.record_item_progress(item, actor=self.request.user, **form.cleaned_data)
                messages.success(self.request, _("Progress recorded."))
                return redirect(self.object)
            except ValidationError as error:
                add_service_errors(form, error)
        return self.render_to_response(self.get_context_data(progress_forms={item.pk: form}))
