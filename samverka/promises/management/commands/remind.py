import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import ngettext

from samverka.jobs.mail import retry_queued
from samverka.promises.reminders import DEFAULT_LEAD_DAYS, send_reminders


class Command(BaseCommand):
    help = (
        "E-mail the responsible organisations when a follow-up of a promise or plan is due or overdue. "
        "Run daily (cron or a systemd timer); each commitment and due date is reminded at most once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would be sent; send nothing.")
        parser.add_argument(
            "--lead-days", type=int, default=DEFAULT_LEAD_DAYS, help="Remind this many days ahead."
        )
        parser.add_argument("--today", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args, dry_run=False, lead_days=DEFAULT_LEAD_DAYS, today=None, **options):
        if lead_days < 0 or lead_days > 365:
            raise CommandError("--lead-days must be between 0 and 365")
        try:
            day = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as exc:
            raise CommandError("--today must be a date such as 2026-01-31") from exc
        if settings.CELERY_TASK_ALWAYS_EAGER and not dry_run:
            # No broker, so no schedule: mails a mail server refused last time are sent again now.
            retry_queued(older_than_seconds=0)
        count = send_reminders(day, lead_days, dry_run=dry_run, out=self.stdout)
        if dry_run:
            line = ngettext("%(count)s reminder to send.", "%(count)s reminders to send.", count)
        else:
            line = ngettext("%(count)s reminder sent.", "%(count)s reminders sent.", count)
        self.stdout.write(line % {"count": count})
