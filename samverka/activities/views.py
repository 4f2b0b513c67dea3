"""Staff pages of the catalogue (under /aktiviteter/). Thin: selectors read, services write."""

import secrets
from collections import Counter

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samverka.activities import jobs as activity_jobs
from samverka.activities import selectors, services, spreadsheet
from samverka.activities.forms import ActivityForm, ImportForm, OccasionForm
from samverka.activities.models import (
    Activity,
    Arena,
    EvidenceBasis,
    PreventionLevel,
    Status,
    SubstanceArea,
)
from samverka.core import exports, paging, permissions
from samverka.core.editing import form_flow
from samverka.core.files import original_name
from samverka.core.messages import table_error_text
from samverka.core.models import Collaboration
from samverka.core.permissions import Action, place_for
from samverka.core.selectors import organisations_of
from samverka.core.tabular import TableError, read_table

IMPORT_SALT = "samverka.activities.import"


@login_required
def collaboration_list(request, slug):
    return activity_list(request, collaboration=place_for(request.user, slug, of=(Collaboration,)))


@login_required
def activity_list(request, slug=None, collaboration=None):
    place = place_for(request.user, slug) if slug else collaboration
    queryset = selectors.visible_to(request.user)
    if slug:
        queryset = queryset.filter(municipality=place)
    elif collaboration is not None:
        queryset = queryset.filter(collaboration=collaboration)
    queryset = selectors.filter_activities(queryset, request.GET)
    page = paging.paginate(request, selectors.arena_ordered(selectors.with_relations(queryset)))
    organisations = organisations_of(place) if place else None
    return render(
        request,
        "activities/list.html",
        {
            "municipality": place if slug else None,
            "owner": place,
            "activities": list(page.object_list),
            "pager": paging.pager(request, page),
            "filters": {name: request.GET.get(name, "") for name in selectors.FILTERS},
            "arenas": Arena.choices,
            "areas": SubstanceArea.objects.all(),
            "statuses": Status.choices,
            "evidence_choices": EvidenceBasis.choices,
            "levels": PreventionLevel.choices,
            "organisations": organisations,
            "can_edit": place is not None and permissions.can_edit(request.user, place),
            "needs_review": selectors.needs_review_count(queryset),
        },
    )


def _activity(request, pk, action=Action.VIEW) -> Activity:
    return permissions.get_for_user(
        request.user, selectors.with_relations(Activity.objects.all()), action, pk=pk
    )


@login_required
def activity_detail(request, pk):
    activity = _activity(request, pk)
    return render(
        request,
        "activities/detail.html",
        {
            "activity": activity,
            "can_edit": permissions.can_edit(request.user, activity),
            "can_publish": permissions.can_publish(request.user, activity),
            "occasions": activity.occasions.prefetch_related("organisations")[:20],
            "reach": selectors.reach_by_year(activity.occasions.all(), public=False),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def collaboration_create(request, slug):
    return activity_create(request, owner=place_for(request.user, slug, Action.EDIT, of=(Collaboration,)))


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request, slug=None, owner=None):
    place = place_for(request.user, slug, Action.EDIT) if slug else owner
    can_publish = permissions.can_publish(request.user, place)
    form = ActivityForm(request.POST or None, owner=place, can_publish=can_publish)
    return form_flow(
        request,
        form,
        lambda: services.activity_create(user=request.user, owner=place, values=form.values()),
        template="activities/form.html",
        context={"owner": place, "activity": None},
        done=lambda activity: activity,
        success=_("The activity was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, pk):
    activity = _activity(request, pk, Action.EDIT)
    place = activity.owner
    form = ActivityForm(
        request.POST or None,
        instance=activity,
        owner=place,
        can_publish=permissions.can_publish(request.user, activity),
    )
    return form_flow(
        request,
        form,
        lambda: services.activity_update(
            user=request.user, activity=activity, values=form.values(), expected_version=form.opened_version
        ),
        template="activities/form.html",
        context={"owner": place, "activity": activity},
        done=lambda _saved: activity,
        success=_("The activity was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def occasion_record(request, pk):
    activity = _activity(request, pk, Action.EDIT)
    form = OccasionForm(request.POST or None, owner=activity.owner)
    return form_flow(
        request,
        form,
        lambda: services.occasion_record(user=request.user, activity=activity, values=form.values()),
        template="activities/occasion_form.html",
        context={"activity": activity},
        done=lambda _occasion: activity,
        success=_("The occasion was recorded."),
    )


@login_required
@require_http_methods(["POST"])
def activity_mark_reviewed(request, pk):
    activity = _activity(request, pk, Action.EDIT)
    services.activity_update(
        user=request.user,
        activity=activity,
        values={"last_reviewed": timezone.localdate()},
        expected_version=activity.version,
    )
    messages.success(request, _("Marked as reviewed today."))
    return redirect(activity)


@login_required
def gap_view(request, slug):
    place = place_for(request.user, slug)
    return render(request, "activities/gaps.html", {"municipality": place, "view": selectors.gap_view(place)})


def _export_rows(place):
    activities = selectors.with_relations(Activity.objects.filter(municipality=place))
    for activity in selectors.in_arena_order(activities):
        yield spreadsheet.row_cells(activity)


@login_required
def export_csv(request, slug):
    place = place_for(request.user, slug)
    return exports.csv_response(f"aktiviteter-{place.slug}.csv", spreadsheet.HEADERS, _export_rows(place))


@login_required
def export_xlsx(request, slug):
    place = place_for(request.user, slug)
    return exports.xlsx_response(
        f"aktiviteter-{place.slug}.xlsx", {_("Activities"): (spreadsheet.HEADERS, _export_rows(place))}
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_view(request, slug):
    place = place_for(request.user, slug, Action.EDIT)
    context = {"municipality": place, "form": ImportForm()}
    if request.method == "POST" and "payload" in request.POST:
        return _import_confirm(request, place, context)
    if request.method == "POST":
        context["form"] = ImportForm(request.POST, request.FILES)
        if context["form"].is_valid():
            context.update(
                _import_preview(
                    request,
                    place,
                    context["form"].cleaned_data["file"],
                    context["form"].fields["file"].limits,
                )
            )
    return render(request, "activities/import.html", context)


def _import_confirm(request, place, context):
    """Import the rows of the signed preview: the same user and place, within the hour, all or nothing."""
    try:
        rows = signing.loads(request.POST["payload"], salt=IMPORT_SALT, max_age=3600)
    except signing.BadSignature:
        messages.error(request, _("The preview has expired. Upload the file again."))
        return redirect("activities:import", slug=place.slug)
    if rows.get("municipality") != place.pk or rows.get("user") != request.user.pk:
        raise PermissionDenied
    job = activity_jobs.import_start(
        user=request.user,
        municipality=place,
        rows=rows["rows"],
        payload=request.POST["payload"],
        file_name=rows.get("file_name", ""),
    )
    return redirect("jobs:job", pk=job.pk)


def _import_preview(request, place, upload, limits) -> dict:
    """The page's context for an uploaded file: what is wrong with it, or each row as it would be saved
    and (when no row has errors) the signed payload the confirm button sends back."""
    try:
        table = read_table(
            upload.read(), upload.name, max_bytes=settings.SAMVERKA_MAX_UPLOAD_BYTES, limits=limits
        )
        _check_headers(table.headers)
    except TableError as exc:
        return {
            "file_errors": [table_error_text(exc)],
            "file_errors_intro": _("Nothing was saved. The file could not be read:"),
        }
    if not table.rows:
        return {
            "file_errors": [_("The file has a header row but no activities.")],
            "file_errors_intro": _("Nothing was saved:"),
        }
    parsed = services.activity_import_check(user=request.user, municipality=place, rows=table.rows)
    counts = Counter(row.status for row in parsed)
    context = {
        "preview": parsed,
        "error_count": counts["refused"],
        "counts": {status: counts[status] for status in ("new", "changed", "unchanged", "refused")},
    }
    if not context["error_count"]:
        context["payload"] = signing.dumps(
            {
                "municipality": place.pk,
                "user": request.user.pk,
                "rows": table.rows,
                "file_name": original_name(upload),
                # One preview, one import: confirming this preview twice is one job (activities/jobs.py).
                "preview": secrets.token_hex(16),
            },
            salt=IMPORT_SALT,
            compress=True,
        )
    return context


def _check_headers(headers):
    missing = [h for h in ("titel", "arena") if h not in headers]
    if missing:
        raise TableError(
            _("The columns %(columns)s are missing. Use the columns of the export.")
            % {"columns": ", ".join(missing)},
            row=1,
        )
    unknown = [h for h in headers if h and h not in spreadsheet.HEADERS]
    if unknown:
        raise TableError(
            _("Unknown columns: %(columns)s. Use the columns of the export.")
            % {"columns": ", ".join(unknown)},
            row=1,
        )
