from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from samverka.core.models import Organisation, Role


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        # One message for a wrong user name or password: it must not tell which of them exists.
        "invalid_login": _("Wrong user name or password. Check both and try again."),
        "inactive": _("This account is not active. Contact your coordinator."),
    }


class MembershipAddForm(forms.Form):
    identifier = forms.CharField(label=_("User name or e-mail address"), max_length=254)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        initial=Role.READER,
        error_messages={"invalid_choice": _("You cannot give a higher role than your own.")},
    )
    title = forms.CharField(label=_("Title"), max_length=200, required=False)


class MembershipChangeForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)


class OrganisationForm(forms.ModelForm):
    """A partner organisation that starts to work in the coordinator's municipality."""

    website = forms.URLField(
        label=Organisation._meta.get_field("website").verbose_name, required=False, assume_scheme="https"
    )

    class Meta:
        model = Organisation
        fields = ["name", "kind", "parent", "description", "email", "phone"]  # and the website above

    def __init__(self, *args, place, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Organisation.objects.filter(municipalities=place).order_by("name")
        self.fields["kind"].choices = [
            c for c in Organisation.Kind.choices if c[0] != Organisation.Kind.COUNTY_BOARD
        ]
