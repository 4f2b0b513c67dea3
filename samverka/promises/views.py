"""Staff pages under /loften/. Thin: fetch through core.permissions, validate with a form, call a service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverka.core import periods, permissions
from samverka.core.editing import form_flow, post_and_return
from samverka.core.exports import xlsx_response
from samverka.core.files import file_response
from samverka.core.models import Collaboration, Period
from samverka.core.pdf import pdf_response
from samverka.core.permissions import Action, place_for
from samverka.core.selectors import organisations_of
from samverka.promises import forms, process, reports, selectors, services
from samverka.promises.models import ActionPlan, Commitment, FollowUp, PlanState, Promise, PromiseState


def _home(obj) -> str:
    """The municipality slug to go back to for a record (its own, or its collaboration's first)."""
    if obj.municipality_id:
        return obj.municipality.slug
    first = obj.collaboration.municipalities.order_by("name").first()
    return first.slug if first else ""


@login_required
def overview(request, slug):
    place = place_for(request.user, slug)
    today = timezone.localdate()
    promises = list(selectors.staff_promises(request.user, place).prefetch_related("commitments__verdict"))
    plans = list(selectors.staff_plans(request.user, place).prefetch_related("measures__verdict"))
    for item in [*promises, *plans]:
        item.current_phase = item.phase(today)
    return render(
        request,
        "promises/overview.html",
        {
            "municipality": place,
            "promises": promises,
            "plans": plans,
            "today": today,
            "can_edit": permissions.can_edit(request.user, place),
        },
    )


def _owners(user, place):
    owners = []
    if permissions.can_edit(user, place):
        owners.append((f"m-{place.pk}", place))
    for collab in place.collaborations.all():
        if permissions.can_edit(user, collab):
            owners.append((f"c-{collab.pk}", collab))
    return owners


@login_required
def promise_new(request, slug):
    place = place_for(request.user, slug)
    owners = _owners(request.user, place)
    if not owners:
        raise PermissionDenied
    form = forms.PromiseForm(request.POST or None, owners=owners)
    return form_flow(
        request,
        form,
        lambda: services.promise_create(user=request.user, owner=form.chosen_owner(), **_fields(form)),
        template="promises/form.html",
        context={"municipality": place, "title": _("New citizen promise")},
        done=lambda promise: promise,
        success=_("The promise was created as a draft. Add its commitments."),
    )


def _fields(form) -> dict:
    """What a promise or plan form edits, as the service's keyword arguments."""
    return {name: form.cleaned_data[name] for name in form.Meta.fields}


@login_required
def promise_detail(request, pk):
    promise = permissions.get_for_user(request.user, selectors.promise_detail_qs(), Action.VIEW, pk=pk)
    commitments = selectors.with_progress(promise.commitments.all())
    return render(
        request,
        "promises/promise_detail.html",
        {
            "promise": promise,
            "commitments": commitments,
            "signoff": services.signoff_status(promise),
            "approvable": services.approvable_by(request.user, promise),
            "can_edit": permissions.can_edit(request.user, promise),
            "can_publish": permissions.can_publish(request.user, promise),
            "accepts_follow_ups": promise.state == PromiseState.ACTIVE,
            "period_over": timezone.localdate() > promise.end,
            "home": _home(promise),
            "signatory_form": forms.SignatoryForm(organisations=organisations_of(promise.owner)),
        },
    )


@login_required
def promise_edit(request, pk):
    promise = permissions.get_for_user(request.user, Promise.objects.all(), Action.EDIT, pk=pk)
    form = forms.PromiseForm(request.POST or None, instance=promise)
    return _edit(request, promise, form, _("Edit the promise"), _("The promise was saved."))


def _edit(request, record, form, title, success):
    """The edit page of a promise or a plan: the form's fields saved on a fresh copy of the record at the
    version the form was opened at (the form's instance already holds the user's values)."""

    def save():
        fresh = type(record).objects.get(pk=record.pk)
        update = services.promise_update if isinstance(record, Promise) else services.plan_update
        key = "promise" if isinstance(record, Promise) else "plan"
        return update(
            user=request.user, **{key: fresh}, expected_version=form.opened_version, **_fields(form)
        )

    return form_flow(
        request,
        form,
        save,
        template="promises/form.html",
        context={"title": title, "back": record.get_absolute_url()},
        done=lambda _saved: record,
        success=success,
    )


def _signoff_action(request, record, action, submit, approve, done_messages) -> bool:
    """Send a promise or plan for sign-off ("skicka") or approve it for one party ("godkann"): the same
    steps and messages for both. False for another action."""
    if action == "skicka":
        submit(user=request.user, **{_kind(record): record})
        messages.success(request, done_messages["sent"])
    elif action == "godkann":
        approve(user=request.user, **{_kind(record): record}, party=request.POST.get("party", ""))
        record.refresh_from_db()
        if record.state == PromiseState.AWAITING_SIGNOFF:  # the same value for a plan
            messages.success(
                request, _("Your approval was recorded. The other parties must approve as well.")
            )
        else:
            messages.success(request, done_messages["last"])
    else:
        return False
    return True


def _kind(record) -> str:
    return "promise" if isinstance(record, Promise) else "plan"


@login_required
@require_POST
def promise_action(request, pk, action):
    promise = permissions.get_for_user(
        request.user, Promise.objects.select_related("police_area"), Action.VIEW, pk=pk
    )
    try:
        if action == "avsluta":
            services.promise_conclude(user=request.user, promise=promise)
            messages.success(request, _("The promise was concluded."))
        elif not _signoff_action(
            request,
            promise,
            action,
            services.promise_submit,
            services.promise_approve,
            {
                "sent": _("The promise was sent for sign-off by both parties."),
                "last": _("Every party has approved: the promise is now active and public."),
            },
        ):
            raise Http404
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect(promise)


@login_required
@require_POST
def signatory_add(request, pk):
    promise = permissions.get_for_user(request.user, Promise.objects.all(), Action.EDIT, pk=pk)
    form = forms.SignatoryForm(request.POST, organisations=organisations_of(promise.owner))
    return post_and_return(
        request,
        promise,
        lambda: services.signatory_add(user=request.user, promise=promise, **form.cleaned_data),
        form=form,
        invalid=_("Give the office and the organisation of the signatory."),
        success=_("The signatory was added."),
    )


def _commitment_form(request, parent, commitment=None):
    goals = parent.goals.all() if isinstance(parent, ActionPlan) else None
    initial = {}
    if commitment is not None:
        target = getattr(commitment, "target", None)
        initial = {
            "text": commitment.text,
            "order": commitment.order,
            "goal": commitment.goal_id,
            "responsible": list(commitment.responsible.all()),
            "activities": list(commitment.activities.all()),
        }
        if target is not None:
            initial.update(
                {k: getattr(target, k) for k in services.TARGET_FIELDS if k not in ("start", "end")}
            )
    return forms.CommitmentForm(
        request.POST or None,
        initial=initial,
        organisations=organisations_of(parent.owner),
        activities=forms.activities_for(request.user, parent),
        user=request.user,
        goals=goals,
        instance=commitment,
    )


def _save_commitment(request, parent, commitment=None):
    form = _commitment_form(request, parent, commitment)

    def save():
        d = form.cleaned_data
        services.commitment_save(
            user=request.user,
            parent=parent,
            text=d["text"],
            target=form.target(),
            responsible=d["responsible"],
            activities=d["activities"],
            goal=d.get("goal"),
            order=d.get("order") or 0,
            commitment=commitment,
            expected_version=form.opened_version if commitment else None,
        )
        if isinstance(parent, Promise):
            parent.refresh_from_db()
            if parent.state == PromiseState.AWAITING_SIGNOFF:
                messages.warning(
                    request, _("The commitments changed: both parties must approve the promise again.")
                )

    title = _("Commitment") if isinstance(parent, Promise) else _("Measure")
    return form_flow(
        request,
        form,
        save,
        template="promises/form.html",
        context={"title": title, "parent": parent, "back": parent.get_absolute_url()},
        done=lambda _saved: parent,
        success=_("Saved."),
    )


@login_required
def commitment_new(request, pk):
    promise = permissions.get_for_user(request.user, Promise.objects.all(), Action.EDIT, pk=pk)
    return _save_commitment(request, promise)


@login_required
def measure_new(request, pk):
    plan = permissions.get_for_user(request.user, ActionPlan.objects.all(), Action.EDIT, pk=pk)
    return _save_commitment(request, plan)


@login_required
def commitment_edit(request, pk):
    commitment = permissions.get_for_user(
        request.user, Commitment.objects.select_related("promise", "plan", "target"), Action.EDIT, pk=pk
    )
    return _save_commitment(request, commitment.parent, commitment)


@login_required
def follow_up_new(request, pk):
    """Record what was done for a commitment or measure."""
    commitment = permissions.get_for_user(
        request.user, Commitment.objects.select_related("promise", "plan", "target"), Action.EDIT, pk=pk
    )
    form = forms.FollowUpForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        responsible=list(commitment.responsible.all()),
    )
    return form_flow(
        request,
        form,
        lambda: services.follow_up_create(user=request.user, commitment=commitment, **form.cleaned_data),
        template="promises/follow_up_form.html",
        context={
            "commitment": commitment,
            "parent": commitment.parent,
            "accepts": services.accepts_follow_ups(commitment),
        },
        done=lambda _saved: commitment.parent,
        success=lambda _saved: _follow_up_message(commitment),
    )


def _follow_up_message(commitment) -> str:
    result = commitment.progress()
    status = result.status if result else None
    return _("The follow-up was recorded. Status: %(status)s.") % {
        "status": reports.status_label(status) if status else "–"
    }


@login_required
def evidence(request, pk):
    """A follow-up's attachment, to whoever may view the follow-up."""
    follow_up = permissions.get_for_user(request.user, FollowUp.objects.all(), Action.VIEW, pk=pk)
    return file_response(follow_up.evidence_file, filename=selectors.evidence_filename(follow_up))


@login_required
def verdict(request, pk):
    commitment = permissions.get_for_user(
        request.user,
        Commitment.objects.select_related("promise", "plan", "target", "verdict"),
        Action.PUBLISH,
        pk=pk,
    )
    proposed = commitment.proposed_verdict()
    existing = getattr(commitment, "verdict", None)
    initial = {"value": existing.value if existing else (proposed.value if proposed else None)}
    if existing:
        initial["explanation"] = existing.explanation
    if existing:
        initial["opened_at_version"] = existing.version
    form = forms.VerdictForm(request.POST or None, initial=initial)
    return form_flow(
        request,
        form,
        lambda: services.verdict_confirm(
            user=request.user,
            commitment=commitment,
            value=form.cleaned_data["value"],
            explanation=form.cleaned_data["explanation"],
            expected_version=form.cleaned_data.get("opened_at_version"),
        ),
        template="promises/verdict_form.html",
        context={"commitment": commitment, "proposed": proposed, "progress": commitment.progress()},
        done=lambda _saved: commitment.parent,
        success=_("The verdict was confirmed."),
    )


@login_required
def event_new(request, pk):
    commitment = permissions.get_for_user(
        request.user, Commitment.objects.select_related("promise", "plan"), Action.EDIT, pk=pk
    )
    form = forms.PlannedEventForm(request.POST or None)
    return form_flow(
        request,
        form,
        lambda: services.planned_event_add(user=request.user, commitment=commitment, **form.cleaned_data),
        template="promises/form.html",
        context={"title": _("Planned event"), "back": commitment.parent.get_absolute_url()},
        done=lambda _saved: commitment.parent,
        success=_("The event was added to the calendar."),
    )


# --- Action plans ------------------------------------------------------------------------------------


@login_required
def plan_new(request, slug):
    place = place_for(request.user, slug, Action.EDIT)
    form = forms.PlanForm(request.POST or None, owner=place)
    return form_flow(
        request,
        form,
        lambda: services.plan_create(user=request.user, owner=place, **_fields(form)),
        template="promises/form.html",
        context={"municipality": place, "title": _("New action plan")},
        done=lambda plan: plan,
    )


@login_required
def plan_detail(request, pk):
    plan = permissions.get_for_user(request.user, selectors.plan_detail_qs(), Action.VIEW, pk=pk)
    measures = selectors.with_progress(plan.measures.all())
    return render(
        request,
        "promises/plan_detail.html",
        {
            "plan": plan,
            "measures": measures,
            "goal_form": forms.GoalForm(),
            "can_edit": permissions.can_edit(request.user, plan),
            "can_publish": permissions.can_publish(request.user, plan),
            "accepts_follow_ups": plan.state == PlanState.ADOPTED,
            "signoff": services.signoff_status(plan),
            "approvable": services.approvable_by(request.user, plan),
            "home": _home(plan),
        },
    )


@login_required
def plan_edit(request, pk):
    plan = permissions.get_for_user(request.user, ActionPlan.objects.all(), Action.EDIT, pk=pk)
    form = forms.PlanForm(request.POST or None, instance=plan, owner=plan.owner)
    return _edit(request, plan, form, _("Edit the plan"), _("Saved."))


@login_required
@require_POST
def goal_add(request, pk):
    plan = permissions.get_for_user(request.user, ActionPlan.objects.all(), Action.EDIT, pk=pk)
    form = forms.GoalForm(request.POST)
    return post_and_return(
        request,
        plan,
        lambda: services.goal_create(
            user=request.user, plan=plan, **form.cleaned_data, order=plan.goals.count() + 1
        ),
        form=form,
        invalid=_("Write the goal."),
        success=_("The goal was added."),
    )


@login_required
@require_POST
def plan_action(request, pk, action):
    plan = permissions.get_for_user(request.user, ActionPlan.objects.all(), Action.VIEW, pk=pk)
    try:
        if not _signoff_action(
            request,
            plan,
            action,
            services.plan_submit,
            services.plan_approve,
            {
                "sent": _("The plan was sent for sign-off by every party."),
                "last": _("Every party has approved: the plan is now adopted and public."),
            },
        ):
            raise Http404
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect(plan)


# --- Process tracker and reports ---------------------------------------------------------------------


def _process_period(place, wanted: str):
    """The period the tracker shows: the one asked for (of this place only), else today's, else the newest."""
    own = periods.periods_of(place)
    if wanted:
        try:
            return own.get(pk=wanted)
        except (Period.DoesNotExist, ValidationError, ValueError):
            raise Http404 from None
    return periods.period_at(place, timezone.localdate()) or own.order_by("-first_year").first()


@login_required
def process_view(request, slug):
    place = place_for(request.user, slug, of=permissions.ANY_PLACE)
    period = _process_period(place, request.POST.get("period") or request.GET.get("period", ""))
    if request.method == "POST":
        permissions.require(request.user, Action.EDIT, place)
        key = request.POST.get("key", "")
        try:
            services.process_tick(
                user=request.user,
                owner=place,
                period=period,
                key=key,
                done=request.POST.get("done") == "1",
                note=request.POST.get("note", "")[:300],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        url = reverse("promises:process", args=[place.slug])
        return redirect(f"{url}?period={period.pk}" if period else url)
    return render(
        request,
        "promises/process.html",
        {
            "municipality": place,
            "is_collaboration": isinstance(place, Collaboration),
            "period": period,
            "periods": periods.periods_of(place).order_by("-first_year"),
            "tracker": process.tracker(place, period),
            "can_edit": permissions.can_edit(request.user, place),
        },
    )


@login_required
def report(request, slug, fmt):
    place = place_for(request.user, slug)
    year = request.GET.get("ar")
    try:
        year = int(year) if year else timezone.localdate().year
    except ValueError:
        year = timezone.localdate().year
    data = reports.yearly(request.user, place, year)
    name = f"uppfoljning-{place.slug}-{year}"
    if fmt == "xlsx":
        return xlsx_response(f"{name}.xlsx", reports.sheets(data))
    return pdf_response(request, "promises/report_pdf.html", data, f"{name}.pdf")
