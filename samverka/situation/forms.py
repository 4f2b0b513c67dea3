from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.activities.models import Arena
from samverka.core import permissions
from samverka.core.concurrency import VersionedFormMixin
from samverka.core.models import Organisation
from samverka.core.uploads import UploadField
from samverka.indicators.models import Group, Indicator
from samverka.situation.models import ActivityCount, PartnerNote, Problem, SituationReport
from samverka.situation.selectors import goals_and_commitments_for


class ImportForm(forms.Form):
    file = UploadField(
        kinds=["json", "csv", "xlsx"],
        label=_("File"),
        help_text=_(
            "Kolada JSON (one answer or page), or a CSV/XLSX table as Excel saves it (semicolons, decimal comma)."
        ),
    )


def user_organisations(user):
    access = permissions.access_for(user)
    if access.superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=list(access.organisation_roles))


class PartnerNoteForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = PartnerNote
        fields = ["organisation", "date", "period", "title", "text", "is_public"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}), "text": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = user_organisations(user)
        if self.instance.pk:  # a colleague may correct a note another organisation wrote
            organisations = organisations | Organisation.objects.filter(pk=self.instance.organisation_id)
        self.fields["organisation"].queryset = organisations.distinct()


class ActivityCountForm(forms.ModelForm):
    class Meta:
        model = ActivityCount
        fields = ["organisation", "year", "quarter", "kind", "number"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = user_organisations(user)
        self.fields["quarter"].widget = forms.Select(choices=[(q, f"Q{q}") for q in range(1, 5)])

    def validate_unique(self):
        pass  # count_set updates the quarter's number when it exists


class ReportForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = SituationReport
        fields = ["title", "period", "summary", "public_summary"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 8}),
            "public_summary": forms.Textarea(attrs={"rows": 5}),
        }


class ReportIndicatorForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.all())
    group = forms.ChoiceField(label=_("Group"), choices=Group.choices, initial=Group.TOTAL)
    target_value = forms.DecimalField(
        label=_("Target (optional)"), required=False, max_digits=18, decimal_places=6
    )
    target_label = forms.CharField(label=_("Target label"), required=False, max_length=200)


class ProblemForm(forms.ModelForm):
    class Meta:
        model = Problem
        fields = [
            "title",
            "description",
            "frequency",
            "trend",
            "exposure",
            "signal_value",
            "consequences",
            "influence",
            "cause_analysis",
            "arenas",
            "substance_areas",
            "factors",
            "is_public",
            "linked_goal",
            "linked_commitment",
        ]
        widgets = {
            name: forms.Select(choices=[(i, str(i)) for i in range(1, 6)]) for name in Problem.SCORE_FIELDS
        } | {
            "description": forms.Textarea(attrs={"rows": 3}),
            "cause_analysis": forms.Textarea(attrs={"rows": 5}),
            "substance_areas": forms.CheckboxSelectMultiple,
            "factors": forms.CheckboxSelectMultiple,
        }

    arenas = forms.MultipleChoiceField(
        label=_("Arenas"),
        choices=Arena.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Where the problem shows in the gap view. None ticked: every arena."),
    )

    def __init__(self, *args, report, user, **kwargs):
        super().__init__(*args, **kwargs)

        goals, commitments = goals_and_commitments_for(report.owner)
        self.fields["linked_goal"].queryset = goals
        self.fields["linked_commitment"].queryset = commitments
        permissions.limit_choices(self, user)
