from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, Q
from django.views.generic import DetailView, ListView

from danvan.core.pagination import LenientPaginationMixin
from danvan.core.text import fold

from .models import Document


class DocumentListView(LoginRequiredMixin, LenientPaginationMixin, ListView):
    template_name = "documents/document_list.html"
    context_object_name = "documents"
    paginate_by = 50

    def get_queryset(self):
        visible = _citations_visible_to(self.request.user)
        qs = Document.objects.visible_to(self.request.user).annotate(
            citation_count=Count("citations", filter=Q(citations__in=visible))
        )
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
        citations = _citations_visible_to(self.request.user).filter(document=self.object)
        return super().get_context_data(citations=citations.select_related("plan", "task"), **kwargs)


def _citations_visible_to(user):
    from danvan.plans.models import Citation  # plans cite documents: the registry does not import them

    return Citation.objects.visible_to(user)
