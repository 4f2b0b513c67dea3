"""Interviews: the team's coordinators and interviewers record them; transcripts stay within the team."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverka.core.editing import form_flow, post_and_return
from samverka.core.permissions import get_for_user
from samverka.readiness import forms, selectors, services
from samverka.readiness import permissions as rules
from samverka.readiness.views.common import assessment_for, interview_for, require_team


@login_required
def interview_edit(request, pk, interview_pk=None):
    assessment = assessment_for(request, pk)
    if not rules.can_edit_interviews(request.user, assessment):
        raise PermissionDenied
    interview = None
    if interview_pk is not None:
        interview = get_for_user(request.user, assessment.interviews.all(), pk=interview_pk)
    form = forms.InterviewForm(
        request.POST or None, request.FILES or None, instance=interview, assessment=assessment
    )

    def save():
        obj = form.save(commit=False)
        obj.assessment = assessment
        transcript = form.cleaned_data.get("transcript_file")
        services.interview_save(user=request.user, interview=obj, transcript_upload=transcript)
        return obj

    return form_flow(
        request,
        form,
        save,
        template="readiness/interview_form.html",
        context={"assessment": assessment, "interview": interview},
        done=lambda obj: reverse("readiness:interview", args=[obj.pk]),
        success=_("The interview was saved."),
    )


@login_required
def interview_detail(request, pk):
    interview = interview_for(request, pk)
    assessment = interview.assessment
    require_team(request, assessment)  # transcripts: the team only
    unblinded = rules.all_submitted(interview)
    return render(
        request,
        "readiness/interview.html",
        {
            "assessment": assessment,
            "interview": interview,
            "can_manage": rules.can_edit_interviews(request.user, assessment)
            and interview.status != interview.Status.REMOVED,
            "can_remove": rules.can_manage(request.user, assessment)
            and not assessment.completed
            and interview.status != interview.Status.REMOVED,
            "can_score": rules.can_score(request.user, assessment),
            "unblinded": unblinded,
            "sheets": selectors.visible_sheets(request.user, interview, unblinded),
        },
    )


@login_required
@require_POST
def interview_remove(request, pk):
    interview = interview_for(request, pk)
    assessment = interview.assessment
    return post_and_return(
        request,
        assessment,
        lambda: services.interview_remove(user=request.user, interview=interview),
        success=_("The interview was removed."),
    )
