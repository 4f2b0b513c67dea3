from django import forms
from django.utils.translation import gettext_lazy as _

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


class PeriodForm(forms.Form):
    first_year = forms.IntegerField(label=_("First year"), min_value=2000, max_value=2100)
    last_year = forms.IntegerField(label=_("Last year"), min_value=2000, max_value=2100)


class NextPeriodForm(forms.Form):
    last_year = forms.IntegerField(label=_("Last year of the next period"), min_value=2000, max_value=2100)
    open_verdicts_reason = forms.CharField(
        label=_("Why verdicts are left open"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only when the ending promise still has commitments without a verdict."),
    )


class YearlyFollowUpForm(forms.Form):
    text = forms.CharField(
        label=_("The coordinator's summary"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    published = forms.BooleanField(label=_("Published"), required=False)
