"""The one PDF helper: reports are HTML templates first, rendered by WeasyPrint."""

from django.conf import settings
from django.template.loader import render_to_string


def render_to_pdf(template_name: str, context: dict, request=None) -> bytes:
    from weasyprint import HTML  # imported lazily: it loads Pango, which pages never need

    html = render_to_string(template_name, context, request=request)
    base_url = request.build_absolute_uri("/") if request is not None else settings.SITE_URL
    return HTML(string=html, base_url=base_url).write_pdf()
