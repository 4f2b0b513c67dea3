"""Upload limits shared by every form that takes a file: size and type, decided by content.

A file is accepted only if it is no larger than `settings.SAMVERKA_MAX_UPLOAD_BYTES`, its name ends in an
extension of one of the allowed kinds, and its first bytes look like that kind (a renamed .exe is refused
as .xlsx). Problems are `ValidationError`s with a clear message for the person who uploaded it.

    from samverka.core.uploads import UploadField, validate_upload

    class ImportForm(forms.Form):
        file = UploadField(kinds=["csv", "xlsx"])          # a form field that does it all

    validate_upload(request.FILES["file"], kinds=["pdf"])  # or by hand

On a model: `FileField(validators=[UploadValidator(["pdf", "docx"])])`.
"""

import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from samverka.core import tabular

SNIFF_BYTES = 8192
TABLE_KINDS = {"csv", "xlsx", "json"}


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        # The sample may cut a multi-byte character in two at its end.
        if len(head) == SNIFF_BYTES and exc.start >= len(head) - 3:
            return True
    try:
        head.decode("cp1252")
        return True
    except UnicodeDecodeError:
        return False


def _zip_with(member_prefix: str) -> Callable[[bytes, object], bool]:
    def check(head: bytes, file) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            file.seek(0)
            data = file.read()
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return False
        finally:
            file.seek(0)
        return "[Content_Types].xml" in names and any(n.startswith(member_prefix) for n in names)

    return check


def _opendocument(subtype: str) -> Callable[[bytes, object], bool]:
    # An OpenDocument package starts with an uncompressed "mimetype" member naming its type.
    return lambda head, f: (
        head.startswith(b"PK\x03\x04")
        and (b"mimetypeapplication/vnd.oasis.opendocument." + subtype.encode()) in head[:120]
    )


def _is_json(head: bytes, file) -> bool:
    return _is_text(head) and head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


@dataclass(frozen=True)
class Kind:
    extensions: tuple[str, ...]
    check: Callable[[bytes, object], bool]
    label: str


KINDS: dict[str, Kind] = {
    "csv": Kind((".csv",), lambda head, f: _is_text(head), "CSV"),
    "txt": Kind((".txt",), lambda head, f: _is_text(head), "text"),
    "xlsx": Kind((".xlsx",), _zip_with("xl/"), "Excel (.xlsx)"),
    "docx": Kind((".docx",), _zip_with("word/"), "Word (.docx)"),
    "json": Kind((".json",), _is_json, "JSON"),
    "odt": Kind((".odt",), _opendocument("text"), "OpenDocument (.odt)"),
    "ods": Kind((".ods",), _opendocument("spreadsheet"), "OpenDocument (.ods)"),
    "pdf": Kind((".pdf",), lambda head, f: head.startswith(b"%PDF-"), "PDF"),
    "png": Kind((".png",), lambda head, f: head.startswith(b"\x89PNG\r\n\x1a\n"), "PNG"),
    "jpg": Kind((".jpg", ".jpeg"), lambda head, f: head.startswith(b"\xff\xd8\xff"), "JPEG"),
}


def max_upload_bytes() -> int:
    return settings.SAMVERKA_MAX_UPLOAD_BYTES


def _megabytes(size: int) -> str:
    return number_format(round(size / (1024 * 1024), 1), decimal_pos=1)


def validate_upload(file, *, kinds: Iterable[str], max_bytes: int | None = None) -> str:
    """Refuse `file` (an UploadedFile or File) unless it is small enough and of one of `kinds`.

    Returns the kind it was recognised as. Leaves the file positioned at its start.
    """
    kinds = list(kinds)
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise ValueError(f"unknown upload kinds: {unknown}")
    limit = max_bytes if max_bytes is not None else max_upload_bytes()
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, io.SEEK_END)
        size = file.tell()
    if size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s MB). The largest file allowed is %(limit)s MB."),
            code="file_too_large",
            params={"size": _megabytes(size), "limit": _megabytes(limit)},
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    name = (getattr(file, "name", "") or "").lower()
    allowed = ", ".join(KINDS[k].label for k in kinds)
    matching = [k for k in kinds if name.endswith(KINDS[k].extensions)]
    if not matching:
        raise ValidationError(
            _("This type of file is not accepted here. Allowed: %(allowed)s."),
            code="file_type",
            params={"allowed": allowed},
        )
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    for kind in matching:
        if KINDS[kind].check(head, file):
            if head.startswith(b"PK\x03\x04"):
                _check_unpacked_size(file)
            return kind
    raise ValidationError(
        _("The file's content does not match its name: it is not a real %(allowed)s file."),
        code="file_content",
        params={"allowed": ", ".join(KINDS[k].label for k in matching)},
    )


def _check_unpacked_size(file) -> None:
    """A zip package (XLSX, DOCX, OpenDocument) is refused when it would unpack to more than the limit."""
    file.seek(0)
    try:
        tabular.check_zip_size(file.read(), tabular.default_limits())
    except tabular.TableError as exc:
        raise ValidationError(
            _("The file unpacks to %(size)s MB; the limit is %(limit)s MB."),
            code="file_unpacked_too_large",
            params=exc.params,
        ) from exc
    finally:
        file.seek(0)


@deconstructible
class UploadValidator:
    """A validator for model FileFields: `FileField(validators=[UploadValidator(["pdf"])])`."""

    def __init__(self, kinds: Iterable[str], max_bytes: int | None = None):
        self.kinds = list(kinds)
        self.max_bytes = max_bytes

    def __call__(self, file):
        validate_upload(file, kinds=self.kinds, max_bytes=self.max_bytes)

    def __eq__(self, other):
        return (
            isinstance(other, UploadValidator)
            and self.kinds == other.kinds
            and self.max_bytes == other.max_bytes
        )


class UploadField(forms.FileField):
    """A form FileField limited to `kinds` and the site's upload size; `accept` helps the browser too.

    The limits it states under the field are the ones enforced: the size here, and — for a table —
    `limits` (rows, unpacked size, time), which the view passes on to core.tabular when it reads the file."""

    def __init__(
        self, *, kinds: Iterable[str], max_bytes: int | None = None, max_rows: int | None = None, **kwargs
    ):
        self.kinds = list(kinds)
        self.max_bytes = max_bytes
        self.max_rows = max_rows
        super().__init__(**kwargs)
        extensions = [ext for k in self.kinds for ext in KINDS[k].extensions]
        self.widget.attrs.setdefault("accept", ",".join(extensions))

    @property
    def limits(self) -> tabular.Limits:
        limits = tabular.default_limits()
        return limits.but(max_rows=self.max_rows) if self.max_rows else limits

    @property
    def stated_limits(self) -> str:
        size = _megabytes(self.max_bytes if self.max_bytes is not None else max_upload_bytes())
        if any(k in TABLE_KINDS for k in self.kinds):
            return _("At most %(size)s MB and %(rows)s rows.") % {
                "size": size,
                "rows": number_format(self.limits.max_rows, force_grouping=True),
            }
        return _("At most %(size)s MB.") % {"size": size}

    def get_bound_field(self, form, field_name):
        # Stated at render time, so the settings and the language in force are the ones shown.
        if not getattr(self, "_stated", False):
            self._help = self.help_text
            self._stated = True
        self.help_text = f"{self._help} {self.stated_limits}".strip()
        return super().get_bound_field(form, field_name)

    def clean(self, data, initial=None):
        file = super().clean(data, initial)
        if file and file is not initial:
            validate_upload(file, kinds=self.kinds, max_bytes=self.max_bytes)
        return file
