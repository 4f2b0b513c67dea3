"""Uploaded files: stored under random names, handed out only through a view that checks the record.

Nothing is served from a public media folder. A model keeps the person's file name beside the file
(`RandomName` stores `promises/evidence/<random>`, the name goes into its own field), and the view that
checks the record's permission answers with `file_response`, the one place files leave Samverka: today it
streams the file from the storage (`field_file.open()`, so any storage backend works), with the original
name in Content-Disposition, the type that name implies and `nosniff`; with S3 storage it answers with a
redirect to a signed URL valid S3_SIGNED_URL_SECONDS (60 by default) that names the file for the download,
so the web node does not carry the bytes and nothing in the bucket is ever public.
"""

import mimetypes
import re
import uuid

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header

SAFE_EXTENSION = re.compile(r"\.[a-z0-9]{1,8}\Z")


@deconstructible
class RandomName:
    """`upload_to` for a FileField: `<prefix>/<32 random hex digits>.<extension>` — never guessable, and
    nothing of the uploader's file name reaches the storage."""

    def __init__(self, prefix: str):
        self.prefix = prefix.strip("/")

    def __call__(self, instance, filename: str) -> str:
        match = SAFE_EXTENSION.search((filename or "").lower())
        return f"{self.prefix}/{uuid.uuid4().hex}{match.group(0) if match else ''}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and self.prefix == other.prefix


def original_name(upload) -> str:
    """The name the person's file had, without any folder part, for Content-Disposition later."""
    name = (getattr(upload, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1]
    return name[:255] or "bilaga"


def file_response(field_file, *, filename: str, public: bool = False):
    """The response that hands `field_file` to a person already checked to be allowed it.

    `filename` is the name shown to them; the Content-Type follows from it. A public file may be cached
    by browsers and proxies; any other file only by the person's own browser."""
    if not field_file:
        raise Http404
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    if settings.S3_ENABLED:
        return _signed_url_response(field_file, filename=filename, content_type=content_type)
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    # Should a browser render it anyway, the file runs no script and reaches nothing of the site.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    return response


def _signed_url_response(field_file, *, filename: str, content_type: str):
    """S3 mode: a redirect to a signed URL of the object that makes the object store answer with the
    file's own name and type. Never cached: the URL expires."""
    url = field_file.storage.url(
        field_file.name,
        parameters={
            "ResponseContentDisposition": content_disposition_header(True, filename),
            "ResponseContentType": content_type,
        },
        expire=settings.STORAGES["default"]["OPTIONS"]["querystring_expire"],
    )
    response = HttpResponseRedirect(url)
    response["Cache-Control"] = "private, no-store"
    return response
