from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count
from django.views.generic import DetailView, ListView

from danvan.core.text import fold

from .models import Document


class DocumentListView(LoginRequiredMixin, ListView):
    template_name = "documents/document_list.html"
    context_object_name = "documents"
    paginate_by = 50

    def get_queryset(self):
        qs = Document.objects.visible_to(self.request.user).annotate(citation_count=Count("citations"))
        q = self.request.GET.get("q", "").strip()
        if q:
            qs = qs.filter(key__icontains=fold(q).replace(" ", "")) | qs.filter(title__icontains=q)
        return qs.order_by("-issued_on", "symbol", "id")

    def get_context_data(self, **kwargs):
        return super().get_context_data(q=self.request.GET.get("q", ""), **kwargs)


class DocumentDetailView(LoginRequiredMixin, DetailView):
    template_name = "documents/document_detail.html"
    context_object_name = "document"

    def get_queryset(self):
        return Document.objects.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        from danvan.plans.models import Task

        user = self.request.user
        citations = self.object.citations.select_related("plan", "task")
        visible_tasks = set(
            Task.objects.visible_to(user).filter(citations__document=self.object).values_list("id", flat=True)
        )
        return super().get_context_data(
            citations=[c for c in citations if c.task_id is None or c.task_id in visible_tasks], **kwargs
        )
