from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from samverka.core.concurrency import VersionedFormMixin
from samverka.core.uploads import UploadField
from samverka.readiness import scoring
from samverka.readiness.models import DEFAULT_MINIMUM, Assessment, GuideQuestion, Interview, Sector
from samverka.readiness.services import EDITABLE_FIELDS, TRANSCRIPT_MAX_BYTES, note_field, score_field
from samverka.readiness.sheets import MAX_SHEET_BYTES, MAX_SHEET_ROWS


class UserChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


def users_of(owner):
    """People who work in the place (a member of one of its organisations): the only possible team."""
    User = get_user_model()
    if owner.__class__.__name__ == "Collaboration":
        qs = User.objects.filter(memberships__organisation__collaborations=owner)
    else:
        qs = User.objects.filter(memberships__organisation__municipalities=owner)
    return qs.filter(is_active=True).distinct().order_by("first_name", "last_name", "username")


class TeamForm(forms.Form):
    coordinators = UserChoiceField(
        queryset=get_user_model().objects.none(),
        label=_("Coordinators"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    interviewers = UserChoiceField(
        queryset=get_user_model().objects.none(),
        label=_("Interviewers"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    scorers = UserChoiceField(
        queryset=get_user_model().objects.none(),
        label=_("Scorers (at least two, ideally not the interviewers)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("coordinators", "interviewers", "scorers"):
            self.fields[name].queryset = users_of(owner)

    def clean_scorers(self):
        scorers = self.cleaned_data["scorers"]
        if len(scorers) < 2:
            raise forms.ValidationError(_("Choose at least two scorers."))
        return scorers

    def members(self, extra_coordinator=None):
        data = self.cleaned_data
        members = [(u, "coordinator") for u in data.get("coordinators", [])]
        if extra_coordinator is not None:
            members.insert(0, (extra_coordinator, "coordinator"))
        members += [(u, "interviewer") for u in data.get("interviewers", [])]
        members += [(u, "scorer") for u in data.get("scorers", [])]
        return members


class MinimumMixin:
    """The minimum number of interviews may be left empty: the model's default, 4."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["minimum_interviews"].required = False

    def clean_minimum_interviews(self):
        return self.cleaned_data.get("minimum_interviews") or DEFAULT_MINIMUM


class AssessmentForm(MinimumMixin, forms.ModelForm):
    class Meta:
        model = Assessment
        fields = [
            "issue",
            "substance_area",
            "community",
            "model",
            "step",
            "minimum_interviews",
            "minimum_reason",
        ]
        widgets = {
            "community": forms.Textarea(attrs={"rows": 3}),
            "minimum_reason": forms.Textarea(attrs={"rows": 2}),
        }


class RespondentForm(forms.Form):
    role = forms.CharField(
        label=_("Respondent's role"), max_length=120, required=False, help_text=_("A role, never a name.")
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices, required=False)


RespondentFormSet = forms.formset_factory(RespondentForm, extra=6, max_num=12)


class AssessmentEditForm(MinimumMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Assessment
        fields = EDITABLE_FIELDS
        widgets = {
            "community": forms.Textarea(attrs={"rows": 3}),
            "summary": forms.Textarea(attrs={"rows": 5}),
            "minimum_reason": forms.Textarea(attrs={"rows": 2}),
        }


class InterviewForm(forms.ModelForm):
    transcript_file = UploadField(
        kinds=["txt", "docx"],
        max_bytes=TRANSCRIPT_MAX_BYTES,
        label=_("…or upload the transcript"),
        required=False,
        help_text=_(".txt or .docx; the text itself at most 2 MB too."),
    )

    class Meta:
        model = Interview
        fields = [
            "respondent_role",
            "sector",
            "status",
            "held_on",
            "interviewer",
            "transcript",
            "no_transcript_reason",
        ]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}),
            "transcript": forms.Textarea(attrs={"rows": 14}),
            "no_transcript_reason": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interviewer"].queryset = (
            get_user_model().objects.filter(readiness_teams__assessment=assessment).distinct()
        )
        self.fields["interviewer"].label_from_instance = lambda u: u.get_full_name() or u.username
        # Removing is its own action (services.interview_remove), which keeps the scores.
        self.fields["status"].choices = [
            c for c in Interview.Status.choices if c[0] != Interview.Status.REMOVED
        ]
        self.fields["status"].required = False

    def clean_status(self):
        return self.cleaned_data.get("status") or Interview.Status.PLANNED


def score_choices(half_steps: bool):
    step = 0.5 if half_steps else 1
    values, v = [], 1.0
    while v <= 9:
        values.append(v)
        v += step
    return [("", "---------")] + [(f"{x:.1f}", f"{x:g}".replace(".", ",")) for x in values]


class ScoreForm(forms.Form):
    """One group per dimension: the score (1–9) and an optional note, in the one form style.

    `intro` adds to each dimension's group what `readiness/_dimension_intro.html` shows above its fields:
    the level anchors for a scorer, the disagreement for the team. With `consensus` every score must be
    given and the note is the reason for a score that differs from a scorer's; a scorer's draft may
    leave scores empty (the service refuses a submitted sheet with one missing, on that score's field).
    """

    def __init__(self, *args, assessment, language="sv", consensus=False, intro=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.keys = assessment.dimension_keys
        choices = score_choices(assessment.half_steps)
        self.fieldsets = []
        for key in self.keys:
            name = scoring.dimension_name(key, assessment.model, "en" if language.startswith("en") else "sv")
            self.fields[score_field(key)] = forms.TypedChoiceField(
                label=_("Score %(key)s") % {"key": key},
                choices=choices,
                required=consensus,
                coerce=str,
                empty_value=None,
            )
            self.fields[note_field(key)] = forms.CharField(
                label=(_("Reason %(key)s") if consensus else _("Note %(key)s")) % {"key": key},
                help_text=_("Needed where the consensus differs from a scorer's score.") if consensus else "",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fieldsets.append(
                {
                    "legend": f"{key} {name}",
                    "fields": [score_field(key), note_field(key)],
                    "intro_template": "readiness/_dimension_intro.html",
                    **((intro or {}).get(key) or {}),
                }
            )

    def values(self):
        out = {}
        for key in self.keys:
            raw = self.cleaned_data.get(f"score_{key}")
            out[key] = (Decimal(raw) if raw else None, self.cleaned_data.get(f"note_{key}", ""))
        return out


class GuideQuestionForm(forms.ModelForm):
    class Meta:
        model = GuideQuestion
        fields = ["dimension", "required", "text_sv", "text_en"]  # the order: arrows on the guide page
        widgets = {"text_sv": forms.Textarea(attrs={"rows": 2}), "text_en": forms.Textarea(attrs={"rows": 2})}


GuideFormSet = forms.modelformset_factory(GuideQuestion, form=GuideQuestionForm, extra=2, can_delete=True)


class PublishForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["published", "shared_with_county"]


class ImportForm(forms.Form):
    sheet = UploadField(
        kinds=["csv", "xlsx"],
        max_bytes=MAX_SHEET_BYTES,
        max_rows=MAX_SHEET_ROWS,
        label=_("Scoring sheet (CSV or XLSX)"),
    )
