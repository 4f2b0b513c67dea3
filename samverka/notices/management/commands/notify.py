from django.core.management.base import BaseCommand

from samverka.notices.digest import send_digests


class Command(BaseCommand):
    help = "Send the digest e-mail of what awaits each person (each thing once)."

    def handle(self, *args, **options):
        count = send_digests()
        self.stdout.write(f"{count} digest(s) sent.")
