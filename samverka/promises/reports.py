"""The yearly follow-up report for the council or committee: every promise and plan of a municipality
with status, follow-ups and verdicts, as a PDF (core.pdf) and an XLSX (core.exports)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.promises import selectors
from samverka.promises.progress import Phase, Status

STATUS_LABELS = {
    Status.UPCOMING: gettext_lazy("Upcoming"),
    Status.NOT_STARTED: gettext_lazy("Not started"),
    Status.ON_TRACK: gettext_lazy("On track"),
    Status.BEHIND: gettext_lazy("Behind"),
    Status.OVERDUE: gettext_lazy("Overdue"),
    Status.ACHIEVED: gettext_lazy("Achieved"),
    Status.MISSED: gettext_lazy("Missed"),
}


PHASE_LABELS = {
    Phase.UPCOMING: gettext_lazy("Upcoming"),
    Phase.ONGOING: gettext_lazy("Ongoing"),
    Phase.AWAITING_EVALUATION: gettext_lazy("Awaiting evaluation"),
    Phase.EVALUATED: gettext_lazy("Evaluated"),
}


def status_label(status) -> str:
    return str(STATUS_LABELS.get(status, "–"))


def phase_label(phase) -> str:
    return str(PHASE_LABELS.get(phase, "–"))


def yearly(user, municipality, year: int) -> dict:
    """Everything of the municipality the user may see, with follow-ups dated in `year`."""
    today = timezone.localdate()
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    as_of = min(today, last) if year <= today.year else today

    def rows(commitments):
        result = []
        for c in selectors.with_progress(commitments, as_of):
            c.year_follow_ups = [f for f in c.follow_ups.all() if first <= f.date <= last]
            result.append(c)
        return result

    promises = [
        {"object": p, "commitments": rows(p.commitments.all())}
        for p in selectors.staff_promises(user, municipality)
        .filter(start__lte=last, end__gte=first)
        .prefetch_related(selectors.commitments_prefetch(), "signatories__organisation")
    ]
    plans = [
        {"object": p, "commitments": rows(p.measures.all())}
        for p in selectors.staff_plans(user, municipality)
        .filter(start__lte=last, end__gte=first)
        .prefetch_related(selectors._measures_prefetch())
    ]
    return {"municipality": municipality, "year": year, "as_of": as_of, "promises": promises, "plans": plans}


def sheets(data: dict) -> dict:
    header = [
        _("Kind"),
        _("Title"),
        _("Period"),
        _("State"),
        _("Commitment or measure"),
        _("Target"),
        _("Status"),
        _("Expected so far"),
        _("Achieved so far"),
        _("Verdict"),
        _("Explanation"),
    ]
    fu_header = [
        _("Title"),
        _("Commitment or measure"),
        _("Date"),
        _("What was done"),
        _("Amount"),
        _("Reported by"),
    ]

    def commitment_rows():
        for kind, key in ((_("Citizen promise"), "promises"), (_("Action plan"), "plans")):
            for entry in data[key]:
                obj = entry["object"]
                for c in entry["commitments"]:
                    progress = c.computed
                    verdict = getattr(c, "verdict", None)
                    yield [
                        kind,
                        obj.title,
                        f"{obj.start:%Y-%m-%d} – {obj.end:%Y-%m-%d}",
                        obj.get_state_display(),
                        c.text,
                        str(c.target) if hasattr(c, "target") else "",
                        status_label(progress.status) if progress else "",
                        float(progress.expected_so_far)
                        if progress and progress.expected_so_far is not None
                        else None,
                        float(progress.achieved_so_far)
                        if progress and progress.achieved_so_far is not None
                        else None,
                        verdict.get_value_display() if verdict else "",
                        verdict.explanation if verdict else "",
                    ]

    def follow_up_rows():
        for key in ("promises", "plans"):
            for entry in data[key]:
                for c in entry["commitments"]:
                    for f in c.year_follow_ups:
                        yield [
                            entry["object"].title,
                            c.text,
                            f.date,
                            f.description,
                            float(f.amount) if f.amount is not None else None,
                            str(f.reported_for or ""),
                        ]

    return {
        _("Status"): (header, commitment_rows()),
        _("Follow-ups"): (fu_header, follow_up_rows()),
    }
