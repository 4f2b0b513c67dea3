from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from samverka.core.sso import oidc_enabled

register = template.Library()


@register.simple_tag(takes_context=True)
def sso_login_link(context):
    """A link to log in through the organisation's identity provider, when single sign-on is set up."""
    if not oidc_enabled():
        return ""
    url = reverse("oidc_authentication_init")
    next_url = context.get("next")
    if next_url:
        url += "?" + urlencode({"next": next_url})
    label = getattr(settings, "OIDC_LOGIN_LABEL", "") or _("Log in with your organisation's account")
    return format_html('<p class="sso"><a class="button" href="{}">{}</a></p>', url, label)
