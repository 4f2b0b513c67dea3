"""python -m tests.core.oidc_provider.serve PORT REDIRECT_URI: set up the provider's database (a user
and a client) and serve it on 127.0.0.1:PORT until killed. Prints "ready" when it answers."""

import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.core.oidc_provider.settings")

import django  # noqa: E402

django.setup()

from wsgiref.simple_server import WSGIRequestHandler, make_server  # noqa: E402

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from oauth2_provider.models import Application  # noqa: E402

CLIENT_ID = "samverka-test"
CLIENT_SECRET = "samverka-test-secret"  # noqa: S105
USERS = {  # username: (password, e-mail, first name, last name)
    "anna.idp": ("idp-password", "arjeplog-samordnare@example.org", "Anna", "Lindqvist"),
    "ny.person": ("idp-password", "ny.person@arjeplog.example.org", "Ny", "Person"),
}


class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def main(port: int, redirect_uri: str):
    call_command("migrate", verbosity=0)
    User = get_user_model()
    for username, (password, email, first, last) in USERS.items():
        User.objects.create_user(username, email, password, first_name=first, last_name=last)
    Application.objects.create(
        name="Samverka",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=redirect_uri,
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    server = make_server("127.0.0.1", port, get_wsgi_application(), handler_class=Quiet)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
