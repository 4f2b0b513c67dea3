from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        # One message for a wrong user name or password: it must not tell which of them exists.
        "invalid_login": _("Wrong user name or password. Check both and try again."),
        "inactive": _("This account is not active. Contact your coordinator."),
    }
