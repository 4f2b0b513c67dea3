from django import forms

from samverka.core.concurrency import VersionedFormMixin
from samverka.reports.models import MunicipalitySettings, ProgrammeDocument

SETTINGS_FIELDS = ["coordinator_title", "coordinator_share", "coordinating_function", "supervision"]
DOCUMENT_FIELDS = [
    "kind",
    "title",
    "year_adopted",
    "valid_until",
    "adopted_by",
    "has_measurable_targets",
    "has_funds",
    "contents",
    "url",
]


class SettingsForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = MunicipalitySettings
        fields = SETTINGS_FIELDS
        widgets = {
            "coordinating_function": forms.Textarea(attrs={"rows": 3}),
            "supervision": forms.Textarea(attrs={"rows": 3}),
        }


class DocumentForm(forms.ModelForm):
    class Meta:
        model = ProgrammeDocument
        fields = DOCUMENT_FIELDS
        widgets = {"contents": forms.Textarea(attrs={"rows": 4})}
