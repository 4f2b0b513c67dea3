"""The `samverka` console command: Django's manage.py for this project."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        # Bad configuration is the operator's to fix: say what, not a traceback.
        sys.stderr.write(f"samverka: configuration error: {exc}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
