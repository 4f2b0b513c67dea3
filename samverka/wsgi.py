import os
import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")
application = get_wsgi_application()

# Bad configuration of the shared services (Redis, object storage, replica) stops the web process with a
# message that says what to fix, instead of failing on the first request that needs them.
from samverka.hosting.checks import verify_or_raise  # noqa: E402

try:
    verify_or_raise()
except ImproperlyConfigured as exc:
    sys.stderr.write(f"samverka: configuration error: {exc}\n")
    sys.stderr.flush()
    # gunicorn stops the whole server when a worker exits with this code (its WORKER_BOOT_ERROR).
    sys.exit(3)
