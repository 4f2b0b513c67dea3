"""The one form style of the application (issue 12): every form renders through the templates below.

`FORM_RENDERER` points here. A form is rendered with `{{ form }}` (or one field with
`{{ form.field.as_field_group }}`); no template lays out fields itself. The templates give labels without
colons, "(obligatoriskt)" after the label of a required field, help text under the label (tied to the
field by aria-describedby), an error summary at the top of a form with errors whose links lead to the
fields, a fieldset with a legend for every group of checkboxes or radio buttons (with a filter box for a
long checkbox list, shown by forms.js) and "Välj …" instead of Django's "---------".

A form groups its fields with a `fieldsets` attribute: a list of dicts with `legend`, `fields` (names),
optionally `collapsed` (a <details>, closed unless the form comes back with an error or a change of the
user's in one of its fields), `description`, and
`intro_template` (a template shown above the group's fields, with the group as `group`: the level anchors
of a readiness dimension), and
`shown_when` = (field name, value): the group belongs to that choice only (forms.js hides it otherwise;
the form's clean() must ignore its fields then, as CommitmentForm does). Fields in no group come first.
"""

from django.forms.renderers import TemplatesSetting


def anchor(bound_field) -> str:
    """The id an error summary links to: the field's input, or the first box of a list of boxes."""
    return bound_field.id_for_label or f"{bound_field.auto_id}_0"


def layout(form) -> dict:
    """The groups and loose fields of a form, in page order, and its error summary in the same order."""
    placed, groups = set(), []
    for spec in getattr(form, "fieldsets", ()):
        fields = [form[name] for name in spec["fields"] if name in form.fields and not form[name].is_hidden]
        placed.update(spec["fields"])
        if fields:
            # A closed section opens when the form comes back with an error or an edit of the user's in it.
            worked_in = form.is_bound and any(f.errors or f.name in form.changed_data for f in fields)
            groups.append({**spec, "bound_fields": fields, "has_errors": worked_in})
    loose = [f for f in form.visible_fields() if f.name not in placed]
    in_order = loose + [f for group in groups for f in group["bound_fields"]]
    summary = [{"label": f.label, "error": f.errors[0], "anchor": anchor(f)} for f in in_order if f.errors]
    # An edit conflict has its own box on the page, with what the other person changed: not repeated here.
    conflict = str(getattr(form, "conflict_message", ""))
    hidden_errors = [e for f in form.hidden_fields() for e in f.errors]
    others = [e for e in [*form.non_field_errors(), *hidden_errors] if str(e) != conflict]
    return {"loose_fields": loose, "groups": groups, "error_summary": summary, "summary_errors": others}


class FormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"

    def render(self, template_name, context, request=None):
        if template_name == self.form_template_name and "form" in context:
            context = {**context, **layout(context["form"])}
        return super().render(template_name, context, request=request)
