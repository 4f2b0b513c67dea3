"""One pagination for the long list pages (the catalogues, the index of all places): 50 rows a page,
"Föregående" / "Nästa" and "Sida 2 av 7", links that keep the page's filters.

A page number that is not a whole number, or past the last page, shows the first or the last page
(Django's `Paginator.get_page`): a list address is shared and bookmarked, so a stale page number should
still show something rather than an error.
"""

from django.core.paginator import Page, Paginator

PER_PAGE = 50
PARAM = "page"


def paginate(request, items, per_page: int = PER_PAGE) -> Page:
    """The requested page of `items` (a queryset is counted and sliced by the database)."""
    return Paginator(items, per_page).get_page(request.GET.get(PARAM))


def page_url(request, number: int) -> str:
    """The current address with another page number and every other parameter (the filters) kept."""
    query = request.GET.copy()
    if number == 1:
        query.pop(PARAM, None)
    else:
        query[PARAM] = str(number)
    encoded = query.urlencode()
    return f"{request.path}?{encoded}" if encoded else request.path


def pager(request, page: Page) -> dict:
    """What `core/_pagination.html` draws for `page`."""
    return {
        "number": page.number,
        "pages": page.paginator.num_pages,
        "count": page.paginator.count,
        "previous_url": page_url(request, page.previous_page_number()) if page.has_previous() else None,
        "next_url": page_url(request, page.next_page_number()) if page.has_next() else None,
    }
