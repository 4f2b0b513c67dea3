"""Reminders that a follow-up is due or overdue: at most one e-mail per commitment and due date.

For every commitment of an active promise or an adopted plan, the relevant due date is the latest one
that is at most `lead_days` ahead. If what that date asks is not yet reported, the responsible
organisations are e-mailed (their shared role address, or else their editors and coordinators), and a
`Reminder` row is written with its mail (samverka.jobs.mail, sent by a Celery task) in one transaction;
the row's unique (commitment, due) constraint and the mail's key are what make a second run send nothing
twice.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from samverka.core.models import Membership, Role
from samverka.jobs import mail
from samverka.promises import progress as core
from samverka.promises.models import Commitment, PlanState, PromiseState, Reminder

DEFAULT_LEAD_DAYS = 14


@dataclass
class Due:
    commitment: Commitment
    due: datetime.date
    overdue: bool
    status: core.Status


def _met(commitment, spec, result, due) -> bool:
    if spec.kind == core.Kind.COUNT:
        period = next((p for p in result.periods if p.due == due), None)
        return period is not None and period.achieved >= period.expected
    return result.status == core.Status.ACHIEVED


def due_reminders(today: datetime.date, lead_days: int = DEFAULT_LEAD_DAYS) -> list[Due]:
    commitments = (
        Commitment.objects.filter(
            Q(promise__state=PromiseState.ACTIVE) | Q(plan__state=PlanState.ADOPTED), target__isnull=False
        )
        .select_related("target", "promise", "plan")
        .prefetch_related("follow_ups", "responsible")
    )
    sent = set(Reminder.objects.values_list("commitment_id", "due"))
    result = []
    horizon = today + datetime.timedelta(days=lead_days)
    for c in commitments:
        spec = c.target.spec()
        candidates = [d for d in core.due_dates(spec) if d <= horizon]
        if not candidates:
            continue
        due = candidates[-1]
        if (c.pk, due) in sent:
            continue
        progress = c.progress(today, follow_ups=list(c.follow_ups.all()))
        if _met(c, spec, progress, due):
            continue
        result.append(Due(c, due, due < today, progress.status))
    return result


def recipients_for(commitment) -> list[str]:
    addresses = []
    for org in commitment.responsible.all():
        if org.email:
            addresses.append(org.email)
            continue
        members = Membership.objects.filter(
            organisation=org, role__in=[Role.EDITOR, Role.COORDINATOR, Role.ADMIN], user__is_active=True
        ).exclude(user__email="")
        addresses.extend(members.values_list("user__email", flat=True))
    return sorted(set(addresses))


def send_reminders(
    today: datetime.date, lead_days: int = DEFAULT_LEAD_DAYS, dry_run: bool = False, out=None
) -> int:
    count = 0
    for item in due_reminders(today, lead_days):
        c = item.commitment
        to = recipients_for(c)
        if not to:
            if out:
                out.write(
                    f"no recipient for {c.pk} (due {item.due}): give a responsible organisation an address"
                )
            continue
        if dry_run:
            if out:
                out.write(f"would remind {', '.join(to)}: {c.text[:60]} (due {item.due})")
            count += 1
            continue
        url = settings.SITE_URL.rstrip("/") + reverse("promises:follow_up_new", args=[c.pk])
        with translation.override(settings.LANGUAGE_CODE):
            subject = (
                _("Follow-up overdue: %(title)s") if item.overdue else _("Follow-up due: %(title)s")
            ) % {"title": c.parent.title}
            body = render_to_string(
                "promises/email/reminder.txt",
                {
                    "commitment": c,
                    "parent": c.parent,
                    "due": item.due,
                    "overdue": item.overdue,
                    "status": item.status,
                    "url": url,
                },
            )
        try:
            with transaction.atomic():
                Reminder.objects.create(
                    commitment=c,
                    due=item.due,
                    recipients=", ".join(to),
                    municipality=c.municipality,
                    collaboration=c.collaboration,
                )
                # Sent by a Celery task after this commits; a failed send is retried by the schedule.
                mail.send(key=f"reminder:{c.pk}:{item.due.isoformat()}", to=to, subject=subject, body=body)
        except IntegrityError:
            continue  # another run got there first
        count += 1
        if out:
            out.write(f"reminded {', '.join(to)}: {c.text[:60]} (due {item.due})")
    return count
