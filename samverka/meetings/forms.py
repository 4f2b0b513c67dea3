from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.core.concurrency import VersionedFormMixin
from samverka.core.models import Municipality
from samverka.core.permissions import choices_for, limit_choices
from samverka.core.selectors import organisations_of
from samverka.meetings.models import ActionItem, AnnualEvent, Meeting
from samverka.situation.models import SituationReport


def reports_of(owner):
    if isinstance(owner, Municipality):
        return SituationReport.objects.filter(municipality=owner)
    return SituationReport.objects.filter(collaboration=owner) | SituationReport.objects.filter(
        municipality__in=owner.municipalities.all()
    )


def visible_report(user, meeting):
    """The meeting's lägesbild if `user` may see it, else None."""
    if meeting.situation_report_id is None:
        return None
    return choices_for(user, SituationReport.objects.filter(pk=meeting.situation_report_id)).first()


class MeetingForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "title",
            "starts_at",
            "location",
            "organiser",
            "participants",
            "agenda",
            "notes",
            "situation_report",
        ]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "participants": forms.CheckboxSelectMultiple,
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "notes": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, owner, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisations_of(owner)
        self.fields["participants"].queryset = organisations_of(owner)
        # a collaboration's meeting may link a member municipality's lägesbild, but only one the user
        # may see: never another municipality's draft (issue 17)
        self.fields["situation_report"].queryset = reports_of(owner).distinct()
        limit_choices(self, user)
        linked = self.instance.situation_report_id
        if linked and not self.fields["situation_report"].queryset.filter(pk=linked).exists():
            # linked by someone who may see it: kept as it is, neither shown nor offered to this user
            del self.fields["situation_report"]


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class ActionItemForm(forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["text", "owner_organisation", "due_date"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = organisations_of(owner)


class AnnualEventForm(forms.ModelForm):
    class Meta:
        model = AnnualEvent
        fields = ["title", "kind", "month", "day", "first_year", "description", "is_public"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
