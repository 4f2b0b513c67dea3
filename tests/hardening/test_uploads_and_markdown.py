"""Upload limits (core.uploads) and sanitised Markdown (core.markdown)."""

import io
import zipfile

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from samverka.core.markdown import render_markdown
from samverka.core.uploads import UploadField, UploadValidator, validate_upload


def xlsx_bytes() -> bytes:
    workbook = Workbook()
    workbook.active.append(["kommun", "värde"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def message_of(excinfo) -> str:
    with translation.override("sv"):
        return " ".join(str(m) for m in excinfo.value.messages)


@pytest.mark.parametrize(
    ("name", "content", "kinds", "kind"),
    [
        ("data.csv", "kommun;värde\nArjeplog;1,5\n".encode(), ["csv", "xlsx"], "csv"),
        ("data.csv", "kommun;värde\n".encode("cp1252"), ["csv"], "csv"),
        ("Data.XLSX", xlsx_bytes(), ["csv", "xlsx"], "xlsx"),
        ("rapport.pdf", b"%PDF-1.7\n...", ["pdf"], "pdf"),
        ("bild.jpeg", b"\xff\xd8\xff\xe0rest", ["png", "jpg"], "jpg"),
        ("bild.png", b"\x89PNG\r\n\x1a\nrest", ["png", "jpg"], "png"),
    ],
)
def test_files_of_an_allowed_kind_are_accepted_and_recognised(name, content, kinds, kind):
    file = upload(name, content)
    assert validate_upload(file, kinds=kinds) == kind
    assert file.tell() == 0


@override_settings(SAMVERKA_MAX_UPLOAD_BYTES=1024 * 1024)
def test_a_file_over_the_size_limit_is_refused_with_a_clear_swedish_message():
    file = upload("stor.csv", b"a;b\n" + b"1;2\n" * 300_000)
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(file, kinds=["csv"])
    assert message_of(excinfo) == "Filen är för stor (1,1 MB). Den största tillåtna filen är 1,0 MB."


def test_a_file_of_another_kind_is_refused_naming_the_allowed_kinds():
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(upload("program.exe", b"MZ\x90\x00"), kinds=["csv", "xlsx"])
    assert message_of(excinfo) == "Den här filtypen tas inte emot här. Tillåtna: CSV, Excel (.xlsx)."


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("program.xlsx", b"MZ\x90\x00 this is a windows program"),
        ("fake.xlsx", b"PK\x03\x04 not really a zip"),
        ("other.xlsx", None),  # a real zip, but not a workbook
        ("binary.csv", b"a;b\n\x00\x01\x02\x03"),
        ("script.pdf", b"<script>alert(1)</script>"),
        ("image.png", b"GIF89a"),
    ],
)
def test_a_file_whose_content_does_not_match_its_name_is_refused(name, content):
    if content is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("hello.txt", "hej")
        content = buffer.getvalue()
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(upload(name, content), kinds=["csv", "xlsx", "pdf", "png"])
    assert "Filens innehåll stämmer inte med namnet" in message_of(excinfo)


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(upload("tom.csv", b""), kinds=["csv"])
    assert message_of(excinfo) == "Filen är tom."


class ImportForm(forms.Form):
    file = UploadField(kinds=["csv", "xlsx"])


def test_upload_field_in_a_form_reports_the_problem_on_the_field():
    form = ImportForm(files={"file": upload("virus.exe", b"MZ")})
    assert not form.is_valid()
    with translation.override("sv"):
        assert "Tillåtna: CSV, Excel (.xlsx)" in form.errors["file"][0]
    assert 'accept=".csv,.xlsx"' in str(form["file"])
    assert ImportForm(files={"file": upload("ok.csv", b"a;b\n1;2\n")}).is_valid()


def test_upload_validator_for_model_fields_is_deconstructible_and_validates():
    validator = UploadValidator(["pdf"])
    path, args, kwargs = validator.deconstruct()
    assert path == "samverka.core.uploads.UploadValidator"
    assert validator == UploadValidator(["pdf"])
    with pytest.raises(ValidationError):
        validator(upload("x.pdf", b"not a pdf"))


@settings(max_examples=200, deadline=None)
@given(
    name=st.sampled_from(["a.csv", "a.xlsx", "a.pdf", "a.png", "a.jpg", "a.docx", "a"]),
    data=st.binary(max_size=600),
)
def test_any_upload_is_either_recognised_or_refused_with_a_validation_error(name, data):
    try:
        kind = validate_upload(upload(name, data), kinds=["csv", "xlsx", "pdf", "png", "jpg", "docx"])
    except ValidationError as error:
        assert error.messages
    else:
        assert name.endswith(kind) or (kind == "jpg" and name.endswith(".jpeg"))


# --- Markdown -----------------------------------------------------------------------------------

ATTACKS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "[klick](javascript:alert(1))",
    "[klick](JaVaScRiPt:alert(1))",
    "[klick](&#106;avascript:alert(1))",
    "[klick](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<javascript:alert(1)>",
    '<img src=x onerror="alert(1)">',
    '![bild](x" onerror="alert(1))',
    '<a href="https://ok.se" onclick="alert(1)">länk</a>',
    "<iframe src=https://evil.example></iframe>",
    "<style>body{display:none}</style>",
    "<svg onload=alert(1)></svg>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<form action=https://evil.example><input name=password></form>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "<object data=x.swf></object><embed src=x.swf>",
]


@pytest.mark.parametrize("text", ATTACKS)
def test_markdown_removes_scripts_handlers_and_dangerous_links(text):
    html = str(render_markdown(text)).lower()
    for forbidden in [
        "<script",
        "javascript:",
        "data:text",
        "onerror",
        "onclick",
        "onload",
        "<iframe",
        "<style",
        "<svg",
        "style=",
        "<form",
        "<input",
        "<meta",
        "<object",
        "<embed",
        "<img",
    ]:
        assert forbidden not in html, (text, html)


def test_markdown_keeps_ordinary_formatting_and_safe_links():
    html = str(
        render_markdown(
            "## Mål\n\n- **Färre** unga som röker\n- [CAN](https://www.can.se)\n\n| a | b |\n|---|---|\n| 1 | 2 |"
        )
    )
    assert "<h2>Mål</h2>" in html
    assert "<strong>Färre</strong>" in html
    assert '<a href="https://www.can.se" rel="noopener noreferrer">CAN</a>' in html
    assert "<table>" in html and "<td>1</td>" in html


def test_links_get_noopener():
    assert 'rel="noopener noreferrer"' in str(render_markdown("[x](https://a.se)"))


TOKENS = list("<>\"'=/:() []!&#;*_`\n") + [
    "script",
    "javascript",
    "onerror",
    "img",
    "a href",
    "style",
    "x",
    "å",
]


@given(
    st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)
    | st.lists(st.sampled_from([*ATTACKS, "**b**", "text", "\n\n", "[a](", ")"]), max_size=5).map("".join)
    | st.text(max_size=80)
)
@settings(max_examples=300, deadline=None)
def test_no_markdown_input_ever_yields_a_script_or_event_handler(text):
    from html.parser import HTMLParser

    from samverka.core.markdown import ALLOWED_TAGS

    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collect().feed(str(render_markdown(text)))
    for tag, attrs in found:
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs:
            assert name in {"href", "title", "rel"}, name
            if name == "href":
                assert (value or "").strip().lower().split(":", 1)[0] not in {
                    "javascript",
                    "data",
                    "vbscript",
                }
