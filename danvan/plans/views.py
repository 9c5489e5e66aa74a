"""Plan pages: list, plan, task, import (upload → job with progress → review), task review and activation."""

import hashlib

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from danvan.core.models import AuditEntry
from danvan.core.pagination import LenientPaginationMixin

from . import services
from .forms import AssignmentFormSet, PlanUploadForm, TaskReviewForm
from .models import Assignment, Citation, Plan, PlanImport, Task
from .tasks import import_plan_job


def _tasks_with_names(queryset):
    return queryset.select_related("section").prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("unit").order_by("order", "id"))
    )


def group_by_section(plan: Plan, tasks) -> list[dict]:
    """Sections in order, each with its tasks and whether it has sub-sections; tasks without a section
    come first."""
    by_section: dict = {}
    for task in tasks:
        by_section.setdefault(task.section_id, []).append(task)
    groups = []
    if None in by_section:
        groups.append({"section": None, "tasks": by_section[None]})
    sections = list(plan.sections.all())
    parents = {section.parent_id for section in sections}
    for section in sections:
        groups.append(
            {
                "section": section,
                "tasks": by_section.get(section.pk, []),
                "has_children": section.pk in parents,
            }
        )
    return groups


class PlanListView(LoginRequiredMixin, LenientPaginationMixin, ListView):
    template_name = "plans/plan_list.html"
    context_object_name = "plans"
    paginate_by = 25

    def get_queryset(self):
        user = self.request.user
        visible_tasks = Q(tasks__in=Task.objects.visible_to(user))
        return (
            Plan.objects.visible_to(user)
            .select_related("issuer")
            .annotate(task_count=Count("tasks", filter=visible_tasks, distinct=True))
            .order_by("-issued_on", "-id")  # Meta.ordering is dropped in GROUP BY queries
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_import=self.request.user.has_perm("plans.import_plan"), **kwargs)


class PlanDetailView(LoginRequiredMixin, DetailView):
    template_name = "plans/plan_detail.html"
    context_object_name = "plan"

    def get_queryset(self):
        return Plan.objects.visible_to(self.request.user).select_related("issuer", "created_by")

    def get_context_data(self, **kwargs):
        plan, user = self.object, self.request.user
        tasks = _tasks_with_names(Task.objects.visible_to(user).filter(plan=plan))
        return super().get_context_data(
            groups=group_by_section(plan, tasks),
            targets=plan.targets.all(),
            citations=Citation.objects.visible_to(user).filter(plan=plan).select_related("document"),
            audit_entries=AuditEntry.objects.for_object(plan)[:50],
            can_review=user.has_perm("plans.change_plan"),
            **kwargs,
        )


class TaskDetailView(LoginRequiredMixin, DetailView):
    template_name = "plans/task_detail.html"
    context_object_name = "task"

    def get_queryset(self):
        return _tasks_with_names(Task.objects.visible_to(self.request.user).select_related("plan"))

    def get_context_data(self, **kwargs):
        task, visible = self.object, Task.objects.visible_to(self.request.user)
        return super().get_context_data(
            citations=task.citations.select_related("document"),
            parent=visible.parent_of(task),
            subtasks=visible.filter(parent=task),
            audit_entries=AuditEntry.objects.for_object(task)[:50],
            can_review=self.request.user.has_perm("plans.change_task"),
            **kwargs,
        )


class CoordinatorMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = "plans.import_plan"


class PlanImportView(CoordinatorMixin, FormView):
    template_name = "plans/plan_import.html"
    form_class = PlanUploadForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        upload = form.cleaned_data["document"]
        data = upload.read()
        replaces = form.cleaned_data["update_plan"]
        try:
            extracted = services.read_document(data, upload.name)
        except ValidationError as error:
            form.add_error("document", error)
            return self.form_invalid(form)
        existing = services.find_existing(extracted, services.fingerprint(extracted.source_text))
        if existing is not None and (replaces is None or replaces.pk != existing.pk):
            return self.render_to_response(self.get_context_data(form=form, existing=existing))
        job = PlanImport.objects.create(
            file_name=upload.name[:255],
            data=data,
            sha256=hashlib.sha256(data).hexdigest(),
            created_by=self.request.user,
            replaces=replaces,
        )
        import_plan_job.enqueue(job.pk)
        return redirect("plans:import_status", pk=job.pk)


class ImportStatusView(CoordinatorMixin, DetailView):
    template_name = "plans/import_status.html"
    context_object_name = "job"

    def get_queryset(self):
        return PlanImport.objects.defer("data")

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.state == PlanImport.State.READ and self.object.plan_id:
            messages.success(request, _("The plan was read. Check the assignments, then save."))
            return redirect("plans:review", pk=self.object.plan_id)
        return self.render_to_response(self.get_context_data(object=self.object))


class PlanReviewView(CoordinatorMixin, DetailView):
    template_name = "plans/plan_review.html"
    context_object_name = "plan"
    permission_required = "plans.change_plan"

    def get_queryset(self):
        return Plan.objects.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        plan = self.object
        tasks = _tasks_with_names(plan.tasks.all())
        flagged = sum(1 for t in tasks for a in t.assignments.all() if a.needs_review) + sum(
            1 for t in tasks if t.deadline_needs_review
        )
        return super().get_context_data(
            groups=group_by_section(plan, tasks), flagged=flagged, targets=plan.targets.all(), **kwargs
        )


class TaskReviewView(CoordinatorMixin, TemplateView):
    template_name = "plans/task_review.html"
    permission_required = "plans.change_task"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.has_perm(self.permission_required):
            self.task = get_object_or_404(
                _tasks_with_names(Task.objects.visible_to(request.user)), pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def _initial(self):
        task = self.task
        form = TaskReviewForm(
            plan=task.plan,
            initial={
                "section": task.section_id,
                "recurrence": task.recurrence,
                "due_date": task.due_date,
                "deadline_text": task.deadline_text,
            },
        )
        formset = AssignmentFormSet(
            initial=[
                {"id": a.pk, "unit": a.unit_id, "name_as_written": a.name_as_written, "role": a.role}
                for a in task.assignments.all()
            ],
            prefix="a",
        )
        return form, formset

    def get(self, request, *args, **kwargs):
        form, formset = self._initial()
        return self.render_to_response(self.get_context_data(form=form, formset=formset, task=self.task))

    def post(self, request, *args, **kwargs):
        task = self.task
        form = TaskReviewForm(request.POST, plan=task.plan)
        formset = AssignmentFormSet(request.POST, prefix="a")
        if form.is_valid() and formset.is_valid():
            rows = [
                {
                    "id": f.cleaned_data.get("id"),
                    "unit": f.cleaned_data.get("unit"),
                    "name_as_written": f.cleaned_data.get("name_as_written", ""),
                    "role": f.cleaned_data.get("role"),
                    "delete": f.cleaned_data.get("DELETE", False),
                }
                for f in formset.forms
                if f.cleaned_data
            ]
            try:
                services.update_task(
                    task,
                    actor=request.user,
                    section=form.cleaned_data["section"],
                    recurrence=form.cleaned_data["recurrence"],
                    due_date=form.cleaned_data["due_date"],
                    deadline_text=form.cleaned_data["deadline_text"],
                    assignments=rows,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Task saved."))
                return redirect(reverse("plans:review", args=[task.plan_id]) + f"#task-{task.pk}")
        return self.render_to_response(self.get_context_data(form=form, formset=formset, task=task))


class PlanActivateView(CoordinatorMixin, View):
    permission_required = "plans.change_plan"

    def post(self, request, pk):
        plan = get_object_or_404(Plan.objects.visible_to(request.user), pk=pk)
        services.activate_plan(plan, actor=request.user)
        messages.success(request, _("The plan is saved and its tasks are now tracked."))
        return redirect(plan)
