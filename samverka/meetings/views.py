"""Staff pages of meetings under /moten/. Thin: permissions in core.permissions, writes in services."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverka.core import permissions
from samverka.core.editing import form_flow, post_and_return
from samverka.core.permissions import ANY_PLACE, Action, get_for_user, place_for
from samverka.meetings import calendar, selectors, services
from samverka.meetings.forms import ActionItemForm, AnnualEventForm, DecisionForm, MeetingForm, visible_report
from samverka.meetings.models import ActionItem, Meeting


@login_required
def index(request, slug):
    owner = place_for(request.user, slug, of=ANY_PLACE)
    return render(
        request,
        "meetings/index.html",
        {
            "owner": owner,
            "slug": slug,
            "meetings": selectors.meetings_of(owner),
            "events": selectors.annual_events_of(owner),
            "can_edit": permissions.can_edit(request.user, owner),
        },
    )


@login_required
def meeting_create(request, slug):
    owner = place_for(request.user, slug, Action.EDIT, of=ANY_PLACE)
    form = MeetingForm(request.POST or None, owner=owner, user=request.user)

    def save():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("opened_at_version", "participants")}
        return services.meeting_create(
            user=request.user, owner=owner, participants=form.cleaned_data["participants"], **data
        )

    return form_flow(
        request,
        form,
        save,
        template="meetings/form.html",
        context={"owner": owner, "slug": slug, "title": _("New meeting")},
        done=lambda meeting: meeting,
    )


def _meeting(request, pk, action=Action.VIEW):
    return get_for_user(
        request.user,
        Meeting.objects.select_related("municipality", "collaboration", "organiser"),
        action,
        pk=pk,
    )


@login_required
def meeting_detail(request, pk):
    meeting = _meeting(request, pk)
    can_edit = permissions.can_edit(request.user, meeting)
    items = list(meeting.action_items.select_related("owner_organisation"))
    for item in items:
        item.can_update = can_edit or services.can_update_item(request.user, item)
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": meeting,
            "owner": meeting.owner,
            "slug": meeting.owner.slug,
            "participants": meeting.participants.all(),
            # the lägesbild only when this user may see it (a partner's draft stays hidden, issue 17)
            "situation_report": visible_report(request.user, meeting),
            "decisions": meeting.decisions.all(),
            "items": items,
            "can_edit": can_edit,
            "can_publish": permissions.can_publish(request.user, meeting),
            "decision_form": DecisionForm(prefix="decision") if can_edit else None,
            "item_form": ActionItemForm(owner=meeting.owner, prefix="item") if can_edit else None,
            "statuses": ActionItem.Status.choices,
        },
    )


@login_required
def meeting_edit(request, pk):
    meeting = _meeting(request, pk, Action.EDIT)
    form = MeetingForm(request.POST or None, instance=meeting, owner=meeting.owner, user=request.user)
    return form_flow(
        request,
        form,
        lambda: services.meeting_update(
            user=request.user,
            meeting=form.instance,
            expected_version=form.opened_version,
            fields=["title", "starts_at", "location", "organiser", "agenda", "notes", "situation_report"],
            participants=form.cleaned_data["participants"],
        ),
        template="meetings/form.html",
        context={"owner": meeting.owner, "slug": meeting.owner.slug, "title": _("Edit meeting")},
        done=lambda _saved: meeting,
    )


@login_required
@require_POST
def decision_add(request, pk):
    meeting = _meeting(request, pk, Action.EDIT)
    form = DecisionForm(request.POST, prefix="decision")
    return post_and_return(
        request,
        meeting,
        lambda: services.decision_add(user=request.user, meeting=meeting, text=form.cleaned_data["text"]),
        form=form,
        invalid=_("Write the decision."),
        success=_("The decision was recorded."),
    )


@login_required
@require_POST
def action_item_add(request, pk):
    meeting = _meeting(request, pk, Action.EDIT)
    form = ActionItemForm(request.POST, owner=meeting.owner, prefix="item")
    return post_and_return(
        request,
        meeting,
        lambda: services.action_item_add(user=request.user, meeting=meeting, **form.cleaned_data),
        form=form,
        invalid=_("The action item needs a text and an owner organisation of this meeting's place."),
        success=_("The action item was added; its owner sees it on their start page."),
    )


@login_required
@require_POST
def action_item_status(request, pk):
    try:
        item = ActionItem.objects.select_related("meeting", "owner_organisation").get(pk=pk)
    except ActionItem.DoesNotExist as exc:
        raise Http404 from exc
    if not (permissions.can_view(request.user, item.meeting) or services.can_update_item(request.user, item)):
        raise Http404
    status = request.POST.get("status", "")
    if status not in ActionItem.Status.values:
        messages.error(request, _("Choose a status."))
    else:
        services.action_item_set_status(user=request.user, item=item, status=status)
        messages.success(request, _("The action item's status was saved."))
    next_url = request.POST.get("next", "")
    if next_url == "start":
        return redirect("start")
    if permissions.can_view(request.user, item.meeting):
        return redirect(item.meeting)
    return redirect("start")


@login_required
def annual_event_create(request, slug):
    owner = place_for(request.user, slug, Action.EDIT, of=ANY_PLACE)
    form = AnnualEventForm(request.POST or None)
    return form_flow(
        request,
        form,
        lambda: services.annual_event_create(user=request.user, owner=owner, **form.cleaned_data),
        template="meetings/form.html",
        context={"owner": owner, "slug": slug, "title": _("New annual event")},
        done=lambda _saved: reverse("meetings:index", args=[slug]),
        success=_("The event was added to the annual calendar."),
    )


@login_required
def annual_calendar_ics(request, slug):
    owner = place_for(request.user, slug, of=ANY_PLACE)
    body = calendar.annual_calendar(
        f"Årshjul – {owner.name}", selectors.annual_events_of(owner), settings.SITE_URL
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="arshjul-{owner.slug}.ics"'
    return response
