"""Handing out a stored file after the caller has checked the permission: the one way files leave Samverka.

On the local disk the application streams the file. In S3 mode the answer is a redirect to a signed URL
that is valid for S3_SIGNED_URL_SECONDS (60 by default) and names the file for the download, so the
web node does not carry the bytes and nothing in the bucket is ever public.
"""

import mimetypes
from pathlib import PurePosixPath

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.utils.http import content_disposition_header


def signed_url_response(field_file, *, filename: str, as_attachment: bool = True):
    """S3 mode: a redirect to a signed URL of the object, valid S3_SIGNED_URL_SECONDS, that makes the
    object store answer with the file's own name and type. Never cached: the URL expires."""
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    url = field_file.storage.url(
        field_file.name,
        parameters={
            "ResponseContentDisposition": content_disposition_header(as_attachment, filename),
            "ResponseContentType": content_type,
        },
        expire=settings.STORAGES["default"]["OPTIONS"]["querystring_expire"],
    )
    response = HttpResponseRedirect(url)
    response["Cache-Control"] = "private, no-store"
    return response


def file_response(field_file, *, filename: str | None = None, as_attachment: bool = True):
    """The response that delivers `field_file` (a FieldFile) to a caller already allowed to have it."""
    if not field_file:
        raise Http404
    name = filename or PurePosixPath(field_file.name).name
    if settings.S3_ENABLED:
        return signed_url_response(field_file, filename=name, as_attachment=as_attachment)
    storage = field_file.storage
    try:
        handle = storage.open(field_file.name, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=as_attachment, filename=name)
    response["Cache-Control"] = "private, no-store"
    return response
