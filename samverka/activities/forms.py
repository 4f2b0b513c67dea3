from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.activities.models import (
    AGE_BANDS,
    GENDERS,
    Activity,
    Factor,
    Status,
    SubstanceArea,
    TargetGroup,
)
from samverka.core.concurrency import VersionedFormMixin
from samverka.core.models import Organisation
from samverka.core.selectors import organisations_of
from samverka.core.uploads import UploadField

# A municipality's catalogue is hundreds of activities; the whole file travels signed in the preview form.
ACTIVITY_IMPORT_MAX_ROWS = 5_000

EDIT_FIELDS = [
    "title",
    "summary",
    "description",
    "arena",
    "substance_areas",
    "prevention_level",
    "target_groups",
    "age_min",
    "age_max",
    "organisations",
    "status",
    "status_reason",
    "status_since",
    "evidence_basis",
    "evidence_registry",
    "evidence_rating",
    "factors",
    "frequency",
    "reach_per_year",
    "contact_organisation",
    "contact_email",
    "published",
    "last_reviewed",
]


# The common case first (what an activity is, where, how it goes and who carries it); the programme
# metadata in a second section, closed until opened or until one of its fields has an error.
COMMON_FIELDS = ["title", "arena", "status", "status_reason", "status_since", "organisations", "published"]


class ActivityForm(VersionedFormMixin, forms.ModelForm):
    field_order = COMMON_FIELDS
    fieldsets = [
        {
            "legend": _("Description, target groups and evidence"),
            "description": _("For the catalogue and the reports: fill in when you have the time."),
            "fields": [name for name in EDIT_FIELDS if name not in COMMON_FIELDS],
            "collapsed": True,
        }
    ]

    class Meta:
        model = Activity
        fields = EDIT_FIELDS
        widgets = {
            "substance_areas": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "organisations": forms.CheckboxSelectMultiple,
            "factors": forms.CheckboxSelectMultiple,
            "status_since": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "last_reviewed": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, owner, can_publish: bool, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = organisations_of(owner)
        self.fields["organisations"].queryset = orgs
        self.fields["contact_organisation"].queryset = orgs
        self.fields["substance_areas"].queryset = SubstanceArea.objects.all()
        self.fields["target_groups"].queryset = TargetGroup.objects.all()
        self.fields["factors"].queryset = Factor.objects.all()
        self.fields["factors"].label_from_instance = lambda f: f"{f.name} ({f.get_kind_display().lower()})"
        if not can_publish:
            self.fields["published"].disabled = True
            self.fields["published"].help_text = _("Only a coordinator can publish or unpublish.")

    def clean(self):
        data = super().clean()
        if data.get("status") in (Status.PAUSED, Status.ENDED) and not data.get("status_reason"):
            self.add_error("status_reason", _("Say why the activity is paused or ended."))
        return data

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in EDIT_FIELDS}


class ImportForm(forms.Form):
    file = UploadField(
        kinds=["csv", "xlsx"],
        max_rows=ACTIVITY_IMPORT_MAX_ROWS,
        label=_("CSV or XLSX file"),
        help_text=_("The same columns as the export. Semicolon or comma, UTF-8 or Windows-1252."),
    )


class OccasionForm(forms.Form):
    """That an activity took place: the aggregate number who took part, optionally by age band and gender
    (one field per cell, all optional). Never names."""

    fieldsets = [
        {
            "legend": _("By age band and gender (optional)"),
            "fields": [f"n_{band}_{gender}" for band, _b in AGE_BANDS for gender, _g in GENDERS],
        }
    ]

    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    venue = forms.CharField(label=_("Place"), max_length=200)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Partner organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    participants = forms.IntegerField(
        label=_("Number who took part"), help_text=_("All participants together. Never names.")
    )

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations_of(owner)
        self.cells = []
        for band, band_label in AGE_BANDS:
            for gender, gender_label in GENDERS:
                name = f"n_{band}_{gender}"
                self.fields[name] = forms.IntegerField(label=f"{band_label}, {gender_label}", required=False)
                self.cells.append((band, gender, name))

    def values(self) -> dict:
        data = self.cleaned_data
        breakdown: dict = {}
        for band, gender, name in self.cells:
            if data.get(name) is not None:
                breakdown.setdefault(band, {})[gender] = data[name]
        return {
            "date": data["date"],
            "venue": data["venue"],
            "organisations": list(data["organisations"]),
            "participants": data["participants"],
            "breakdown": breakdown,
        }
