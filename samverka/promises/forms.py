from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.activities.models import Activity
from samverka.core import permissions
from samverka.core.concurrency import VersionedFormMixin
from samverka.core.models import Organisation
from samverka.core.selectors import organisations_of
from samverka.core.uploads import UploadField
from samverka.indicators.models import Indicator
from samverka.promises.models import (
    EVIDENCE_MAX_BYTES,
    ActionPlan,
    Goal,
    Promise,
    Target,
    Verdict,
)

# The kinds core.uploads recognises by content; the model's extension list says the same.
EVIDENCE_KINDS = ["pdf", "png", "jpg", "docx", "xlsx", "odt", "ods", "txt"]

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OwnerChoiceField(forms.ChoiceField):
    """The municipality itself or one of its collaborations the user may edit."""


class PromiseForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Promise
        fields = [
            "title",
            "police_area",
            "start",
            "end",
            "background",
            "signing_body",
            "signing_body_decision",
        ]
        widgets = {"start": DATE, "end": DATE}

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["police_area"].queryset = Organisation.objects.filter(kind=Organisation.Kind.POLICE_AREA)
        self.fields["signing_body"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.GOVERNING_BODY
        )
        self.owners = owners or []
        if self.owners and self.instance._state.adding:
            self.fields["owner"] = forms.ChoiceField(
                label=_("Whose promise"), choices=[(key, str(o)) for key, o in self.owners]
            )

    def chosen_owner(self):
        return dict(self.owners)[self.cleaned_data["owner"]] if "owner" in self.cleaned_data else None


class SignatoryForm(forms.Form):
    office = forms.CharField(label=_("Office"), max_length=200, help_text=_("e.g. municipal councillor"))
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    name = forms.CharField(label=_("Name (optional)"), max_length=200, required=False)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )


class CommitmentForm(VersionedFormMixin, forms.Form):
    text = forms.CharField(label=_("Commitment"), widget=forms.Textarea(attrs={"rows": 3}))
    responsible = forms.ModelMultipleChoiceField(
        label=_("Responsible"), queryset=Organisation.objects.none(), required=False
    )
    activities = forms.ModelMultipleChoiceField(
        label=_("Activities that carry it out"), queryset=Activity.objects.none(), required=False
    )
    goal = forms.ModelChoiceField(label=_("Goal"), queryset=Goal.objects.none(), required=False)
    kind = forms.ChoiceField(label=_("Kind of target"), choices=Target.Kind.choices)
    amount = forms.DecimalField(
        label=_("Amount per period"), min_value=0.01, max_digits=10, decimal_places=2, initial=1
    )
    unit = forms.ChoiceField(label=_("Period"), choices=Target.Unit.choices, initial=Target.Unit.YEAR)
    due = forms.DateField(label=_("Due date"), required=False, widget=DATE)
    indicator = forms.CharField(label=_("Indicator"), max_length=200, required=False)
    linked_indicator = forms.ModelChoiceField(
        label=_("Lägesbild indicator"), queryset=Indicator.objects.all(), required=False
    )
    baseline = forms.DecimalField(label=_("Baseline"), required=False, max_digits=12, decimal_places=2)
    target_value = forms.DecimalField(
        label=_("Target value"), required=False, max_digits=12, decimal_places=2
    )
    direction = forms.ChoiceField(label=_("Direction"), choices=Target.Direction.choices)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=999, initial=0, required=False)

    def __init__(self, *args, organisations, activities, user, goals=None, instance=None, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = organisations
        self.fields["activities"].queryset = activities
        if goals is None:
            del self.fields["goal"]
        else:
            self.fields["goal"].queryset = goals
        permissions.limit_choices(self, user)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == Target.Kind.MILESTONE and not data.get("due"):
            self.add_error("due", _("A milestone needs a due date."))
        if kind == Target.Kind.INDICATOR and data.get("target_value") is None:
            self.add_error("target_value", _("An indicator target needs a target value."))
        if kind == Target.Kind.COUNT and not data.get("amount"):
            self.add_error("amount", _("A count target needs an amount."))
        return data

    def target(self) -> dict:
        d = self.cleaned_data
        return {
            "kind": d["kind"],
            "amount": d.get("amount") or 1,
            "unit": d["unit"],
            "due": d.get("due"),
            "indicator": d.get("indicator", ""),
            "linked_indicator": d.get("linked_indicator"),
            "baseline": d.get("baseline"),
            "target_value": d.get("target_value"),
            "direction": d["direction"],
        }


class FollowUpForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    description = forms.CharField(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    amount = forms.DecimalField(
        label=_("Amount achieved"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text=_("How many times, or a measured level; 1 when a milestone is done."),
    )
    participants = forms.IntegerField(
        label=_("Participants"), required=False, min_value=0, max_value=1_000_000
    )
    evidence_url = forms.URLField(label=_("Link to evidence"), required=False, assume_scheme="https")
    evidence_file = UploadField(
        kinds=EVIDENCE_KINDS,
        max_bytes=EVIDENCE_MAX_BYTES,
        label=_("Attachment"),
        required=False,
        help_text=_(
            "PDF, image, Word, Excel, OpenDocument or text. Shown on the public page once the promise is public."
        ),
    )
    reported_for = forms.ModelChoiceField(
        label=_("Reported by (organisation)"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args, user=None, responsible=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("date", timezone.localdate())
        if user is not None:
            orgs = Organisation.objects.filter(memberships__user=user).distinct()
            self.fields["reported_for"].queryset = orgs
            if responsible is not None:
                first = orgs.filter(pk__in=[o.pk for o in responsible]).first()
                if first is not None:
                    self.initial.setdefault("reported_for", first.pk)

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date is in the future."))
        return value

    def clean(self):
        data = super().clean()
        if data.get("amount") is None and data.get("participants") is None:
            # The amount is what counts towards the target; a bare note is allowed but says so.
            pass
        return data


class VerdictForm(VersionedFormMixin, forms.Form):
    value = forms.ChoiceField(label=_("Verdict"), choices=Verdict.Value.choices, widget=forms.RadioSelect)
    explanation = forms.CharField(
        label=_("Public explanation"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class PlanForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = ActionPlan
        fields = [
            "title",
            "owner_organisation",
            "start",
            "end",
            "background",
            "police_area",
            "signing_body",
            "signing_body_decision",
        ]
        widgets = {"start": DATE, "end": DATE}

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = organisations_of(owner)
        self.fields["police_area"].queryset = Organisation.objects.filter(kind=Organisation.Kind.POLICE_AREA)
        self.fields["signing_body"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.GOVERNING_BODY
        )


class GoalForm(forms.Form):
    text = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 2}))
    linked_indicator = forms.ModelChoiceField(
        label=_("Lägesbild indicator"), queryset=Indicator.objects.all(), required=False
    )
    indicator = forms.CharField(
        label=_("Indicator"), required=False, max_length=200, help_text=_("As text, where none above fits.")
    )
    target_value = forms.DecimalField(
        label=_("Target value"), required=False, max_digits=12, decimal_places=2
    )


class PlannedEventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)


def activities_for(user, parent):
    return (
        Activity.objects.filter(permissions.places_q(user)).filter(municipality=parent.municipality)
        if parent.municipality_id
        else Activity.objects.filter(permissions.places_q(user)).filter(collaboration=parent.collaboration)
    )
