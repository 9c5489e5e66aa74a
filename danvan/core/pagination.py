"""Paging that never answers 404 for a page number: a number that is not one, or below 1, shows the
first page; a number past the end shows the last page.

Django's ListView answers 404 for "?page=abc", "?page=-1" or "?page=99999" (a link kept from a
longer list, a hand-edited address); every list of ours takes LenientPaginationMixin instead, and
lists paged by hand use `lenient_page`.
"""

from django.core.paginator import EmptyPage, InvalidPage, Page, Paginator
from django.http import Http404


def page_number(paginator: Paginator, raw) -> int:
    """The page to show for the query's `page` value (a paginator may allow pages past its count)."""
    if raw == "last":
        return paginator.num_pages
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    if number < 1:
        return 1
    try:
        return paginator.validate_number(number)
    except EmptyPage:
        return max(paginator.num_pages, 1)


def lenient_page(paginator: Paginator, raw) -> Page:
    return paginator.page(page_number(paginator, raw))


class LenientPaginationMixin:
    """For a ListView: a bad page number shows the nearest page instead of 404."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset,
            page_size,
            orphans=self.get_paginate_orphans(),
            allow_empty_first_page=self.get_allow_empty(),
        )
        raw = self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg) or 1
        try:
            page = lenient_page(paginator, raw)
        except InvalidPage as error:  # an empty list whose view does not allow one
            raise Http404(str(error)) from error
        return (paginator, page, page.object_list, page.has_other_pages())
