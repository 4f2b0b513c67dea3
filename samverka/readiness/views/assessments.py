"""An assessment's plan: list, create, the overview page, edit, team, completing and publishing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverka.core import permissions as core
from samverka.core.editing import add_errors, form_flow, post_and_return
from samverka.core.permissions import Action, place_for
from samverka.readiness import forms, selectors, services
from samverka.readiness import permissions as rules
from samverka.readiness.models import Assessment
from samverka.readiness.views.common import assessment_for, lang, require_manage, results_context


@login_required
def assessment_list(request, slug):
    place = place_for(request.user, slug)
    assessments = (
        selectors.assessments_visible_to(request.user).filter(municipality=place).order_by("-created_at")
    )
    return render(
        request,
        "readiness/list.html",
        {
            "municipality": place,
            "assessments": assessments,
            "can_create": core.can_publish(request.user, place),
        },
    )


@login_required
def assessment_create(request, slug):
    place = place_for(request.user, slug, Action.PUBLISH)
    form = forms.AssessmentForm(request.POST or None)
    team_form = forms.TeamForm(request.POST or None, owner=place, prefix="team")
    respondents = forms.RespondentFormSet(request.POST or None, prefix="resp")
    if request.method == "POST" and form.is_valid() and team_form.is_valid() and respondents.is_valid():
        planned = [
            (f["role"].strip(), f["sector"] or "other") for f in respondents.cleaned_data if f.get("role")
        ]
        try:
            assessment = services.assessment_create(
                user=request.user,
                owner=place,
                team=team_form.members(),
                respondents=planned,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The assessment was created with our interview guide."))
            return redirect(assessment)
    return render(
        request,
        "readiness/create.html",
        {"municipality": place, "form": form, "team_form": team_form, "respondents": respondents},
    )


@login_required
def assessment_detail(request, pk):
    assessment = assessment_for(request, pk)
    user = request.user
    interviews = list(selectors.interviews_with_scores(assessment))
    open_ids = selectors.unblinded_interview_ids(assessment)
    for interview in interviews:
        mine = [s for s in interview.sheets.all() if s.scorer_id == user.pk]
        interview.my_sheet = mine[0] if mine else None
        interview.submitted_count = sum(1 for s in interview.sheets.all() if s.submitted_at)
        interview.unblinded = interview.pk in open_ids
        interview.consensus_done = len(interview.consensus.all()) == len(assessment.dimension_keys)
    context = {
        "assessment": assessment,
        "team": assessment.team.select_related("user"),
        "is_team": rules.is_team_member(user, assessment),
        "can_manage": rules.can_manage(user, assessment),
        "can_score": rules.can_score(user, assessment),
        "can_edit_interviews": rules.can_edit_interviews(user, assessment),
        "can_see_results": rules.can_view_results(user, assessment),
        "interviews": interviews,
        "scorer_count": len(selectors.scorer_ids(assessment)),
        "is_coordinator": core.can_publish(user, assessment),
        "events": assessment.events.select_related("by")[:50]
        if rules.is_team_member(user, assessment)
        else [],
    }
    if context["can_see_results"]:
        result, why = selectors.result_of(assessment)
        context.update(results_context(assessment, result, lang()))
        context["why_no_result"] = why
        context["publish_form"] = forms.PublishForm(instance=assessment)
    return render(request, "readiness/detail.html", context)


@login_required
def assessment_edit(request, pk):
    assessment = assessment_for(request, pk)
    require_manage(request, assessment)
    form = forms.AssessmentEditForm(request.POST or None, instance=assessment)
    return form_flow(
        request,
        form,
        lambda: services.assessment_update(
            user=request.user, assessment=form.instance, expected_version=form.opened_version
        ),
        template="readiness/edit.html",
        context={"assessment": assessment},
        done=lambda _saved: assessment,
        success=_("Saved."),
    )


@login_required
def team_edit(request, pk):
    assessment = assessment_for(request, pk)
    require_manage(request, assessment)
    current = assessment.team.all()
    initial = {
        "coordinators": [m.user_id for m in current if m.role == "coordinator"],
        "interviewers": [m.user_id for m in current if m.role == "interviewer"],
        "scorers": [m.user_id for m in current if m.role == "scorer"],
    }
    form = forms.TeamForm(request.POST or None, owner=assessment.owner, initial=initial)
    return form_flow(
        request,
        form,
        lambda: services.team_set(user=request.user, assessment=assessment, members=form.members()),
        template="readiness/team.html",
        context={"assessment": assessment},
        done=lambda _saved: assessment,
        success=_("The team was saved."),
    )


@login_required
@require_POST
def complete(request, pk):
    assessment = assessment_for(request, pk)
    completed = request.POST.get("completed") == "1"
    return post_and_return(
        request,
        assessment,
        lambda: services.assessment_complete(user=request.user, assessment=assessment, completed=completed),
        success=_("Saved."),
    )


@login_required
@require_POST
def publish(request, pk):
    assessment = assessment_for(request, pk)
    form = forms.PublishForm(request.POST, instance=Assessment.objects.get(pk=assessment.pk))
    return post_and_return(
        request,
        assessment,
        lambda: services.assessment_publish(
            user=request.user,
            assessment=assessment,
            published=form.cleaned_data["published"],
            shared_with_county=form.cleaned_data["shared_with_county"],
        ),
        form=form,
        success=_("Saved."),
    )
