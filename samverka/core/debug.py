"""With DEBUG on, Django shows a stack trace (settings, environment, local variables) to whoever caused
the error. That is for a developer at their own machine only: anyone else — another address, or any
request that came through a proxy — gets the same Swedish 500 page as in production.

Set as `DEFAULT_EXCEPTION_REPORTER`; the e-mails to ADMINS (`is_email`) keep the full report.
"""

from django.template import loader
from django.views.debug import ExceptionReporter

LOOPBACK = {"127.0.0.1", "::1"}
PROXY_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED")


def is_local_developer(request) -> bool:
    """A request made on the machine itself, not passed on by a reverse proxy running there."""
    if request is None:
        return False
    meta = request.META
    return meta.get("REMOTE_ADDR") in LOOPBACK and not any(meta.get(h) for h in PROXY_HEADERS)


class DeveloperOnlyExceptionReporter(ExceptionReporter):
    def _shows_trace(self) -> bool:
        return self.is_email or is_local_developer(self.request)

    def get_traceback_html(self):
        if self._shows_trace():
            return super().get_traceback_html()
        return loader.get_template("500.html").render()

    def get_traceback_text(self):
        if self._shows_trace():
            return super().get_traceback_text()
        return "Serverfel. Server error.\n"
