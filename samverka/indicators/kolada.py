"""Fetching from Kolada's API (v3): plain Python, no Django. Pages are read as they are needed.

Paths: `/kpi/{ids}` (what each KPI means) and `/data/kpi/{kpis}/municipality/{ids}/year/{years}` (values),
with lists comma-separated; answers come in pages of at most 5,000 rows linked by `next_url` (or
`next_page`). Links are followed only on the host of the base URL.
"""

import io
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

from samverka.indicators.parsing import DataRow, ImportFileError, IndicatorMeta, KoladaEnvelope, iter_kolada

USER_AGENT = "Samverka (open-source ANDTS prevention platform)"
MAX_PAGES = 1000


class FetchError(Exception):
    pass


def data_url(base: str, kpis: list[str], places: list[str], years: list[int]) -> str:
    quote = urllib.parse.quote
    return (
        f"{base.rstrip('/')}/data/kpi/{quote(','.join(kpis))}/municipality/{quote(','.join(places))}"
        f"/year/{quote(','.join(str(y) for y in years))}"
    )


def kpi_url(base: str, kpis: list[str]) -> str:
    return f"{base.rstrip('/')}/kpi/{urllib.parse.quote(','.join(kpis))}"


def _get(url: str, timeout: float) -> bytes:
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https addresses are fetched")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked above
            return response.read()
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url}: the server answered {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise FetchError(f"{url}: could not connect ({getattr(exc, 'reason', exc)})") from exc


def _next(url: str, envelope: KoladaEnvelope, base: str) -> str | None:
    link = envelope.next_url or (envelope.next_page if isinstance(envelope.next_page, str) else None)
    if link is None and isinstance(envelope.next_page, int):
        parts = urllib.parse.urlsplit(url)
        query = dict(urllib.parse.parse_qsl(parts.query))
        query["page"] = str(envelope.next_page)
        link = urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))
    if not link:
        return None
    link = urllib.parse.urljoin(url, link)
    if urllib.parse.urlsplit(link).netloc != urllib.parse.urlsplit(base).netloc:
        raise FetchError(f"the next page {link} is on another host than {base}; not followed")
    return link


def fetch_rows(
    base: str,
    kpis: list[str],
    places: list[str],
    years: list[int],
    known_places=None,
    timeout: float = 60.0,
    on_page=None,
) -> Iterator[DataRow | IndicatorMeta]:
    """KPI descriptions, then every data row of every page, fetched lazily."""
    urls = [kpi_url(base, kpis), data_url(base, kpis, places, years)]
    for url in urls:
        pages = 0
        while url:
            pages += 1
            if pages > MAX_PAGES:
                raise FetchError(f"more than {MAX_PAGES} pages: stopped")
            body = _get(url, timeout)
            if on_page:
                on_page(url)
            envelope = KoladaEnvelope()
            try:
                yield from iter_kolada(io.BytesIO(body), known_places, envelope=envelope)
            except ImportFileError as exc:
                exc.message = f"{url}: {exc.message}"
                exc.args = (exc.message,)
                raise
            url = _next(url, envelope, base)
