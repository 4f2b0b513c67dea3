"""Every public page is ready for sharing: a meaningful <title>, a meta description, Open Graph and
Twitter card tags, a canonical URL and a favicon. The test walks the public pages from /p/ by their links."""

import re
from html import unescape
from urllib.parse import urldefrag, urlparse

import pytest

from samverka.activities import demo_data as activity_demo
from samverka.promises import demo_data as promise_demo
from samverka.public import news

TAG = re.compile(r"<meta (?:name|property)=\"([^\"]+)\" content=\"([^\"]*)\">")


@pytest.fixture
def demo(places, users, frozen_today):
    activity_demo.load()
    promise_demo.load()
    item = news.news_create(
        user=users["editor"], place=places["arjeplog"], title="Löftet om fortbildning hölls"
    )
    news.news_publish(user=users["editor"], item=item)
    return places


def public_pages(client, start="/p/", limit=80):
    seen, queue, pages = set(), [start], {}
    while queue and len(pages) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        pages[path] = html
        for href in re.findall(r'href="(/p/[^"]*)"', html):
            link = urldefrag(unescape(href))[0]
            parsed = urlparse(link)
            # pages only: not files, feeds, fragments or the embeddable copies (tested for noindex below)
            if parsed.query or re.search(
                r"\.(atom|ics|csv|json|jpg|pdf|xlsx)$|fragment/|inbaddning/", parsed.path
            ):
                continue
            if parsed.path.startswith(("/p/arjeplog/", "/p/pite-alvdal/")) or parsed.path == "/p/":
                queue.append(parsed.path)
    return pages


def test_every_public_page_has_its_sharing_tags(demo, client):
    pages = public_pages(client)
    # the walk reached the pages of every public part
    for part in [
        "/p/arjeplog/",
        "/p/arjeplog/nyheter/",
        "/p/arjeplog/medborgarloften/",
        "/p/arjeplog/prenumerera/",
    ]:
        assert part in pages, f"{part} not reached"
    assert any(p.startswith("/p/arjeplog/nyheter/lof") for p in pages)
    problems = []
    for path, html in pages.items():
        tags = dict(TAG.findall(html))
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
        if title in ("", "Samverka – Samverka"):
            problems.append(f"{path}: no meaningful title")
        for name in [
            "description",
            "og:title",
            "og:description",
            "og:type",
            "og:url",
            "og:image",
            "twitter:card",
            "twitter:title",
        ]:
            if not tags.get(name, "").strip():
                problems.append(f"{path}: {name} missing")
        if tags.get("og:title") != title:
            problems.append(f"{path}: og:title differs from the title")
        if f'<link rel="canonical" href="http://localhost:8000{path}">' not in html:
            problems.append(f"{path}: no canonical URL")
        if '<link rel="icon" href="/static/samverka/favicon.svg" type="image/svg+xml">' not in html:
            problems.append(f"{path}: no favicon")
    assert problems == []


def test_the_news_image_is_the_shared_image_of_its_page(demo, users, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from tests.public.test_news import jpeg_with_exif, upload

    item = news.news_create(
        user=users["editor"],
        place=demo["arjeplog"],
        title="Med bild",
        image=upload(jpeg_with_exif((120, 80))),
        image_alt="Föräldrar i aulan",
    )
    news.news_publish(user=users["editor"], item=item)
    tags = dict(TAG.findall(client.get(f"/p/arjeplog/nyheter/{item.slug}/").content.decode()))
    assert tags["og:image"] == f"http://localhost:8000/p/arjeplog/nyheter/{item.slug}/bild.jpg"
    assert tags["og:image:alt"] == "Föräldrar i aulan" and tags["og:type"] == "article"
    assert tags["og:title"] == "Med bild – Arjeplog – Samverka"


def test_the_embeddable_news_list_is_not_indexed_and_points_to_the_news_page(demo, client):
    html = client.get("/p/arjeplog/nyheter/inbaddning/").content.decode()
    assert '<meta name="robots" content="noindex">' in html
    assert '<link rel="canonical" href="http://localhost:8000/p/arjeplog/nyheter/">' in html
