"""Tags for sharing a page (Open Graph, Twitter cards) that repeat the page's <title> and description.

A Django template cannot render one block twice, so the base layout leaves og:title, og:description and
their twitter: copies empty and this middleware fills them in from the page's own <title> and meta
description: every page that sets its title and description gets correct sharing tags for free."""

import re

TITLE = re.compile(r"<title>(.*?)</title>", re.S)
DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)">')
EMPTY = {
    "title": ('<meta property="og:title" content="">', '<meta name="twitter:title" content="">'),
    "description": (
        '<meta property="og:description" content="">',
        '<meta name="twitter:description" content="">',
    ),
}


def fill_share_tags(html: str) -> str:
    if '<meta property="og:title" content="">' not in html:
        return html
    title = TITLE.search(html)
    description = DESCRIPTION.search(html)
    values = {
        # Already escaped as HTML in <title>; quotes made safe for the attribute.
        "title": " ".join(title.group(1).split()).replace('"', "&quot;") if title else "Samverka",
        "description": description.group(1) if description else "",
    }
    for key, tags in EMPTY.items():
        for tag in tags:
            html = html.replace(tag, tag.replace('content=""', f'content="{values[key]}"'), 1)
    return html


class ShareTagsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            not response.streaming
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
        ):
            charset = response.charset or "utf-8"
            response.content = fill_share_tags(response.content.decode(charset)).encode(charset)
        return response
