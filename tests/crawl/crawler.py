"""A bounded breadth-first crawl with Django's test client: pages, feeds, exports, PDFs and API answers,
each turned into text to search for markers."""

import io
import json
import re
import sys
import time
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

# Never followed: leaving the session, the admin site, static files, the language switch, sign-on.
SKIP_PREFIXES = ("/konto/logga-ut", "/admin/", "/static/", "/i18n/", "/oidc/", "/api/v1/docs/swagger")
MAX_VARIANTS_PER_PATH = 3  # query-string variants (sorting, filters) of one path


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("a", "link") and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag in ("iframe", "embed") and attrs.get("src"):
            self.links.append(attrs["src"])


def response_text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if "pdf" in kind:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(body))
        # Extracted text breaks lines where the layout does: join them so a marker is one word again.
        return " ".join((page.extract_text() or "") for page in reader.pages)
    if "spreadsheetml" in kind:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(body), read_only=True)
        return " ".join(
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
        )
    return body.decode("utf-8", errors="replace")


def _json_links(data, base):
    if isinstance(data, dict):
        for value in data.values():
            yield from _json_links(value, base)
    elif isinstance(data, list):
        for value in data:
            yield from _json_links(value, base)
    elif isinstance(data, str) and (data.startswith("http://testserver/") or data.startswith("/")):
        if not data.startswith("//"):
            yield data


def api_urls(client) -> list[str]:
    """The API's list URLs from its OpenAPI schema, and a detail URL for every record on the first page
    of each list (ids filled into the schema's path templates)."""
    schema = client.get("/api/v1/schema/", {"format": "json"}, HTTP_ACCEPT="application/json")
    paths = json.loads(response_text(schema))["paths"]
    lists = [p for p, ops in paths.items() if "get" in ops and "{" not in p]
    urls = list(lists)
    for template in (p for p, ops in paths.items() if "get" in ops and "{" in p):
        head = template.split("{", 1)[0]
        if head not in lists:
            continue
        answer = client.get(head, {"limit": 50}, HTTP_ACCEPT="application/json")
        if answer.status_code != 200:
            continue
        data = answer.json()
        items = data.get("results", data) if isinstance(data, dict) else data
        for item in items if isinstance(items, list) else []:
            key = item.get("id") or item.get("slug") if isinstance(item, dict) else None
            if key is None:
                continue
            url = re.sub(r"\{[^}]*(id|pk|slug)[^}]*\}", str(key), template)
            for number in (1, 2):
                urls.append(re.sub(r"\{[^}]+\}", str(number), url))
    return list(dict.fromkeys(urls))


def crawl(client, start: list[str], *, max_pages: int, seconds: float, on_page):
    """Visit what `start` leads to (same site, GET only); call on_page(url, response, text) for each.

    Bounded by max_pages and a time budget so it stays within minutes on a small machine; returns the
    number of pages visited and whether a bound was hit."""
    seen, variants = set(), {}
    queue = deque(start)
    deadline = time.monotonic() + seconds
    visited = 0
    while queue and visited < max_pages and time.monotonic() < deadline:
        url = urldefrag(queue.popleft())[0]
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver") or not parts.path.startswith("/"):
            continue
        url = parts.path + (f"?{parts.query}" if parts.query else "")
        if url in seen or parts.path.startswith(SKIP_PREFIXES):
            continue
        if parts.query:
            variants[parts.path] = variants.get(parts.path, 0) + 1
            if variants[parts.path] > MAX_VARIANTS_PER_PATH:
                continue
        seen.add(url)
        began = time.monotonic()
        response = client.get(url, HTTP_ACCEPT="text/html,application/json;q=0.9,*/*;q=0.8")
        visited += 1
        if time.monotonic() - began > 3:
            print(f"slow: {url} {time.monotonic() - began:.1f} s", file=sys.stderr)
        if response.status_code in (301, 302, 303, 307, 308):
            queue.append(urljoin(url, response["Location"]))
            continue
        text = response_text(response) if response.status_code < 500 else ""
        on_page(url, response, text)
        kind = response.get("Content-Type", "")
        if "html" in kind:
            parser = _Links()
            parser.feed(text)
            queue.extend(urljoin(url, link) for link in parser.links)
        elif "json" in kind:
            try:
                queue.extend(urljoin(url, link) for link in _json_links(json.loads(text), url))
            except ValueError:
                pass
    return visited, bool(queue)
