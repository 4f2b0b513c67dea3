"""The one PDF helper: reports are HTML templates first, rendered by WeasyPrint."""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string


def render_to_pdf(template_name: str, context: dict, request=None) -> bytes:
    from weasyprint import HTML  # imported lazily: it loads Pango, which pages never need

    html = render_to_string(template_name, context, request=request)
    base_url = request.build_absolute_uri("/") if request is not None else settings.SITE_URL
    return HTML(string=html, base_url=base_url).write_pdf()


def pdf_response(request, template_name: str, context: dict, filename: str) -> HttpResponse:
    """A template rendered to PDF, as a download named `filename`."""
    response = HttpResponse(
        render_to_pdf(template_name, context, request=request), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
