"""One form style for the whole application (issue 12, forms): every form renders through
core/formrender.py and core/templates/forms/.

Walks every form class of every app's `forms` module (the same walk as test_form_choices.py) and renders
its declared fields: labels without colons, required fields marked in words, no "---------" choice, no
multi-select (checkbox lists instead), dates as date pickers, no order number to type. A new form that
breaks the style fails here. The behaviour of the pieces (error summary, sections, conditional groups,
arrows) is tested below and in tests/browser/test_form_style.py.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django import forms
from django.forms.renderers import get_default_renderer
from django.utils import translation

from samverka.core.formrender import FormRenderer, layout
from tests.core.test_form_choices import _form_classes

ORDERING_NAMES = {"order", "ordering", "position", "sort_order", "rank"}


class _Labels(HTMLParser):
    """The text of every <label> and <legend>, and the tags with their attributes."""

    def __init__(self):
        super().__init__()
        self.labels, self.tags, self._open = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("label", "legend"):
            self._open.append([tag, ""])

    def handle_endtag(self, tag):
        if tag in ("label", "legend") and self._open:
            self.labels.append(self._open.pop()[1].strip())

    def handle_data(self, data):
        for entry in self._open:
            entry[1] += data


def _bare(cls):
    """The form with only its declared fields: its __init__ (which needs a user, a place …) not run."""
    form = cls.__new__(cls)
    forms.BaseForm.__init__(form)
    return form


def _parsed(html):
    parser = _Labels()
    parser.feed(html)
    return parser


FORMS = sorted(_form_classes(), key=lambda cls: f"{cls.__module__}.{cls.__name__}")


def test_the_walk_finds_the_forms_of_every_app():
    modules = {cls.__module__.split(".")[1] for cls in FORMS}
    assert {"activities", "core", "meetings", "promises", "readiness", "reports", "situation"} <= modules
    assert len(FORMS) >= 35


def test_the_renderer_is_the_applications():
    assert isinstance(get_default_renderer(), FormRenderer)


@pytest.mark.django_db
@pytest.mark.parametrize("cls", FORMS, ids=lambda cls: f"{cls.__module__.split('.')[1]}.{cls.__name__}")
def test_every_form_has_the_one_style(cls):
    with translation.override("sv"):
        form = _bare(cls)
        html = str(form)
        parsed = _parsed(html)
    assert "---------" not in html
    assert [text for text in parsed.labels if text.endswith(":")] == []
    assert [attrs.get("name") for tag, attrs in parsed.tags if tag == "select" and "multiple" in attrs] == []
    visible = {name: field for name, field in form.fields.items() if not field.widget.is_hidden}
    assert sorted(ORDERING_NAMES & set(visible)) == []
    for name, field in visible.items():
        bf = form[name]
        inputs = [a.get("type") for t, a in parsed.tags if t == "input" and a.get("name") == bf.html_name]
        if isinstance(field, forms.DateField):
            assert inputs == ["date"], name
        if isinstance(field, forms.DateTimeField):
            assert inputs == ["datetime-local"], name
        marked = "(obligatoriskt)" in str(bf.as_field_group())
        assert marked == (field.required and not field.disabled), name


def test_the_field_template_puts_help_under_the_label_and_ties_it_to_the_field():
    class Example(forms.Form):
        name = forms.CharField(label="Namn", help_text="Som det står i beslutet.")
        when = forms.DateField(label="Datum", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    with translation.override("sv"):
        html = str(Example())
    label, help_text, field = html.index("<label"), html.index("Som det står"), html.index('name="name"')
    assert label < help_text < field
    assert 'aria-describedby="id_name_helptext"' in html
    assert 'id="id_name_helptext"' in html
    assert 'Namn <span class="required">(obligatoriskt)</span></label>' in html
    assert "Datum</label>" in html


def test_a_form_with_errors_opens_with_a_summary_that_links_to_each_field():
    class Example(forms.Form):
        name = forms.CharField(label="Namn")
        places = forms.MultipleChoiceField(
            label="Platser", choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
        )

        def clean(self):
            raise forms.ValidationError("Något stämmer inte.")

    with translation.override("sv"):
        form = Example({"name": "", "places": ["x"]})
        form.is_valid()
        html = str(form)
    summary = html[html.index('class="error-summary"') : html.index("</div>")]
    assert "Formuläret innehåller fel" in summary
    assert "Något stämmer inte." in summary
    assert '<a href="#id_name">Namn: Det här fältet är obligatoriskt.</a>' in summary
    assert '<a href="#id_places_0">Platser:' in summary
    assert html.index("error-summary") < html.index("<label")
    assert 'aria-invalid="true"' in html


def test_sections_come_after_the_loose_fields_and_open_when_they_hold_an_error():
    class Example(forms.Form):
        extra = forms.CharField(label="Extra", required=False, max_length=2)
        name = forms.CharField(label="Namn")
        fieldsets = [{"legend": "Mer", "fields": ["extra"], "collapsed": True}]

    quiet = layout(Example())
    assert [f.name for f in quiet["loose_fields"]] == ["name"]
    assert [f.name for f in quiet["groups"][0]["bound_fields"]] == ["extra"]
    html = str(Example())
    assert '<details class="form-section">' in html and html.index('name="name"') < html.index("<details")
    with_error = Example({"name": "x", "extra": "för lång"})
    with_error.is_valid()
    assert '<details class="form-section" open>' in str(with_error)


def test_an_empty_choice_reads_choose_or_none_in_swedish():
    class Example(forms.Form):
        must = forms.ChoiceField(label="Måste", choices=[("", "---------"), ("a", "A")])
        may = forms.ChoiceField(label="Kan", choices=[("", "---------"), ("a", "A")], required=False)

    with translation.override("sv"):
        html = str(Example())
    assert '<option value="" selected>Välj …</option>' in html
    assert '<option value="" selected>(inget valt)</option>' in html


def test_a_checkbox_list_has_a_filter_box_hidden_until_the_script_shows_it():
    class Example(forms.Form):
        places = forms.MultipleChoiceField(
            label="Platser",
            choices=[(str(i), f"Plats {i}") for i in range(10)],
            widget=forms.CheckboxSelectMultiple,
        )

    with translation.override("sv"):
        html = str(Example())
    assert re.search(r'<fieldset class="field checkbox-list"[^>]*>\s*<legend>Platser', html)
    assert '<div class="checkbox-filter" hidden><label for="id_places_filter">Filtrera listan</label>' in html
    assert 'data-filters="id_places"' in html


def test_no_template_lays_out_a_form_itself():
    """`{{ form }}` or `{{ field.as_field_group }}`: label_tag and the as_… layouts are not used."""
    root = Path(__file__).resolve().parents[2] / "samverka"
    offending = [
        str(path.relative_to(root))
        for path in root.glob("*/templates/**/*.html")
        if re.search(r"label_tag|\.as_(p|div|table|ul)\b|_form_fields", path.read_text())
    ]
    assert offending == []


def test_an_edit_conflict_is_left_to_its_own_box_and_other_form_errors_still_summed_up():
    class Example(forms.Form):
        name = forms.CharField(label="Namn")
        conflict_message = "Någon annan sparade."

    form = Example({"name": "x"})
    form.is_valid()
    form.add_error(None, form.conflict_message)
    assert "error-summary" not in str(form)
    form.add_error(None, "Ett annat fel.")
    html = str(form)
    assert "Ett annat fel." in html and "Någon annan sparade." not in html


def test_a_page_brings_the_form_script_once_with_its_form():
    class Example(forms.Form):
        name = forms.CharField(label="Namn")

    assert str(Example()).count('<script src="/static/samverka/forms.js" defer></script>') == 1
