from django import template
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from samverka.promises.models import Target, Verdict
from samverka.promises.progress import Status
from samverka.promises.reports import phase_label as _phase_label
from samverka.promises.reports import status_label as _status_label

register = template.Library()

CLASSES = {
    Status.ACHIEVED: "ok",
    Status.ON_TRACK: "ok",
    Status.BEHIND: "warn",
    Status.OVERDUE: "bad",
    Status.MISSED: "bad",
    Status.NOT_STARTED: "",
    Status.UPCOMING: "",
}


@register.filter
def status_label(status):
    return _status_label(status)


@register.filter
def status_class(status):
    return CLASSES.get(status, "")


@register.filter
def phase_label(phase):
    return _phase_label(phase)


@register.filter
def verdict_label(value):
    return Verdict.Value(value).label if value in Verdict.Value.values else ""


def _n(value):
    return number_format(value.normalize()) if value is not None else "–"


@register.filter
def progress_words(commitment):
    """The commitment's progress in words, for the public page and the reports."""
    p = getattr(commitment, "computed", None)
    target = getattr(commitment, "target", None)
    if p is None or target is None:
        return ""
    if target.kind == Target.Kind.COUNT:
        words = _("%(achieved)s of %(total)s done; %(expected)s expected by now.") % {
            "achieved": _n(p.achieved_so_far),
            "expected": _n(p.expected_so_far),
            "total": _n(p.expected_total),
        }
    elif target.kind == Target.Kind.MILESTONE:
        words = (
            _("Done.")
            if p.achieved_so_far
            else _("Due %(date)s.") % {"date": date_format(target.due, "j F Y")}
        )
    else:
        if p.achieved_so_far is None:
            words = _("No measurement yet.")
        else:
            words = _("Latest measurement %(value)s; target %(target)s.") % {
                "value": _n(p.achieved_so_far),
                "target": target.describe(),
            }
    if p.next_due and p.status != Status.ACHIEVED:
        words += " " + _("Next follow-up due %(date)s.") % {"date": date_format(p.next_due, "j F Y")}
    return words
